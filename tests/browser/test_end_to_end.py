"""The whole flow in a real browser: an office holder asks for help (Dutch and English), gets a
reference and code, signs in to the portal and exchanges messages with the advisor who claimed
the case; the advisor closes it. axe-core checks every page on the way."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory
from weerbaar.accounts.models import Role
from weerbaar.cases.models import Case
from weerbaar.directory.models import Association

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


def staff_with_totp(username: str, role: str, association: str | None) -> tuple[object, TOTPDevice]:
    user = UserFactory(
        username=username,
        role=role,
        association=Association.objects.get(code=association) if association else None,
    )
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    return user, device


def current_code(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def staff_sign_in(page, base_url: str, username: str, device: TOTPDevice, axe=None) -> None:
    page.goto(base_url + "/medewerkers/inloggen")
    if axe:
        axe(page, context="staff sign-in")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/medewerkers/tweestaps"))
    if axe:
        axe(page, context="TOTP verification")
    page.get_by_label("Code uit uw authenticator-app").fill(current_code(device))
    page.get_by_role("button", name="Controleren").click()
    page.wait_for_url(re.compile(r"/werkruimte"))


def submit_help_request(page, base_url: str, axe, *, description: str, acute: bool = False, english: bool = False):
    """Walk the public form; returns (reference, code) from the receipt."""
    t = (lambda nl, en: en) if english else (lambda nl, en: nl)
    page.goto(base_url + "/")
    axe(page, context="home")
    page.get_by_role("link", name=t("Hulp vragen", "Ask for help")).first.click()
    axe(page, context="step 1")
    page.get_by_label(t("Ja", "Yes") if acute else t("Nee", "No"), exact=True).check()
    page.get_by_role("button", name=t("Volgende", "Next")).click()
    if acute:
        expect_text(page, t("Bel nu 112", "Call 112 now"))
        axe(page, context="112 screen")
        page.get_by_role("button", name=t("Ik ben in veiligheid, ga verder", "I am safe, continue")).click()
    axe(page, context="step 2")
    page.get_by_label(t("Raadslid", "Municipal councillor"), exact=True).check()
    page.get_by_label(t("Gemeente", "Municipality"), exact=True).select_option("GM0363")
    page.get_by_role("button", name=t("Volgende", "Next")).click()
    # Skip a required field once: the error summary appears, and what was typed stays.
    page.get_by_label(t("Wat is er gebeurd?", "What happened?")).fill(description)
    page.get_by_role("button", name=t("Volgende", "Next")).click()
    axe(page, context="step 3 with an error")
    assert page.get_by_label(t("Wat is er gebeurd?", "What happened?")).input_value() == description
    page.get_by_label(t("Bedreiging", "Threat"), exact=True).check()
    page.get_by_role("button", name=t("Volgende", "Next")).click()
    axe(page, context="step 4")
    page.get_by_label(t("Uw naam", "Your name")).fill("Robin Testpersoon")
    page.get_by_label(t("E-mailadres", "Email address")).fill("robin@example.org")
    page.get_by_label(t("Alleen via Weerbaar", "Only through Weerbaar"), exact=True).check()
    page.get_by_role("button", name=t("Volgende", "Next")).click()
    axe(page, context="check page")
    expect_text(page, description)
    page.get_by_role("button", name=t("Hulpvraag versturen", "Send help request")).click()
    axe(page, context="receipt")
    reference = page.locator(".weerbaar-receipt__reference").inner_text().strip()
    code = page.locator(".weerbaar-receipt__code").inner_text().strip()
    assert re.fullmatch(r"WB-[0-9A-Z]{4}-[0-9A-Z]{4}", reference)
    assert len(code.replace("-", "")) == 26
    return reference, code


def expect_text(page, text: str) -> None:
    assert text in page.inner_text("body"), f"{text!r} not on {page.url}"


def portal_sign_in(page, base_url: str, reference: str, code: str, axe=None, *, english: bool = False) -> None:
    t = (lambda nl, en: en) if english else (lambda nl, en: nl)
    page.goto(base_url + "/mijn-zaak/inloggen")
    if axe:
        axe(page, context="portal sign-in")
    page.get_by_label(t("Zaaknummer", "Case reference")).fill(reference)
    page.get_by_label(t("Persoonlijke code", "Personal code")).fill(code)
    page.get_by_role("button", name=t("Inloggen", "Sign in")).click()
    page.wait_for_url(re.compile(r"/mijn-zaak$"))


def test_office_holder_and_advisor_complete_a_case_in_dutch(live_server, browser, axe, browser_data):
    base = live_server.url
    _advisor, device = staff_with_totp("anna", Role.ADVISOR, "nvvr")

    holder = browser.new_context(locale="nl-NL")
    page = holder.new_page()
    reference, code = submit_help_request(page, base, axe, description="Er staat een dreigende tekst op mijn auto.")
    case = Case.objects.get(reference=reference)
    assert case.association.code == "nvvr"
    assert case.channel == "web"
    assert case.status == "new"

    # A wrong code gets the generic answer; the right one opens the portal.
    page.goto(base + "/mijn-zaak/inloggen")
    page.get_by_label("Zaaknummer").fill(reference)
    page.get_by_label("Persoonlijke code").fill("AAAAA-AAAAA-AAAAA-AAAAA-AAAAAA")
    page.get_by_role("button", name="Inloggen").click()
    expect_text(page, "De combinatie van zaaknummer en code klopt niet.")
    axe(page, context="portal sign-in with error")
    portal_sign_in(page, base, reference, code, axe)
    axe(page, context="portal")
    expect_text(page, reference)

    # The advisor signs in with password + TOTP, claims the case and writes to the office holder.
    staff = browser.new_context(locale="nl-NL")
    desk = staff.new_page()
    staff_sign_in(desk, base, "anna", device, axe)
    axe(desk, context="queue")
    expect_text(desk, reference)
    desk.goto(f"{base}/werkruimte/zaken/{reference}")
    axe(desk, context="case page (new)")
    expect_text(desk, "Er staat een dreigende tekst op mijn auto.")
    desk.get_by_role("button", name="Zelf oppakken").click()
    expect_text(desk, "In behandeling")
    desk.get_by_role("link", name="Berichten", exact=True).click()  # the messages tab of the case page
    desk.get_by_label("Bericht aan de aanvrager").fill("Ik bel u morgen om tien uur. Groet, Anna")
    desk.get_by_role("button", name="Bericht versturen").click()
    axe(desk, context="case page (in progress)")

    # The office holder reads it in the portal and answers.
    page.reload()
    expect_text(page, "Ik bel u morgen om tien uur. Groet, Anna")
    page.get_by_label("Uw bericht aan de adviseur").fill("Dank u, tien uur past goed.")
    page.get_by_role("button", name="Bericht versturen").click()
    expect_text(page, "Dank u, tien uur past goed.")
    axe(page, context="portal after sending")

    # The advisor sees the answer, moves the case to aftercare and closes it with an outcome.
    desk.reload()
    expect_text(desk, "Dank u, tien uur past goed.")
    desk.get_by_role("link", name="Overzicht", exact=True).click()  # the status is changed on the overview tab
    desk.get_by_role("button", name="Nazorg starten").click()
    expect_text(desk, "Nazorg")
    desk.get_by_label("Uitkomst").select_option("advised")
    desk.get_by_role("button", name="Zaak afsluiten").click()
    # moving to aftercare made an aftercare plan: closing asks what happens to it (tests/browser/test_aftercare.py)
    desk.get_by_label("Nazorg stopt", exact=False).check()
    desk.get_by_role("button", name="Zaak sluiten").click()
    desk.wait_for_url(re.compile(r"/werkruimte/zaken/WB-[0-9A-Z-]+$"))  # back to the overview tab
    axe(desk, context="case page (closed)")
    case.refresh_from_db()
    assert case.status == "closed"
    assert case.outcome == "advised"
    assert case.assigned_to.username == "anna"

    page.reload()
    expect_text(page, "Gesloten")
    holder.close()
    staff.close()


def test_english_help_request_with_acute_danger_is_urgent(live_server, browser, axe, browser_data):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.goto(live_server.url + "/")
    # A Dutch browser; switch to English with the header's language button.
    page.get_by_role("button", name="English").click()
    expect_text(page, "Ask for help")
    reference, code = submit_help_request(
        page,
        live_server.url,
        axe,
        description="Someone is standing at my door shouting threats.",
        acute=True,
        english=True,
    )
    expect_text(page, "112")
    case = Case.objects.get(reference=reference)
    assert case.urgent is True
    assert case.acute_danger is True
    portal_sign_in(page, live_server.url, reference, code, axe, english=True)
    axe(page, context="portal (English)")
    context.close()


def test_every_workspace_page_passes_axe(live_server, browser, axe, browser_data):
    """The staff pages not visited by the main flow: phone intake, coordinator overviews, directory, TOTP set-up."""
    from tests.factories import make_case

    base = live_server.url
    advisor, advisor_device = staff_with_totp("bas", Role.ADVISOR, "nvvr")
    make_case(state="escalated")
    make_case(state="claimed", advisor=advisor)
    _coordinator, coordinator_device = staff_with_totp("cor", Role.COORDINATOR, "bzk")

    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    staff_sign_in(page, base, "bas", advisor_device)
    page.goto(base + "/werkruimte/telefonische-hulpvraag")
    axe(page, context="phone intake")
    page.get_by_role("button", name=re.compile("Hulpvraag vastleggen|Vastleggen|Opslaan")).first.click()
    axe(page, context="phone intake with errors")
    context.close()

    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    staff_sign_in(page, base, "cor", coordinator_device)
    call_command("worker", "--batch", stdout=io.StringIO(), stderr=io.StringIO())  # job runs to show
    for path in (
        "/werkruimte",
        "/werkruimte/alle-zaken",
        "/werkruimte/escalaties",
        "/werkruimte/adresboek",
        "/werkruimte/achtergrondtaken",
    ):
        page.goto(base + path)
        assert page.locator("h1").count() == 1
        axe(page, context=path)
    context.close()

    # A new staff member without an authenticator is sent to the TOTP set-up page.
    UserFactory(username="nieuw", role=Role.ADVISOR, association=Association.objects.get(code="ngb"))
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.goto(base + "/medewerkers/inloggen")
    page.get_by_label("Gebruikersnaam").fill("nieuw")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/medewerkers/tweestaps/instellen"))
    axe(page, context="TOTP set-up")
    context.close()


def test_error_pages_pass_axe(live_server, page, axe, browser_data):
    page.goto(live_server.url + "/bestaat-niet")
    assert page.locator("h1").count() == 1
    axe(page, context="404 page")


def test_lockout_forbidden_and_role_pages_pass_axe(live_server, browser, axe, browser_data):
    base = live_server.url
    _analyst, analyst_device = staff_with_totp("ada", Role.ANALYST, None)
    _partner, partner_device = staff_with_totp("pim", Role.PARTNER, None)

    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    staff_sign_in_to(page, base, "ada", analyst_device, landing=r"/medewerkers")
    axe(page, context="analyst landing page")
    context.close()

    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    staff_sign_in_to(page, base, "pim", partner_device, landing=r"/medewerkers")
    response = page.goto(base + "/werkruimte")
    assert response.status == 403
    axe(page, context="403 page for a partner")
    context.close()

    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.goto(base + "/medewerkers/inloggen")
    for attempt in range(5):
        page.get_by_label("Gebruikersnaam").fill("ada")
        page.get_by_label("Wachtwoord").fill(f"wrong {attempt}")
        page.get_by_role("button", name="Inloggen").click()
    expect_text(page, "tijdelijk geblokkeerd")
    axe(page, context="lockout page")
    context.close()


def test_workspace_in_english_passes_axe(live_server, browser, axe, browser_data):
    from tests.factories import make_case

    advisor, device = staff_with_totp("eva", Role.ADVISOR, "nvvr")
    case, _ = make_case(state="claimed", advisor=advisor)
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    staff_sign_in(page, live_server.url, "eva", device)
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    axe(page, context="queue (English)")
    page.goto(f"{live_server.url}/werkruimte/zaken/{case.reference}")
    axe(page, context="case page (English)")
    context.close()


def staff_sign_in_to(page, base_url: str, username: str, device: TOTPDevice, *, landing: str) -> None:
    page.goto(base_url + "/medewerkers/inloggen")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Code uit uw authenticator-app").fill(current_code(device))
    page.get_by_role("button", name="Controleren").click()
    page.wait_for_url(re.compile(landing))
