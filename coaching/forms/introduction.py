from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import CoachProfile
from ..models.pool import LONG_TEXT_MAX_LENGTH
from ..photos import MAX_BYTES, PhotoError, prepared_photo

PHOTO_ERRORS = {
    "too_large": _("The photo is larger than 5 MB. Choose a smaller one."),
    "not_an_image": _("This file is not a photo we can read. Choose a JPEG, PNG or WebP image."),
    "wrong_type": _("Choose a JPEG, PNG or WebP image."),
    "too_many_pixels": _("The photo has too many pixels. Choose one of at most 40 megapixels."),
}


class IntroductionForm(forms.Form):
    """The coach's introduction and photo. `cleaned_data["photo"]` is the JPEG to store (drawn
    anew from the upload's pixels, without its metadata) or None."""

    bio = forms.CharField(
        label=_("Your introduction for the wethouder"),
        help_text=_("A few sentences in your own words: who you are and how you coach."),
        max_length=LONG_TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    photo = forms.FileField(
        label=_("Photo (optional)"),
        help_text=_("JPEG, PNG or WebP, at most 5 MB. Only people who may see your profile see it."),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)

    def __init__(self, *args, profile: CoachProfile, **kwargs):
        kwargs.setdefault("initial", {"bio": profile.bio})
        super().__init__(*args, **kwargs)
        if not profile.photo:
            del self.fields["remove_photo"]

    def clean_photo(self) -> bytes | None:
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(PHOTO_ERRORS["too_large"], code="too_large")
        try:
            return prepared_photo(upload.read())
        except PhotoError as error:
            raise forms.ValidationError(PHOTO_ERRORS[error.code], code=error.code) from error
