"""API v1 of referrals, on three sides, with the same services and rule set as the web pages.

Staff (``Authorization: Token``; analysts and administrators 403 as on every case endpoint) under
``/cases/{reference}/referrals``: list, propose, read one, record consent given outside Weerbaar, withdraw it,
send, cancel or record a refusal, and the partner suggestions. The partner (``Token`` of a partner account;
every other role 403) under ``/referrals``: only referrals made to its own partner, once sent, while consent
stands, with exactly the consented items; accept, decline with a reason, complete with a report. The office
holder (``Bearer``) under ``/help-requests/{reference}/referrals``: see, give and withdraw consent.

Every view asks the permission policy (through ``policy`` directly or the services, which load through it);
missing and not-yours are the same 404. Input is checked by ``network.validation`` only; the serializers here
describe shapes for the OpenAPI document and render answers, they never validate.

Item keys in this API name incidents and exhibits by their number within the case, as the incident
endpoints do (``request_text``, ``incident:<number>``, ``evidence:<number>``); they are translated to the
internal keys before validation, an unknown number becomes a key that the rule set refuses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from weerbaar.accounts import policy
from weerbaar.cases.models import Case
from weerbaar.core.api import PROBLEM_CONTENT_TYPE, query_values, request_object
from weerbaar.core.errors import Forbidden, InvalidInput
from weerbaar.core.openapi import ProblemDetailsSerializer, problem_responses
from weerbaar.directory.choices import PartnerKind
from weerbaar.directory.selectors import active_partners
from weerbaar.network import selectors, services
from weerbaar.network.choices import CancelReason, ConsentMethod, ContactMethod, Party, ReferralStatus
from weerbaar.network.models import Referral, ReferralEvent
from weerbaar.network.validation import (
    MAX_ANSWER,
    MAX_CONTACT,
    MAX_QUESTION,
    validate_answer,
    validate_consent,
    validate_proposal,
)
from weerbaar.network.workflow import WORKFLOW
from weerbaar.web.api import (
    CASE_ERRORS,
    CASE_REFERENCE,
    HELP_REQUEST_REFERENCE,
    OFFICE_HOLDER_ERRORS,
    OfficeHolderView,
    StaffCaseView,
    choice_field,
    created,
)

STAFF_TAGS = ["referrals (staff)"]
PARTNER_TAGS = ["referrals (partner)"]
OFFICE_HOLDER_TAGS = ["referrals (office holder)"]
PARTNER_ERRORS = (401, 403, 404)
STAFF_ACTIONS = ("send", "cancel", "refuse")
PARTNER_ACTIONS = ("accept", "decline", "complete")
MAX_ID = 2**63 - 1

ID_PARAMETER = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The referral's number.")
LOCATION_HEADER = OpenApiParameter(
    "Location", str, OpenApiParameter.HEADER, response=[201], description="The address of the new resource."
)
CONFLICT = (
    "Not possible in the referral's current status (the state machine), the case is closed, the partner is no "
    "longer active, there is no consent to withdraw, or the time to respond has passed."
)


def _conflict() -> dict[Any, OpenApiResponse]:
    return {(409, PROBLEM_CONTENT_TYPE): OpenApiResponse(ProblemDetailsSerializer, description=CONFLICT)}


# --- access ---------------------------------------------------------------------------------------------------


class PartnerEndpointAccess(permissions.BasePermission):
    """Signed in with a staff token (else 401); only accounts of an active network partner (else 403)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not policy.is_staff_member(request.user):
            return False
        if not policy.is_partner_user(request.user):
            raise Forbidden(_("Alleen netwerkpartners gebruiken deze doorverwijzingen."))
        return True


class PartnerView(APIView):
    permission_classes = [PartnerEndpointAccess]


def _id(value: int) -> int:
    return value if 0 < value <= MAX_ID else 0  # a number that large simply does not exist (policy: 404)


# --- item keys: numbers in the API, ids inside --------------------------------------------------------------


def _api_key(item: selectors.Item) -> str:
    return item.key if item.number is None else f"{item.kind}:{item.number}"


def _internal_items(case: Case, raw: dict[str, Any]) -> dict[str, Any]:
    """``raw`` with its ``items`` translated to internal keys; anything unknown stays refusable."""
    value = raw.get("items")
    if not isinstance(value, list):
        return raw
    back = {_api_key(item): item.key for item in selectors.case_items(case)}
    return {**raw, "items": [back.get(v, "unknown") if isinstance(v, str) else v for v in value]}


# --- shapes ---------------------------------------------------------------------------------------------------


class ItemKeyField(serializers.CharField):
    """An item's API key: numbers in the API, ids inside (``_api_key``); renders the whole ``selectors.Item``."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", **kwargs)

    def to_representation(self, value: selectors.Item) -> str:
        return _api_key(value)


class _Computed(serializers.Field):
    """Renders ``get(obj)`` of the whole object through the field's own type; ``None`` stays null."""

    def __init__(self, get: Callable[[Any], Any], **kwargs: Any) -> None:
        super().__init__(source="*", **kwargs)
        self._get = get

    def to_representation(self, value: Any) -> Any:
        result = self._get(value)
        return None if result is None else super().to_representation(result)


class ComputedCharField(_Computed, serializers.CharField):
    pass


class ComputedChoiceField(_Computed, serializers.ChoiceField):
    pass


class ComputedBooleanField(_Computed, serializers.BooleanField):
    pass


class ComputedListField(_Computed, serializers.ListField):
    pass


def _blank_is_null(name: str) -> Callable[[Any], Any]:
    return lambda obj: getattr(obj, name) or None


def _of_minimum(name: str, otherwise: str | None) -> Callable[[selectors.ReferralView], Any]:
    """One field of the minimum (``None`` once declined or completed, on the partner's side)."""
    return lambda view: getattr(view.minimum, name) if view.minimum else otherwise


# renders ``selectors.Item`` (no docstring: it would become the document's description of the component)
class ReferralItemSerializer(serializers.Serializer):
    key = ItemKeyField(
        help_text="`request_text`, `incident:<number>`, `evidence:<number>` or `original:<number>` (an image "
        "exhibit's original file with its metadata; without it a partner gets the metadata-free preview)."
    )
    kind = serializers.ChoiceField(choices=["request_text", "incident", "evidence", "original"])
    number = serializers.IntegerField(allow_null=True, help_text="The incident's or exhibit's number in the case.")
    label = serializers.CharField(help_text="A description without content, in the reader's language.")


# renders a ``selectors.ReferralView``'s partner
class ReferralPartnerSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="partner_id")
    name = serializers.CharField(source="partner_name")


# renders a ``selectors.ReferralView`` with a consent (null without one)
class ReferralConsentSerializer(serializers.Serializer):
    items = ReferralItemSerializer(
        source="consented_items", many=True, help_text="The optional items the office holder agreed to share."
    )
    contactMethod = serializers.ChoiceField(source="consent.contact_method", choices=ContactMethod.choices)
    contact = ComputedCharField(
        _of_minimum("contact", ""), help_text="The phone number or e-mail address the partner may use."
    )
    method = serializers.ChoiceField(
        source="consent.method", choices=ConsentMethod.choices, help_text="How consent was given."
    )
    givenAt = serializers.DateTimeField(source="consent.given_at")
    recorded = ComputedBooleanField(
        lambda view: view.consent.recorded_by_id is not None,
        help_text="Recorded by the advisor (given outside Weerbaar).",
    )
    recordedAt = serializers.DateTimeField(source="consent.recorded_at")
    withdrawnAt = serializers.DateTimeField(source="consent.withdrawn_at", allow_null=True)
    withdrawnBy = ComputedChoiceField(
        lambda view: view.consent.withdrawn_by or None, choices=Party.choices, allow_null=True
    )

    def to_representation(self, instance: selectors.ReferralView) -> Any:
        return None if instance.consent is None else super().to_representation(instance)


def _allowed_actions(view: selectors.ReferralView, party: str) -> list[str]:
    """The steps ``party`` may take now: ``consent``/``withdraw`` (PUT/DELETE …/consent) and status changes."""
    standing = view.consent is not None and view.consent.withdrawn_at is None
    actions = [a for a in WORKFLOW.names(view.status, party=party) if a != "withdraw"]
    return [*actions, "withdraw"] if standing else actions


class AllowedActionsField(serializers.ListField):
    """The steps of ``_allowed_actions`` for the party in the serializer's context; renders the whole view."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", child=serializers.CharField(), **kwargs)

    def to_representation(self, value: selectors.ReferralView) -> Any:
        if value.metadata_only:
            return []
        return super().to_representation(_allowed_actions(value, self.context["party"]))


# renders a ``selectors.ReferralView`` for the case's side: the party (advisor or office holder) in the context
class ReferralSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    caseReference = serializers.CharField(source="reference")
    partner = ReferralPartnerSerializer(source="*")
    kind = serializers.ChoiceField(choices=PartnerKind.choices)
    status = serializers.ChoiceField(choices=ReferralStatus.choices)
    question = ComputedCharField(
        lambda view: None if view.metadata_only else _of_minimum("question", "")(view),
        allow_null=True,
        help_text="The question to the partner (null when `metadataOnly`).",
    )
    proposedItems = ReferralItemSerializer(
        source="proposed_items", many=True, help_text="The optional items the advisor proposed to share."
    )
    consent = ReferralConsentSerializer(source="*", allow_null=True)
    proposedAt = serializers.DateTimeField(source="proposed_at")
    consentedAt = serializers.DateTimeField(source="consented_at", allow_null=True)
    sentAt = serializers.DateTimeField(source="sent_at", allow_null=True)
    respondBy = serializers.DateTimeField(
        source="respond_by", allow_null=True, help_text="The partner accepts or declines before this."
    )
    overdue = serializers.BooleanField(help_text="Sent, and not answered before `respondBy`.")
    acceptedAt = serializers.DateTimeField(source="accepted_at", allow_null=True)
    declinedAt = serializers.DateTimeField(source="declined_at", allow_null=True)
    declineReason = ComputedCharField(
        _blank_is_null("decline_reason"),
        allow_null=True,
        help_text="Why the partner declined: for the case's advisor, who passes on what matters (null for the "
        "office holder, as in Mijn zaak).",
    )
    completedAt = serializers.DateTimeField(source="completed_at", allow_null=True)
    report = ComputedCharField(
        _blank_is_null("report"),
        allow_null=True,
        help_text="The partner's report back to the case's advisor (null for the office holder, as in Mijn zaak).",
    )
    cancelledAt = serializers.DateTimeField(source="cancelled_at", allow_null=True)
    cancelReason = ComputedChoiceField(_blank_is_null("cancel_reason"), choices=CancelReason.choices, allow_null=True)
    allowedActions = AllowedActionsField(
        help_text="What you may do now: `consent` and `withdraw` (PUT and DELETE `…/consent`) and the actions "
        "of `…/status-changes`.",
    )
    metadataOnly = serializers.BooleanField(
        source="metadata_only",
        help_text="True for a coordinator who may not read the case (the list only): partner, status and dates; "
        "the question, the items, the consent and the partner's answer are left out and nothing can be done.",
    )


class ReferralProposalInputSerializer(serializers.Serializer):
    """The body of ``POST /cases/{reference}/referrals`` (checked by ``network.validation``)."""

    partnerId = serializers.IntegerField(help_text="An active partner (see `partner-suggestions`).")
    question = serializers.CharField(
        max_length=MAX_QUESTION, help_text="What the partner is asked; the partner sees it."
    )
    items = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="Optional items to propose: `request_text`, `incident:<number>`, `evidence:<number>`, "
        "`original:<number>`.",
    )


class ReferralRecordedConsentInputSerializer(serializers.Serializer):
    """The body of ``PUT /cases/{reference}/referrals/{id}/consent``: consent given outside Weerbaar."""

    items = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="The proposed items the office holder agreed to."
    )
    contactMethod = serializers.ChoiceField(choices=ContactMethod.choices)
    contact = serializers.CharField(max_length=MAX_CONTACT, help_text="Phone number or e-mail address, as chosen.")
    method = serializers.ChoiceField(
        choices=[(m, ConsentMethod(m).label) for m in ("phone", "in_person", "email", "letter")],
        help_text="How the office holder gave consent.",
    )
    givenAt = serializers.DateTimeField(help_text="When; not in the future, not before the proposal.")


class ReferralConsentInputSerializer(serializers.Serializer):
    """The body of ``PUT /help-requests/{reference}/referrals/{id}/consent``: the office holder's own consent."""

    items = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="The proposed items you agree to share."
    )
    contactMethod = serializers.ChoiceField(choices=ContactMethod.choices)
    contact = serializers.CharField(
        max_length=MAX_CONTACT, help_text="Your phone number or e-mail address for the partner."
    )


class ReferralStaffStatusChangeInputSerializer(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=STAFF_ACTIONS,
        help_text="`send` (needs consent), `cancel`, or `refuse` (the office holder said no to a proposal).",
    )


class ReferralPartnerStatusChangeInputSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=PARTNER_ACTIONS)
    text = serializers.CharField(
        required=False, max_length=MAX_ANSWER, help_text="Required: the reason to decline, or the report to complete."
    )


# renders a ``ReferralEvent``
class ReferralStatusChangeSerializer(serializers.Serializer):
    action = serializers.CharField()
    fromStatus = serializers.ChoiceField(source="from_status", choices=ReferralStatus.choices)
    status = serializers.ChoiceField(source="to_status", choices=ReferralStatus.choices)
    at = serializers.DateTimeField()


class PartnerSuggestionQuerySerializer(serializers.Serializer):
    kind = choice_field(PartnerKind.choices, help_text="The kind of help; partners of this kind come first.")


# renders ``selectors.Suggestion``
class PartnerSuggestionSerializer(serializers.Serializer):
    partnerId = serializers.IntegerField(source="partner.pk")
    name = serializers.CharField(source="partner.name")
    organisation = serializers.CharField(source="partner.organisation", allow_blank=True)
    kind = serializers.ChoiceField(source="partner.kind", choices=PartnerKind.choices)
    kindMatches = serializers.BooleanField(source="kind_matches")
    servesRegion = serializers.BooleanField(
        source="serves_region", help_text="Nationwide, or serving the case's province."
    )
    available = serializers.BooleanField(source="partner.available")
    openReferrals = serializers.IntegerField(source="open_referrals")
    capacity = serializers.IntegerField(source="partner.capacity")
    reasons = serializers.ListField(child=serializers.CharField(), help_text="Why, in the reader's language.")


# renders a ``Referral`` (the list) or a ``selectors.ReferralView`` (one referral): the attributes both offer
class PartnerReferralListItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=PartnerKind.choices)
    status = serializers.ChoiceField(choices=ReferralStatus.choices)
    sentAt = serializers.DateTimeField(source="sent_at")
    respondBy = serializers.DateTimeField(source="respond_by", allow_null=True)
    overdue = ComputedBooleanField(selectors.is_overdue)
    acceptedAt = serializers.DateTimeField(source="accepted_at", allow_null=True)
    declinedAt = serializers.DateTimeField(source="declined_at", allow_null=True)
    completedAt = serializers.DateTimeField(source="completed_at", allow_null=True)


# renders ``selectors.PartnerIncident``
class ReferralIncidentSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    occurredOn = serializers.DateField(source="occurred_on")
    channel = serializers.CharField(help_text="In the reader's language.")
    acts = serializers.ListField(child=serializers.CharField())
    affected = serializers.ListField(child=serializers.CharField())
    description = serializers.CharField(allow_blank=True)


# renders ``selectors.PartnerEvidence``
class ReferralEvidenceSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    fileName = serializers.CharField(source="file_name")
    mediaType = serializers.CharField(source="media_type", help_text="Of the file you download.")
    size = serializers.IntegerField(help_text="Of the original.")
    original = serializers.BooleanField(
        help_text="False: an image that you get as its metadata-free preview (JPEG, no EXIF), because the office "
        "holder did not consent to its original."
    )


class PartnerReferralSerializer(PartnerReferralListItemSerializer):
    """Exactly what the office holder consented to: the minimum, and each optional item only when ticked."""

    # The minimum is null once the referral is declined or completed: the partner then keeps only the
    # dates and its own answer.
    firstName = ComputedCharField(_of_minimum("first_name", None), allow_blank=True, allow_null=True)
    office = ComputedCharField(_of_minimum("office", None), allow_null=True)
    region = ComputedCharField(_of_minimum("region", None), allow_blank=True, allow_null=True)
    question = ComputedCharField(_of_minimum("question", None), allow_null=True)
    contactMethod = ComputedChoiceField(
        _of_minimum("contact_method", None), choices=ContactMethod.choices, allow_null=True
    )
    contact = ComputedCharField(_of_minimum("contact", None), allow_null=True)
    requestText = serializers.CharField(source="request_text", allow_null=True, help_text="Null unless consented to.")
    incidents = ReferralIncidentSerializer(many=True, help_text="Only the consented incidents.")
    evidence = ReferralEvidenceSerializer(
        many=True, help_text="Only the consented exhibits (download them on the partner pages)."
    )
    declineReason = ComputedCharField(_blank_is_null("decline_reason"), allow_null=True)
    report = ComputedCharField(_blank_is_null("report"), allow_null=True)
    allowedActions = ComputedListField(
        lambda view: WORKFLOW.names(view.status, party=Party.PARTNER), child=serializers.CharField()
    )


# --- answers ---------------------------------------------------------------------------------------------------


def _status_change(referral: Referral) -> Response:
    event = ReferralEvent.objects.filter(referral=referral).order_by("-at", "-id").first()
    assert event is not None  # every step appends one
    return Response(ReferralStatusChangeSerializer(event).data, status=status.HTTP_201_CREATED)


def _action(raw: dict[str, Any], allowed: tuple[str, ...]) -> str:
    action = raw.get("action")
    if action not in allowed:
        message = _("Kies een van: %(actions)s.") % {"actions": ", ".join(allowed)}
        raise InvalidInput(message, invalid_params=[{"name": "action", "reason": message}])
    return str(action)


# --- staff ----------------------------------------------------------------------------------------------------


ADVISOR_SIDE = {"party": Party.ADVISOR}  # the context ReferralSerializer renders the advisor's actions with


def _staff_view(request: Request, reference: str, id: int) -> selectors.ReferralView:
    return selectors.referral_read(access=policy.access_referral(request.user, reference, _id(id)))


class CaseReferralsView(StaffCaseView):
    @extend_schema(
        operation_id="listCaseReferrals",
        summary="The referrals of a case",
        description="Newest first, with the question, the proposed and consented items and the partner's answer. "
        "Every read is audited. A coordinator who may not read the case (another association, not assigned) gets "
        "the same list as metadata (`metadataOnly`: partner, status and dates), as on the case's referrals page.",
        tags=STAFF_TAGS,
        parameters=[CASE_REFERENCE],
        responses={200: ReferralSerializer(many=True), **problem_responses(*CASE_ERRORS)},
    )
    def get(self, request: Request, reference: str) -> Response:
        access = policy.access_case_referrals(request.user, reference)
        if access.has_content:
            views = selectors.case_referrals(access=access)
        else:
            views = selectors.case_referrals_metadata(access=access)
        return Response(ReferralSerializer(views, many=True, context=ADVISOR_SIDE).data)

    @extend_schema(
        operation_id="createCaseReferral",
        summary="Propose a referral to a network partner",
        description="The referral starts as `proposed`: nothing leaves the case until the office holder consents "
        "(in Mijn zaak, or recorded with `PUT …/consent`). A closed case or an inactive partner is 409.",
        tags=STAFF_TAGS,
        parameters=[CASE_REFERENCE, LOCATION_HEADER],
        request=ReferralProposalInputSerializer,
        responses={
            201: OpenApiResponse(ReferralSerializer, description="Proposed."),
            **problem_responses(*CASE_ERRORS, 415),
            **_conflict(),
        },
        examples=[
            OpenApiExample(
                "A peer for coffee",
                request_only=True,
                value={"partnerId": 3, "question": "Kunt u langskomen voor een kop koffie?", "items": ["incident:1"]},
            )
        ],
    )
    def post(self, request: Request, reference: str) -> Response:
        case = policy.access_case(request.user, reference).case
        raw = _internal_items(case, request_object(request))
        data = validate_proposal(
            raw,
            allowed_items={i.key for i in selectors.case_items(case)},
            partner_ids=set(active_partners().values_list("pk", flat=True)),
        )
        referral = services.referral_propose(actor=request.user, reference=reference, data=data)
        data = ReferralSerializer(_staff_view(request, reference, referral.pk), context=ADVISOR_SIDE).data
        return created(request, data, "api-case-referral", reference=reference, id=referral.pk)


class CaseReferralView(StaffCaseView):
    @extend_schema(
        operation_id="getCaseReferral",
        summary="One referral of a case",
        tags=STAFF_TAGS,
        parameters=[CASE_REFERENCE, ID_PARAMETER],
        responses={200: ReferralSerializer, **problem_responses(*CASE_ERRORS)},
    )
    def get(self, request: Request, reference: str, id: int) -> Response:
        return Response(ReferralSerializer(_staff_view(request, reference, id), context=ADVISOR_SIDE).data)


class CaseReferralConsentView(StaffCaseView):
    @extend_schema(
        operation_id="updateCaseReferralConsent",
        summary="Record consent the office holder gave outside Weerbaar",
        description="How (phone, in person, e-mail, letter) and when are required; the items are a subset of the "
        "proposed ones. Only a `proposed` referral takes consent (else 409).",
        tags=STAFF_TAGS,
        parameters=[CASE_REFERENCE, ID_PARAMETER],
        request=ReferralRecordedConsentInputSerializer,
        responses={200: ReferralSerializer, **problem_responses(*CASE_ERRORS, 415), **_conflict()},
    )
    def put(self, request: Request, reference: str, id: int) -> Response:
        referral = policy.access_referral(request.user, reference, _id(id)).referral
        raw = _internal_items(referral.case, request_object(request))
        data = validate_consent(
            raw, proposed_items=set(referral.proposed_items), recorded=True, not_before=referral.proposed_at
        )
        services.referral_consent_give(actor=request.user, reference=reference, referral_id=referral.pk, data=data)
        return Response(ReferralSerializer(_staff_view(request, reference, referral.pk), context=ADVISOR_SIDE).data)

    @extend_schema(
        operation_id="deleteCaseReferralConsent",
        summary="Withdraw consent (as told by the office holder)",
        description="The partner's access ends at once; an open referral is cancelled. No consent standing is 409.",
        tags=STAFF_TAGS,
        parameters=[CASE_REFERENCE, ID_PARAMETER],
        responses={204: None, **problem_responses(*CASE_ERRORS), **_conflict()},
    )
    def delete(self, request: Request, reference: str, id: int) -> Response:
        referral = policy.access_referral(request.user, reference, _id(id)).referral
        services.referral_consent_withdraw(actor=request.user, reference=reference, referral_id=referral.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CaseReferralStatusChangesView(StaffCaseView):
    @extend_schema(
        operation_id="createCaseReferralStatusChange",
        summary="Send, cancel, or record that the office holder refused",
        description="`send`: consented -> sent (the partner is notified and has two working days to respond). "
        "`cancel`: any open status -> cancelled. `refuse`: proposed -> cancelled. Anything else is 409.",
        tags=STAFF_TAGS,
        parameters=[CASE_REFERENCE, ID_PARAMETER],
        request=ReferralStaffStatusChangeInputSerializer,
        responses={201: ReferralStatusChangeSerializer, **problem_responses(*CASE_ERRORS, 415), **_conflict()},
    )
    def post(self, request: Request, reference: str, id: int) -> Response:
        referral = policy.access_referral(request.user, reference, _id(id)).referral
        action = _action(request_object(request), STAFF_ACTIONS)
        if action == "send":
            referral = services.referral_send(actor=request.user, reference=reference, referral_id=referral.pk)
        elif action == "cancel":
            referral = services.referral_cancel(actor=request.user, reference=reference, referral_id=referral.pk)
        else:
            referral = services.referral_consent_refuse(
                actor=request.user, reference=reference, referral_id=referral.pk
            )
        return _status_change(referral)


class CasePartnerSuggestionsView(StaffCaseView):
    @extend_schema(
        operation_id="listCasePartnerSuggestions",
        summary="Active partners ranked for this case",
        description="Available partners first (unavailable ones are no suggestions and come last), then kind, "
        "serving the case's province (or nationwide), and the least loaded (open referrals / capacity); each "
        "with the reasons.",
        tags=STAFF_TAGS,
        parameters=[CASE_REFERENCE, PartnerSuggestionQuerySerializer],
        responses={200: PartnerSuggestionSerializer(many=True), **problem_responses(*CASE_ERRORS)},
    )
    def get(self, request: Request, reference: str) -> Response:
        case = policy.access_case(request.user, reference).case
        query = PartnerSuggestionQuerySerializer(data=query_values(request))
        query.is_valid(raise_exception=True)
        suggestions = selectors.suggest_partners(case, query.validated_data.get("kind") or None)
        return Response(PartnerSuggestionSerializer(suggestions, many=True).data)


# --- partner --------------------------------------------------------------------------------------------------


class PartnerReferralsView(PartnerView):
    @extend_schema(
        operation_id="listReferrals",
        summary="The referrals made to your partner",
        description="Only sent referrals whose consent stands, newest first; metadata only (read one for the "
        "content). For partner accounts; every other role is 403.",
        tags=PARTNER_TAGS,
        responses={200: PartnerReferralListItemSerializer(many=True), **problem_responses(*PARTNER_ERRORS)},
    )
    def get(self, request: Request) -> Response:
        referrals = selectors.partner_referrals(user=request.user)
        return Response(PartnerReferralListItemSerializer(referrals, many=True).data)


class PartnerReferralView(PartnerView):
    @extend_schema(
        operation_id="getReferral",
        summary="One referral: the minimum and exactly the consented items",
        description="First name, office, region, the question and the chosen way of contact; the request text, "
        "incidents and exhibits only when the office holder ticked them. A referral that is not yours, not sent, "
        "or whose consent was withdrawn is 404. Every read is audited.",
        tags=PARTNER_TAGS,
        parameters=[ID_PARAMETER],
        responses={200: PartnerReferralSerializer, **problem_responses(400, *PARTNER_ERRORS)},
    )
    def get(self, request: Request, id: int) -> Response:
        view = selectors.referral_for_partner(access=policy.access_referral_as_partner(request.user, _id(id)))
        return Response(PartnerReferralSerializer(view).data)


class PartnerReferralStatusChangesView(PartnerView):
    @extend_schema(
        operation_id="createReferralStatusChange",
        summary="Accept, decline (with a reason) or complete (with a report)",
        description="`accept` and `decline` only while `sent` and before `respondBy`; `complete` once accepted. "
        "Anything else is 409.",
        tags=PARTNER_TAGS,
        parameters=[ID_PARAMETER],
        request=ReferralPartnerStatusChangeInputSerializer,
        responses={201: ReferralStatusChangeSerializer, **problem_responses(400, *PARTNER_ERRORS, 415), **_conflict()},
        examples=[
            OpenApiExample("Decline", request_only=True, value={"action": "decline", "text": "Geen plek deze maand."})
        ],
    )
    def post(self, request: Request, id: int) -> Response:
        referral = policy.access_referral_as_partner(request.user, _id(id)).referral
        raw = request_object(request)
        action = _action(raw, PARTNER_ACTIONS)
        text = validate_answer(raw, action=action)
        referral = services.referral_answer(actor=request.user, referral_id=referral.pk, action=action, text=text)
        return _status_change(referral)


# --- office holder --------------------------------------------------------------------------------------------


OFFICE_HOLDER_SIDE = {"party": Party.OFFICE_HOLDER}  # the context ReferralSerializer renders their actions with


def _office_holder_view(request: Request, reference: str, id: int) -> selectors.ReferralView:
    policy.access_case_as_office_holder(request.user, reference)
    access = policy.access_referral_as_office_holder(request.user, _id(id))
    return selectors.referral_read(access=access)


class HelpRequestReferralsView(OfficeHolderView):
    @extend_schema(
        operation_id="listHelpRequestReferrals",
        summary="The referrals of your help request",
        description="Each with the partner, the question, the items proposed and what you consented to.",
        tags=OFFICE_HOLDER_TAGS,
        parameters=[HELP_REQUEST_REFERENCE],
        responses={200: ReferralSerializer(many=True), **problem_responses(*OFFICE_HOLDER_ERRORS)},
    )
    def get(self, request: Request, reference: str) -> Response:
        views = selectors.case_referrals(access=policy.access_case_as_office_holder(request.user, reference))
        return Response(ReferralSerializer(views, many=True, context=OFFICE_HOLDER_SIDE).data)


class HelpRequestReferralConsentView(OfficeHolderView):
    @extend_schema(
        operation_id="updateHelpRequestReferralConsent",
        summary="Give consent: exactly which proposed items the partner may see, and how to reach you",
        description="The minimum (first name, office, region, the question, the way of contact) is always shared; "
        "each proposed item only when listed in `items`. Only a `proposed` referral takes consent (else 409).",
        tags=OFFICE_HOLDER_TAGS,
        parameters=[HELP_REQUEST_REFERENCE, ID_PARAMETER],
        request=ReferralConsentInputSerializer,
        responses={200: ReferralSerializer, **problem_responses(*OFFICE_HOLDER_ERRORS, 415), **_conflict()},
    )
    def put(self, request: Request, reference: str, id: int) -> Response:
        policy.access_case_as_office_holder(request.user, reference)
        referral = policy.access_referral_as_office_holder(request.user, _id(id)).referral
        raw = _internal_items(referral.case, request_object(request))
        data = validate_consent(raw, proposed_items=set(referral.proposed_items), recorded=False)
        services.referral_consent_give(actor=request.user, referral_id=referral.pk, data=data)
        return Response(
            ReferralSerializer(_office_holder_view(request, reference, referral.pk), context=OFFICE_HOLDER_SIDE).data
        )

    @extend_schema(
        operation_id="deleteHelpRequestReferralConsent",
        summary="Withdraw your consent",
        description="The partner sees nothing of this referral from this moment on; an open referral is "
        "cancelled. No consent standing is 409.",
        tags=OFFICE_HOLDER_TAGS,
        parameters=[HELP_REQUEST_REFERENCE, ID_PARAMETER],
        responses={204: None, **problem_responses(*OFFICE_HOLDER_ERRORS), **_conflict()},
    )
    def delete(self, request: Request, reference: str, id: int) -> Response:
        policy.access_case_as_office_holder(request.user, reference)
        referral = policy.access_referral_as_office_holder(request.user, _id(id)).referral
        services.referral_consent_withdraw(actor=request.user, referral_id=referral.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
