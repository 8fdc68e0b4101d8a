"""Writes about the pool: coach profiles and the CSV import."""

import secrets
from collections.abc import Sequence
from itertools import batched

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from bestuurderspool.accounts.enums import Role
from bestuurderspool.accounts.services import invite_new_users, invite_user

from ..csv_pool import CoachRow, RowError, parse_pool_csv
from ..models import CoachProfile, ConflictOfInterest, FormerRole


def ensure_coach_profile(user) -> CoachProfile:
    """Every coach has a profile; it is created empty the first time it is needed."""
    if not user.is_coach:
        raise ValidationError(_("Only coaches have a coach profile."), code="not_coach")
    profile, _created = CoachProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def update_coach_profile(profile: CoachProfile, *, form, roles_formset, conflicts_formset, by) -> CoachProfile:
    """Save the profile with its former roles and conflicts. The capacity never goes below the
    number of places the coach already fills."""
    locked = CoachProfile.objects.select_for_update().get(pk=profile.pk)
    if form.cleaned_data["capacity"] < locked.active_load:
        raise ValidationError(
            _("This coach already has %(load)s trajectories; the capacity cannot be lower.")
            % {"load": locked.active_load},
            code="capacity_below_load",
        )
    form.instance.active_load = locked.active_load
    profile = form.save()
    roles_formset.save()
    conflicts_formset.save()
    if by.pk == profile.user_id:
        profile.profile_confirmed_at = timezone.now()
        profile.save(update_fields=["profile_confirmed_at"])
    return profile


@transaction.atomic
def confirm_coach_profile(profile: CoachProfile, *, by) -> CoachProfile:
    profile.profile_confirmed_at = timezone.now()
    profile.save(update_fields=["profile_confirmed_at"])
    return profile


@transaction.atomic
def update_introduction(
    profile: CoachProfile, *, bio: str, photo: bytes | None, remove_photo: bool, by
) -> CoachProfile:
    """The coach's own introduction and photo, as the wethouder sees them once the coach has
    accepted. `photo` is an already re-encoded JPEG (`coaching.photos.prepared_photo`); it is
    stored under a new random name, and the file it replaces is deleted after commit."""
    profile = CoachProfile.objects.select_for_update().get(pk=profile.pk)
    if by.pk != profile.user_id:
        raise ValidationError(_("Only the coach writes their introduction."), code="not_own_profile")
    old_name = profile.photo.name
    profile.bio = bio.strip()
    if photo is not None:
        profile.photo.save(f"{secrets.token_urlsafe(18)}.jpg", ContentFile(photo), save=False)
    elif remove_photo:
        profile.photo = ""
    profile.profile_confirmed_at = timezone.now()
    profile.save(update_fields=["bio", "photo", "profile_confirmed_at"])
    if old_name and old_name != profile.photo.name:
        storage = profile.photo.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    return profile


@transaction.atomic
def add_coach(email: str, *, first_name: str, last_name: str, by) -> CoachProfile:
    """Invite a new coach (mail after commit) and give them an empty profile to fill in."""
    invitation = invite_user(email, role=Role.COACH, first_name=first_name, last_name=last_name, by=by)
    return ensure_coach_profile(invitation.user)


PROFILE_FIELDS = (
    "home_municipality",
    "gender",
    "party",
    "local_party",
    "languages",
    "capacity",
    "themes",
    "availability",
    "observes",
    "status",
    "paused_until",
)


class ImportRefused(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} problems")
        self.errors = errors


@transaction.atomic
def import_pool(content: str, *, by=None, dry_run: bool = False, progress=None) -> dict:
    """Create or update every coach in the CSV, or nothing at all: one bad row refuses the file.
    Coaches are matched on email (case-insensitive), so importing again never duplicates. New
    coaches are invited by email (after commit) when a coordinator imports. `progress(phase,
    done, total)` hears how far the check and the writing are."""
    rows = check_pool(content, progress=progress)
    created = 0
    for done, batch in enumerate(batched(rows, settings.POOL_IMPORT_BATCH_ROWS), start=1):
        created += save_rows(batch, by=by)
        if progress:
            progress("writing", min(done * settings.POOL_IMPORT_BATCH_ROWS, len(rows)), len(rows))
    if dry_run:
        transaction.set_rollback(True)
    return {"created": created, "updated": len(rows) - created}


def check_pool(content: str, *, progress=None) -> list[CoachRow]:
    """Every row of the file, checked against the rules and the accounts already there; writes
    nothing. Raises `ImportRefused` with every problem, by line and column."""
    rows, errors = parse_pool_csv(
        content, progress=(lambda done, total: progress("checking", done, total)) if progress else None
    )
    errors += _existing_account_errors(rows) + _capacity_errors(rows)
    if errors:
        raise ImportRefused(sorted(errors, key=lambda e: (e.line, e.column)))
    return rows


def _existing_account_errors(rows: list[CoachRow]) -> list[RowError]:
    users = {u.email.lower(): u for u in get_user_model().objects.filter(email__in=[r.email for r in rows])}
    return [
        RowError(row.line, "email", _("This address belongs to an account that is not a coach."))
        for row in rows
        if row.email in users and users[row.email].role != Role.COACH
    ]


def _capacity_errors(rows: list[CoachRow]) -> list[RowError]:
    """A capacity below the places a coach already fills is refused."""
    by_email = {row.email: row for row in rows}
    loads = CoachProfile.objects.filter(user__email__in=by_email, active_load__gt=0).values_list(
        "user__email", "active_load"
    )
    return [
        RowError(
            by_email[email].line,
            "capacity",
            _("Lower than the %(load)s trajectories this coach already has.") % {"load": load},
        )
        for email, load in loads
        if by_email[email].capacity < load
    ]


def save_rows(rows: Sequence[CoachRow], *, by) -> int:
    """Create or update the coaches of a batch, keyed on the email address (unique), so a row
    saved twice is updated, never duplicated. New and known coaches are each saved together
    (accounts, invitations, profiles, former roles and conflicts): a handful of statements for
    the batch, whatever its size. Returns how many coaches were new."""
    known = _users_by_email(rows)
    _update_coaches([(row, known[row.email]) for row in rows if row.email in known])
    new = [row for row in rows if row.email not in known]
    _create_coaches(new, by=by)
    return len(new)


def _users_by_email(rows: Sequence[CoachRow]) -> dict:
    users = get_user_model().objects.annotate(email_lower=Lower("email"))
    return {user.email_lower: user for user in users.filter(email_lower__in=[row.email for row in rows])}


def _create_coaches(rows: list[CoachRow], *, by) -> None:
    if not rows:
        return
    people = [(row.email, row.first_name, row.last_name) for row in rows]
    if by is not None:
        users = [invitation.user for invitation in invite_new_users(people, role=Role.COACH, by=by)]
    else:
        users = _accounts_without_invitation(people)
    profiles = CoachProfile.objects.bulk_create(
        _fill_profile(CoachProfile(user=user), row) for row, user in zip(rows, users, strict=True)
    )
    _add_roles_and_conflicts(zip(rows, profiles, strict=True))


def _accounts_without_invitation(people: list[tuple[str, str, str]]) -> list:
    """Coaches imported without a coordinator (the demo, the command line): accounts without a
    password and an unverified address; they sign in after a password reset."""
    User = get_user_model()
    users = []
    for email, first_name, last_name in people:
        user = User(email=email, role=Role.COACH, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        users.append(user)
    User.objects.bulk_create(users)
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, primary=True, verified=False) for user in users
    )
    return users


def _update_coaches(rows_and_users: list[tuple[CoachRow, object]]) -> None:
    """Known coaches: names, profile, former roles and conflicts as their rows say. The profiles
    are locked in the order of their ids, so two imports of overlapping files cannot deadlock."""
    if not rows_and_users:
        return
    for row, user in rows_and_users:
        user.first_name, user.last_name = row.first_name, row.last_name
    get_user_model().objects.bulk_update([user for _row, user in rows_and_users], ["first_name", "last_name"])
    locked = CoachProfile.objects.select_for_update().order_by("pk")
    profiles = {p.user_id: p for p in locked.filter(user__in=[user.pk for _row, user in rows_and_users])}
    now = timezone.now()
    existing = [(row, profiles[user.pk]) for row, user in rows_and_users if user.pk in profiles]
    for row, profile in existing:
        _fill_profile(profile, row).updated_at = now
    CoachProfile.objects.bulk_update([profile for _row, profile in existing], [*PROFILE_FIELDS, "updated_at"])
    FormerRole.objects.filter(coach__in=[profile for _row, profile in existing]).delete()
    ConflictOfInterest.objects.filter(coach__in=[profile for _row, profile in existing]).delete()
    missing = [(row, user) for row, user in rows_and_users if user.pk not in profiles]
    created = CoachProfile.objects.bulk_create(_fill_profile(CoachProfile(user=user), row) for row, user in missing)
    _add_roles_and_conflicts([*existing, *zip([row for row, _user in missing], created, strict=True)])


def _fill_profile(profile: CoachProfile, row: CoachRow) -> CoachProfile:
    for name in PROFILE_FIELDS:
        setattr(profile, name, getattr(row, name))
    return profile


def _add_roles_and_conflicts(rows_and_profiles) -> None:
    roles, conflicts = [], []
    for row, profile in rows_and_profiles:
        roles += [FormerRole(coach=profile, **role) for role in row.former_roles]
        conflicts += [ConflictOfInterest(coach=profile, municipality=m) for m in row.conflict_municipalities]
        conflicts += [
            ConflictOfInterest(coach=profile, person_name=name, person_email=email)
            for name, email in row.conflict_people
        ]
    FormerRole.objects.bulk_create(roles)
    ConflictOfInterest.objects.bulk_create(conflicts)
