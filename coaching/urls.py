from django.urls import path, register_converter

from .enums import EvaluationKind
from .views import introduction, matches, meetings, moves, pool, reports, requests, trajectories, wave


class EvaluationSlug:
    """The evaluation's kind in the address in Dutch (`tussentijds`, `eind`), the enum value in
    the view: `reverse("coaching:evaluate", args=[pk, "final"])` gives `.../evaluatie/eind/`."""

    SLUGS = {EvaluationKind.INTERIM: "tussentijds", EvaluationKind.FINAL: "eind"}
    regex = "|".join(SLUGS.values())

    def to_python(self, value):
        return next(kind for kind, slug in self.SLUGS.items() if slug == value)

    def to_url(self, value):
        return self.SLUGS[value]


register_converter(EvaluationSlug, "evaluation")

app_name = "coaching"

urlpatterns = [
    path("profiel/", pool.my_profile, name="my_profile"),
    path("profiel/bevestigen/", pool.confirm_profile, name="confirm_profile"),
    path("profiel/voorstellen/", introduction.introduction, name="introduction"),
    path("coaches/<int:pk>/foto/", introduction.coach_photo, name="coach_photo"),
    path("pool/", pool.pool, name="pool"),
    path("pool/toevoegen/", pool.add_coach, name="add_coach"),
    path("pool/import/", pool.pool_import, name="pool_import"),
    path("pool/import/<int:pk>/", pool.pool_import_status, name="pool_import_status"),
    path("pool/import/<int:pk>/restart/", pool.pool_import_restart, name="pool_import_restart"),
    path("pool/export.csv", pool.pool_export, name="pool_export"),
    path("pool/gewichten/", pool.weights, name="weights"),
    path("pool/<int:pk>/", pool.coach_edit, name="coach_edit"),
    path("voorstellen/<int:intake_pk>/", matches.proposals, name="proposals"),
    path("voorstellen/<int:intake_pk>/goedkeuren/", matches.approve_ranked, name="approve_ranked"),
    path("voorstellen/<int:intake_pk>/kiezen/", matches.choose_coach, name="choose_coach"),
    path("matches/", matches.matches_overview, name="matches"),
    path("golf/", wave.wave_page, name="wave"),
    path("golf/berekenen/", wave.wave_compute, name="wave_compute"),
    path("golf/<int:pk>/goedkeuren/", wave.wave_approve, name="wave_approve"),
    path("golf/<int:pk>/verwerpen/", wave.wave_discard, name="wave_discard"),
    path("matches/mijn/", matches.my_matches, name="my_matches"),
    path("matches/<int:pk>/", matches.match_detail, name="match_detail"),
    path("matches/<int:pk>/goedkeuren/", matches.approve_proposal, name="approve_proposal"),
    path("matches/<int:pk>/accepteren/", matches.accept, name="accept"),
    path("matches/<int:pk>/afwijzen/", matches.decline, name="decline"),
    path("matches/<int:pk>/kennismaking/", matches.plan_kennismaking, name="plan_kennismaking"),
    path("matches/<int:pk>/klik/", matches.answer_klik, name="answer_klik"),
    path("trajecten/", trajectories.trajectory_list, name="trajectories"),
    path("trajecten/<int:pk>/", trajectories.trajectory_detail, name="trajectory_detail"),
    path("trajecten/<int:pk>/plan/", trajectories.plan, name="plan_trajectory"),
    path("trajecten/<int:pk>/extra/", trajectories.propose_extra, name="propose_extra"),
    path("trajecten/<int:pk>/afsluiten/", trajectories.end, name="end_trajectory"),
    path("trajecten/<int:pk>/verlengen/", requests.request_extension, name="request_extension"),
    path("trajecten/<int:pk>/verlengen/antwoord/", requests.answer_extension, name="answer_extension"),
    path("trajecten/<int:pk>/andere-coach/", requests.request_other_coach, name="request_other_coach"),
    path(
        "trajecten/<int:pk>/andere-coach/afgehandeld/",
        requests.close_coach_change_request,
        name="close_coach_change_request",
    ),
    path("trajecten/<int:pk>/wisselen/", trajectories.switch, name="switch_coach"),
    path("trajecten/<int:pk>/evaluatie/<evaluation:kind>/", trajectories.evaluate, name="evaluate"),
    # Addresses of earlier mails and reminders (`.../evaluatie/final/`) lead to the Dutch one.
    path("trajecten/<int:pk>/evaluatie/<str:kind>/", trajectories.evaluate_old_address, name="evaluate_old_address"),
    path("afspraken/<int:pk>/", trajectories.appointment_detail, name="appointment_detail"),
    path("afspraken/<int:pk>/verslag/", trajectories.log_appointment, name="log_appointment"),
    path("afspraken/<int:pk>/verzetten/", trajectories.reschedule, name="reschedule"),
    path("afspraken/<int:pk>/verzetten/voorstellen/", moves.propose_move, name="propose_move"),
    path("verzetvoorstellen/<int:pk>/akkoord/", moves.agree_move, name="agree_move"),
    path("verzetvoorstellen/<int:pk>/afwijzen/", moves.decline_move, name="decline_move"),
    path("verzetvoorstellen/<int:pk>/intrekken/", moves.withdraw_move, name="withdraw_move"),
    path("afspraken/<int:pk>/annuleren/", trajectories.cancel, name="cancel_appointment"),
    path("afspraken/<int:pk>/extra/", trajectories.answer_extra, name="answer_extra"),
    path("afspraken/<int:pk>/vergadering/", meetings.observation_meetings, name="observation_meetings"),
    path("afspraken/<int:pk>/agenda.ics", trajectories.appointment_ics, name="appointment_ics"),
    path("agenda/", trajectories.calendar_settings, name="calendar_settings"),
    path("rapportage/", reports.export, name="report_export"),
]
