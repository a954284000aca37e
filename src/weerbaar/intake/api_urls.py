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
    path("follow-up-sessions", api.FollowUpSessionCreateView.as_view(), name="api-follow-up-sessions"),
]
