"""Use cases of the yearly overview: draft a release, approve it (twice, by two different people), discard it.

A draft is protected against the previous year's frozen release (``tables.protect_table``); the second approval
freezes it — after the check against every frozen release (``tables.chain_problems``) — and from then on its
stored numbers are what ``/cijfers`` and the PDF show, never recomputed.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts import policy
from weerbaar.accounts.models import User
from weerbaar.core import clock
from weerbaar.core.audit import audit_record
from weerbaar.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from weerbaar.releases import counts
from weerbaar.releases.models import Release, ReleaseStatus
from weerbaar.releases.tables import TABLES, TABLES_BY_CODE, chain_problems, chart, link_band, protect_table
from weerbaar.stats.conf import configured_policy
from weerbaar.stats.disclosure import TOTAL, Policy, UnprotectableTable

VERSION = 1


def _require(actor: User) -> None:
    if not policy.can_work_on_releases(actor):
        raise Forbidden(_("Alleen analisten en coördinatoren werken aan het jaaroverzicht."))


def frozen_chain() -> list[Release]:
    return list(Release.objects.filter(status=ReleaseStatus.FROZEN).order_by("year"))


def build_tables(year: int, previous: Release | None, *, policy_: Policy | None = None) -> dict[str, Any]:
    """Every allow-listed table for ``year``, protected against ``previous`` (the frozen release of year - 1)."""
    rules = policy_ or configured_policy()
    first = previous.tables["first_year"] if previous else year
    counted = counts.count_years(first, year)
    before_years = [counted[y] for y in range(first, year)]
    frozen = {t["code"]: t for t in previous.tables["tables"]} if previous else {}
    tables = []
    for spec in TABLES:
        rows = [row.code for row in spec.rows]
        current = dict(counted[year][spec.code])
        before = None
        if previous is not None:
            before = {row: sum(y[spec.code][row] for y in before_years) for row in rows}
        frozen_total = frozen[spec.code]["cells"]["cumulative"] if spec.code in frozen else None
        try:
            cells = protect_table(
                rows,
                year=year,
                current=current,
                before=before if frozen_total is not None else None,
                frozen_total=frozen_total,
                policy=rules,
                independent=spec.independent,
            )
        except UnprotectableTable:
            raise Conflict(
                _(
                    "De tabel '%(table)s' kan niet veilig worden gepubliceerd: met wat vorig jaar al is "
                    "gepubliceerd, zou een klein aantal te herleiden zijn. Er is geen concept gemaakt; "
                    "meld dit aan de functioneel beheerder."
                )
                % {"table": spec.title},
                code="table_unprotectable",
            ) from None
        cells["previous"] = dict(frozen[spec.code]["cells"]["year"]) if spec.code in frozen else {}
        table: dict[str, Any] = {"code": spec.code, "cells": cells, "share": None}
        if spec.share_of:
            part, whole = cells["year"].get(spec.share_of), cells["year"].get(TOTAL)
            exact_whole = sum(current.values())
            if part is not None and whole and exact_whole >= rules.percent_min_denominator:
                table["share"] = round(100 * part / whole)  # from the rounded counts: it tells nothing more
        tables.append(table)
    return {
        "version": VERSION,
        "first_year": first,
        "policy": {"threshold": rules.threshold, "rounding": rules.rounding},
        "tables": tables,
        "repeat_links": link_band(counts.confirmed_links(year)),
    }


def release_draft(*, actor: User, year: int) -> Release:
    """Draft (or redraft) the release of a whole past year from the current counts."""
    _require(actor)
    today = timezone.localdate(clock.now())
    if not 2000 <= year < today.year:
        raise InvalidInput(
            _("Een jaaroverzicht gaat over een afgesloten jaar."),
            invalid_params=[{"name": "year", "reason": _("Kies een afgesloten jaar.")}],
        )
    with transaction.atomic():
        chain = frozen_chain()
        if any(release.year >= year for release in chain):
            raise Conflict(_("Voor %(year)s of later is al een jaaroverzicht gepubliceerd.") % {"year": year})
        previous = chain[-1] if chain else None
        if previous is not None and previous.year != year - 1:
            raise Conflict(
                _("Publiceer eerst het jaaroverzicht van %(year)s: de jaren sluiten op elkaar aan.")
                % {"year": previous.year + 1}
            )
        Release.objects.filter(year=year, status=ReleaseStatus.DRAFT).delete()
        release = Release.objects.create(
            year=year,
            tables=build_tables(year, previous),
            previous=previous,
            drafted_by=actor,
            drafted_at=clock.now(),
        )
        audit_record(
            actor=actor,
            action="release.drafted",
            object_type="release",
            object_id=str(release.pk),
            details={"year": year},
        )
    return release


def _locked_draft(release_id: int) -> Release:
    release = Release.objects.select_for_update().filter(pk=release_id).first()
    if release is None:
        raise NotFound(_("Dit jaaroverzicht bestaat niet."))
    if release.is_frozen:
        raise Conflict(_("Dit jaaroverzicht is al gepubliceerd en verandert niet meer."))
    return release


def exposure_message(problems: list[Any]) -> str:
    first = problems[0]
    spec = TABLES_BY_CODE.get(first.table)
    title = str(spec.title) if spec else first.table
    row = str(spec.label(first.row)) if spec else first.row
    column = _("het jaar") if first.column == "year" else _("het totaal sinds de start")
    return _(
        "Goedkeuren kan niet: in de tabel «%(table)s» is de verborgen cel «%(row)s» (%(column)s, %(year)s) te "
        "herleiden uit de verschillen met het vorige gepubliceerde jaaroverzicht. Maak het concept opnieuw, "
        "zodat het tegen de laatste publicatie wordt beschermd."
    ) % {"table": title, "row": row, "column": column, "year": first.year}


def release_approve(*, actor: User, release_id: int) -> Release:
    """Approve a draft; the second approval by another person freezes it, after the check against the chain."""
    _require(actor)
    with transaction.atomic():
        release = _locked_draft(release_id)
        if release.drafted_by_id == actor.pk:
            raise Conflict(_("U heeft dit concept gemaakt: twee anderen keuren het goed."))
        if release.first_approved_by_id == actor.pk:
            raise Conflict(_("U heeft dit concept al goedgekeurd: een tweede persoon keurt het goed."))
        chain = frozen_chain()
        latest = chain[-1] if chain else None
        if (latest.pk if latest else None) != release.previous_id:
            raise Conflict(_("Er is intussen een ander jaaroverzicht gepubliceerd. Maak het concept opnieuw."))
        problems = chain_problems(
            [(r.year, r.tables["tables"]) for r in chain] + [(release.year, release.tables["tables"])]
        )
        if problems:
            raise Conflict(exposure_message(problems))
        now = clock.now()
        if release.first_approved_by_id is None:
            release.first_approved_by, release.first_approved_at = actor, now
            release.save(update_fields=["first_approved_by", "first_approved_at"])
            action = "release.approved"
        else:
            release.second_approved_by, release.frozen_at = actor, now
            release.status = ReleaseStatus.FROZEN
            try:
                release.save(update_fields=["second_approved_by", "frozen_at", "status"])
            except IntegrityError:
                raise Conflict(_("Voor dit jaar is al een jaaroverzicht gepubliceerd.")) from None
            action = "release.frozen"
        audit_record(
            actor=actor, action=action, object_type="release", object_id=str(release.pk), details={"year": release.year}
        )
    return release


def release_discard(*, actor: User, release_id: int) -> None:
    _require(actor)
    with transaction.atomic():
        release = _locked_draft(release_id)
        year = release.year
        release.delete()
        audit_record(
            actor=actor,
            action="release.discarded",
            object_type="release",
            object_id=str(release_id),
            details={"year": year},
        )


def published_cells(release: Release) -> list[dict[str, Any]]:
    """The tables of a frozen (or draft) release for display: title, caption, rows with the published cells."""
    out = []
    for table in release.tables["tables"]:
        spec = TABLES_BY_CODE[table["code"]]
        cells = table["cells"]
        rows = []
        codes = [row.code for row in spec.rows] + ([] if spec.independent else [TOTAL])
        for code in codes:
            rows.append(
                {
                    "code": code,
                    "label": spec.label(code),
                    "is_total": code == TOTAL,
                    "year": cells["year"].get(code),
                    "previous": cells.get("previous", {}).get(code),
                    "cumulative": cells["cumulative"].get(code),
                }
            )
        out.append(
            {
                "spec": spec,
                "rows": rows,
                "share": table.get("share"),
                "has_previous": release.previous_id is not None,
                "chart": chart(rows),
            }
        )
    return out
