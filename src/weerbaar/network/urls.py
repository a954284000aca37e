"""Web pages of referrals: the advisor's per case, the office holder's in "Mijn zaak", the partner's portal.

Addresses carry the case reference and numeric ids only.
"""

from django.urls import path

from weerbaar.network import views

app_name = "network"

CASE = "werkruimte/zaken/<str:reference>/doorverwijzingen"

urlpatterns = [
    path("werkruimte/doorverwijzingen", views.overview, name="overview"),
    path(CASE, views.ws_list, name="ws_list"),
    path(CASE + "/<int:referral_id>", views.ws_detail, name="ws_detail"),
    path(CASE + "/<int:referral_id>/toestemming", views.ws_consent, name="ws_consent"),
    path(CASE + "/<int:referral_id>/stap", views.ws_step, name="ws_step"),
    path("mijn-zaak/doorverwijzingen", views.portal_list, name="portal_list"),
    path("mijn-zaak/doorverwijzingen/<int:referral_id>", views.portal_detail, name="portal_detail"),
    path("mijn-zaak/doorverwijzingen/<int:referral_id>/intrekken", views.portal_withdraw, name="portal_withdraw"),
    path("partner/verwijzingen", views.partner_list, name="partner_list"),
    path("partner/verwijzingen/<int:referral_id>", views.partner_detail, name="partner_detail"),
    path("partner/verwijzingen/<int:referral_id>/stap", views.partner_step, name="partner_step"),
    path(
        "partner/verwijzingen/<int:referral_id>/bewijs/<int:evidence_id>",
        views.partner_evidence,
        name="partner_evidence",
    ),
]
