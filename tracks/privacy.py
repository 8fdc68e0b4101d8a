"""The group tracks' part in the AVG rights: what a wethouder gets in their data download, and
what an erasure removes. Registered with the privacy app when the app starts."""

from django.utils.translation import gettext_lazy as _

from bestuurderspool.privacy import registry
from bestuurderspool.privacy.selectors import DataRecord, record_of
from instruments import mirror

from .models import Application, AssignmentComment, Evaluation, GroupEntry, ParticipantGoal, TrackMirror

#: Labels for the fields whose model gives none a reader would understand.
LABELS = {
    "track": _("group track"),
    "applied_at": _("applied on"),
    "session": _("session"),
}


def personal_data(user) -> list:
    """Their applications (with motivation and the contact details they shared), goals, session
    and closing evaluations, what they wrote in group spaces, and their mirror in the track. Five queries."""
    records = []
    applications = Application.objects.filter(wethouder=user).select_related("track").prefetch_related("goals")
    for application in applications:
        goals = [record_of(goal, ["text"]) for goal in application.goals.all()]
        fields = ["track", "state", "applied_at", "motivation", "shares_contact", "contact_details"]
        records.append(record_of(application, fields, children=goals, labels=LABELS))
    evaluations = Evaluation.objects.filter(participant=user).select_related("session")
    fields = ["session", "value", "safety", "comment", "submitted_at"]
    records += [record_of(evaluation, fields, labels=LABELS) for evaluation in evaluations]
    records += [record_of(entry, ["title", "text"]) for entry in GroupEntry.objects.filter(author=user)]
    for reading in TrackMirror.objects.filter(application__wethouder=user):
        fields = [("moment", str(_("moment")), reading.moment), ("taken_at", str(_("taken on")), reading.taken_at)]
        fields += [(item.key, str(item.label), reading.scores.get(item.key)) for item in mirror.ITEMS]
        records.append(DataRecord("trackmirror", str(TrackMirror._meta.verbose_name), fields))
    return records


def erase(user, *, by) -> None:
    """Everything the wethouder wrote or shared in group tracks goes; attendance and the
    evaluations' scales stay for the figures."""
    applications = Application.objects.filter(wethouder=user)
    applications.update(motivation="", contact_details="")
    ParticipantGoal.objects.filter(application__in=applications).delete()
    Evaluation.objects.filter(participant=user).update(comment="")
    GroupEntry.objects.filter(author=user).delete()
    AssignmentComment.objects.filter(author=user).delete()
    for application in applications.select_related("assignment"):
        assignment = getattr(application, "assignment", None)
        if assignment is not None:
            assignment.title, assignment.description = "", ""
            assignment.save(update_fields=["title", "description"])


def register() -> None:
    """The data download and the erasure cover the group tracks too."""
    registry.add_personal_data(personal_data, order=80)
    registry.add_eraser(erase, order=30)
