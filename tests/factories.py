"""Factories with a trait per lifecycle state, so tests read like the domain."""

from __future__ import annotations

from datetime import timedelta

import factory
import pytest
from django.utils import timezone

from weerbaar.accounts.models import Role, User
from weerbaar.cases.choices import Channel
from weerbaar.directory.models import Association

__all__ = [
    "UserFactory",
    "help_request_payload",
    "make_case",
    "pytest",
]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Faker("name", locale="nl_NL")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    role = Role.ADVISOR
    password = factory.django.Password("correct horse battery staple")

    @factory.lazy_attribute
    def association(self):
        if self.role in (Role.ADVISOR,):
            return Association.objects.get(code="nvvr")
        if self.role == Role.COORDINATOR:
            return Association.objects.get(code="bzk")
        return None


def help_request_payload(**overrides):
    payload = {
        "role": "raadslid",
        "municipalityCode": "GM0363",
        "name": "Sam de Vries",
        "email": "sam@example.org",
        "phone": "06 12345678",
        "preferredContact": "email",
        "concerns": ["threat", "online_harassment"],
        "affected": ["self"],
        "description": "Ik ontving vannacht een bericht waarin staat dat ze mij komen opzoeken.",
        "acuteDanger": False,
        "consentToShare": True,
    }
    payload.update(overrides)
    return payload


def make_case(*, state: str = "new", advisor=None, channel=Channel.API, overdue: bool = False, **overrides):
    """Create a case through the real intake pipeline, then move it to ``state``.

    Returns (case, follow_up_code). States: new, claimed (in_progress), aftercare, closed, escalated.
    """
    from weerbaar.cases import services
    from weerbaar.cases.models import Case
    from weerbaar.intake.services import help_request_submit

    submitted = help_request_submit(raw=help_request_payload(**overrides), channel=channel)
    case = submitted.case
    if state == "escalated" or overdue:
        Case.objects.filter(pk=case.pk).update(respond_by=timezone.now() - timedelta(hours=2))
    if state in ("claimed", "in_progress", "aftercare", "closed"):
        assert advisor is not None, "a claimed case needs an advisor"
        services.case_assign(actor=advisor, reference=case.reference, assignee_username="me")
    if state in ("aftercare", "closed"):
        services.case_transition(actor=advisor, reference=case.reference, target="aftercare")
    if state == "closed":
        services.case_transition(actor=advisor, reference=case.reference, target="closed", outcome="advised")
    case.refresh_from_db()
    return case, submitted.follow_up_code
