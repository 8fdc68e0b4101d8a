from django.urls import path

from . import views

urlpatterns = [
    path("", views.mail_list, name="dev_mail"),
    path("<str:name>/", views.mail_detail, name="dev_mail_detail"),
    path("<str:name>/html/", views.mail_html, name="dev_mail_html"),
]
