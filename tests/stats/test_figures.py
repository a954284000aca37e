"""The figures beside the tables: referrals by partner kind, first response against respond-by, council
conversations against their target — pre-counted by the refresh, every number through disclosure control."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.council.factories import held, make_council_request
from tests.factories import UserFactory
from tests.matrix import once_per_module
from tests.staff_web.conftest import verified_client
from weerbaar.cases.models import Case
from weerbaar.council.choices import Status
from weerbaar.stats import selectors
from weerbaar.stats.disclosure import Policy, protected_percentiles
from weerbaar.stats.jobs import stats_refresh
from weerbaar.stats.models import MeasureCount

pytestmark = pytest.mark.django_db


@once_per_module
def world():
    from weerbaar.core.synthetic import synthetic_load
    from weerbaar.council.models import CoverageTarget
    from weerbaar.directory.services import reference_data_load

    reference_data_load()
    synthetic_load(130, seed=3, years=1, now=timezone.now(), force=True)
    coordinator = UserFactory(username="cora", role="coordinator")
    today = timezone.localdate()
    for _ in range(3):
        held(make_council_request(actor=coordinator, until=Status.SESSION_HELD), today.replace(day=1))
    CoverageTarget.objects.create(year=today.year, sessions=40, updated_at=timezone.now())
    stats_refresh()
    return {"analyst": UserFactory(username="ali", role="analyst"), "today": today}


def measure(name: str) -> Counter:
    found: Counter = Counter()
    for value, count in MeasureCount.objects.filter(measure=name).values_list("value", "count"):
        found[value] += count
    return found


def test_referrals_count_per_sent_referral_by_partner_kind(world):
    from weerbaar.network.models import Referral

    expected = Counter(Referral.objects.filter(sent_at__isnull=False).values_list("kind", flat=True))
    assert measure("referral") == expected
    assert sum(expected.values()) > 0


def test_every_help_request_is_on_time_late_or_not_yet_taken_on(world):
    deadline = measure("deadline")
    assert sum(deadline.values()) == Case.objects.count()
    claimed = Case.objects.exclude(claimed_at=None)
    assert deadline["open"] == Case.objects.filter(claimed_at=None).count()
    late = sum(1 for c in claimed.only("claimed_at", "respond_by") if c.claimed_at > c.respond_by)
    assert deadline["late"] == late
    assert sum(measure("response").values()) == claimed.count() > 0


def test_council_conversations_count_in_the_month_held(world):
    assert measure("council") == {"held": 3}


def test_the_figures_are_protected(world):
    today = world["today"]
    found = selectors.figures(first=date(today.year - 1, today.month, 1), last=today)
    assert found.council.cell((str(today.year),)).suppressed  # 3 conversations: below the threshold
    assert found.council_targets[str(today.year)] == 40
    for cell in [*found.referrals.cells(), *found.deadline.cells()]:
        assert cell.suppressed == (cell.count is None)
        assert cell.count is None or (cell.count % 5 == 0 and cell.count >= 10)
    claimed = Case.objects.exclude(claimed_at=None).count()
    assert (found.response_hours is None) == (claimed < 10)


def test_the_page_shows_the_figures(world):
    today = world["today"]
    query = f"van={today.year - 1}-{today.month:02d}-01&tot={today.isoformat()}&indeling1=role"
    page = verified_client(world["analyst"]).get(f"/werkruimte/statistieken?{query}").content.decode()
    assert "Doorverwijzingen naar partners, per soort partner" in page
    assert "Raadsgesprekken gehouden, tegenover het doel van het jaar" in page
    assert "mediaan" in page
    assert "WB-" not in page  # no case reference, ever
    assert "RG-" not in page  # nor a council request's


# --- percentiles: never for a small group, always a value that occurs, nearest rank -------------------------

HISTOGRAMS = st.dictionaries(
    st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=6), max_size=12
)


@settings(max_examples=150, deadline=None)
@given(HISTOGRAMS, st.sampled_from([5, 10, 15]))
def test_percentiles_only_for_groups_at_least_the_threshold(histogram, threshold):
    found = protected_percentiles(histogram, (0.5, 0.9), Policy(threshold=threshold, percent_min_denominator=50))
    values = sorted(value for value, count in histogram.items() for _ in range(count))
    if len(values) < threshold:
        assert found is None
        return
    median, p90 = found
    assert median == values[-(-len(values) // 2) - 1]  # nearest rank: the ceil(n/2)-th value
    assert p90 == values[-(-9 * len(values) // 10) - 1]
    assert median <= p90
