"""The incident log, the evidence vault, police report tracking and damage of one case.

As in ``cases``: plain columns hold only what routing, deadlines and statistics
need (dates, who was affected, hashes, sizes, types). Everything a person wrote
or could be identified by (the account, perpetrator details, witnesses, file
names, source addresses, police reference numbers) is sealed under the case's
own data key, and so are what happened and how (an incident's acts and channel)
and the step plan that names the offences (issue 12, point 6). Evidence files are encrypted before they reach
storage (``incidents.vault``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from weerbaar.core.sealing import SealedPart, SealedRecord
from weerbaar.incidents.choices import (
    DamageKind,
    Perpetrators,
    Recorder,
    Threatened,
    Victim,
)


class Incident(SealedPart):
    """One thing that happened: when and who was affected in plain; what (acts), how (channel), the account and
    the stored step plan sealed."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="incidents")
    number = models.PositiveIntegerField(help_text="1, 2, 3 … within the case, for people to refer to.")
    occurred_on = models.DateField()
    occurred_at = models.TimeField(null=True, blank=True)
    learned_on = models.DateField()
    related_to_office = models.BooleanField()
    affected = models.JSONField(default=list)
    perpetrator_known = models.BooleanField(default=False)
    # The facts the legal rules need (``guidance.analysis.IncidentFacts``): plain facts, no one identified by them.
    victim = models.CharField(max_length=20, choices=Victim.choices, default=Victim.OFFICE_HOLDER)
    # Knowledge of the last act, when the incident describes a series of acts (stalking); None: ``learned_on``.
    last_learned_on = models.DateField(null=True, blank=True)
    threatened = models.CharField(max_length=20, choices=Threatened.choices, null=True, blank=True)
    demand = models.BooleanField(default=False)
    perpetrators = models.CharField(max_length=10, choices=Perpetrators.choices, null=True, blank=True)
    serious_injury = models.BooleanField(default=False)
    # Part of the case's stalking series (art. 285b Sr: the term runs from the last act); the advisor can split
    # an incident off.
    in_series = models.BooleanField(default=True)
    # {"platform", "description", "perpetratorIdentifiers": [{"kind", "value"}], "witnesses"}
    sealed_details = models.BinaryField()
    # {"channel", "acts"} (``validation.IncidentData.facts``): what happened and how. The legal rules read them for
    # every klacht date, so the one computation (``selectors.case_analysis``) opens them under the case's key; the
    # hourly deadline job does so with ``policy.system_access``. Kept apart from the details: opening them does not
    # decrypt the account.
    sealed_facts = models.BinaryField(default=b"")
    # The step plan for this incident as computed when it was recorded or re-assessed ({"rulesVersion",
    # "assessedOn", "facts", "result", "reassessed"}): it names the offences, so it is sealed too.
    sealed_assessment = models.BinaryField(default=b"")
    # The earliest date by which a klacht is required for one of its offences (art. 66 Sr), from the one
    # computation over the whole case (``incidents.selectors.case_analysis``): recomputed for every incident of the
    # case whenever one is recorded, corrected, re-assessed or split off the stalking series.
    complaint_deadline = models.DateField(null=True, blank=True)
    recorded_by = models.CharField(max_length=20, choices=Recorder.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    sealed_as = "incident"
    sealed_fields = {"sealed_details": "json", "sealed_facts": "json", "sealed_assessment": "json"}

    class Meta:
        ordering = ["occurred_on", "occurred_at", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "number"], name="incident_number_per_case")]

    def __str__(self) -> str:
        return f"{self.case_id}#{self.number}"

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__()
        state.pop("_opened_facts", None)  # opened content never leaves the process
        return state

    def opened_facts(self, *, under: SealedRecord | None = None) -> dict[str, Any]:
        """{"channel", "acts"}, opened once per instance while the sealed value is unchanged (the one computation
        and the incident's view both need them)."""
        blob = bytes(self.sealed_facts or b"")
        cached = self.__dict__.get("_opened_facts")
        if cached is None or cached[0] != blob:
            opened = self.open("sealed_facts", under=under)
            cached = (blob, {"channel": str(opened.get("channel", "")), "acts": list(opened.get("acts", []))})
            self.__dict__["_opened_facts"] = cached
        return {"channel": cached[1]["channel"], "acts": list(cached[1]["acts"])}


class DamageItem(SealedPart):
    """A cost or loss the office holder suffered; receipts are evidence files linked to it."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="damage_items")
    incident = models.ForeignKey(Incident, null=True, blank=True, on_delete=models.SET_NULL, related_name="damage")
    kind = models.CharField(max_length=20, choices=DamageKind.choices)
    amount_cents = models.PositiveBigIntegerField(null=True, blank=True)
    incurred_on = models.DateField(null=True, blank=True)
    sealed_description = models.BinaryField()
    recorded_by = models.CharField(max_length=20, choices=Recorder.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    sealed_as = "damage_item"
    sealed_fields = {"sealed_description": "text"}

    class Meta:
        ordering = ["incurred_on", "id"]


class Evidence(SealedPart):
    """An uploaded file. The original is stored encrypted and never changed; its SHA-256 proves that."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="evidence")
    incident = models.ForeignKey(Incident, null=True, blank=True, on_delete=models.PROTECT, related_name="evidence")
    damage_item = models.ForeignKey(
        DamageItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="receipts"
    )
    number = models.PositiveIntegerField(help_text="1, 2, 3 … within the case: the exhibit number in the dossier.")
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    media_type = models.CharField(max_length=100)
    # name in storage: random, says nothing about the case or the file
    storage_name = models.CharField(max_length=120, unique=True)
    preview_storage_name = models.CharField(max_length=120, blank=True)
    blurred_storage_name = models.CharField(max_length=120, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    captured_at = models.DateTimeField(null=True, blank=True)
    # {"fileName", "sourceUrl"}
    sealed_details = models.BinaryField()
    recorded_by = models.CharField(max_length=20, choices=Recorder.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField()
    last_verified_at = models.DateTimeField(null=True, blank=True)

    sealed_as = "evidence"
    sealed_fields = {"sealed_details": "json"}
    # The files are sealed under their storage names (``incidents.vault``). The original is tied to this row by
    # its SHA-256 (checked on every read) and the previews, which have no hash, by their names: binding both here
    # means hashes or preview names swapped between two rows no longer open the rows' details.
    sealed_binds = ("sha256", "preview_storage_name", "blurred_storage_name")

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["case", "number"], name="evidence_number_per_case")]

    @property
    def is_image(self) -> bool:
        return bool(self.preview_storage_name)


class PoliceReport(SealedPart):
    """What was reported to the police about one incident, and what came of it."""

    incident = models.OneToOneField(Incident, on_delete=models.CASCADE, related_name="police_report")
    # Everything about the report is sealed (issue 12): whether someone went to the police, when, and what came of
    # it is nobody's business on a copy of the database. {"kind", "reportedOn", "vptCode", "addressProtection",
    # "prosecutionDecision", "decisionOn", "article12", "policeUnit", "policeReference", "notes"}
    # (``validation.PoliceReportData.sealed``); only that a report row exists for an incident is plain.
    sealed_details = models.BinaryField()
    updated_by = models.CharField(max_length=20, choices=Recorder.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField()

    sealed_under = "incident.case"
    sealed_as = "police_report"
    sealed_fields = {"sealed_details": "json"}
