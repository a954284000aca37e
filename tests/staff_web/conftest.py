"""Fixtures for the staff web pages: people in every role and signed-in, TOTP-verified clients."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory
from tests.matrix import once_per_module
from weerbaar.accounts.models import Role
from weerbaar.directory.models import Association

PASSWORD = "correct horse battery staple"


def totp_now(device: TOTPDevice) -> str:
    """The code an authenticator app shows right now for ``device``."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def confirmed_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def verified_client(user) -> Client:
    """A client signed in as ``user`` with a verified second factor (as after the TOTP step)."""
    client = Client()
    client.force_login(user)
    device = confirmed_device(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def make_people() -> dict:
    """A person of every staff role (the reference data must be loaded)."""
    nvvr = Association.objects.get(code="nvvr")
    wethouders = Association.objects.get(code="wethoudersvereniging")
    return {
        "advisor": UserFactory(username="anna", role=Role.ADVISOR, association=nvvr, display_name="Anna Adviseur"),
        "colleague": UserFactory(username="bram", role=Role.ADVISOR, association=nvvr, display_name="Bram Collega"),
        "other_advisor": UserFactory(
            username="olga", role=Role.ADVISOR, association=wethouders, display_name="Olga Anders"
        ),
        "coordinator": UserFactory(username="cora", role=Role.COORDINATOR, display_name="Cora Coördinator"),
        "partner": UserFactory(username="piet", role=Role.PARTNER, association=None, display_name="Piet Partner"),
        "analyst": UserFactory(username="ali", role=Role.ANALYST, association=None, display_name="Ali Analist"),
        "admin": UserFactory(username="bea", role=Role.ADMIN, association=None, display_name="Bea Beheer"),
    }


@pytest.fixture
def people(reference_data):
    return make_people()


@once_per_module
def matrix_people():
    """The reference data and ``make_people``, once per module: the base of the permission matrices' worlds.

    A matrix module overrides ``people`` with these, loaded afresh for every test (``test_permission_matrix_web``).
    """
    from weerbaar.directory.services import reference_data_load

    reference_data_load()
    return make_people()


@pytest.fixture
def as_user():
    """``as_user(user)`` gives a verified client for that user."""
    return verified_client


try:
    from weerbaar.intake.portal import SESSION_KEY as OFFICE_HOLDER_SESSION_KEY
except ImportError:  # pragma: no cover - the portal module is written by another helper
    OFFICE_HOLDER_SESSION_KEY = "weerbaar_office_holder"


def office_holder_client(case) -> Client:
    """A browser signed in to "Mijn zaak" for ``case`` (reference + code), with no staff account."""
    client = Client()
    session = client.session
    session[OFFICE_HOLDER_SESSION_KEY] = {"case_id": case.pk, "reference": case.reference, "generation": 0}
    session.save()
    return client
