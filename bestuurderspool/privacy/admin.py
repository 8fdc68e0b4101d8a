"""The admin of people and their second factors, made safe: no TOTP secret or recovery seed is
shown (allauth's own admin shows them in clear), a coach's or wethouder's password is never set
by an administrator (a reset link is offered), and every change to a person is recorded in the
audit trail; changes to someone else's password or authenticators are mailed to them."""

from allauth.mfa.models import Authenticator
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bestuurderspool.accounts.admin import UserAdmin

from .enums import AuditAction
from .services import account
from .services.audit import record

admin.site.unregister(Authenticator)
admin.site.unregister(get_user_model())


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    """Which second factors someone has, and removing one (a lost phone); never their data."""

    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type"]
    list_select_related = ["user"]
    search_fields = ["user__email"]
    fields = ["user", "type", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        account.remove_authenticators([obj], by=request.user)

    def delete_queryset(self, request, queryset):
        account.remove_authenticators(list(queryset.select_related("user")), by=request.user)


class UserCreationForm(UserAdmin.add_form):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") in account.OWN_PASSWORD_ROLES:
            self.add_error(
                "role",
                _("Coaches are invited from the portal and wethouders sign up themselves; nobody sets their password."),
            )
        return cleaned


@admin.register(get_user_model())
class PortalUserAdmin(UserAdmin):
    add_form = UserCreationForm
    actions = ["send_reset_links"]

    def get_readonly_fields(self, request, obj=None):
        """A coach's or wethouder's address and role stay as they are: changing either would let
        an administrator send themselves a reset link, or set a password after all."""
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and not account.may_set_password(obj):
            fields += ["email", "role"]
        return fields

    def get_form(self, request, obj=None, **kwargs):
        """Nobody becomes a coach or wethouder in the admin: their password could be known."""
        form = super().get_form(request, obj, **kwargs)
        role = form.base_fields.get("role")
        if obj is not None and role is not None:
            role.choices = [(value, label) for value, label in role.choices if value not in account.OWN_PASSWORD_ROLES]
        return form

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        record(AuditAction.ADMIN_CHANGE, obj, by=request.user)

    def delete_model(self, request, obj):
        record(AuditAction.ADMIN_DELETE, obj, by=request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for user in queryset:
            record(AuditAction.ADMIN_DELETE, user, by=request.user)
        super().delete_queryset(request, queryset)

    @admin.action(description=gettext_lazy("Send a password reset link"))
    def send_reset_links(self, request, queryset):
        for user in queryset:
            account.send_reset_link(user, request=request, by=request.user)
        messages.success(request, _("Reset links sent: %(count)d.") % {"count": len(queryset)})

    def user_change_password(self, request, id, form_url=""):
        user = self.get_object(request, unquote(id))
        if user is None or not self.has_change_permission(request, user):
            return super().user_change_password(request, id, form_url)
        if not account.may_set_password(user):
            return self._reset_link_instead(request, user)
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302 and response["Location"] != request.get_full_path():
            account.password_changed_by_other(user, by=request.user)
        return response

    def _reset_link_instead(self, request, user):
        if request.method == "POST":
            account.send_reset_link(user, request=request, by=request.user)
            messages.success(request, _("A password reset link has been sent to %(email)s.") % {"email": user.email})
            return redirect("admin:accounts_user_change", user.pk)
        context = {**self.admin_site.each_context(request), "person": user, "opts": self.opts, "title": _("Password")}
        return TemplateResponse(request, "privacy/admin_reset_link.html", context)
