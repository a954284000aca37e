"""The page for an upload refused before it was read (issue 12: a cap on the whole body): axe, and the way back."""

from __future__ import annotations

import re

from tests.browser.test_end_to_end import portal_sign_in, staff_with_totp
from tests.factories import make_case
from tests.incidents_web.conftest import record
from weerbaar.accounts.models import Role
from weerbaar.incidents.models import Evidence


def test_a_body_over_the_cap_gets_a_page_that_says_why_and_leads_back(live_server, page, axe, browser_data, settings):
    settings.EVIDENCE_MAX_FILE_BYTES = 1_048_576
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 4096
    advisor, _device = staff_with_totp("anna", Role.ADVISOR, "nvvr")
    case, code = make_case(state="claimed", advisor=advisor)
    record(advisor, case)
    portal_sign_in(page, live_server.url, case.reference, code)
    page.goto(live_server.url + "/mijn-zaak/incidenten/1")
    page.locator("#id_evidence-file").set_input_files(
        files=[{"name": "groot.txt", "mimeType": "text/plain", "buffer": b"x" * 1_200_000}]
    )
    page.get_by_role("button", name="Bestand opslaan").click()
    page.wait_for_load_state("load")
    assert "Het bestand is te groot. Het maximum is 1 MB per bestand." in page.get_by_role("alert").inner_text()
    axe(page, context="portal: upload refused before it was read")
    page.screenshot(path="/tmp/upload-refused.png", full_page=True)  # noqa: S108  (to look at after a run)
    page.get_by_role("link", name="Terug naar de pagina").click()
    page.wait_for_url(re.compile(r"/mijn-zaak/incidenten/1#bewijs$"))
    assert not Evidence.objects.exists()
