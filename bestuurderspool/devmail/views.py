"""The sent-mail pages of development. They exist only with DEBUG on and only for requests from
this machine (the development server listens on 127.0.0.1): anything else gets 404, so a
production portal has no such pages even if someone found the address."""

import functools
import ipaddress

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.csp import CSP
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override

from .store import mail_directory, stored_mail, stored_mails

#: The mail's own HTML, shown in a sandboxed frame of the detail page: its inline styles, no
#: scripts, framed only by this site.
MAIL_HTML_CSP = {
    "default-src": [CSP.NONE],
    "style-src": [CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "frame-ancestors": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.NONE],
}


def _is_local(request) -> bool:
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


def development_only(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.DEBUG or not _is_local(request):
            raise Http404
        return view(request, *args, **kwargs)

    return login_not_required(wrapper)


@development_only
def mail_list(request):
    return render(request, "devmail/mail_list.html", {"mails": stored_mails(mail_directory())})


def _mail(name: str):
    mail = stored_mail(mail_directory(), name)
    if mail is None:
        raise Http404
    return mail


@development_only
def mail_detail(request, name):
    return render(request, "devmail/mail_detail.html", {"mail": _mail(name)})


@development_only
@xframe_options_sameorigin
@csp_override(MAIL_HTML_CSP)
def mail_html(request, name):
    """The HTML part as it was sent; links open in the whole window, not inside the frame."""
    html = _mail(name).html
    if not html:
        raise Http404
    base = '<base target="_top">'
    html = html.replace("<head>", "<head>" + base, 1) if "<head>" in html else base + html
    return HttpResponse(html, content_type="text/html; charset=utf-8")
