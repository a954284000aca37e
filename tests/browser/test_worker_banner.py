"""The coordinators' red banner for overdue background jobs in a real browser: Dutch and English, desktop and
390 px, axe-clean, with a contrast check computed from the page's own colours (not axe's "needs review")."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.test_end_to_end import staff_sign_in, staff_with_totp
from weerbaar.accounts.models import Role
from weerbaar.core import jobs
from weerbaar.core.models import JobRun

SHOTS = "/tmp"  # noqa: S108  (screenshots to look at after a run)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The contrast ratio (WCAG 2.x) of each text element in the banner against the first opaque background behind it.
CONTRASTS = """(selector) => {
  const lum = (rgb) => {
    const [r, g, b] = rgb.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const parse = (c) => c.match(/[\\d.]+/g).map(Number);
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = parse(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] === 1) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  return [...document.querySelectorAll(selector + ' h2, ' + selector + ' p, ' + selector + ' a')].map((el) => {
    const a = lum(parse(getComputedStyle(el).color).slice(0, 3)), b = lum(background(el));
    return [el.tagName, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
  });
}"""


def _late_jobs() -> None:
    long_ago = timezone.now() - timedelta(days=3)
    for job in jobs.JOBS.values():
        JobRun.objects.create(
            job=job.name,
            slot=jobs.slot_of(job, long_ago),
            scheduled_at=long_ago,
            finished_at=long_ago,
            status="succeeded",
        )


def _check(page, axe, context: str) -> None:
    banner = page.locator("[data-testid=jobs-overdue]")
    assert banner.is_visible()
    for tag, ratio in page.evaluate(CONTRASTS, "[data-testid=jobs-overdue]"):
        assert ratio >= 4.5, f"{context}: {tag} text has contrast {ratio:.2f}:1"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), context
    axe(page, context=context)


def test_coordinator_sees_the_overdue_banner_in_dutch_and_english_on_desktop_and_phone(
    live_server, page, axe, browser_data
):
    _late_jobs()
    _user, device = staff_with_totp("cora", Role.COORDINATOR, "bzk")
    base = live_server.url
    staff_sign_in(page, base, "cora", device)
    banner = page.locator("[data-testid=jobs-overdue]")
    assert banner.get_by_role("heading", name="Achtergrondtaken lopen achter").is_visible()
    assert "E-mailmeldingen versturen" in banner.inner_text()
    _check(page, axe, "queue with the overdue banner")
    page.screenshot(path=f"{SHOTS}/worker-banner-nl.png")
    banner.get_by_role("link", name="Bekijk de achtergrondtaken").click()
    page.wait_for_url(re.compile(r"/werkruimte/achtergrondtaken$"))
    assert page.locator("strong", has_text="te laat").count() >= 1
    _check(page, axe, "job page with late jobs")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "/")
    page.get_by_role("button", name="English").click()
    page.goto(base + "/werkruimte")
    assert banner.get_by_role("heading", name="Background jobs are running late").is_visible()
    _check(page, axe, "queue in English at 390 px")
    page.screenshot(path=f"{SHOTS}/worker-banner-en-390.png", full_page=True)


def test_an_advisor_never_sees_the_banner(live_server, page, browser_data):
    _late_jobs()
    _user, device = staff_with_totp("anna", Role.ADVISOR, "nvvr")
    staff_sign_in(page, live_server.url, "anna", device)
    assert page.locator("[data-testid=jobs-overdue]").count() == 0
