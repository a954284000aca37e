"""Incidents, evidence, the step plan, police report, damage and the dossier in a real browser, in "Mijn zaak"
and in the advisor workspace. axe-core checks every page; images are blurred until clicked (no JavaScript)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.test_end_to_end import portal_sign_in, staff_sign_in, staff_with_totp
from tests.factories import image_bytes, make_case
from weerbaar.accounts.models import Role
from weerbaar.incidents.models import DamageItem, Evidence, Incident, PoliceReport

SHOTS = "/tmp"  # noqa: S108  (screenshots to look at after a run)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_incident(page, *, acts: list[str], channel: str, related: bool) -> None:
    today = timezone.localdate()
    page.locator("#id_occurred_on").fill((today - timedelta(days=2)).isoformat())
    page.locator("#id_occurred_at").fill("23:05")
    page.locator("#id_learned_on").fill((today - timedelta(days=1)).isoformat())
    page.get_by_label(channel, exact=True).check()
    if channel.startswith("Online"):
        page.get_by_label("Welk platform of welke website?").fill("Facebook")
    for act in acts:
        page.get_by_label(act, exact=True).check()
    page.locator("#id_related_to_office_0" if related else "#id_related_to_office_1").check()
    page.get_by_label("Wat is er gebeurd, in eigen woorden?").fill("Iemand schreef dat ik een leugenaar ben.")
    page.locator("#id_ident_kind_0").select_option("handle")
    page.locator("#id_ident_value_0").fill("@boze_burger_71")


def upload_image_and_reveal(page, axe, context: str) -> None:
    page.locator("#id_evidence-file").set_input_files(
        files=[{"name": "bericht.jpg", "mimeType": "image/jpeg", "buffer": image_bytes("JPEG", size=(640, 480))}]
    )
    page.get_by_label("Webadres waar u het vond").fill("https://www.facebook.com/post/123")
    page.get_by_role("button", name="Bestand opslaan").click()
    page.wait_for_url(re.compile(r"/incidenten/1#bewijs$"))
    evidence = page.locator(".weerbaar-evidence").first
    assert "Bewijsstuk 1" in evidence.inner_text()
    blurred = evidence.locator(".weerbaar-evidence__blurred")
    clear = evidence.locator(".weerbaar-evidence__image")
    assert blurred.is_visible()
    assert not clear.is_visible()  # blurred first: the clear image is not shown (nor loaded) until clicked
    axe(page, context=f"{context}: evidence, blurred")
    evidence.get_by_text("Toon afbeelding — kan schokkend zijn").click()
    clear.wait_for(state="visible")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=clear.element_handle())
    assert not blurred.is_visible()
    axe(page, context=f"{context}: evidence, revealed")


def fill_police_report(page) -> None:
    page.get_by_label("Aangifte", exact=True).check()
    page.get_by_label("Op welke datum?").fill(timezone.localdate().isoformat())
    page.get_by_label("Bij welk politiebureau of welke eenheid?").fill("Politie Utrecht")
    page.get_by_label("Registratienummer van de politie").fill("PL0900-2026")
    page.locator("#id_police-vpt_code_0").check()
    page.get_by_role("button", name="Aangifte of melding opslaan").click()
    page.wait_for_url(re.compile(r"#aangifte$"))
    assert "PL0900-2026" in page.locator("#aangifte").locator("xpath=..").inner_text()


def add_damage(page, axe, context: str) -> None:
    page.get_by_role("link", name="Schade", exact=True).first.click()
    page.wait_for_url(re.compile(r"/schade$"))
    axe(page, context=f"{context}: damage, empty")
    page.get_by_label("Soort schade").select_option("material")
    page.get_by_label("Bedrag in euro").fill("149,95")
    page.get_by_label("Omschrijving").fill("Nieuwe ruit voordeur")
    page.get_by_role("button", name="Schadepost opslaan").click()
    page.wait_for_url(re.compile(r"/schade#schadeposten$"))
    assert "€ 149,95" in page.locator(".weerbaar-inc-damage-table").inner_text()
    axe(page, context=f"{context}: damage with an item")


def download_dossier_pdf(page, axe, context: str) -> bytes:
    page.get_by_role("link", name="Dossier", exact=True).first.click()
    page.wait_for_url(re.compile(r"/dossier$"))
    home_address = page.get_by_label("Huisadres op het dossier (niet verplicht)")
    if "/mijn-zaak/" in page.url:
        assert home_address.input_value() == ""  # empty unless the office holder types it
    else:
        assert home_address.count() == 0  # advisors cannot add it
    axe(page, context=f"{context}: dossier")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download PDF").click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        return handle.read()


def test_office_holder_records_uploads_reports_and_downloads(live_server, page, axe, browser_data):
    advisor, _device = staff_with_totp("anna", Role.ADVISOR, "nvvr")
    case, code = make_case(state="claimed", advisor=advisor)
    base = live_server.url
    portal_sign_in(page, base, case.reference, code)
    page.get_by_role("link", name="Incidenten en bewijs").click()
    page.wait_for_url(re.compile(r"/mijn-zaak/incidenten$"))
    axe(page, context="portal: empty timeline")
    page.get_by_role("link", name="Nieuw incident vastleggen").click()
    axe(page, context="portal: record form")

    # an error first: nothing typed is lost
    page.get_by_label("Wat is er gebeurd, in eigen woorden?").fill("Eerst zonder keuze.")
    page.locator("#id_occurred_on").fill("")
    page.get_by_role("button", name="Opslaan").click()
    assert "Controleer de gemarkeerde velden." in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Wat is er gebeurd, in eigen woorden?").input_value() == "Eerst zonder keuze."
    axe(page, context="portal: record form with errors")

    fill_incident(page, acts=["Belediging"], channel="Online (sociale media, website, app)", related=False)
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/mijn-zaak/incidenten/1$"))
    plan = page.locator(".weerbaar-inc-plan")
    assert "Wat kunt u doen?" in plan.inner_text()
    assert "art. 266 Sr" in plan.inner_text()
    deadline = Incident.objects.get(case=case).complaint_deadline
    assert deadline is not None
    assert "Klacht nodig uiterlijk" in plan.locator(".weerbaar-inc-plan__deadline").inner_text()
    assert str(deadline.year) in page.locator(".weerbaar-inc-deadline").inner_text()
    axe(page, context="portal: incident with step plan")
    page.screenshot(path=SHOTS + "/incidents-portal-detail.png", full_page=True)

    upload_image_and_reveal(page, axe, "portal")
    page.screenshot(path=SHOTS + "/incidents-portal-evidence.png", full_page=True)
    fill_police_report(page)
    assert PoliceReport.objects.get(incident__case=case).open("sealed_details")["kind"] == "complaint"
    axe(page, context="portal: police report saved")

    page.get_by_role("link", name="Incident 1 corrigeren").click()
    assert page.locator("#id_ident_value_0").input_value() == "@boze_burger_71"
    axe(page, context="portal: correct form")
    page.go_back()

    add_damage(page, axe, "portal")
    page.screenshot(path=SHOTS + "/incidents-portal-damage.png", full_page=True)
    assert DamageItem.objects.get(case=case).recorded_by == "office_holder"
    pdf = download_dossier_pdf(page, axe, "portal")
    assert pdf.startswith(b"%PDF")
    page.screenshot(path=SHOTS + "/incidents-portal-dossier.png", full_page=True)

    page.get_by_role("link", name="Incidenten en bewijs").first.click()
    axe(page, context="portal: timeline")
    page.screenshot(path=SHOTS + "/incidents-portal-timeline.png", full_page=True)
    page.emulate_media(media="print")
    page.screenshot(path=SHOTS + "/incidents-portal-timeline-print.png", full_page=True)
    assert not page.locator(".weerbaar-inc-nav").first.is_visible()
    page.emulate_media(media="screen")


def test_advisor_works_incidents_in_the_workspace(live_server, page, axe, browser_data):
    advisor, device = staff_with_totp("bea", Role.ADVISOR, "nvvr")
    case, _code = make_case(state="claimed", advisor=advisor)
    base = live_server.url
    staff_sign_in(page, base, "bea", device)
    page.goto(f"{base}/werkruimte/zaken/{case.reference}")
    page.get_by_role("link", name="Incidenten", exact=True).click()  # the case page's tab
    page.wait_for_url(re.compile(r"/incidenten$"))
    axe(page, context="workspace: empty timeline")
    page.get_by_role("link", name="Nieuw incident vastleggen").click()
    axe(page, context="workspace: record form")
    fill_incident(page, acts=["Bedreiging met geweld", "Doxing"], channel="E-mail", related=True)
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/incidenten/1$"))
    assert "Stappenplan" in page.locator(".weerbaar-inc-plan").inner_text()
    assert "art. 285 Sr" in page.locator(".weerbaar-inc-plan").inner_text()
    axe(page, context="workspace: incident with step plan")
    page.screenshot(path=SHOTS + "/incidents-ws-detail.png", full_page=True)

    upload_image_and_reveal(page, axe, "workspace")
    evidence = Evidence.objects.get(case=case)
    assert evidence.sha256 in page.locator(".weerbaar-evidence").first.inner_text()
    fill_police_report(page)
    page.get_by_role("link", name="Incident 1 corrigeren").click()
    axe(page, context="workspace: correct form")
    page.go_back()
    add_damage(page, axe, "workspace")
    page.screenshot(path=SHOTS + "/incidents-ws-damage.png", full_page=True)
    pdf = download_dossier_pdf(page, axe, "workspace")
    assert pdf.startswith(b"%PDF")

    page.get_by_role("link", name="Incidenten en bewijs").first.click()
    axe(page, context="workspace: timeline")
    page.screenshot(path=SHOTS + "/incidents-ws-timeline.png", full_page=True)
    page.goto(f"{base}/werkruimte/zaken/{case.reference}")
    axe(page, context="workspace: case page with incident links")


def test_incident_pages_in_english_are_axe_clean(live_server, page, axe, browser_data):
    from tests.factories import incident_payload
    from weerbaar.accounts.policy import OfficeHolder
    from weerbaar.incidents import services
    from weerbaar.incidents.validation import validate_damage_item, validate_incident

    advisor, _device = staff_with_totp("anna", Role.ADVISOR, "nvvr")
    case, code = make_case(state="claimed", advisor=advisor)
    holder = OfficeHolder(case.pk, case.reference)
    services.incident_record(actor=holder, reference=case.reference, data=validate_incident(incident_payload()))
    image = image_bytes("PNG", size=(320, 200))
    services.evidence_add(
        actor=holder,
        reference=case.reference,
        upload=services.Upload("screenshot.png", image, len(image)),
        incident_number=1,
    )
    services.damage_item_add(
        actor=holder,
        reference=case.reference,
        data=validate_damage_item({"kind": "security", "amount": "1249,50", "description": "Camera"}),
    )
    base = live_server.url
    page.goto(base + "/")
    page.get_by_role("button", name="English").click()
    portal_sign_in(page, base, case.reference, code, english=True)
    pages = {
        "/mijn-zaak/incidenten": "Incidents and evidence",
        "/mijn-zaak/incidenten/1": "What can you do?",
        "/mijn-zaak/incidenten/1/wijzigen": "Correct",
        "/mijn-zaak/incidenten/nieuw": "When did it happen",
        "/mijn-zaak/schade": "€1,249.50",
        "/mijn-zaak/dossier": "Home address on the dossier (optional)",
    }
    for path, text in pages.items():
        page.goto(base + path)
        assert text in page.content(), path
        axe(page, context=f"portal in English: {path}")
        page.screenshot(path=SHOTS + "/incidents-en" + path.replace("/", "-") + ".png", full_page=True)
