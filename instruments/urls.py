from django.urls import path

from . import views

app_name = "instruments"

urlpatterns = [
    path("traject/<int:pk>/", views.overview, name="overview"),
    path("traject/<int:pk>/doelen/", views.add_goal, name="add_goal"),
    path("traject/<int:pk>/doelen/scoren/<slug:moment>/", views.score_goals, name="score_goals"),
    path("doelen/<int:pk>/", views.edit_goal, name="edit_goal"),
    path("traject/<int:pk>/krachtenveld/", views.force_field, name="force_field"),
    path("traject/<int:pk>/krachtenveld/nieuwe-versie/", views.new_version, name="new_version"),
    path("actoren/<int:pk>/", views.edit_actor, name="edit_actor"),
    path("traject/<int:pk>/spiegel/", views.mirror_page, name="mirror"),
    path("traject/<int:pk>/spiegel/delen/", views.share_mirror, name="share_mirror"),
    path("traject/<int:pk>/spiegel/<slug:moment>/", views.take_mirror, name="take_mirror"),
    path("intake/<int:pk>/spiegel/", views.take_intake_mirror, name="intake_mirror"),
    path("observaties/<int:pk>/", views.observation, name="observation"),
    path("observaties/<int:pk>/reflectie/", views.reflect, name="reflect"),
    path("observaties/<int:pk>/momenten/", views.tag, name="tag"),
    path("momenten/<int:pk>/verwijderen/", views.remove_tag, name="remove_tag"),
]
