"""Two rows of one case swap their ciphertexts in the database: each refuses to open, neither shows the other's text.

Every row sealed under a case's key names its own record type, id and field in the associated data
(``core.sealing.SealedPart``), so someone who can write to a copy of the database cannot move a message,
a note, an incident's account … from one row to another of the same case (same key) unnoticed. Nor can they
change a plain column that says whom sealed content belongs to or is for (``sealed_binds``): a message's
``sender``, the author of a note, message or call, a referral's partner, the referral a consent was given for.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from tests.factories import make_case
from weerbaar.accounts import policy
from weerbaar.aftercare.models import AftercarePlan, CheckIn, HouseholdMember
from weerbaar.cases import selectors
from weerbaar.cases.choices import CallDirection, MessageSender
from weerbaar.cases.models import Case, CaseCall, CaseMessage, CaseNote, StatusChange
from weerbaar.core.crypto import DecryptionError
from weerbaar.core.sealing import Sealed, SealedPart
from weerbaar.directory.models import Partner
from weerbaar.incidents.models import DamageItem, Evidence, Incident, PoliceReport
from weerbaar.network.models import Consent, Referral
from weerbaar.todos.models import Todo


@pytest.fixture
def case(staff):
    case, _ = make_case(state="claimed", advisor=staff.advisor)
    return Case.objects.get(pk=case.pk)


def swap(model: type[Sealed], first: Sealed, second: Sealed, field: str) -> tuple[Sealed, Sealed]:
    """Swap one sealed column between two rows in the database; the rows as loaded afresh."""
    a, b = (bytes(getattr(model.objects.get(pk=row.pk), field)) for row in (first, second))
    model.objects.filter(pk=first.pk).update(**{field: b})
    model.objects.filter(pk=second.pk).update(**{field: a})
    return model.objects.get(pk=first.pk), model.objects.get(pk=second.pk)


def assert_refused(rows: tuple[Sealed, ...], field: str) -> None:
    for row in rows:
        with pytest.raises(DecryptionError):
            row.open(field)


def two(model: type[SealedPart], field: str, values: tuple[object, object], **fields) -> tuple[SealedPart, ...]:
    rows = tuple(model.create_sealed(sealed={field: value}, **fields) for value in values)
    assert [row.open(field) for row in rows] == list(values)  # both open before the swap
    return rows


def test_two_messages_swapped(case, staff):
    now = timezone.now()
    first, second = two(
        CaseMessage, "sealed_text", ("eerste bericht", "tweede bericht"),
        case=case, sender=MessageSender.ADVISOR, author=staff.advisor, created_at=now,
    )  # fmt: skip
    assert_refused(swap(CaseMessage, first, second, "sealed_text"), "sealed_text")
    # Through the selector the page and the API use: an error, not the other message's text.
    with pytest.raises(DecryptionError):
        selectors.case_messages_read(access=policy.access_case(staff.advisor, case.reference))


def test_message_with_its_sender_flipped(case, staff):
    message = CaseMessage.create_sealed(
        sealed={"sealed_text": "van de adviseur"},
        case=case,
        sender=MessageSender.ADVISOR,
        author=staff.advisor,
        created_at=timezone.now(),
    )
    CaseMessage.objects.filter(pk=message.pk).update(sender=MessageSender.OFFICE_HOLDER, author=None)
    assert_refused((CaseMessage.objects.get(pk=message.pk),), "sealed_text")


def test_two_messages_swapped_with_their_senders(case, staff):
    now = timezone.now()
    first = CaseMessage.create_sealed(
        sealed={"sealed_text": "van de adviseur"}, case=case, sender=MessageSender.ADVISOR, created_at=now
    )
    second = CaseMessage.create_sealed(
        sealed={"sealed_text": "van de ambtsdrager"}, case=case, sender=MessageSender.OFFICE_HOLDER, created_at=now
    )
    swap(CaseMessage, first, second, "sealed_text")
    CaseMessage.objects.filter(pk=first.pk).update(sender=MessageSender.OFFICE_HOLDER)
    CaseMessage.objects.filter(pk=second.pk).update(sender=MessageSender.ADVISOR)
    assert_refused(tuple(CaseMessage.objects.filter(pk__in=[first.pk, second.pk])), "sealed_text")


def test_two_notes_swapped(case, staff):
    rows = two(CaseNote, "sealed_text", ("notitie een", "notitie twee"), case=case, author=staff.advisor,
               created_at=timezone.now())  # fmt: skip
    assert_refused(swap(CaseNote, *rows, "sealed_text"), "sealed_text")
    with pytest.raises(DecryptionError):
        selectors.case_notes_read(access=policy.access_case(staff.advisor, case.reference))


def test_a_note_moved_into_a_message_of_the_same_case(case, staff):
    note = CaseNote.create_sealed(
        sealed={"sealed_text": "notitie"}, case=case, author=staff.advisor, created_at=timezone.now()
    )
    message = CaseMessage.create_sealed(
        sealed={"sealed_text": "bericht"}, case=case, sender=MessageSender.ADVISOR, created_at=timezone.now()
    )
    CaseMessage.objects.filter(pk=message.pk).update(sealed_text=bytes(note.sealed_text))
    assert_refused((CaseMessage.objects.get(pk=message.pk),), "sealed_text")


def test_two_call_summaries_swapped(case, staff):
    now = timezone.now()
    rows = two(CaseCall, "sealed_summary", ("gesprek een", "gesprek twee"), case=case, author=staff.advisor,
               occurred_at=now, direction=CallDirection.INCOMING, created_at=now)  # fmt: skip
    assert_refused(swap(CaseCall, *rows, "sealed_summary"), "sealed_summary")


def test_two_status_reasons_swapped(case):
    now = timezone.now()
    rows = two(StatusChange, "sealed_reason", ("reden een", "reden twee"), case=case, to_status="in_progress",
               changed_at=now)  # fmt: skip
    assert_refused(swap(StatusChange, *rows, "sealed_reason"), "sealed_reason")


def test_two_tasks_swapped(case, staff):
    now = timezone.now()
    rows = two(Todo, "sealed_text", ("taak een", "taak twee"), kind="manual", case=case, due_at=now,
               created_by=staff.advisor, created_at=now)  # fmt: skip
    assert_refused(swap(Todo, *rows, "sealed_text"), "sealed_text")


def _incidents(case) -> tuple[SealedPart, ...]:
    now = timezone.now()
    return tuple(
        Incident.create_sealed(
            sealed={
                "sealed_details": {"description": f"incident {number}"},
                "sealed_facts": {"channel": "email", "acts": ["insult"]},
            },
            case=case,
            number=number,
            occurred_on=date(2026, 11, number),
            learned_on=date(2026, 11, number),
            related_to_office=True,
            recorded_by="advisor",
            created_at=now,
            updated_at=now,
        )
        for number in (1, 2)
    )


def test_two_incidents_swapped(case):
    rows = _incidents(case)
    assert [row.open("sealed_details")["description"] for row in rows] == ["incident 1", "incident 2"]
    assert_refused(swap(Incident, *rows, "sealed_details"), "sealed_details")


def test_two_police_reports_swapped(case):
    rows = tuple(
        PoliceReport.create_sealed(
            sealed={"sealed_details": {"policeReference": f"PL-{incident.number}"}},
            incident=incident,
            updated_by="advisor",
            updated_at=timezone.now(),
        )
        for incident in _incidents(case)
    )
    assert_refused(swap(PoliceReport, *rows, "sealed_details"), "sealed_details")


def test_two_damage_items_swapped(case):
    rows = two(DamageItem, "sealed_description", ("ruit", "band"), case=case, kind="material",
               recorded_by="advisor", created_at=timezone.now())  # fmt: skip
    assert_refused(swap(DamageItem, *rows, "sealed_description"), "sealed_description")


def _evidence(case, number: int) -> Evidence:
    return Evidence.create_sealed(
        sealed={"sealed_details": {"fileName": f"bestand-{number}.pdf", "sourceUrl": ""}},
        case=case,
        number=number,
        sha256=f"{number:064x}",
        size=1,
        media_type="application/pdf",
        storage_name=f"ab/{number:040x}",
        recorded_by="advisor",
        uploaded_at=timezone.now(),
    )


def test_two_evidence_details_swapped(case):
    rows = (_evidence(case, 1), _evidence(case, 2))
    assert_refused(swap(Evidence, *rows, "sealed_details"), "sealed_details")


def test_two_evidence_rows_swap_their_files(case):
    """Files are bound to their storage names; a row to its original by the hash and to its previews by name."""
    first, second = _evidence(case, 1), _evidence(case, 2)
    Evidence.objects.filter(pk=first.pk).update(sha256="1" * 64, storage_name="tmp/x")  # the original and its hash
    Evidence.objects.filter(pk=second.pk).update(storage_name=first.storage_name, sha256=first.sha256)
    assert_refused((Evidence.objects.get(pk=second.pk),), "sealed_details")
    Evidence.objects.filter(pk=first.pk).update(sha256=first.sha256, preview_storage_name="cd/" + "2" * 40)
    assert_refused((Evidence.objects.get(pk=first.pk),), "sealed_details")


def test_two_household_members_and_check_ins_swapped(case, staff):
    plan = AftercarePlan.objects.create(case=case, started_at=timezone.now())
    members = tuple(
        HouseholdMember.create_sealed(
            sealed={"sealed_name": name, "sealed_relation": relation},
            plan=plan,
            number=number,
            created_at=timezone.now(),
            created_by=staff.advisor,
        )
        for number, name, relation in ((1, "Kim", "partner"), (2, "Joost", "zoon"))
    )
    assert_refused(swap(HouseholdMember, *members, "sealed_name"), "sealed_name")
    # One row's two fields are bound apart too.
    member = HouseholdMember.objects.get(pk=members[0].pk)
    HouseholdMember.objects.filter(pk=member.pk).update(sealed_name=bytes(member.sealed_relation))
    assert_refused((HouseholdMember.objects.get(pk=member.pk),), "sealed_name")

    check_ins = two(CheckIn, "sealed_answer", ({"text": "goed", "mood": "good"}, {"text": "slecht", "mood": "bad"}),
                    plan=plan, due_at=timezone.now(), created_at=timezone.now())  # fmt: skip
    assert_refused(swap(CheckIn, *check_ins, "sealed_answer"), "sealed_answer")


def test_two_referrals_and_consents_swapped(case, staff):
    partner = Partner.objects.create(name="Slachtofferhulp", kind="peer")
    now = timezone.now()
    referrals = two(Referral, "sealed_question", ("vraag een", "vraag twee"), case=case, partner=partner,
                    kind=partner.kind, proposed_by=staff.advisor, proposed_at=now, updated_at=now)  # fmt: skip
    assert_refused(swap(Referral, *referrals, "sealed_question"), "sealed_question")
    consents = tuple(
        Consent.create_sealed(
            sealed={"sealed_contact": contact},
            referral=referral,
            contact_method="email",
            given_by="office_holder",
            method="portal",
            given_at=now,
            recorded_at=now,
        )
        for referral, contact in zip(referrals, ("een@example.org", "twee@example.org"), strict=True)
    )
    assert_refused(swap(Consent, *consents, "sealed_contact"), "sealed_contact")


def test_a_note_re_attributed_to_another_author(case, staff):
    note = CaseNote.create_sealed(
        sealed={"sealed_text": "notitie"}, case=case, author=staff.advisor, created_at=timezone.now()
    )
    CaseNote.objects.filter(pk=note.pk).update(author=staff.colleague)
    assert_refused((CaseNote.objects.get(pk=note.pk),), "sealed_text")


def test_a_message_re_attributed_to_another_author(case, staff):
    message = CaseMessage.create_sealed(
        sealed={"sealed_text": "bericht"},
        case=case,
        sender=MessageSender.ADVISOR,
        author=staff.advisor,
        created_at=timezone.now(),
    )
    CaseMessage.objects.filter(pk=message.pk).update(author=staff.colleague)  # the same sender, another author
    assert_refused((CaseMessage.objects.get(pk=message.pk),), "sealed_text")


def test_a_call_re_attributed_to_another_author(case, staff):
    now = timezone.now()
    call = CaseCall.create_sealed(
        sealed={"sealed_summary": "gesprek"}, case=case, author=staff.advisor, occurred_at=now,
        direction=CallDirection.INCOMING, created_at=now,
    )  # fmt: skip
    CaseCall.objects.filter(pk=call.pk).update(author=staff.colleague)
    assert_refused((CaseCall.objects.get(pk=call.pk),), "sealed_summary")


def _referral(case, staff, partner: Partner, question: str) -> Referral:
    now = timezone.now()
    return Referral.create_sealed(
        sealed={"sealed_question": question}, case=case, partner=partner, kind=partner.kind,
        proposed_by=staff.advisor, proposed_at=now, updated_at=now,
    )  # fmt: skip


def test_a_referral_handed_to_another_partner(case, staff):
    """Flipping the partner column would show the question (and report, decline reason) to another partner."""
    first = Partner.objects.create(name="Slachtofferhulp", kind="peer")
    other = Partner.objects.create(name="Ander", kind="peer")
    referral = _referral(case, staff, first, "de vraag")
    referral.seal("sealed_report", "het verslag")
    referral.save(update_fields=["sealed_report"])
    Referral.objects.filter(pk=referral.pk).update(partner=other)
    assert_refused((Referral.objects.get(pk=referral.pk),), "sealed_question")
    assert_refused((Referral.objects.get(pk=referral.pk),), "sealed_report")


def test_a_consent_moved_to_another_referral_of_the_same_case(case, staff):
    """The contact detail consented for partner A must not show to partner B when the consent row is moved."""
    partner_a = Partner.objects.create(name="Partner A", kind="peer")
    partner_b = Partner.objects.create(name="Partner B", kind="peer")
    for_a, for_b = _referral(case, staff, partner_a, "vraag A"), _referral(case, staff, partner_b, "vraag B")
    now = timezone.now()
    consent = Consent.create_sealed(
        sealed={"sealed_contact": "06 12345678"}, referral=for_a, contact_method="phone",
        given_by="office_holder", method="portal", given_at=now, recorded_at=now,
    )  # fmt: skip
    assert Consent.objects.get(pk=consent.pk).open("sealed_contact") == "06 12345678"
    Consent.objects.filter(pk=consent.pk).update(referral=for_b)
    moved = Consent.objects.get(pk=consent.pk)
    assert moved.referral_id == for_b.pk
    assert_refused((moved,), "sealed_contact")
