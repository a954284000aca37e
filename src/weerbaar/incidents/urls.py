"""Incidents, evidence, damage and the dossier: in the advisor workspace and in "Mijn zaak".

No case content in any address: only the case reference (workspace), incident and exhibit numbers.
"""

from django.urls import path

from weerbaar.incidents import views

app_name = "incidents"

CASE = "werkruimte/zaken/<str:reference>/"
PORTAL = "mijn-zaak/"

PAGES = [
    # (suffix, name, view of the workspace, view of the portal)
    ("incidenten", "timeline", views.ws_timeline, views.portal_timeline),
    ("incidenten/nieuw", "new", views.ws_new, views.portal_new),
    ("incidenten/<int:number>", "detail", views.ws_detail, views.portal_detail),
    ("incidenten/<int:number>/wijzigen", "edit", views.ws_edit, views.portal_edit),
    ("incidenten/<int:number>/aangifte", "police_report", views.ws_police_report, views.portal_police_report),
    ("incidenten/<int:number>/stappenplan.pdf", "step_plan_pdf", views.ws_step_plan_pdf, views.portal_step_plan_pdf),
    ("incidenten/<int:number>/bewijs", "evidence_upload", views.ws_evidence_upload, views.portal_evidence_upload),
    ("bewijs/<int:number>", "evidence", views.ws_evidence, views.portal_evidence),
    ("bewijs/<int:number>/voorbeeld", "evidence_preview", views.ws_evidence_preview, views.portal_evidence_preview),
    ("bewijs/<int:number>/vervaagd", "evidence_blurred", views.ws_evidence_blurred, views.portal_evidence_blurred),
    ("schade", "damage", views.ws_damage, views.portal_damage),
    ("schade/<int:item_id>/bon", "damage_receipt", views.ws_damage_receipt, views.portal_damage_receipt),
    ("dossier", "dossier", views.ws_dossier, views.portal_dossier),
]

# The advisor's judgement on the legal rules: only in the workspace (the policy decides who).
WORKSPACE_ONLY = [
    ("incidenten/<int:number>/opnieuw-beoordelen", "reassess", views.ws_reassess),
    ("incidenten/<int:number>/reeks", "series", views.ws_series),
]

urlpatterns = (
    [path(CASE + suffix, ws, name=f"ws_{name}") for suffix, name, ws, _portal in PAGES]
    + [path(CASE + suffix, ws, name=f"ws_{name}") for suffix, name, ws in WORKSPACE_ONLY]
    + [path(PORTAL + suffix, portal, name=f"portal_{name}") for suffix, name, _ws, portal in PAGES]
)
