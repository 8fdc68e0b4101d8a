from django.urls import path

from . import views

app_name = "tracks"

urlpatterns = [
    path("", views.track_list, name="list"),
    path("nieuw/", views.track_create, name="create"),
    path("<int:pk>/", views.track_detail, name="detail"),
    path("<int:pk>/wijzigen/", views.track_edit, name="edit"),
    path("<int:pk>/sessies/nieuw/", views.session_create, name="session_create"),
    path("<int:pk>/fasen/", views.phase_set, name="phase_set"),
    path("<int:pk>/samenstellen/", views.compose, name="compose"),
    path("<int:pk>/samenstellen/goedkeuren/", views.approve, name="approve"),
    path("<int:pk>/aanmelden/", views.apply, name="apply"),
    path("<int:pk>/groep/", views.group_space, name="group_space"),
    path("<int:pk>/leerdoelen/", views.goals, name="goals"),
    path("<int:pk>/afsluiten/", views.close, name="close"),
    path("<int:pk>/alumni/", views.alumni, name="alumni"),
    path("<int:pk>/gesprekken/", views.talks, name="talks"),
    path("<int:pk>/deelnemers/", views.add_participant, name="add_participant"),
    path("<int:pk>/sponsors/", views.appoint_sponsor, name="appoint_sponsor"),
    path("gesprekken/<int:pk>/gehouden/", views.talk_held, name="talk_held"),
    path("opdrachten/<int:pk>/", views.assignment, name="assignment"),
    path("<int:pk>/evaluatie/", views.evaluate_track, name="evaluate_track"),
    path("sessies/<int:pk>/evaluatie/", views.evaluate_session, name="evaluate_session"),
    path("sessies/<int:pk>/aanwezigheid/", views.attendance, name="attendance"),
    path("sessies/<int:pk>/wijzigen/", views.session_edit, name="session_edit"),
    path("aanmeldingen/<int:pk>/schuiven/", views.pin, name="pin"),
    path("aanmeldingen/<int:pk>/intrekken/", views.withdraw, name="withdraw"),
]
