from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.mfa.totp.forms import ActivateTOTPForm as AllauthActivateTOTPForm
from allauth.mfa.totp.internal.auth import get_totp_secret
from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from .enums import INVITATION_PAGE_ROLES, Role

NAME_MAX_LENGTH = 150


class SignupForm(AllauthSignupForm):
    first_name = forms.CharField(label=_("First name"), max_length=NAME_MAX_LENGTH)
    last_name = forms.CharField(label=_("Last name"), max_length=NAME_MAX_LENGTH)

    field_order = ["first_name", "last_name", "email", "password1", "password2"]


class InvitationForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=NAME_MAX_LENGTH)
    last_name = forms.CharField(label=_("Last name"), max_length=NAME_MAX_LENGTH)
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=[(role.value, role.label) for role in INVITATION_PAGE_ROLES], initial=Role.COACH
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class SetPasswordForm(forms.Form):
    """The invited person's first password, checked by the same validators as sign-up."""

    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(
        label=_("Password (again)"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_password1(self):
        password = self.cleaned_data["password1"]
        password_validation.validate_password(password, self.user)
        return password

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords are not the same."))
        return cleaned


class ActivateTOTPForm(AllauthActivateTOTPForm):
    """allauth's form makes a new secret on every visit of the page. Here the secret stays the
    same until activation succeeds (which forgets it): a reload, a second tab or a request the
    browser makes on its own would otherwise replace the secret the QR code on screen shows,
    and every code typed from it would be refused."""

    def __init__(self, *args, **kwargs):
        # allauth's __init__ would regenerate the secret on a GET: set up the form without it.
        self.user = kwargs.pop("user")
        forms.Form.__init__(self, *args, **kwargs)
        self.secret = get_totp_secret(regenerate=False)
