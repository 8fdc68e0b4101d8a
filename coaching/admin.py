from django.contrib import admin

from .models import CoachProfile, ConflictOfInterest, FormerRole, Match, MatchEvent, MatchingWeights, Wave


class FormerRoleInline(admin.TabularInline):
    model = FormerRole
    extra = 0


class ConflictInline(admin.TabularInline):
    model = ConflictOfInterest
    extra = 0


@admin.register(CoachProfile)
class CoachProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "home_municipality", "capacity", "active_load", "status"]
    list_filter = ["status"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    readonly_fields = ["active_load"]
    inlines = [FormerRoleInline, ConflictInline]


@admin.register(MatchingWeights)
class MatchingWeightsAdmin(admin.ModelAdmin):
    """Only superusers change the weights; coordinators read them in the portal."""

    list_display = ["__str__", "updated_at", "updated_by"]
    readonly_fields = ["updated_by", "updated_at"]

    def has_add_permission(self, request):
        return request.user.is_superuser and not MatchingWeights.objects.exists()

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


class MatchEventInline(admin.TabularInline):
    model = MatchEvent
    extra = 0
    readonly_fields = ["action", "by", "at", "note"]


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ["wethouder", "coach", "state", "source", "proposed_at"]
    list_filter = ["state", "source"]
    readonly_fields = [f.name for f in Match._meta.fields]
    inlines = [MatchEventInline]


admin.site.register(Wave)
