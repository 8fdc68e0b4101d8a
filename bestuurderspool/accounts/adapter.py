from allauth.account.adapter import DefaultAccountAdapter

from .enums import Role


class AccountAdapter(DefaultAccountAdapter):
    """Whoever signs up is a wethouder; coaches and coordinators arrive by invitation."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.role = Role.WETHOUDER
        user.first_name = form.cleaned_data.get("first_name", "")
        user.last_name = form.cleaned_data.get("last_name", "")
        if commit:
            user.save()
        return user
