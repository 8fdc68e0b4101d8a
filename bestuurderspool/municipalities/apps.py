from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MunicipalitiesConfig(AppConfig):
    name = "bestuurderspool.municipalities"
    label = "municipalities"
    verbose_name = _("Municipalities")
