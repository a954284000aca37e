"""The pre-aggregated figures: help requests counted per month and dimension, rebuilt by the ``stats_refresh`` job.

One ``SliceCount`` row is a count of help requests (cases) opened in a month with one value of one, two or three
dimensions (role, province, association, outcome, the three facts of the first incident — its first act, its
channel and the route to the police —, the VPT code, the concern level and the support given). It names no case
and no person; its counts are exact, so they never leave the system but through ``disclosure.protect``
(selectors). Destroyed cases count through their tombstone (``destruction.DestroyedCase``):
role, association, province, outcome and month are kept there; their incident facts are gone ("unknown").
"""

from __future__ import annotations

from django.db import models


class SliceCount(models.Model):
    """The coarser pre-counts: help requests opened in a month per value of one, two or three dimensions (names in
    alphabetical order in ``first``, ``second``, ``third``; "" where a table has fewer), or in all (all "").
    Every dimension alone and every two together; every three of ``jobs.TRIPLE_DIMENSIONS`` together (``vpt``,
    ``concern`` and ``support`` are in none of those: with them, the rows would be nearly as many as the cases).
    A table reads only its own slice — at a million help requests a few tens of thousands of rows at most instead
    of nearly a row per case. Exact counts, so only through ``disclosure.protect``."""

    month = models.DateField()
    first = models.CharField(max_length=20, blank=True)
    first_value = models.CharField(max_length=40, blank=True)
    second = models.CharField(max_length=20, blank=True)
    second_value = models.CharField(max_length=40, blank=True)
    third = models.CharField(max_length=20, blank=True)
    third_value = models.CharField(max_length=40, blank=True)
    count = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["first", "second", "third", "month"])]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.first} {self.second} {self.third}: {self.count}"


class MeasureCount(models.Model):
    """Pre-counts of the figures that are not a split of the help requests, per month and value, by the same
    refresh: ``referral`` (referrals sent to a partner, by partner kind, in the month they were sent),
    ``response`` (help requests by hours from coming in to being taken on, in the month they came in; value the
    whole hours), ``deadline`` (help requests taken on by their respond-by moment or not, or not yet: on_time,
    late, open) and ``council`` (council conversations held, in the month held; value "held"). Exact: only
    through ``disclosure``."""

    measure = models.CharField(max_length=20)
    month = models.DateField()
    value = models.CharField(max_length=40)
    count = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["measure", "month"])]

    def __str__(self) -> str:
        return f"{self.measure} {self.month:%Y-%m} {self.value}: {self.count}"


class Refresh(models.Model):
    """When the figures were last rebuilt (one row per run; the newest tells the analysts' view its date), over how
    many help requests, and how many ``SliceCount`` rows it wrote."""

    finished_at = models.DateTimeField()
    cases = models.PositiveIntegerField()
    rows = models.PositiveIntegerField()

    class Meta:
        get_latest_by = "finished_at"

    def __str__(self) -> str:
        return f"{self.finished_at:%Y-%m-%d %H:%M}"
