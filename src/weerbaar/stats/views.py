"""The analysts' page: counts of help requests by up to three dimensions, as tables, a bar chart and CSV; the
figures beside them (support, first response, council conversations) as tables and CSV.

Every number on it and in its CSV comes from ``selectors.statistics_table``, so through disclosure control:
suppressed cells show the suppressed mark, the others are rounded to 5. Analysts and coordinators (the policy);
a case is never shown, linked or named here.
"""

from __future__ import annotations

import csv
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from weerbaar.accounts import policy
from weerbaar.accounts.decorators import staff_required
from weerbaar.stats import selectors
from weerbaar.stats.chart import bar_chart
from weerbaar.stats.disclosure import TOTAL
from weerbaar.stats.forms import DIMENSION_LABELS, StatisticsForm


def _form(request: HttpRequest) -> StatisticsForm:
    if {"van", "tot", "indeling1"} <= set(request.GET):
        return StatisticsForm(request.GET)
    today = timezone.localdate()
    initial = {"van": date(today.year - 1, today.month, 1).isoformat(), "tot": today.isoformat(), "indeling1": "role"}
    return StatisticsForm(initial | {"indeling2": "", "indeling3": ""})


def _labels(dimension: str, nodes: tuple[str, ...]) -> list[str]:
    return selectors.value_labels(dimension, nodes)


def _layout(result: selectors.StatisticsTable) -> dict[str, Any]:
    table, by, levels = result.table, result.by, result.levels
    labels = [_labels(name, nodes) for name, nodes in zip(by, levels, strict=True)]
    total = result.total()
    layout: dict[str, Any] = {
        "by": [DIMENSION_LABELS[name] for name in by],
        "total": total,
        "chart": bar_chart(labels[0], result.margin(0)),
        "chart_dimension": DIMENSION_LABELS[by[0]],
    }
    if len(by) == 1:
        layout["rows"] = [
            {"label": label, "cell": cell, "percent": table.percent(cell.key, of=total.key)}
            for label, cell in zip(labels[0], result.margin(0), strict=True)
        ]
    elif len(by) == 2:
        layout["columns"] = labels[1]
        layout["cross"] = [
            {
                "label": label,
                "cells": [table.cell((node, other)) for other in levels[1]],
                "total": table.cell((node, TOTAL)),
            }
            for label, node in zip(labels[0], levels[0], strict=True)
        ]
        layout["column_totals"] = result.margin(1)
    else:
        names = [dict(zip(nodes, shown, strict=True)) for nodes, shown in zip(levels, labels, strict=True)]
        layout["long"] = [
            {"labels": [names[i][value] for i, value in enumerate(cell.key)], "cell": cell}
            for cell in table.cells(levels)
        ]
    return layout


@staff_required(permission=policy.can_view_statistics)
@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    context: dict[str, Any] = {"form": form, "nav": "statistics"}
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        data = form.cleaned_data if form.is_bound else None
        by = data["by"] if data else ["role"]
        first = data["van"] if data else date.fromisoformat(form.initial["van"])
        last = data["tot"] if data else date.fromisoformat(form.initial["tot"])
        result = selectors.statistics_table(by=by, first=first, last=last)
        # The downloads ask for what the page shows, also when it shows the default (no query string).
        shown = {name: form.data.get(name, "") for name in ("van", "tot", "indeling1", "indeling2", "indeling3")}
        context |= {"result": result, "layout": _layout(result), "query": urlencode(shown)}
        context["figures"] = _figures(selectors.figures(first=first, last=last))
    return render(request, "stats/statistics.html", context, status=status)


def _figures(found: selectors.Figures) -> dict[str, Any]:
    """The figures beside the tables, as rows for the page: every count a protected cell."""
    deadline_labels = {"on_time": _("op tijd opgepakt"), "late": _("te laat opgepakt"), "open": _("nog niet opgepakt")}
    deadline_total = found.deadline.cell((TOTAL,))
    council = []
    for year, target in found.council_targets.items():
        cell = found.council.cell((year,))
        share = round(100 * cell.count / target) if target and cell.count is not None else None
        council.append({"year": year, "cell": cell, "target": target, "share": share})
    return {
        "referrals": [{"label": label, "cell": found.referrals.cell((kind,))} for kind, label in found.referral_kinds],
        "referrals_total": found.referrals.cell((TOTAL,)),
        "deadline": [
            {
                "label": label,
                "cell": found.deadline.cell((value,)),
                "percent": found.deadline.percent((value,), of=(TOTAL,)),
            }
            for value, label in deadline_labels.items()
        ],
        "deadline_total": deadline_total,
        "response_hours": found.response_hours,
        "council": council,
    }


@staff_required(permission=policy.can_view_statistics)
@require_GET
def statistics_csv(request: HttpRequest) -> HttpResponse:
    form = StatisticsForm(request.GET)
    if not form.is_valid():
        return HttpResponse(_("Kies een geldige periode en indeling."), status=400, content_type="text/plain")
    data = form.cleaned_data
    result = selectors.statistics_table(by=data["by"], first=data["van"], last=data["tot"])
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="statistieken-{result.first:%Y-%m}-{result.last:%Y-%m}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow([*(str(DIMENSION_LABELS[name]) for name in result.by), _("aantal"), _("verborgen")])
    names = [
        dict(zip(nodes, selectors.value_labels(name, nodes), strict=True))
        for name, nodes in zip(result.by, result.levels, strict=True)
    ]
    for cell in result.table.cells(result.levels):
        values = [names[i][value] for i, value in enumerate(cell.key)]
        writer.writerow([*values, "" if cell.count is None else cell.count, _("ja") if cell.suppressed else _("nee")])
    writer.writerow(
        [
            _("totaal"),
            *([""] * (len(result.by) - 1)),
            result.total().count if result.total().count is not None else "",
            _("ja") if result.total().suppressed else _("nee"),
        ]
    )
    return response


@staff_required(permission=policy.can_view_statistics)
@require_GET
def figures_csv(request: HttpRequest) -> HttpResponse:
    """The figures beside the tables (support, first response, council conversations) as CSV, for the same period
    as the page: the same protected counts, one row per figure."""
    form = StatisticsForm(request.GET)
    if not form.is_valid():
        return HttpResponse(_("Kies een geldige periode en indeling."), status=400, content_type="text/plain")
    first, last = selectors.whole_months(form.cleaned_data["van"], form.cleaned_data["tot"])
    figures = _figures(selectors.figures(first=first, last=last))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="statistieken-steun-{first:%Y-%m}-{last:%Y-%m}.csv"'
    writer = csv.writer(response)
    writer.writerow([_("onderdeel"), _("waarde"), _("aantal"), _("verborgen"), _("aandeel (%)"), _("doel")])

    def cell_row(part: str, label: Any, cell: Any, percent: Any = "", target: Any = "") -> None:
        count = "" if cell.count is None else cell.count
        writer.writerow([part, str(label), count, _("ja") if cell.suppressed else _("nee"), percent, target])

    referrals = _("doorverwijzingen per soort partner")
    for row in figures["referrals"]:
        cell_row(referrals, row["label"], row["cell"])
    cell_row(referrals, _("totaal"), figures["referrals_total"])
    deadline = _("eerste reactie")
    for row in figures["deadline"]:
        cell_row(deadline, row["label"], row["cell"], "" if row["percent"] is None else row["percent"])
    cell_row(deadline, _("totaal"), figures["deadline_total"])
    hours = figures["response_hours"]
    part = _("uren tot de eerste reactie")
    for i, label in enumerate((_("mediaan"), _("90e percentiel"))):
        writer.writerow([part, label, hours[i] if hours else "", _("nee") if hours else _("ja"), "", ""])
    council = _("raadsgesprekken gehouden")
    for row in figures["council"]:
        cell_row(
            council,
            row["year"],
            row["cell"],
            "" if row["share"] is None else row["share"],
            row["target"] or "",
        )
    return response
