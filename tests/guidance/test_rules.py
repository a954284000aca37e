"""Rule data integrity and the legal cases, each citing its article (Wetboek van Strafrecht, BWBR0001854)."""

from __future__ import annotations

from datetime import date

import pytest

from weerbaar.guidance import rules
from weerbaar.guidance.assessment import Facts, assess, complaint_deadline

CONTRACT_ACTS = {
    "threat_of_violence",
    "threat_other",
    "insult",
    "defamation",
    "stalking",
    "doxing",
    "assault",
    "property_damage",
    "group_insult_or_hate",
    "incitement",
    "coercion",
    "trespass",
    "demonstration_at_home",
    "hostile_message",
    "other",
    "arson",
    "intimate_images",
    "extortion",
    "identity_misuse",
    "hacking",
}


def facts(*acts, related=True, acute=False, online=True, role="raadslid", learned=date(2026, 3, 15)):
    return Facts(role=role, related_to_office=related, acute_danger=acute, online=online, learned_on=learned, acts=acts)


def by_article(result):
    return {o.article: o for o in result.offences}


def test_rules_are_versioned():
    assert rules.RULES_VERSION
    assert isinstance(rules.RULES_DATE, date)


def test_acts_are_exactly_the_contract_and_map_to_known_offences():
    assert set(rules.ACTS) == CONTRACT_ACTS
    for act, articles in rules.ACTS.items():
        for article in articles:
            assert article in rules.OFFENCES, (act, article)


@pytest.mark.parametrize("offence", list(rules.OFFENCES.values()), ids=lambda o: o.article)
def test_every_offence_has_article_string_titles_and_source(offence):
    assert isinstance(offence.article, str)
    assert offence.article[:3].isdigit()
    # Dutch title = the msgid; the English one comes from the catalogue and is a real translation.
    assert offence.title("nl") == offence.title_msgid
    assert offence.title("en")
    assert offence.title("en") != offence.title("nl") or offence.article == "285d"  # "Doxing" in both languages
    # The current text, never a pinned date: a JCI reference without a date.
    assert offence.source == f"https://wetten.overheid.nl/jci1.3:c:BWBR0001854&artikel={offence.article}"
    assert all(url.startswith("https://") for url in offence.sources)
    if offence.complaint is not rules.Complaint.NEVER:
        assert offence.complaint_basis  # names the article and lid that make it a klachtdelict


def test_complaint_deadline_is_three_months_art_66():
    assert complaint_deadline(date(2026, 3, 15)) == date(2026, 6, 15)
    assert complaint_deadline(date(2026, 11, 30)) == date(2027, 2, 28)  # end of month clamps


def test_threat_of_violence_is_285_without_complaint():
    result = assess(facts("threat_of_violence"))
    offence = by_article(result)["285"]
    assert offence.complaint_required is False
    assert offence.complaint_deadline is None
    assert result.route == "complaint"
    assert rules.OFFENCES["285"].source in result.sources


def test_insult_related_to_office_is_266_and_267_without_complaint_art_269():
    result = assess(facts("insult", related=True))
    offences = by_article(result)
    assert set(offences) == {"266", "267"}
    assert not any(o.complaint_required for o in offences.values())
    assert all(o.complaint_deadline is None for o in offences.values())
    assert rules.ART_269 in result.sources


def test_insult_not_related_to_office_needs_complaint_with_deadline():
    result = assess(facts("insult", related=False, learned=date(2026, 3, 15)))
    offences = by_article(result)
    assert set(offences) == {"266"}
    assert offences["266"].complaint_required is True
    assert offences["266"].complaint_deadline == date(2026, 6, 15)
    assert "complaint_deadline" in [s.code for s in result.steps]
    assert result.ask_for_vpt_code is False


def test_defamation_related_to_office_is_261_262_and_267():
    offences = by_article(assess(facts("defamation", related=True)))
    assert set(offences) == {"261", "262", "267"}
    assert not any(o.complaint_required for o in offences.values())


def test_stalking_is_285b_and_always_needs_a_complaint_even_related_to_office():
    result = assess(facts("stalking", related=True, learned=date(2026, 1, 31)))
    offence = by_article(result)["285b"]
    assert offence.complaint_required is True
    assert offence.complaint_deadline == date(2026, 4, 30)
    deadline_step = next(s for s in result.steps if s.code == "complaint_deadline")
    assert "laatste gedraging" in deadline_step.text
    assert "30 april 2026" in deadline_step.text


def test_doxing_is_285d_without_complaint():
    offence = by_article(assess(facts("doxing")))["285d"]
    assert offence.complaint_required is False


@pytest.mark.parametrize(
    ("act", "article"),
    [
        ("assault", "300"),
        ("property_damage", "350"),
        ("group_insult_or_hate", "137c"),
        ("incitement", "131"),
        ("coercion", "284"),
        ("trespass", "138"),
        ("threat_other", "285"),
    ],
)
def test_other_acts_name_their_article_without_complaint(act, article):
    offences = by_article(assess(facts(act)))
    assert article in offences
    assert not any(o.complaint_required for o in offences.values())


@pytest.mark.parametrize("act", ["hostile_message", "demonstration_at_home", "other"])
def test_acts_without_likely_offence_are_a_registration_that_the_police_can_judge(act):
    result = assess(facts(act))
    assert result.route == "registration"
    assert result.offences == []
    report = next(s for s in result.steps if s.code == "report_to_police")
    assert "beoordelen of het strafbaar is" in report.text
    # Decision support only: never says it is not punishable.
    assert not any("niet strafbaar" in s.text for s in result.steps)


def test_acute_danger_is_emergency_with_112_first():
    result = assess(facts("hostile_message", acute=True))
    assert result.route == "emergency"
    assert result.steps[0].code == "call_112"


def test_vpt_code_asked_when_related_to_office():
    assert assess(facts("insult", related=True)).ask_for_vpt_code is True
    steps = [s.code for s in assess(facts("insult", related=True)).steps]
    assert "ask_vpt_code" in steps
    assert "ask_vpt_code" not in [s.code for s in assess(facts("insult", related=False)).steps]


def test_evidence_is_tailored_to_the_channel():
    online = next(s for s in assess(facts("insult", online=True)).steps if s.code == "secure_evidence")
    offline = next(s for s in assess(facts("insult", online=False)).steps if s.code == "secure_evidence")
    assert "URL" in online.text
    assert "accountnaam" in online.text
    assert "headers" in offline.text
    assert "URL" not in offline.text


def test_security_regulation_only_for_covered_roles():
    scan = next(s for s in assess(facts("insult", role="wethouder")).steps if s.code == "security_scan")
    other = next(s for s in assess(facts("insult", role="raadslid")).steps if s.code == "security_scan")
    assert "Regeling beveiligingsmaatregelen" in scan.text
    assert "Regeling beveiligingsmaatregelen" not in other.text


def test_english_texts():
    result = assess(facts("stalking", acute=True), "en")
    assert result.steps[0].title == "Call 112"
    assert by_article(result)["285b"].title == "Stalking"
    assert "last act" in next(s for s in result.steps if s.code == "complaint_deadline").text


def test_roles_are_the_help_request_roles():
    from weerbaar.cases.choices import OfficeRole

    assert set(rules.ROLES) == set(OfficeRole.values)


# --- The conditions and klacht needs of guidance.analysis: small cited units (issue 10) ----------------------------


def test_every_condition_cites_its_article_and_limits_known_offences_and_acts():
    from weerbaar.guidance.analysis import AGGRAVATIONS, CONDITIONS, NEEDS

    assert len({c.name for c in CONDITIONS}) == len(CONDITIONS)
    for condition in CONDITIONS:
        assert condition.source.startswith("art. "), condition.name
        assert condition.articles <= set(rules.OFFENCES)
        assert condition.acts <= set(rules.ACTS)
        # it limits something an act can point to: no dead unit
        acts = condition.acts or set(rules.ACTS)
        assert any(set(rules.ACTS[a]) & condition.articles for a in acts), condition.name
    for aggravation in AGGRAVATIONS:
        assert aggravation.source.startswith("art. ")
        assert rules.OFFENCES[aggravation.article].office_holder_only
    assert set(NEEDS) == set(rules.Complaint)


@pytest.mark.parametrize(
    ("article", "basis"),
    [
        ("285b", "art. 285b lid 2 Sr"),
        ("318", "art. 318 lid 3 Sr"),
        ("284", "art. 284 lid 2 Sr"),
        ("266", "art. 269 Sr"),
    ],
)
def test_the_klacht_rule_names_its_article_and_lid(article, basis):
    assert rules.OFFENCES[article].complaint_basis == basis


def test_a_klacht_is_filed_by_the_victim_or_a_representative():
    # art. 64 lid 1, 65 lid 1 Sr; art. 164 lid 1 Sv (special written mandate, HR 9 April 2019, ECLI:NL:HR:2019:564)
    assert rules.COMPLAINT_BY_REPRESENTATIVE_BELOW_AGE == 16
    assert rules.ART_164_SV.endswith("BWBR0001903&artikel=164")
    assert "ECLI:NL:HR:2019:564" in rules.HR_164_MANDATE


def test_every_source_is_the_current_text_never_a_pinned_version():
    urls = [o.source for o in rules.OFFENCES.values()] + [
        rules.ART_64, rules.ART_65, rules.ART_66, rules.ART_84, rules.ART_269, rules.ART_164_SV, rules.ART_165_SV,
        rules.ART_12_SV, rules.ART_51A_SV,
    ]  # fmt: skip
    for url in urls:
        assert url.startswith("https://wetten.overheid.nl/jci1.3:c:BWBR")
        # no "geldig op" or "zichtdatum": the text in force on the day it is opened
        assert "&g=" not in url
        assert "&z=" not in url
