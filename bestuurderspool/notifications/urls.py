from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("gelezen/", views.mark_all_read, name="mark_all_read"),
    path("instellingen/", views.reminder_settings, name="settings"),
    path("mislukt/", views.failed_reminders, name="failed"),
    path("mislukt/<int:pk>/opnieuw/", views.retry, name="retry"),
    path("status/", views.reminder_health, name="health"),
]
