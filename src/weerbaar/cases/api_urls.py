from django.urls import path

from weerbaar.cases import api

urlpatterns = [
    path("cases", api.CaseListView.as_view(), name="api-cases"),
    path("cases/<str:reference>", api.CaseDetailView.as_view(), name="api-case"),
    path("cases/<str:reference>/assignment", api.CaseAssignmentView.as_view(), name="api-case-assignment"),
    path("cases/<str:reference>/status-changes", api.CaseStatusChangesView.as_view(), name="api-case-status-changes"),
    path("cases/<str:reference>/notes", api.CaseNotesView.as_view(), name="api-case-notes"),
    path("cases/<str:reference>/messages", api.CaseMessagesView.as_view(), name="api-case-messages"),
]
