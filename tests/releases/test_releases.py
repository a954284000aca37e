"""Releases of the yearly overview: drafted from the national tables, approved by two different people, frozen;
the public page and the PDF show only frozen releases, with the stored numbers."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.test import Client

from tests.factories import UserFactory
from tests.matrix import once_per_module
from weerbaar.accounts.models import Role
from weerbaar.core.errors import Conflict, Forbidden
from weerbaar.core.synthetic import synthetic_load
from weerbaar.releases import services
from weerbaar.releases.models import Release, ReleaseStatus
from weerbaar.stats.disclosure import TOTAL

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


@once_per_module
def figures_world():
    """400 synthetic cases over 2024-2026 and four people who work on releases."""
    call_command("seed", stdout=io.StringIO())
    synthetic_load(400, seed=4, years=2, now=NOW, force=True)
    people = {
        name: UserFactory(username=name, role=role).pk
        for name, role in (
            ("ana", Role.ANALYST),
            ("bas", Role.ANALYST),
            ("cor", Role.COORDINATOR),
            ("dirk", Role.COORDINATOR),
        )
    }
    return people


@pytest.fixture
def people(db, figures_world):
    from weerbaar.accounts.models import User

    return {name: User.objects.get(pk=pk) for name, pk in figures_world.items()}


def _without_csrf(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def freeze(year, people, drafter="ana", approvers=("bas", "cor")):
    release = services.release_draft(actor=people[drafter], year=year)
    for name in approvers:
        release = services.release_approve(actor=people[name], release_id=release.pk)
    return release


def test_two_different_people_other_than_the_drafter_approve(people):
    release = services.release_draft(actor=people["ana"], year=2025)
    with pytest.raises(Conflict, match="gemaakt"):
        services.release_approve(actor=people["ana"], release_id=release.pk)
    release = services.release_approve(actor=people["bas"], release_id=release.pk)
    assert release.status == ReleaseStatus.DRAFT
    with pytest.raises(Conflict, match="al goedgekeurd"):
        services.release_approve(actor=people["bas"], release_id=release.pk)
    release = services.release_approve(actor=people["cor"], release_id=release.pk)
    assert release.status == ReleaseStatus.FROZEN
    assert release.frozen_at is not None
    with pytest.raises(Conflict, match="gepubliceerd"):
        services.release_approve(actor=people["dirk"], release_id=release.pk)
    with pytest.raises(Conflict):
        services.release_discard(actor=people["dirk"], release_id=release.pk)


def test_a_refused_approval_on_the_page_goes_back_to_the_draft_with_the_reason(people):
    from tests.staff_web.conftest import verified_client

    release = services.release_draft(actor=people["ana"], year=2025)
    client = verified_client(people["ana"])
    response = client.post(f"/werkruimte/jaaroverzicht/{release.pk}/goedkeuren")
    assert (response.status_code, response["Location"]) == (302, f"/werkruimte/jaaroverzicht/{release.pk}")
    assert "U heeft dit concept gemaakt" in client.get(response["Location"]).content.decode()
    release.refresh_from_db()
    assert release.first_approved_by_id is None
    assert client.post("/werkruimte/jaaroverzicht/999999/verwijderen").status_code == 404


def test_only_analysts_and_coordinators_draft(people):
    advisor = UserFactory(username="adv", role=Role.ADVISOR)
    with pytest.raises(Forbidden):
        services.release_draft(actor=advisor, year=2025)


def test_the_tables_are_national_rounded_and_hide_small_counts(people):
    release = services.release_draft(actor=people["ana"], year=2025)
    tables = {t["code"]: t for t in release.tables["tables"]}
    assert set(tables) == {"totals", "office", "category", "channel", "support", "complaint"}
    for table in tables.values():
        for column in ("year", "cumulative"):
            for value in table["cells"][column].values():
                assert value is None or (value % 5 == 0 and value >= 10)
    office = tables["office"]["cells"]["year"]
    assert office[TOTAL] is not None
    assert any(value is None for value in office.values())  # gedeputeerden: a handful
    assert release.tables["repeat_links"] == "none"  # no matching app: no confirmed links


def test_frozen_numbers_are_never_recomputed(people):
    release = freeze(2025, people)
    page = _without_csrf(Client().get("/cijfers").content.decode())
    stored = {t["code"]: t for t in release.tables["tables"]}["totals"]["cells"]["year"]["cases"]
    synthetic_load(300, seed=5, years=2, now=NOW, force=True)  # more cases for 2025 afterwards
    assert _without_csrf(Client().get("/cijfers").content.decode()) == page
    assert Release.objects.get(pk=release.pk).tables["tables"][0]["cells"]["year"]["cases"] == stored


def test_the_next_year_is_protected_against_the_frozen_one_and_a_stale_draft_is_refused(people):
    first = freeze(2024, people)
    draft = services.release_draft(actor=people["ana"], year=2025)
    assert draft.previous_id == first.pk
    services.release_approve(actor=people["bas"], release_id=draft.pk)
    assert services.release_approve(actor=people["cor"], release_id=draft.pk).is_frozen
    with pytest.raises(Conflict, match="of later"):
        services.release_draft(actor=people["ana"], year=2024)


def test_a_draft_made_before_the_previous_year_was_frozen_is_refused(people):
    stale = services.release_draft(actor=people["ana"], year=2025)  # no frozen release yet: not linked
    freeze(2024, people, drafter="dirk")
    with pytest.raises(Conflict, match="opnieuw"):
        services.release_approve(actor=people["bas"], release_id=stale.pk)


def test_approval_is_refused_naming_the_table_when_a_difference_reveals_a_cell(people):
    first = freeze(2024, people)
    draft = services.release_draft(actor=people["ana"], year=2025)
    tables = draft.tables
    office = next(t for t in tables["tables"] if t["code"] == "office")
    frozen_office = next(t for t in first.tables["tables"] if t["code"] == "office")
    hidden = next(row for row, value in frozen_office["cells"]["cumulative"].items() if value is None)
    # Tamper: publish both this year's and the cumulative cell of a row hidden last year.
    office["cells"]["year"][hidden] = 10
    office["cells"]["cumulative"][hidden] = 15
    Release.objects.filter(pk=draft.pk).update(tables=tables)
    with pytest.raises(Conflict, match="Soort ambt"):
        services.release_approve(actor=people["bas"], release_id=draft.pk)


def test_the_public_page_shows_only_frozen_releases_in_dutch_and_english(people):
    services.release_draft(actor=people["ana"], year=2025)
    assert "Er is nog geen jaaroverzicht gepubliceerd" in Client().get("/cijfers").content.decode()
    assert Client().get("/cijfers/2025.pdf").status_code == 404
    freeze(2025, people)
    page = Client().get("/cijfers").content.decode()
    assert "Jaaroverzicht 2025" in page
    assert "<svg" in page
    assert "<desc" in page
    english = Client()
    english.post("/i18n/setlang", {"language": "en", "next": "/cijfers"})
    assert "Annual overview 2025" in english.get("/cijfers").content.decode()
    pdf = Client().get("/cijfers/2025.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert Client().get("/cijfers?jaar=2019").status_code == 404


def test_a_table_that_cannot_be_protected_is_a_refusal_naming_it_and_nothing_is_drafted(people, monkeypatch):
    """Should what was published before leave a small cell exposed (``disclosure.UnprotectableTable``), the draft is
    refused naming the table — a 409 message on the page, not a server error — and no draft is stored."""
    from weerbaar.releases import tables
    from weerbaar.stats.disclosure import UnprotectableTable

    real = tables.protect_table

    def refuse_office(rows, **kwargs):
        if "burgemeester" in rows:
            raise UnprotectableTable("exposed")
        return real(rows, **kwargs)

    monkeypatch.setattr(services, "protect_table", refuse_office)
    with pytest.raises(Conflict, match="Soort ambt") as refused:
        services.release_draft(actor=people["ana"], year=2025)
    assert refused.value.code == "table_unprotectable"
    assert not Release.objects.filter(year=2025).exists()

    from tests.staff_web.conftest import verified_client

    page = verified_client(people["ana"]).post("/werkruimte/jaaroverzicht/concept", {"year": "2025"}, follow=True)
    assert page.status_code == 200
    assert "Soort ambt" in page.content.decode()
    assert "niet veilig" in page.content.decode()
    assert not Release.objects.filter(year=2025).exists()
