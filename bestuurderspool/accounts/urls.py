from django.urls import path

from . import views

urlpatterns = [
    path("uitnodigingen/", views.invitation_create, name="invitation_create"),
    path("uitnodiging/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("accounts/2fa/verder/", views.mfa_setup_done, name="mfa_setup_done"),
]
