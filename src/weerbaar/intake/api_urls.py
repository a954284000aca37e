from django.urls import path

from weerbaar.intake import api

urlpatterns = [
    path("help-requests", api.HelpRequestCreateView.as_view(), name="api-help-requests"),
    path("help-requests/<str:reference>", api.HelpRequestDetailView.as_view(), name="api-help-request"),
    path(
        "help-requests/<str:reference>/messages",
        api.HelpRequestMessagesView.as_view(),
        name="api-help-request-messages",
    ),
    path(
        "cases/<str:reference>/follow-up-code-resets",
        api.CaseFollowUpCodeResetView.as_view(),
        name="api-case-follow-up-code-resets",
    ),
    path(
        "help-requests/<str:reference>/email-notification",
        api.HelpRequestEmailNotificationView.as_view(),
        name="api-help-request-email-notification",
    ),
    path(
        "help-requests/<str:reference>/sign-outs",
        api.HelpRequestSignOutView.as_view(),
        name="api-help-request-sign-outs",
    ),
    path("follow-up-sessions", api.FollowUpSessionCreateView.as_view(), name="api-follow-up-sessions"),
]
