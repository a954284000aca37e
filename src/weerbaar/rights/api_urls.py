from django.urls import path

from weerbaar.rights import api

urlpatterns = [
    path("help-requests/<str:reference>/export", api.HelpRequestExportView.as_view(), name="api-help-request-export"),
    path(
        "help-requests/<str:reference>/erasure-requests",
        api.HelpRequestErasureRequestsView.as_view(),
        name="api-help-request-erasure-requests",
    ),
    path(
        "cases/<str:reference>/erasure-decisions",
        api.CaseErasureDecisionView.as_view(),
        name="api-case-erasure-decisions",
    ),
]
