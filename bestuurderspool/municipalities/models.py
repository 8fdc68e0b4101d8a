from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .names import normalise


class Province(models.Model):
    code = models.CharField(_("CBS code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100)
    alt_name = models.CharField(_("everyday name"), max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.name


class MunicipalityQuerySet(models.QuerySet):
    def lookup(self, text: str):
        """The municipality whose official or everyday name is `text`, or None."""
        key = normalise(text or "")
        if not key:
            return None
        return self.filter(names__key=key).select_related("province").first()


class Municipality(models.Model):
    """A municipality as CBS lists it (1 January 2026). Source: CBS, CC BY 4.0."""

    code = models.CharField(_("CBS code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=100)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="municipalities")
    latitude = models.FloatField(_("latitude"), validators=[MinValueValidator(-90.0), MaxValueValidator(90.0)])
    longitude = models.FloatField(_("longitude"), validators=[MinValueValidator(-180.0), MaxValueValidator(180.0)])
    population = models.PositiveIntegerField(_("population"), default=0)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name


class MunicipalityName(models.Model):
    """A name a municipality can be searched by, with its normalised key."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=100)
    key = models.CharField(max_length=100, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality", "key"], name="municipality_name_unique")]

    def __str__(self):
        return self.name


class Party(models.Model):
    """A national party, offered as a choice; local parties are typed in by name."""

    short_name = models.CharField(_("name"), max_length=50, unique=True)
    list_name = models.CharField(_("list name"), max_length=100, blank=True)

    class Meta:
        ordering = ["short_name"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self):
        return self.short_name
