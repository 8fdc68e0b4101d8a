from django.urls import path

from . import views

app_name = "intake"

urlpatterns = [
    path("start/", views.intake_start, name="start"),
    path("<int:pk>/stap/<int:step>/", views.intake_step, name="step"),
    path("<int:pk>/", views.intake_detail, name="detail"),
    path("<int:pk>/intrekken/", views.intake_withdraw, name="withdraw"),
    path("<int:pk>/coach-vragen/", views.ask_for_coach, name="ask_for_coach"),
    path("werklijst/", views.worklist, name="worklist"),
    path("<int:pk>/coordinatie/", views.coordinator_detail, name="coordinator_detail"),
    path("<int:pk>/gesprek/plannen/", views.plan_conversation, name="plan_conversation"),
    path("<int:pk>/gesprek/verslag/", views.record_conversation, name="record_conversation"),
    path("<int:pk>/gesprek/voorbereiden/", views.prepare_conversation, name="prepare_conversation"),
    path("<int:pk>/wensen/", views.adjust_wishes, name="adjust_wishes"),
    path("<int:pk>/klaar-voor-matching/", views.mark_ready, name="mark_ready"),
]
