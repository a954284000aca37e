"""API v1 of intake: submitting a help request, and the office holder's follow-up access.

Validation of a help request lives in ``intake.validation`` (one set of rules for
web, phone and API); the serializers here only describe the shapes for the
OpenAPI document and render answers.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from weerbaar.accounts import policy
from weerbaar.cases import selectors as case_selectors
from weerbaar.cases import services as case_services
from weerbaar.cases.api import SenderField
from weerbaar.cases.choices import Affected, Channel, Concern, MessageSender, OfficeRole, PreferredContact, Status
from weerbaar.cases.models import Case, CaseMessage
from weerbaar.core import errors
from weerbaar.core.api import problem_response, request_object, string_fields
from weerbaar.core.openapi import problem_responses
from weerbaar.core.ratelimit import client_address
from weerbaar.intake import services
from weerbaar.intake.validation import (
    MAX_DESCRIPTION,
    MAX_EMAIL,
    MAX_MUNICIPALITY_CODE,
    MAX_NAME,
    MAX_PHONE,
    MAX_PROVINCE_CODE,
    validate_email_choice,
)
from weerbaar.web.api import (
    CASE_ERRORS,
    CASE_REFERENCE,
    OFFICE_HOLDER_ERRORS,
    OfficeHolderView,
    StaffCaseView,
    created,
)
from weerbaar.web.http import no_store

# --- shapes -------------------------------------------------------------------------


class HelpRequestInputSerializer(serializers.Serializer):
    """The body of ``POST /help-requests`` (validated by ``intake.validation``, not by this class)."""

    role = serializers.ChoiceField(choices=OfficeRole.choices)
    municipalityCode = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=MAX_MUNICIPALITY_CODE,
        help_text="CBS code `GMxxxx`; required for municipal roles.",
    )
    provinceCode = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=MAX_PROVINCE_CODE,
        help_text="CBS code `PVxx`; required for provincial roles.",
    )
    name = serializers.CharField(max_length=MAX_NAME)
    email = serializers.EmailField(
        required=False,
        allow_blank=True,
        max_length=MAX_EMAIL,
        help_text="E-mail or phone: at least one, unless `preferredContact` is `portal`.",
    )
    phone = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=MAX_PHONE,
        help_text="Phone or e-mail: at least one, unless `preferredContact` is `portal`.",
    )
    preferredContact = serializers.ChoiceField(
        choices=PreferredContact.choices,
        help_text=(
            "`portal`: replies only in Mijn zaak (the follow-up session); then neither `phone` nor `email` is "
            "needed, and an advisor does not call or e-mail."
        ),
    )
    concerns = serializers.ListField(child=serializers.ChoiceField(choices=Concern.choices), min_length=1)
    affected = serializers.ListField(child=serializers.ChoiceField(choices=Affected.choices), required=False)
    description = serializers.CharField(max_length=MAX_DESCRIPTION, help_text="What happened (1 to 10000 characters).")
    acuteDanger = serializers.BooleanField(default=False, help_text="Acute danger: call 112 first.")
    consentToShare = serializers.BooleanField(default=False)
    notifyByEmail = serializers.BooleanField(
        default=False,
        help_text='Send a content-free e-mail ("Er is iets nieuws in Mijn zaak" and a link, nothing else) to `email` '
        "when an advisor writes or a consent request or check-in waits. Requires `email`; changed or withdrawn "
        "in Mijn zaak.",
    )


class AssociationRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class SubmittedHelpRequestSerializer(serializers.Serializer):
    reference = serializers.CharField(source="case.reference")
    followUpCode = serializers.CharField(
        source="follow_up_code", help_text="Shown once: with the reference it signs the office holder in."
    )
    association = AssociationRefSerializer(source="case.association")
    status = serializers.ChoiceField(choices=Status.choices, source="case.status")
    urgent = serializers.BooleanField(source="case.urgent")
    respondBy = serializers.DateTimeField(source="case.respond_by")
    nextSteps = serializers.ListField(
        child=serializers.CharField(), source="next_steps", help_text="With acute danger the first step is: call 112."
    )


class FollowUpSessionInputSerializer(serializers.Serializer):
    reference = serializers.CharField()
    followUpCode = serializers.CharField()


class FollowUpSessionSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send as `Authorization: Bearer <token>`.")
    expiresAt = serializers.DateTimeField()


class HelpRequestStatusSerializer(serializers.Serializer):
    """What the office holder sees of the own case: no staff-only metadata."""

    reference = serializers.CharField()
    status = serializers.ChoiceField(choices=Status.choices)
    association = AssociationRefSerializer()
    urgent = serializers.BooleanField()
    respondBy = serializers.DateTimeField(source="respond_by")
    assignedAdvisor = serializers.SerializerMethodField()
    createdAt = serializers.DateTimeField(source="created_at")

    def get_assignedAdvisor(self, case: Case) -> str | None:
        return case.assigned_to.label if case.assigned_to is not None else None


class MessageInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=case_services.MAX_TEXT)


# renders the thread's ``TimelineItem`` (``cases.selectors.case_messages_read``); no docstring: it would become the
# document's description of the component
class OfficeHolderMessageSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="extra.id")
    sender = SenderField(source="extra.sender")
    text = serializers.CharField()
    createdAt = serializers.DateTimeField(source="at")


# --- views --------------------------------------------------------------------------


class EmailNotificationInputSerializer(serializers.Serializer):
    notifyByEmail = serializers.BooleanField(
        help_text="true: one content-free e-mail ('er is iets nieuws in Mijn zaak' and a link) when an advisor "
        "writes or a consent request or check-in waits; false: no e-mail, the address is deleted."
    )
    email = serializers.EmailField(
        required=False, max_length=MAX_EMAIL, help_text="Required when `notifyByEmail` is true; ignored otherwise."
    )


class EmailNotificationSerializer(serializers.Serializer):
    notifyByEmail = serializers.BooleanField()
    email = serializers.EmailField(allow_null=True, help_text="The address the e-mail goes to; null when off.")


def _email_notification(email: str) -> Response:
    data = EmailNotificationSerializer({"notifyByEmail": bool(email), "email": email or None}).data
    return no_store(Response(data), bare=True)  # the office holder's address


class HelpRequestCreateView(APIView):
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        operation_id="createHelpRequest",
        summary="Ask for help (public)",
        description="Routes the request to the association of the role and returns the reference and a one-time "
        "follow-up code. Rate-limited per client address.",
        tags=["help requests"],
        request=HelpRequestInputSerializer,
        parameters=[
            OpenApiParameter(
                "Location",
                str,
                OpenApiParameter.HEADER,
                response=[201],
                description="The office holder's view of the new help request (needs a follow-up session).",
            )
        ],
        responses={
            201: OpenApiResponse(SubmittedHelpRequestSerializer, description="Received; store the code safely."),
            **problem_responses(400, 415, 429),
        },
        examples=[
            OpenApiExample(
                "Raadslid",
                request_only=True,
                value={
                    "role": "raadslid",
                    "municipalityCode": "GM0363",
                    "name": "Sam",
                    "email": "sam@example.org",
                    "preferredContact": "email",
                    "concerns": ["threat"],
                    "affected": ["self"],
                    "description": "Ik ontving een dreigend bericht.",
                    "acuteDanger": False,
                    "consentToShare": True,
                },
            )
        ],
    )
    def post(self, request: Request) -> Response:
        services.intake_rate_limit(client_address(request))
        submitted = services.help_request_submit(raw=request.data, channel=Channel.API)
        data = SubmittedHelpRequestSerializer(submitted).data
        return created(request, data, "api-help-request", reference=submitted.case.reference)


class FollowUpSessionCreateView(APIView):
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        operation_id="createFollowUpSession",
        summary="Sign in as the office holder with reference and follow-up code",
        description="Any wrong combination gives the same 401 answer. Attempts are rate-limited.",
        tags=["help requests"],
        request=FollowUpSessionInputSerializer,
        responses={
            201: FollowUpSessionSerializer,
            **problem_responses(400, 401, 415, 429),
        },
    )
    def post(self, request: Request) -> Response:
        data = string_fields(request_object(request), "reference", "followUpCode")
        missing = [{"name": name, "reason": "Required."} for name in ("reference", "followUpCode") if not data[name]]
        if missing:
            raise errors.InvalidInput("One or more fields are invalid.", invalid_params=missing)
        try:
            verified = services.follow_up_check(
                reference=data["reference"], code=data["followUpCode"], client=client_address(request)
            )
        except errors.NotFound as exc:
            # One answer for every wrong pair; after the right code, that the case's access period has ended.
            ended = isinstance(exc, services.FollowUpAccessEnded)
            response = problem_response(401, exc.message if ended else services.GENERIC_SIGN_IN_ERROR)
            response["WWW-Authenticate"] = 'Bearer realm="api"'
            return response
        token, expires = services.follow_up_session_create(principal=verified.principal, generation=verified.generation)
        return Response(
            FollowUpSessionSerializer({"token": token, "expiresAt": expires}).data, status=status.HTTP_201_CREATED
        )


class HelpRequestDetailView(OfficeHolderView):
    @extend_schema(
        operation_id="getHelpRequest",
        summary="Status of the own help request (office holder)",
        tags=["help requests"],
        parameters=[CASE_REFERENCE],
        responses={200: HelpRequestStatusSerializer, **problem_responses(*OFFICE_HOLDER_ERRORS)},
    )
    def get(self, request: Request, reference: str) -> Response:
        case = policy.access_case_as_office_holder(request.user, reference).case
        return Response(HelpRequestStatusSerializer(case).data)


class HelpRequestMessagesView(OfficeHolderView):
    @extend_schema(
        operation_id="listHelpRequestMessages",
        summary="Messages between the office holder and the advisor",
        tags=["help requests"],
        parameters=[CASE_REFERENCE],
        responses={200: OfficeHolderMessageSerializer(many=True), **problem_responses(*OFFICE_HOLDER_ERRORS)},
    )
    def get(self, request: Request, reference: str) -> Response:
        principal = request.user
        access = policy.access_case_as_office_holder(principal, reference)
        items = case_selectors.case_messages_read(access=access, audit_as=principal.username)
        case_services.case_messages_mark_read(case=access.case, reader=MessageSender.OFFICE_HOLDER)
        return Response(OfficeHolderMessageSerializer(items, many=True).data)

    @extend_schema(
        operation_id="createHelpRequestMessage",
        summary="Send a message to the advisor",
        tags=["help requests"],
        parameters=[CASE_REFERENCE],
        request=MessageInputSerializer,
        responses={201: OfficeHolderMessageSerializer, **problem_responses(*OFFICE_HOLDER_ERRORS, 409, 415)},
    )
    def post(self, request: Request, reference: str) -> Response:
        principal = request.user
        policy.access_case_as_office_holder(principal, reference)
        text = string_fields(request_object(request), "text")["text"]
        message: CaseMessage = case_services.case_message_send_by_office_holder(
            principal=principal, reference=reference, text=text
        )
        # the message as the thread shows it (the text as sent, not read back from its ciphertext)
        item = case_selectors.TimelineItem(
            "message", message.created_at, "", text.strip(), {"id": message.pk, "sender": message.sender}
        )
        return Response(OfficeHolderMessageSerializer(item).data, status=status.HTTP_201_CREATED)


# --- staff: a new follow-up code -----------------------------------------------------------------------------


class FollowUpCodeSerializer(serializers.Serializer):
    followUpCode = serializers.CharField(
        help_text="The new follow-up code: shown once, never stored in plain text. Pass it on by phone."
    )


class CaseFollowUpCodeResetView(StaffCaseView):
    @extend_schema(
        operation_id="createCaseFollowUpCodeReset",
        summary="Replace the office holder's follow-up code",
        description=(
            "For the advisors of the case (content access). The old code stops working at once and every session "
            "of the case ends: its bearer tokens answer 401 and its Mijn zaak sessions are signed out. The new "
            "code is in this answer only (`Cache-Control: no-store`)."
        ),
        tags=["cases"],
        parameters=[CASE_REFERENCE],
        request=None,
        responses={201: FollowUpCodeSerializer, **problem_responses(*CASE_ERRORS)},
    )
    def post(self, request: Request, reference: str) -> Response:
        code = services.follow_up_code_reset(actor=request.user, reference=reference)
        response = Response(FollowUpCodeSerializer({"followUpCode": code}).data, status=status.HTTP_201_CREATED)
        return no_store(response, bare=True)


class HelpRequestEmailNotificationView(OfficeHolderView):
    """The office holder's choice of a content-free e-mail when something is new: what ``/mijn-zaak/e-mail``
    does on the web, with its rules (``intake.validation.validate_email_choice``)."""

    @extend_schema(
        operation_id="getHelpRequestEmailNotification",
        summary="The e-mail choice of the office holder",
        description="Whether a content-free e-mail goes out when something is new in Mijn zaak, and to which "
        "address (reading it is audited).",
        tags=["help requests"],
        parameters=[CASE_REFERENCE],
        responses={200: EmailNotificationSerializer, **problem_responses(*OFFICE_HOLDER_ERRORS)},
    )
    def get(self, request: Request, reference: str) -> Response:
        from weerbaar.notifications import services as notification_services

        principal = request.user
        case = policy.access_case_as_office_holder(principal, reference).case
        return _email_notification(notification_services.office_holder_email_read(case=case, actor=principal.username))

    @extend_schema(
        operation_id="updateHelpRequestEmailNotification",
        summary="Change or withdraw the e-mail choice",
        description="`notifyByEmail: true` with an `email` switches the e-mail on or changes its address; "
        "`notifyByEmail: false` switches it off: the address is deleted, and so is any e-mail still waiting. "
        "The e-mail never carries case content.",
        tags=["help requests"],
        parameters=[CASE_REFERENCE],
        request=EmailNotificationInputSerializer,
        responses={200: EmailNotificationSerializer, **problem_responses(*OFFICE_HOLDER_ERRORS, 415)},
        examples=[
            OpenApiExample("Switch on", request_only=True, value={"notifyByEmail": True, "email": "naam@example.org"}),
            OpenApiExample("Switch off", request_only=True, value={"notifyByEmail": False}),
        ],
    )
    def put(self, request: Request, reference: str) -> Response:
        from weerbaar.notifications import services as notification_services

        principal = request.user
        case = policy.access_case_as_office_holder(principal, reference).case
        choice = validate_email_choice(request_object(request))
        if choice.notify_by_email:
            notification_services.office_holder_email_set(case=case, email=choice.email, actor=principal.username)
        else:
            notification_services.office_holder_email_withdraw(case=case, actor=principal.username)
        return _email_notification(choice.email)


class HelpRequestSignOutView(OfficeHolderView):
    """ "Overal uitloggen" for apps: what the button in Mijn zaak does (``intake.services.follow_up_sessions_end``)."""

    @extend_schema(
        operation_id="createHelpRequestSignOut",
        summary="Sign out everywhere (office holder)",
        description=(
            "Ends every session of the own help request at once: every bearer token (this one included) answers "
            "401 from now on and every Mijn zaak session in a browser is signed out. The follow-up code keeps "
            "working; only an advisor can replace it. Audited as `case.office_holder_signed_out_everywhere`."
        ),
        tags=["help requests"],
        parameters=[CASE_REFERENCE],
        request=None,
        responses={
            204: OpenApiResponse(description="Signed out everywhere; sign in again with the code."),
            **problem_responses(*OFFICE_HOLDER_ERRORS),
        },
    )
    def post(self, request: Request, reference: str) -> Response:
        principal = request.user
        policy.access_case_as_office_holder(principal, reference)
        services.follow_up_sessions_end(principal=principal)
        return Response(status=status.HTTP_204_NO_CONTENT)
