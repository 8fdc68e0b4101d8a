from django.contrib import admin

from .models import Municipality, MunicipalityName, Party, Province


class MunicipalityNameInline(admin.TabularInline):
    model = MunicipalityName
    extra = 0


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "province", "population"]
    list_filter = ["province"]
    search_fields = ["name", "code", "names__name"]
    inlines = [MunicipalityNameInline]


admin.site.register(Province)
admin.site.register(Party)
