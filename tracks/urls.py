from django.urls import path

from .views import cohort, group, programme, tracks

app_name = "tracks"

urlpatterns = [
    path("", tracks.track_list, name="list"),
    path("nieuw/", tracks.track_create, name="create"),
    path("<int:pk>/", tracks.track_detail, name="detail"),
    path("<int:pk>/wijzigen/", tracks.track_edit, name="edit"),
    path("<int:pk>/sessies/nieuw/", tracks.session_create, name="session_create"),
    path("<int:pk>/fasen/", tracks.phase_set, name="phase_set"),
    path("<int:pk>/samenstellen/", cohort.compose, name="compose"),
    path("<int:pk>/samenstellen/goedkeuren/", cohort.approve, name="approve"),
    path("<int:pk>/aanmelden/", cohort.apply, name="apply"),
    path("<int:pk>/groep/", group.group_space, name="group_space"),
    path("<int:pk>/leerdoelen/", group.goals, name="goals"),
    path("<int:pk>/spiegel/", group.mirror_page, name="mirror"),
    path("<int:pk>/spiegel/<slug:moment>/", group.take_mirror, name="take_mirror"),
    path("<int:pk>/afsluiten/", tracks.close, name="close"),
    path("<int:pk>/alumni/", group.alumni, name="alumni"),
    path("<int:pk>/gesprekken/", programme.talks, name="talks"),
    path("<int:pk>/deelnemers/", programme.add_participant, name="add_participant"),
    path("<int:pk>/sponsors/", programme.sponsors, name="sponsors"),
    path(
        "<int:pk>/sponsors/<int:application_pk>/opnieuw-uitnodigen/",
        programme.resend_sponsor_invitation,
        name="resend_sponsor_invitation",
    ),
    path("gesprekken/<int:pk>/gehouden/", programme.talk_held, name="talk_held"),
    path("opdrachten/<int:pk>/", programme.assignment, name="assignment"),
    path("<int:pk>/evaluatie/", group.evaluate_track, name="evaluate_track"),
    path("sessies/<int:pk>/evaluatie/", group.evaluate_session, name="evaluate_session"),
    path("sessies/<int:pk>/aanwezigheid/", group.attendance, name="attendance"),
    path("sessies/<int:pk>/wijzigen/", tracks.session_edit, name="session_edit"),
    path("aanmeldingen/<int:pk>/schuiven/", cohort.pin, name="pin"),
    path("aanmeldingen/<int:pk>/intrekken/", cohort.withdraw, name="withdraw"),
]
