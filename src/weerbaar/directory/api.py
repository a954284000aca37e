"""API v1 of the directory: the public list of associations and their advisors, and the partner network
(staff token; reading for advisors, coordinators and administrators, changes for coordinators and administrators)."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from weerbaar.accounts import policy
from weerbaar.core.api import PROBLEM_CONTENT_TYPE, query_values, request_object
from weerbaar.core.errors import Forbidden, InvalidInput, NotFound
from weerbaar.core.openapi import ProblemDetailsSerializer, problem_responses
from weerbaar.directory import selectors, services
from weerbaar.directory.choices import CAPACITY_MAX, CAPACITY_MIN, PartnerKind
from weerbaar.directory.models import Partner, Province
from weerbaar.directory.validation import MAX_EMAIL, MAX_NAME, MAX_NOTES, MAX_ORGANISATION, MAX_PHONE


class AdvisorSerializer(serializers.Serializer):
    name = serializers.CharField()


class AssociationSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable code: ngb, wethoudersvereniging, nvvr, statenlidnu or bzk.")
    name = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.EmailField(allow_blank=True)
    advisors = AdvisorSerializer(many=True, source="contacts.all")


class AssociationListView(APIView):
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        operation_id="listAssociations",
        summary="The associations and their advisors (public directory)",
        tags=["directory"],
        responses={200: AssociationSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response(AssociationSerializer(selectors.associations_with_contacts(), many=True).data)


# --- the partner network ---------------------------------------------------------------------------------

PARTNER_TAGS = ["partners"]
PARTNER_ERRORS_READ = (400, 401, 404)
PARTNER_ERRORS_WRITE = (400, 401, 404)
PARTNER_ID_PARAMETER = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The partner's id.")
FORBIDDEN_PARTNERS = {
    (403, PROBLEM_CONTENT_TYPE): OpenApiResponse(
        ProblemDetailsSerializer,
        description="Your role may not do this: reading needs advisor, coordinator or administrator; "
        "changing needs coordinator or administrator. Partner and analyst accounts never use these endpoints.",
    )
}


class PartnerReadAccess(permissions.BasePermission):
    """Staff token (else 401); reading needs ``policy.can_view_partners``, writing ``can_manage_partners`` (403)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not policy.is_staff_member(request.user):
            return False
        allowed = (
            policy.can_view_partners(request.user)
            if request.method in permissions.SAFE_METHODS
            else policy.can_manage_partners(request.user)
        )
        if not allowed:
            raise Forbidden(_("Deze rol heeft geen toegang tot het partnernetwerk."))
        return True


class ProvinceCodesField(serializers.ListField):
    """The CBS codes of a partner's provinces, sorted."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(child=serializers.CharField(), **kwargs)

    def to_representation(self, data: Any) -> list[Any]:
        return super().to_representation(sorted(p.code for p in data.all()))


# A partner's times are written in UTC (``Z``), as this API always has; the other APIs use local time.
UTC_DATETIME = {"default_timezone": UTC}


# renders a ``Partner``; ``notes`` only with ``{"with_notes": True}`` in the context (no docstring: it would become
# the document's description of the component)
class PartnerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    organisation = serializers.CharField(allow_blank=True)
    kind = serializers.ChoiceField(choices=PartnerKind.choices)
    provinces = ProvinceCodesField(help_text="CBS codes of the provinces served, for example `PV26`.")
    nationwide = serializers.BooleanField(help_text="Serves every province.")
    languages = serializers.ListField(child=serializers.CharField(), help_text="ISO 639-1 codes, for example `nl`.")
    capacity = serializers.IntegerField(help_text="Open referrals the partner takes at once (1-100).")
    available = serializers.BooleanField(help_text="Takes new referrals now.")
    active = serializers.BooleanField(help_text="False: deactivated (kept, never suggested).")
    contactName = serializers.CharField(source="contact_name", allow_blank=True)
    email = serializers.CharField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True)
    notes = serializers.CharField(
        required=False, help_text="Coordinators' notes; only in answers to coordinators and administrators."
    )
    createdAt = serializers.DateTimeField(source="created_at", **UTC_DATETIME)
    updatedAt = serializers.DateTimeField(source="updated_at", **UTC_DATETIME)

    def to_representation(self, instance: Partner) -> dict[str, Any]:
        data = super().to_representation(instance)
        notes = data.pop("notes")
        if self.context.get("with_notes"):
            data["notes"] = notes  # last, where the answers have always had it
        return data


class PartnerListQuerySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=PartnerKind.choices,
        required=False,
        help_text="Only partners of this kind.",
        error_messages={"invalid_choice": "Choose one of: " + ", ".join(PartnerKind.values) + "."},
    )
    province = serializers.CharField(
        required=False, max_length=4, help_text="Only partners serving this province (CBS code), nationwide included."
    )
    available = serializers.ChoiceField(
        choices=["true", "false"],
        required=False,
        help_text="Only partners that take (`true`) or do not take (`false`) new referrals now.",
        error_messages={"invalid_choice": "Choose one of: true, false."},
    )

    def validate_province(self, value: str) -> str:
        if not Province.objects.filter(code=value).exists():
            raise serializers.ValidationError("Unknown province code.")
        return value


class PartnerInputSerializer(serializers.Serializer):
    """Documents the body; ``directory.validation.partner_input`` checks it (one rule set for API and web)."""

    name = serializers.CharField(max_length=MAX_NAME)
    organisation = serializers.CharField(required=False, allow_blank=True, max_length=MAX_ORGANISATION)
    kind = serializers.ChoiceField(choices=PartnerKind.choices)
    provinces = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="CBS codes; at least one unless `nationwide`."
    )
    nationwide = serializers.BooleanField(required=False, default=False)
    languages = serializers.ListField(child=serializers.CharField(), required=False, help_text="ISO 639-1 codes.")
    capacity = serializers.IntegerField(min_value=CAPACITY_MIN, max_value=CAPACITY_MAX)
    available = serializers.BooleanField(required=False, default=True)
    contactName = serializers.CharField(required=False, allow_blank=True, max_length=MAX_NAME)
    email = serializers.EmailField(required=False, allow_blank=True, max_length=MAX_EMAIL)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=MAX_PHONE)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=MAX_NOTES)


class PartnerPatchSerializer(PartnerInputSerializer):
    """Every field optional: only those given change. ``active`` deactivates (false) or reactivates (true)."""

    name = serializers.CharField(max_length=MAX_NAME, required=False)
    kind = serializers.ChoiceField(choices=PartnerKind.choices, required=False)
    capacity = serializers.IntegerField(min_value=CAPACITY_MIN, max_value=CAPACITY_MAX, required=False)
    nationwide = serializers.BooleanField(required=False)
    available = serializers.BooleanField(required=False)
    active = serializers.BooleanField(required=False)


def _partner(partner: Partner, *, with_notes: bool) -> Any:
    return PartnerSerializer(partner, context={"with_notes": with_notes}).data


def _visible_partner(user: Any, partner_id: int) -> Partner:
    """Deactivated partners exist only for those who manage the network; for others they are not found."""
    partner = selectors.partner_get(partner_id)
    if partner is None or (not partner.active and not policy.can_manage_partners(user)):
        raise NotFound(_("Deze partner bestaat niet."))
    return partner


def _stored_partner(partner_id: int) -> Partner:
    """The partner just written, read again with its provinces and accounts."""
    partner = selectors.partner_get(partner_id)
    assert partner is not None  # it was written in this request
    return partner


class PartnerListView(APIView):
    permission_classes = [PartnerReadAccess]

    @extend_schema(
        operation_id="listPartners",
        summary="Active partners of the network, by name",
        description="For choosing a partner for a referral: advisors, coordinators and administrators. Nationwide "
        "partners are included when filtering on a province. Deactivated partners are left out.",
        tags=PARTNER_TAGS,
        parameters=[PartnerListQuerySerializer],
        responses={200: PartnerSerializer(many=True), **problem_responses(400, 401), **FORBIDDEN_PARTNERS},
    )
    def get(self, request: Request) -> Response:
        query = PartnerListQuerySerializer(data=query_values(request))
        query.is_valid(raise_exception=True)
        data = query.validated_data
        available = {"true": "yes", "false": "no"}.get(data.get("available", ""), "")
        partners = selectors.partners_filtered(
            kind=data.get("kind", ""), province=data.get("province", ""), available=available
        )
        with_notes = policy.can_manage_partners(request.user)
        return Response(PartnerSerializer(partners, many=True, context={"with_notes": with_notes}).data)

    @extend_schema(
        operation_id="createPartner",
        summary="Add a partner to the network",
        description="Coordinators and administrators. Languages are ISO 639-1 codes, provinces CBS codes; "
        "capacity 1-100. Answers the partner as stored.",
        tags=PARTNER_TAGS,
        request=PartnerInputSerializer,
        responses={201: PartnerSerializer, **problem_responses(400, 401), **FORBIDDEN_PARTNERS},
    )
    def post(self, request: Request) -> Response:
        partner = services.partner_create(actor=request.user, raw=request_object(request))
        return Response(_partner(_stored_partner(partner.pk), with_notes=True), status=status.HTTP_201_CREATED)


class PartnerDetailView(APIView):
    permission_classes = [PartnerReadAccess]

    @extend_schema(
        operation_id="getPartner",
        summary="One partner",
        description="A deactivated partner is found only by coordinators and administrators.",
        tags=PARTNER_TAGS,
        parameters=[PARTNER_ID_PARAMETER],
        responses={200: PartnerSerializer, **problem_responses(*PARTNER_ERRORS_READ), **FORBIDDEN_PARTNERS},
    )
    def get(self, request: Request, id: int) -> Response:
        partner = _visible_partner(request.user, id)
        return Response(_partner(partner, with_notes=policy.can_manage_partners(request.user)))

    @extend_schema(
        operation_id="updatePartner",
        summary="Change a partner (only the fields given)",
        description="Coordinators and administrators. `active: false` deactivates the partner (never deleted: "
        "referrals and accounts point to it), `active: true` reactivates it.",
        tags=PARTNER_TAGS,
        parameters=[PARTNER_ID_PARAMETER],
        request=PartnerPatchSerializer,
        responses={200: PartnerSerializer, **problem_responses(*PARTNER_ERRORS_WRITE), **FORBIDDEN_PARTNERS},
    )
    def patch(self, request: Request, id: int) -> Response:
        raw = dict(request_object(request))
        partner = _visible_partner(request.user, id)
        active = raw.pop("active", None)
        if "active" in request.data and not isinstance(active, bool):
            raise InvalidInput(
                _("Controleer de gemarkeerde velden."),
                invalid_params=[{"name": "active", "reason": _("Moet waar of onwaar zijn.")}],
            )
        with transaction.atomic():
            services.partner_update(actor=request.user, partner_id=partner.pk, raw=raw, partial=True)
            if active is not None:
                services.partner_set_active(actor=request.user, partner_id=partner.pk, active=active)
        return Response(_partner(_stored_partner(partner.pk), with_notes=True))
