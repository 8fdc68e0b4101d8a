import factory
from django.contrib.auth.models import Group

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp

from ..enums import PRIVACY_OFFICER_GROUP, AuditAction
from ..models import AuditEvent


class AuditEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditEvent

    action = AuditAction.READ
    record_type = "intake.intake"
    record_id = factory.Sequence(lambda n: n + 1)


def privacy_officer(**kwargs):
    """A staff member in the privacy officer group, with TOTP as staff must have."""
    user = with_totp(UserFactory(role="coordinator", is_staff=True, **kwargs))
    user.groups.add(Group.objects.get_or_create(name=PRIVACY_OFFICER_GROUP)[0])
    return user


def superuser():
    return with_totp(UserFactory(role="coordinator", is_staff=True, is_superuser=True))
