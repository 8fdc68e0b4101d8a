from django.urls import path

from . import views

app_name = "cockpit"

urlpatterns = [
    path("vraag-en-aanbod/", views.supply_demand, name="supply_demand"),
    path("prognose/", views.forecast, name="forecast"),
    path("prognose/instellingen/", views.forecast_settings, name="forecast_settings"),
    path("prognose/gemeente/", views.expected_new, name="expected_new"),
    path("prognose/prognose.csv", views.forecast_csv, name="forecast_csv"),
]
