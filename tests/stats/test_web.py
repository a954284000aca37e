"""The analysts' page: tables, chart and CSV, all through disclosure control; Dutch first, English too."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.utils import timezone

from tests.factories import UserFactory
from tests.matrix import once_per_module
from tests.staff_web.conftest import verified_client
from weerbaar.stats.jobs import stats_refresh

pytestmark = pytest.mark.django_db


@once_per_module
def world():
    from weerbaar.core.synthetic import synthetic_load
    from weerbaar.directory.services import reference_data_load

    reference_data_load()
    synthetic_load(120, seed=11, years=1, now=timezone.now(), force=True)
    stats_refresh()
    return {"analyst": UserFactory(username="ali", role="analyst")}


def query(*by: str) -> str:
    today = timezone.localdate()
    parts = [f"van={today.year - 1}-{today.month:02d}-01", f"tot={today.isoformat()}"]
    parts += [f"indeling{i}={name}" for i, name in enumerate([*by, "", ""][:3], start=1)]
    return "&".join(parts)


@pytest.mark.parametrize(
    "by", [("role",), ("role", "province"), ("route", "outcome", "year"), ("support", "vpt"), ("concern", "quarter")]
)
def test_the_page_shows_a_table_and_a_chart_with_a_text_alternative(world, by):
    response = verified_client(world["analyst"]).get(f"/werkruimte/statistieken?{query(*by)}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<svg" in page
    assert '<title id="chart-title">' in page
    assert '<desc id="chart-desc">' in page
    assert "<table" in page
    assert "Download als CSV" in page
    assert "\u00d7" in page  # something is hidden in 120 help requests
    assert "WB-" not in page  # no case reference, ever


def test_the_default_page_shows_the_last_year_by_role(world):
    response = verified_client(world["analyst"]).get("/werkruimte/statistieken")
    assert response.status_code == 200
    assert "Burgemeester" in response.content.decode()
    # The filter looks like every other form of the workspace (NL Design System classes on each control).
    html = response.content.decode()
    van = re.search(r'<input[^>]*name="van"[^>]*>', html)
    assert van
    assert "utrecht-textbox--html-input" in van.group(0)
    assert html.count("utrecht-select utrecht-select--html-select") == 3


def test_a_bad_filter_comes_back_with_400(world):
    client = verified_client(world["analyst"])
    response = client.get("/werkruimte/statistieken?van=2026-05-01&tot=2026-01-01&indeling1=role")
    assert response.status_code == 400
    assert "utrecht-textbox--invalid" in response.content.decode()  # the field in error is marked
    both = client.get("/werkruimte/statistieken?van=2026-01-01&tot=2026-05-01&indeling1=month&indeling2=year")
    assert both.status_code == 400
    assert client.get("/werkruimte/statistieken.csv?van=x&tot=y&indeling1=role").status_code == 400


def test_the_csv_has_only_rounded_counts_or_hidden_cells(world):
    response = verified_client(world["analyst"]).get(f"/werkruimte/statistieken.csv?{query('role', 'channel')}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Functie", "Kanaal (eerste incident)", "aantal", "verborgen"]
    body = rows[1:]
    assert any(row[-1] == "ja" for row in body)
    for row in body:
        count, hidden = row[-2], row[-1]
        assert (count == "") == (hidden == "ja")
        assert count == "" or (int(count) % 5 == 0 and int(count) >= 10)


def test_the_page_in_english(world):
    client = verified_client(world["analyst"])
    response = client.get(f"/werkruimte/statistieken?{query('role')}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200


def test_the_new_dimensions_have_dutch_names_on_the_page(world):
    page = verified_client(world["analyst"]).get(f"/werkruimte/statistieken?{query('vpt', 'support')}")
    text = page.content.decode()
    assert "geen melding of aangifte" in text
    assert "doorverwezen naar een partner" in text
    refused = verified_client(world["analyst"]).get(f"/werkruimte/statistieken?{query('concern', 'role', 'province')}")
    assert refused.status_code == 400
    assert "VPT-code, zorgniveau en steun gaan samen met hoogstens één andere indeling" in refused.content.decode()


def test_the_downloads_on_the_default_page_ask_for_what_it_shows(world):
    """Opened without a query string the page shows the last year by role; both CSV links carry that period and
    division (they used to carry an empty query and answered 400)."""
    client = verified_client(world["analyst"])
    html = client.get("/werkruimte/statistieken").content.decode()
    links = re.findall(r'href="(/werkruimte/statistieken(?:-steun)?\.csv\?[^"]*)"', html)
    assert len(links) == 2
    for link in links:
        response = client.get(link.replace("&amp;", "&"))
        assert response.status_code == 200, link
        assert response["Content-Type"].startswith("text/csv")


def test_the_figures_csv_has_the_same_protected_counts_as_the_page(world):
    client = verified_client(world["analyst"])
    response = client.get(f"/werkruimte/statistieken-steun.csv?{query('role')}")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="statistieken-steun-')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["onderdeel", "waarde", "aantal", "verborgen", "aandeel (%)", "doel"]
    parts = {row[0] for row in rows[1:]}
    assert parts == {
        "doorverwijzingen per soort partner",
        "eerste reactie",
        "uren tot de eerste reactie",
        "raadsgesprekken gehouden",
    }
    for part, _value, count, hidden, _share, _target in rows[1:]:
        assert (count == "") == (hidden == "ja")
        if count and part != "uren tot de eerste reactie":
            assert int(count) % 5 == 0
            assert int(count) >= 10
    page = client.get(f"/werkruimte/statistieken?{query('role')}").content.decode()
    total = next(row for row in rows if row[0] == "eerste reactie" and row[1] == "totaal")
    assert f'<td class="utrecht-table__cell">{total[2] or chr(215)}</td><td class="utrecht-table__cell"></td>' in page
    assert client.get("/werkruimte/statistieken-steun.csv?van=x&tot=y&indeling1=role").status_code == 400
