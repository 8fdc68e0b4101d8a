from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.account, name="account"),
    path("gegevens.json", views.data_download, {"fmt": "json"}, name="data_download_json"),
    path("gegevens/", views.data_download, {"fmt": "html"}, name="data_download"),
    path("verwijderen/", views.erasure_request, name="erasure_request"),
    path("toestemming-intrekken/", views.consent_withdraw, name="consent_withdraw"),
    path("verwijderverzoeken/", views.erasure_list, name="erasure_list"),
    path("verwijderverzoeken/<int:pk>/uitvoeren/", views.erasure_carry_out, name="erasure_carry_out"),
    path("audit/", views.audit_trail, name="audit_trail"),
]
