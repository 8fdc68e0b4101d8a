from django.urls import path

from .views import matches, pool, wave

app_name = "coaching"

urlpatterns = [
    path("profiel/", pool.my_profile, name="my_profile"),
    path("profiel/bevestigen/", pool.confirm_profile, name="confirm_profile"),
    path("pool/", pool.pool, name="pool"),
    path("pool/toevoegen/", pool.add_coach, name="add_coach"),
    path("pool/import/", pool.pool_import, name="pool_import"),
    path("pool/export.csv", pool.pool_export, name="pool_export"),
    path("pool/gewichten/", pool.weights, name="weights"),
    path("pool/<int:pk>/", pool.coach_edit, name="coach_edit"),
    path("voorstellen/<int:intake_pk>/", matches.proposals, name="proposals"),
    path("voorstellen/<int:intake_pk>/goedkeuren/", matches.approve_ranked, name="approve_ranked"),
    path("voorstellen/<int:intake_pk>/kiezen/", matches.choose_coach, name="choose_coach"),
    path("matches/", matches.matches_overview, name="matches"),
    path("golf/", wave.wave_page, name="wave"),
    path("golf/berekenen/", wave.wave_compute, name="wave_compute"),
    path("golf/<int:pk>/goedkeuren/", wave.wave_approve, name="wave_approve"),
    path("golf/<int:pk>/verwerpen/", wave.wave_discard, name="wave_discard"),
    path("matches/mijn/", matches.my_matches, name="my_matches"),
    path("matches/<int:pk>/", matches.match_detail, name="match_detail"),
    path("matches/<int:pk>/goedkeuren/", matches.approve_proposal, name="approve_proposal"),
    path("matches/<int:pk>/accepteren/", matches.accept, name="accept"),
    path("matches/<int:pk>/afwijzen/", matches.decline, name="decline"),
    path("matches/<int:pk>/kennismaking/", matches.plan_kennismaking, name="plan_kennismaking"),
    path("matches/<int:pk>/klik/", matches.answer_klik, name="answer_klik"),
]
