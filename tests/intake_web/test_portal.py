"""Mijn zaak: sign in with reference + code, one answer for every wrong pair, rate limit, messages, isolation."""

from __future__ import annotations

import pytest

from tests.factories import UserFactory, make_case
from weerbaar.cases.models import CaseMessage
from weerbaar.cases.services import case_message_send
from weerbaar.intake.portal import SESSION_KEY

pytestmark = pytest.mark.django_db


def sign_in(client, reference, code):
    return client.post("/mijn-zaak/inloggen", {"reference": reference, "code": code})


def error_block(html: str) -> str:
    start = html.index('id="sign-in-error-title"')
    return html[start : html.index("</div>", start)]


def test_portal_needs_a_sign_in(web):
    response = web.get("/mijn-zaak")
    assert response.status_code == 302
    assert response["Location"] == "/mijn-zaak/inloggen"


def test_sign_in_keeps_only_case_id_and_reference_in_a_new_session(web):
    case, code = make_case()
    web.get("/mijn-zaak/inloggen")
    before = web.session.session_key
    response = sign_in(web, case.reference.lower().replace("-", " "), code.lower())
    assert response.status_code == 302
    assert response["Location"] == "/mijn-zaak"
    session = web.session
    assert session.session_key != before
    stored = session[SESSION_KEY]
    assert set(stored) == {"case_id", "reference", "generation"}
    assert (stored["case_id"], stored["reference"]) == (case.pk, case.reference)
    assert code not in str(dict(session))
    html = web.get("/mijn-zaak").content.decode()
    assert case.reference in html
    assert "Ontvangen" in html
    assert "Nederlandse Vereniging voor Raadsleden" in html


def test_wrong_reference_and_wrong_code_give_the_same_answer(web):
    case, code = make_case()
    other, _ = make_case()
    wrong_code = sign_in(web, case.reference, "AAAAA-BBBBB-CCCCC-DDDDD-EEEEEE")
    wrong_reference = sign_in(web, "WB-ZZZZ-ZZZZ", code)
    someone_elses = sign_in(web, other.reference, code)
    assert wrong_code.status_code == wrong_reference.status_code == someone_elses.status_code == 400
    blocks = {error_block(r.content.decode()) for r in (wrong_code, wrong_reference, someone_elses)}
    assert len(blocks) == 1
    assert "De combinatie van zaaknummer en code klopt niet." in blocks.pop()
    assert SESSION_KEY not in web.session


def test_the_code_is_never_sent_back_into_the_page(web):
    case, _ = make_case()
    html = sign_in(web, case.reference, "SECRET-GUESS-12345").content.decode()
    assert "SECRET-GUESS-12345" not in html
    assert f'value="{case.reference}"' in html


def test_empty_fields_are_named_in_the_error_summary(web):
    response = sign_in(web, "", "")
    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_reference"' in html
    assert 'href="#id_code"' in html
    assert 'aria-describedby="id_reference-hint id_reference-error"' in html


def test_sign_in_attempts_are_rate_limited_with_429(web, settings):
    settings.WEERBAAR = {**settings.WEERBAAR, "FOLLOW_UP_RATE_LIMIT": 2}
    case, code = make_case()
    for _ in range(2):
        assert sign_in(web, case.reference, "WRONG").status_code == 400
    response = sign_in(web, case.reference, code)  # even the right code waits
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()
    assert "070-3738314" in response.content.decode()
    assert SESSION_KEY not in web.session


def test_portal_shows_the_advisors_messages_and_marks_them_read(web):
    advisor = UserFactory(role="advisor", display_name="Henk Bouwmans")
    case, code = make_case(state="claimed", advisor=advisor)
    case_message_send(actor=advisor, reference=case.reference, text="Goedemiddag, ik bel u om 15:00.")
    sign_in(web, case.reference, code)
    html = web.get("/mijn-zaak").content.decode()
    assert "Goedemiddag, ik bel u om 15:00." in html
    assert "In behandeling" in html
    assert "Uw adviseur: Henk Bouwmans" in html
    assert CaseMessage.objects.get(case=case).read_at is not None
    assert "no-store" in web.get("/mijn-zaak")["Cache-Control"]


def test_office_holder_sends_a_message_that_is_stored_sealed(web):
    case, code = make_case()
    sign_in(web, case.reference, code)
    response = web.post("/mijn-zaak", {"text": "Er is weer een brief gekomen."})
    assert response.status_code == 302
    message = CaseMessage.objects.get(case=case)
    assert message.sender == "office_holder"
    assert b"brief" not in bytes(message.sealed_text)
    assert message.open("sealed_text") == "Er is weer een brief gekomen."
    html = web.get("/mijn-zaak").content.decode()
    assert "Uw bericht is verstuurd." in html
    assert "Er is weer een brief gekomen." in html


def test_a_refused_message_keeps_the_typed_text(web):
    case, code = make_case()
    sign_in(web, case.reference, code)
    text = "x" * 10_001
    response = web.post("/mijn-zaak", {"text": text})
    assert response.status_code == 400
    assert text + "</textarea>" in response.content.decode()
    assert CaseMessage.objects.count() == 0
    empty = web.post("/mijn-zaak", {"text": "   "})
    assert "Schrijf eerst uw bericht." in empty.content.decode()


def test_office_holder_of_one_case_never_sees_another(web):
    advisor = UserFactory(role="advisor")
    case_a, code_a = make_case()
    case_b, _ = make_case(state="claimed", advisor=advisor)
    case_message_send(actor=advisor, reference=case_b.reference, text="Alleen voor B bedoeld.")
    sign_in(web, case_a.reference, code_a)
    html = web.get("/mijn-zaak").content.decode()
    assert case_a.reference in html
    assert case_b.reference not in html
    assert "Alleen voor B bedoeld." not in html
    # a session pointing at case A's id with case B's reference (tampering) gets nothing
    session = web.session
    session[SESSION_KEY] = {"case_id": case_a.pk, "reference": case_b.reference}
    session.save()
    response = web.get("/mijn-zaak")
    assert response.status_code == 302
    assert response["Location"] == "/mijn-zaak/inloggen"
    web.post("/mijn-zaak", {"text": "binnendringen"})
    assert not CaseMessage.objects.filter(case=case_b, sender="office_holder").exists()


def test_sign_out_is_a_post_and_ends_the_office_holder_session(web):
    case, code = make_case()
    sign_in(web, case.reference, code)
    assert web.get("/mijn-zaak/uitloggen").status_code == 405
    response = web.post("/mijn-zaak/uitloggen")
    assert response.status_code == 302
    assert SESSION_KEY not in web.session
    assert web.get("/mijn-zaak").status_code == 302


def test_replacing_the_code_ends_open_portal_sessions(web):
    from weerbaar.accounts.models import Role
    from weerbaar.directory.models import Association
    from weerbaar.intake.services import follow_up_code_reset

    case, code = make_case()
    sign_in(web, case.reference, code)
    assert web.get("/mijn-zaak").status_code == 200
    advisor = UserFactory(role=Role.ADVISOR, association=Association.objects.get(code="nvvr"))
    follow_up_code_reset(actor=advisor, reference=case.reference)
    response = web.get("/mijn-zaak")
    assert response.status_code == 302
    assert response["Location"] == "/mijn-zaak/inloggen"


def test_message_on_a_closed_case_is_refused_with_the_phone_number_and_text_kept(web, reference_data):
    from weerbaar.accounts.models import Role
    from weerbaar.directory.models import Association

    advisor = UserFactory(role=Role.ADVISOR, association=Association.objects.get(code="nvvr"))
    case, code = make_case(state="closed", advisor=advisor)
    sign_in(web, case.reference, code)
    response = web.post("/mijn-zaak", {"text": "Er is weer iets gebeurd."})
    assert response.status_code == 409
    html = response.content.decode()
    assert "070-3738314" in html
    assert "Er is weer iets gebeurd." in html
    assert not CaseMessage.objects.filter(case=case, sender="office_holder").exists()
