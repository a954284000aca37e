"""API v1 of the directory: the public list of associations and their advisors."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from weerbaar.directory import selectors


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
