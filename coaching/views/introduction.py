"""The coach's introduction and photo, and the photo itself for those who may see it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from ..forms.introduction import IntroductionForm
from ..models import CoachProfile
from ..selectors.home import coach_profiles
from ..services import pool as services


def introduction(request):
    """Where the coach writes how wethouders meet them, with a preview of their coach card."""
    if not request.user.is_coach:
        raise PermissionDenied
    profile = coach_profiles().get(pk=services.ensure_coach_profile(request.user).pk)
    if not request.user.has_perm("coaching.write_introduction", profile):
        raise PermissionDenied
    form = IntroductionForm(request.POST or None, request.FILES or None, profile=profile)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.update_introduction(
            profile, bio=data["bio"], photo=data["photo"], remove_photo=data.get("remove_photo", False), by=request.user
        )
        messages.success(request, _("Your introduction is saved."))
        return redirect("coaching:introduction")
    context = {"form": form, "profile": profile, "preview": {"coach": request.user}}
    return render(request, "coaching/coach_introduction.html", context, status=400 if form.errors else 200)


@cache_control(private=True, max_age=3600)
def coach_photo(request, pk):
    """The photo, to the coach, coordinators and the wethouder who knows the coach; to anyone
    else (and for a coach without a photo) it does not exist."""
    profile = get_object_or_404(CoachProfile.objects.select_related("user"), pk=pk)
    if not profile.photo or not request.user.has_perm("coaching.view_coach_photo", profile):
        raise Http404
    response = FileResponse(profile.photo.open("rb"), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    return response
