"""API v1 endpoints of aftercare (kebab-case plural paths, no trailing slash)."""

from django.urls import path

from weerbaar.aftercare import api

PLAN = "cases/<str:reference>/aftercare-plan"

urlpatterns = [
    path(PLAN, api.CaseAftercarePlanView.as_view(), name="api-case-aftercare-plan"),
    path(PLAN + "/check-ins", api.CaseCheckInsView.as_view(), name="api-case-check-ins"),
    path(
        PLAN + "/check-ins/<int:id>/follow-up",
        api.CaseCheckInFollowUpView.as_view(),
        name="api-case-check-in-follow-up",
    ),
    path("help-requests/<str:reference>/check-ins", api.HelpRequestCheckInsView.as_view(), name="api-check-ins"),
    path(
        "help-requests/<str:reference>/check-ins/<int:id>/answer",
        api.HelpRequestCheckInAnswerView.as_view(),
        name="api-check-in-answer",
    ),
]
