"""Requests for a facilitated conversation in council or college, their workflow, and the yearly target.

Plain columns hold what the workflow and the coverage overview need (body, municipality,
province, water board name, status, dates, whether a protocol or code of conduct exists).
The contact person, the preferred period, what is going on locally, the exploratory talk's
notes, the session's place and outside experts and the reason for a cancellation are sealed under the request's own data
key (a ``core.sealing.SealedRecord``), like case content.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from weerbaar.core.history import HistoryRow
from weerbaar.core.sealing import SealedRecord
from weerbaar.council.choices import Body, Presence, RequesterRole, Status


class CouncilRequest(SealedRecord):
    reference = models.CharField(max_length=12, unique=True)  # RG-XXXX-XXXX
    body = models.CharField(max_length=30, choices=Body.choices)
    requester_role = models.CharField(max_length=30, choices=RequesterRole.choices)
    municipality = models.ForeignKey(
        "directory.Municipality", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    province = models.ForeignKey(
        "directory.Province", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    water_board = models.CharField(max_length=120, blank=True)  # no reference list of water boards: the name
    aggression_protocol = models.CharField(max_length=10, choices=Presence.choices)
    code_of_conduct = models.CharField(max_length=10, choices=Presence.choices)
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.REQUESTED)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    # The planned session: the date is plain (coverage and tasks need it), the place is sealed.
    session_date = models.DateField(null=True, blank=True)
    facilitators = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    partners = models.ManyToManyField("directory.Partner", blank=True, related_name="+")  # experts from the network
    held_on = models.DateField(null=True, blank=True)
    follow_up_offered = models.BooleanField(null=True, blank=True)
    follow_up_accepted = models.BooleanField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    key_id = models.CharField(max_length=40)  # wider than SealedRecord's; wrapped_key from SealedRecord
    # {"contactName", "contactFunction", "contactEmail", "contactPhone", "preferredPeriod", "situation"}
    sealed_request = models.BinaryField()
    # {"localSituation", "protocol", "codeOfConduct"}: the exploratory talk's notes
    sealed_notes = models.BinaryField(null=True, blank=True)
    # {"place", "experts": [names of experts not in the partner list]}
    sealed_session = models.BinaryField(null=True, blank=True)
    # {"reason"}: why the team cancelled the request (the team's words, sealed like the notes)
    sealed_cancellation = models.BinaryField(null=True, blank=True)

    key_prefix = "council"
    key_label = "council request"
    sealed_fields = {
        "sealed_request": "json",
        "sealed_notes": "json",
        "sealed_session": "json",
        "sealed_cancellation": "json",
    }

    class Meta:
        ordering = ["-created_at", "id"]
        indexes = [models.Index(fields=["status", "created_at"]), models.Index(fields=["held_on"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def place_name(self) -> str:
        """The municipality, province or water board: plain metadata, fine for task titles."""
        if self.municipality is not None:
            return self.municipality.name
        if self.body in (Body.PROVINCIAL_COUNCIL, Body.PROVINCIAL_EXECUTIVE) and self.province is not None:
            return self.province.name
        return self.water_board


class CouncilStatusChange(HistoryRow):
    """Append-only history of the workflow (``council.workflow``): who moved the request from which step to which,
    when."""

    request = models.ForeignKey(CouncilRequest, on_delete=models.CASCADE, related_name="status_changes")
    source = models.CharField(max_length=30, choices=Status.choices, blank=True)
    target = models.CharField(max_length=30, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]


class CoverageTarget(models.Model):
    """How many sessions the team aims to hold in a year (set by coordinators)."""

    year = models.PositiveSmallIntegerField(unique=True)
    sessions = models.PositiveIntegerField()
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}: {self.sessions}"
