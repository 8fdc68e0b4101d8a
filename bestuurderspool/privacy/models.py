"""The audit trail (who read or changed which sensitive record, when: never the content) and the
wethouders' erasure requests.

The audit trail is append-only: the model refuses updates and deletes, and on PostgreSQL a
trigger refuses them too (migration 0001), except the retention purge, which deletes records
older than `RETENTION_AUDIT_DAYS` under a transaction-local switch (`services.audit`).
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import AuditAction, ErasureState

APPEND_ONLY = "The audit trail is append-only."


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImproperlyConfigured(APPEND_ONLY)

    def delete(self):
        raise ImproperlyConfigured(APPEND_ONLY)


class AuditEvent(models.Model):
    """One read or change of a sensitive record: who, what, which record, when; no content.

    `actor` and `person` keep no database constraint: a record outlives the accounts it names.
    """

    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    record_type = models.CharField(_("record type"), max_length=60)
    record_id = models.PositiveBigIntegerField(_("record id"), null=True, blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about"),
    )

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit record")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["-at"], name="audit_at_idx"),
            models.Index(fields=["actor", "-at"], name="audit_actor_idx"),
            models.Index(fields=["record_type", "record_id"], name="audit_record_idx"),
            models.Index(fields=["person", "-at"], name="audit_person_idx"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.record_type} {self.record_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImproperlyConfigured(APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImproperlyConfigured(APPEND_ONLY)


class ErasureRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=ErasureState.REQUESTED)


class ErasureRequest(models.Model):
    """A wethouder's request to erase their personal data (AVG art. 17), answered within a month
    (art. 12(3)) by a coordinator, who carries it out."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="erasure_requests")
    state = models.CharField(max_length=12, choices=ErasureState.choices, default=ErasureState.REQUESTED)
    requested_at = models.DateTimeField(_("requested at"))
    due_on = models.DateField(_("to be carried out by"))
    carried_out_at = models.DateTimeField(_("carried out at"), null=True, blank=True)
    carried_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ErasureRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(state=ErasureState.REQUESTED), name="one_open_erasure_request"
            ),
        ]

    def __str__(self):
        return f"{self._meta.verbose_name} {self.pk}"
