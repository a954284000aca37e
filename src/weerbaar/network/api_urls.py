"""API v1 of referrals: staff below the case, the partner's own, the office holder's below the help request."""

from django.urls import path

from weerbaar.network import api

CASE = "cases/<str:reference>/referrals"
HELP_REQUEST = "help-requests/<str:reference>/referrals"

urlpatterns = [
    path(CASE, api.CaseReferralsView.as_view(), name="api-case-referrals"),
    path(f"{CASE}/<int:id>", api.CaseReferralView.as_view(), name="api-case-referral"),
    path(f"{CASE}/<int:id>/consent", api.CaseReferralConsentView.as_view(), name="api-case-referral-consent"),
    path(
        f"{CASE}/<int:id>/status-changes",
        api.CaseReferralStatusChangesView.as_view(),
        name="api-case-referral-status-changes",
    ),
    path(
        "cases/<str:reference>/partner-suggestions",
        api.CasePartnerSuggestionsView.as_view(),
        name="api-case-partner-suggestions",
    ),
    path("referrals", api.PartnerReferralsView.as_view(), name="api-referrals"),
    path("referrals/<int:id>", api.PartnerReferralView.as_view(), name="api-referral"),
    path(
        "referrals/<int:id>/status-changes",
        api.PartnerReferralStatusChangesView.as_view(),
        name="api-referral-status-changes",
    ),
    path(HELP_REQUEST, api.HelpRequestReferralsView.as_view(), name="api-help-request-referrals"),
    path(
        f"{HELP_REQUEST}/<int:id>/consent",
        api.HelpRequestReferralConsentView.as_view(),
        name="api-help-request-referral-consent",
    ),
]
