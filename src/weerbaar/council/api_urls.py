"""API v1 endpoints of council."""

from django.urls import path

from weerbaar.council import api

urlpatterns = [
    path(
        "council-conversation-requests",
        api.CouncilRequestCreateView.as_view(),
        name="api-council-conversation-requests",
    ),
    path("council-conversations", api.CouncilListView.as_view(), name="api-council-conversations"),
    path(
        "council-conversations/<str:reference>",
        api.CouncilDetailView.as_view(),
        name="api-council-conversation",
    ),
    path(
        "council-conversations/<str:reference>/status-changes",
        api.CouncilStatusChangesView.as_view(),
        name="api-council-conversation-status-changes",
    ),
    path("council-coverage", api.CouncilCoverageView.as_view(), name="api-council-coverage"),
]
