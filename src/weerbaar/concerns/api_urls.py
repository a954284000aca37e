"""API v1 endpoints of the concern note (kebab-case plural paths, no trailing slash)."""

from django.urls import path

from weerbaar.concerns import api

NOTES = "cases/<str:reference>/concern-notes"

urlpatterns = [
    path(NOTES, api.CaseConcernNotesView.as_view(), name="api-case-concern-notes"),
    path(NOTES + "/<int:version>", api.CaseConcernNoteView.as_view(), name="api-case-concern-note"),
    path(
        NOTES + "/<int:version>/confirmations",
        api.CaseConcernNoteConfirmationsView.as_view(),
        name="api-case-concern-note-confirmations",
    ),
]
