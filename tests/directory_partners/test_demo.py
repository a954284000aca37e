"""weerbaar seed --demo adds fictional partners of every kind, and links the demo partner account."""

from __future__ import annotations

import pytest

from weerbaar.accounts.models import User
from weerbaar.core import demo
from weerbaar.directory import demo as directory_demo
from weerbaar.directory.choices import PartnerKind
from weerbaar.directory.models import Partner

pytestmark = pytest.mark.django_db


def test_demo_partners_cover_every_kind_and_several_provinces(settings, reference_data):
    settings.DEBUG = True
    demo.demo_data_load(cases=2)
    partners = list(Partner.objects.prefetch_related("provinces"))
    assert {p.kind for p in partners} == set(PartnerKind.values)
    assert len({province.code for p in partners for province in p.provinces.all()}) >= 6
    assert any(p.nationwide for p in partners)
    assert all(p.email.endswith("@example.org") and "(demo)" in p.name for p in partners)
    assert User.objects.get(username="demo-partner").partner.name == directory_demo.DEMO_PARTNERS[0]["name"]
    demo.demo_data_load(cases=2)  # a second run adds nothing
    assert Partner.objects.count() == len(directory_demo.DEMO_PARTNERS)
