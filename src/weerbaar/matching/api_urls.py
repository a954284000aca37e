"""Matching: a case's perpetrator identifiers, the coordinators' matches and their reviews."""

from django.urls import path

from weerbaar.matching import api

urlpatterns = [
    path(
        "cases/<str:reference>/incidents/<int:id>/perpetrator-identifiers",
        api.CasePerpetratorIdentifiersView.as_view(),
        name="api-case-perpetrator-identifiers",
    ),
    path("matches", api.MatchesView.as_view(), name="api-matches"),
    path("matches/<int:id>/reviews", api.MatchReviewsView.as_view(), name="api-match-reviews"),
]
