"""Incidents, evidence, police reports, damage and the dossier: for staff and for the office holder."""

from django.urls import path

from weerbaar.incidents import api

# (path below the case, staff view, office holder view, URL name suffix)
ENDPOINTS = [
    ("incidents", api.CaseIncidentsView, api.HelpRequestIncidentsView, "incidents"),
    ("incidents/<int:id>", api.CaseIncidentView, api.HelpRequestIncidentView, "incident"),
    (
        "incidents/<int:id>/evidence",
        api.CaseIncidentEvidenceView,
        api.HelpRequestIncidentEvidenceView,
        "incident-evidence",
    ),
    ("incidents/<int:id>/police-report", api.CasePoliceReportView, api.HelpRequestPoliceReportView, "police-report"),
    ("evidence", api.CaseEvidenceView, api.HelpRequestEvidenceView, "evidence"),
    ("evidence/<int:id>/content", api.CaseEvidenceContentView, api.HelpRequestEvidenceContentView, "evidence-content"),
    ("damage-items", api.CaseDamageItemsView, api.HelpRequestDamageItemsView, "damage-items"),
    ("damage-routes", api.CaseDamageRoutesView, api.HelpRequestDamageRoutesView, "damage-routes"),
    ("dossier", api.CaseDossierView, api.HelpRequestDossierView, "dossier"),
]

# The advisor's judgement on the legal rules: staff only (the policy decides who).
STAFF_ONLY = [
    ("incidents/<int:id>/reassessment", api.CaseIncidentReassessmentView, "incident-reassessment"),
    ("incidents/<int:id>/series", api.CaseIncidentSeriesView, "incident-series"),
]

urlpatterns = [
    path(f"{prefix}/<str:reference>/{suffix}", view.as_view(), name=f"{name_prefix}-{name}")
    for suffix, staff_view, office_holder_view, name in ENDPOINTS
    for prefix, view, name_prefix in (
        ("cases", staff_view, "api-case"),
        ("help-requests", office_holder_view, "api-help-request"),
    )
]
urlpatterns += [
    path(f"cases/<str:reference>/{suffix}", view.as_view(), name=f"api-case-{name}")
    for suffix, view, name in STAFF_ONLY
]
