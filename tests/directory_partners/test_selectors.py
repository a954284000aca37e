"""active_partners: active only, by kind, by province or nationwide."""

from __future__ import annotations

import pytest

from tests.directory_partners.factories import PartnerFactory
from weerbaar.directory.choices import PartnerKind
from weerbaar.directory.models import Province
from weerbaar.directory.selectors import active_partners

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(reference_data):
    return {
        "utrecht_peer": PartnerFactory(name="A peer Utrecht", kind=PartnerKind.PEER, provinces=["PV26"]),
        "national_legal": PartnerFactory(name="B legal nationwide", kind=PartnerKind.LEGAL_AID, nationwide=True),
        "groningen_peer": PartnerFactory(name="C peer Groningen", kind=PartnerKind.PEER, provinces=["PV20"]),
        "inactive": PartnerFactory(name="D inactive", kind=PartnerKind.PEER, nationwide=True, active=False),
        "two_provinces": PartnerFactory(name="E security", kind=PartnerKind.SECURITY, provinces=["PV26", "PV27"]),
    }


def names(qs):
    return [p.name for p in qs]


def test_all_active_partners(network):
    assert names(active_partners()) == ["A peer Utrecht", "B legal nationwide", "C peer Groningen", "E security"]


def test_by_kind(network):
    assert names(active_partners(kind=PartnerKind.PEER)) == ["A peer Utrecht", "C peer Groningen"]


def test_by_province_code_includes_nationwide(network):
    assert names(active_partners(province="PV26")) == ["A peer Utrecht", "B legal nationwide", "E security"]


def test_by_province_object_and_id_agree(network):
    utrecht = Province.objects.get(code="PV26")
    assert names(active_partners(province=utrecht)) == names(active_partners(province=utrecht.pk))


def test_kind_and_province_together(network):
    assert names(active_partners(kind=PartnerKind.PEER, province="PV20")) == ["C peer Groningen"]
    assert names(active_partners(kind=PartnerKind.LEGAL_AID, province="PV20")) == ["B legal nationwide"]


def test_no_duplicates_for_partner_in_two_provinces(network):
    assert names(active_partners(kind=PartnerKind.SECURITY)) == ["E security"]
