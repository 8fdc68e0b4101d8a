from allauth.account.utils import perform_login
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from rules.contrib.views import permission_required

from . import services
from .forms import InvitationForm, SetPasswordForm
from .middleware import MFA_SETUP_NEXT_SESSION_KEY
from .models import Invitation


@permission_required("accounts.invite_user", raise_exception=True)
def invitation_create(request):
    form = InvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invite_user(
                form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.user.email})
            return redirect("invitation_create")
    invitations = Invitation.objects.select_related("user", "invited_by")[:50]
    context = {
        "form": form,
        "invitations": invitations,
        "invitation_valid_days": settings.INVITATION_VALID_DAYS,
    }
    return render(request, "accounts/invitation_create.html", context)


@login_not_required
@never_cache
@sensitive_post_parameters("password1", "password2")
def accept_invitation(request, token):
    invitation = services.find_invitation(token)
    if invitation is None or not invitation.is_usable:
        return render(request, "accounts/invitation_invalid.html", {"invitation": invitation}, status=410)
    form = SetPasswordForm(request.POST if request.method == "POST" else None, user=invitation.user)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(invitation, password=form.cleaned_data["password1"])
        except ValidationError:
            return render(request, "accounts/invitation_invalid.html", {"invitation": invitation}, status=410)
        messages.success(request, _("Welcome! Your password is set."))
        return perform_login(request, user, email=user.email, redirect_url=reverse("home"))
    return render(request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation})


def mfa_setup_done(request):
    """After the recovery codes, "Doorgaan" leads back to the page that sent the user to set up
    TOTP (remembered by the middleware), or home."""
    target = request.session.pop(MFA_SETUP_NEXT_SESSION_KEY, "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("home")
    return redirect(target)
