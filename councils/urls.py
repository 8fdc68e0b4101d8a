from django.urls import path

from . import views

app_name = "councils"

urlpatterns = [
    path("", views.calendars, name="calendars"),
    path("gemeente/<int:pk>/", views.municipality_calendar, name="municipality"),
    path("reces/<int:pk>/verwijderen/", views.remove_recess, name="remove_recess"),
]
