"""What every page of group tracks does the same way: fetch through `visible_to` (a track that
is not the user's is a 404), check the rule with django-rules' own permission set, and show a
refused rule on the form with what was typed kept."""

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from .. import selectors
from ..models import Track


def require(request, permission, obj=None):
    if not rules.has_perm(permission, request.user, obj):
        raise PermissionDenied


def visible_track(request, pk, permission="tracks.view_track") -> Track:
    try:
        track = selectors.track_for(request.user, pk)
    except Track.DoesNotExist as error:
        raise Http404 from error
    require(request, permission, track)
    return track


def attempt(request, form, action, success) -> bool:
    """Validate, call the service; its refusal lands on the form (on the field it names, if it
    names one), nothing typed is lost. `success` is the message, or makes it from the result."""
    if not form.is_valid():
        return False
    try:
        result = action(form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, success(result) if callable(success) else success)
    return True
