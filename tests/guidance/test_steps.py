"""The step units of the step plan (guidance.steps): each condition, its Dutch and English text, its sources, and
the dates that come from the one computation (guidance.analysis). ``today`` is always fixed."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from weerbaar.guidance import damage, rules
from weerbaar.guidance.analysis import IncidentFacts, analyse
from weerbaar.guidance.assessment import Facts, assess, assess_case
from weerbaar.guidance.rules import Need
from weerbaar.guidance.steps import STEPS, Situation, format_date

TODAY = date(2026, 12, 7)
UNITS = {unit.code: unit for unit in STEPS}


def facts(*acts, role="raadslid", related=True, acute=False, online=True, learned=date(2026, 11, 20), **more):
    return Facts(
        role=role,
        related_to_office=related,
        acute_danger=acute,
        online=online,
        learned_on=learned,
        acts=acts,
        **more,
    )


def situation(f: Facts, today: date = TODAY) -> Situation:
    return Situation(analysis=analyse(f.role, [f.incident()], today=today), facts=f)


def plan(f: Facts, language: str = "nl", today: date = TODAY):
    return assess(f, language, today=today)


def step(result, code):
    return next(s for s in result.steps if s.code == code)


def codes(result) -> list[str]:
    return [s.code for s in result.steps]


# Each unit: facts under which it is in the plan, and facts under which it is not.
CONDITIONS = {
    "call_112": (facts("insult", acute=True), facts("insult")),
    "report_to_police": (facts("insult"), None),  # always
    "ask_vpt_code": (facts("insult", related=True), facts("insult", related=False)),
    "complaint_deadline": (facts("insult", related=False), facts("insult", related=True)),
    "precautionary_complaint": (facts("insult", related=True), facts("threat_of_violence")),
    "complaint_by_victim": (facts("stalking"), facts("threat_of_violence")),
    "deadline_expired": (
        facts("insult", related=False, learned=date(2026, 9, 6)),
        facts("insult", related=False, learned=date(2026, 9, 7)),
    ),
    "employer_report": (facts("threat_of_violence"), facts("threat_of_violence", "insult")),
    "keep_address_out": (facts("hostile_message"), None),
    "demonstration_at_home": (facts("demonstration_at_home"), facts("hostile_message")),
    "group_hate_grounds": (facts("group_insult_or_hate"), facts("insult")),
    "criticism_public_interest": (facts("insult"), facts("threat_of_violence")),
    "secure_evidence": (facts("insult"), None),
    "contact_advisor": (facts("insult"), None),
    "victim_support": (facts("insult"), None),
    "victims_rights": (facts("insult"), facts("hostile_message")),
    "security_scan": (facts("insult"), None),
    "damage": (facts("assault"), facts("other")),
}


def test_every_unit_has_a_condition_case():
    assert set(CONDITIONS) == set(UNITS)


def test_existing_codes_are_kept_for_api_clients():
    kept = {
        "call_112",
        "report_to_police",
        "ask_vpt_code",
        "complaint_deadline",
        "keep_address_out",
        "secure_evidence",
        "contact_advisor",
        "victim_support",
        "security_scan",
        "damage",
    }
    assert kept <= set(UNITS)


@pytest.mark.parametrize("code", list(CONDITIONS))
def test_condition_true_and_false(code):
    present, absent = CONDITIONS[code]
    assert UNITS[code].when(situation(present))
    assert code in codes(plan(present))
    if absent is not None:
        assert not UNITS[code].when(situation(absent))
        assert code not in codes(plan(absent))


@pytest.mark.parametrize("code", list(CONDITIONS))
def test_dutch_and_english_texts(code):
    present, _absent = CONDITIONS[code]
    dutch = step(plan(present, "nl"), code)
    english = step(plan(present, "en"), code)
    assert dutch.title
    assert dutch.text
    assert english.title
    assert english.text
    assert dutch.text != english.text, code  # translated, not the Dutch msgid
    assert dutch.title != english.title
    assert not {"de", "het", "een", "uw"} & set(english.text.split()), english.text
    assert all(url.startswith("https://") for url in dutch.sources)
    assert dutch.sources == english.sources


# --- dates: required, precautionary, today, expired, per incident ---------------------------------------------------


def test_required_deadline_per_offence_with_its_date():
    # Art. 66 Sr: learned 20 November 2026 -> last day 20 February 2027; outside the office a klacht is required.
    text = step(plan(facts("insult", related=False)), "complaint_deadline").text
    assert "Art. 266 Sr: uiterlijk 20 februari 2027." in text
    assert "vraag daarbij uitdrukkelijk om vervolging" in text  # art. 164 Sv: a klacht asks for prosecution


def test_precautionary_date_for_insult_related_to_the_office():
    # Art. 267/269 Sr and HR 19 September 2017, ECLI:NL:HR:2017:2394: the court may find no link with the office.
    result = plan(facts("insult", related=True))
    assert "complaint_deadline" not in codes(result)
    text = step(result, "precautionary_complaint").text
    assert "Art. 266 Sr: laat voor de zekerheid uiterlijk 20 februari 2027 een klacht opnemen." in text
    assert "ECLI:NL:HR:2017:2394" in text
    english = step(plan(facts("insult", related=True), "en"), "precautionary_complaint").text
    assert "to be safe, have a complaint recorded no later than 20 February 2027" in english
    assert "https://uitspraken.rechtspraak.nl/details?id=ECLI:NL:HR:2017:2394" in result.sources


def test_precautionary_date_for_coercion_when_the_threat_is_unknown():
    # Art. 284 lid 1 sub 2 and lid 2 Sr: coercion by a threat of defamation needs a klacht.
    text = step(plan(facts("coercion", related=False)), "precautionary_complaint").text
    assert "art. 284 lid 2 Sr" in text
    assert "ECLI" not in text


def test_deadline_ending_today_says_so():
    # Learned 7 September 2026: the last day is 7 December 2026, which is today.
    result = plan(facts("insult", related=False, learned=date(2026, 9, 7)))
    assert "Art. 266 Sr: vandaag is de laatste dag (7 december 2026)." in step(result, "complaint_deadline").text
    assert "deadline_expired" not in codes(result)
    english = plan(facts("insult", related=False, learned=date(2026, 9, 7)), "en")
    assert "today is the last day (7 December 2026)" in step(english, "complaint_deadline").text


def test_expired_deadline_is_marked_and_says_what_is_still_possible():
    result = plan(facts("insult", "threat_of_violence", related=False, learned=date(2026, 9, 6)))
    assert "de termijn is verstreken (de laatste dag was 6 december 2026)" in step(result, "complaint_deadline").text
    still = step(result, "deadline_expired").text
    assert "melding" in still
    assert "art. 285 Sr" in still  # another offence that needs no klacht
    assert "art. 6:162 BW" in still  # the civil route
    assert "platform" in still  # online: ask to remove the content
    assert "nieuwe termijn" not in still  # no stalking
    english = step(plan(facts("insult", related=False, learned=date(2026, 9, 6)), "en"), "deadline_expired").text
    assert "What is still possible" in english


def test_expired_stalking_a_new_act_starts_a_new_term():
    still = step(plan(facts("stalking", learned=date(2026, 1, 31), online=False)), "deadline_expired").text
    assert "nieuwe termijn" in still
    assert "platform" not in still


def test_expired_precautionary_date_keeps_prosecution_possible_with_the_office_link():
    result = plan(facts("insult", related=True, learned=date(2026, 9, 1)))
    assert "de termijn is verstreken" in step(result, "precautionary_complaint").text
    assert "kan vervolging nog wel" in step(result, "deadline_expired").text


def stalking(number, learned, **more):
    return IncidentFacts(learned_on=learned, acts=("stalking",), related_to_office=True, number=number, **more)


def test_case_stalking_series_date_from_the_last_act_naming_the_incidents():
    # Issue 10: incidents learned 1 June, 15 September and 25 November 2026 -> 285b until 25 February 2027.
    incidents = [stalking(1, date(2026, 6, 1)), stalking(2, date(2026, 9, 15)), stalking(3, date(2026, 11, 25))]
    text = step(assess_case("wethouder", incidents, "nl", today=TODAY), "complaint_deadline").text
    assert (
        "Art. 285b Sr (incidenten 1, 2 en 3): uiterlijk 25 februari 2027 (de termijn loopt vanaf de laatste "
        "gedraging)." in text
    )
    assert "1 september 2026" not in text
    english = step(assess_case("wethouder", incidents, "en", today=TODAY), "complaint_deadline").text
    assert "(incidents 1, 2 and 3): no later than 25 February 2027 (the period runs from the last act)" in english


def test_case_office_and_private_insult_each_with_its_own_need_and_incident():
    # 267/269 Sr per offence and incident: incident 1 related to the office (precautionary), 2 private (required).
    incidents = [
        IncidentFacts(learned_on=date(2026, 11, 20), acts=("insult",), related_to_office=True, number=1),
        IncidentFacts(learned_on=date(2026, 11, 30), acts=("insult",), related_to_office=False, number=2),
    ]
    result = assess_case("wethouder", incidents, "nl", today=TODAY)
    assert "Art. 266 Sr (incident 2): uiterlijk 28 februari 2027." in step(result, "complaint_deadline").text
    assert "incident 1" not in step(result, "complaint_deadline").text
    precautionary = step(result, "precautionary_complaint").text
    assert (
        "Art. 266 Sr (incident 1): laat voor de zekerheid uiterlijk 20 februari 2027 een klacht opnemen."
        in precautionary
    )
    assert "employer_report" not in codes(result)


def test_one_incident_names_no_number():
    result = assess_case("wethouder", [stalking(4, date(2026, 11, 25))], "nl", today=TODAY)
    assert "Art. 285b Sr: uiterlijk 25 februari 2027." in step(result, "complaint_deadline").text


# --- the klacht by the victim (art. 64-65 Sr, art. 164-165 Sv) -------------------------------------------------------


def test_klacht_by_the_victim_personally_or_by_special_written_power_of_attorney():
    result = plan(facts("stalking"))
    text = step(result, "complaint_by_victim").text
    assert "bijzondere schriftelijke volmacht" in text
    assert "gemeente of provincie is daarvoor niet genoeg" in text
    assert {rules.ART_64, rules.ART_164_SV, rules.sv("165")} <= set(result.sources)
    assert "special written power of attorney" in step(plan(facts("stalking"), "en"), "complaint_by_victim").text


@pytest.mark.parametrize(
    ("victim", "phrase"),
    [("partner", "uw partner"), ("child", "uw kind"), ("other_family", "uw familielid"), ("staff", "uw medewerker")],
)
def test_another_victim_makes_the_klacht_personally_and_267_does_not_protect_them(victim, phrase):
    # Art. 267 Sr protects only the official: a partner insulted over the wethouder's decision files a klacht.
    result = plan(facts("insult", role="wethouder", related=True, victim=victim))
    assert "complaint_deadline" in codes(result)
    text = step(result, "complaint_by_victim").text
    assert f"dan is de klacht van {phrase} zelf" in text
    assert "art. 267 Sr beschermt alleen de ambtsdrager" in text
    assert ("jonger dan 16 jaar" in text) is (victim == "child")
    assert (rules.ART_65 in result.sources) is (victim == "child")
    assert "ask_vpt_code" not in codes(result)


def test_municipality_files_only_where_no_klacht_is_asked():
    # Art. 161 Sv: anyone may report an offence that needs no klacht; the office holder is then heard as a witness.
    result = plan(facts("threat_of_violence", role="gedeputeerde"))
    text = step(result, "employer_report").text
    assert "de provincie daarom namens u aangifte laten doen" in text
    assert rules.sv("161") in result.sources
    assert "namens u" not in step(result, "keep_address_out").text


# --- the texts of issue 10 point 7 ------------------------------------------------------------------------------------


def test_vpt_as_agreed_in_principle_without_guarantees():
    text = step(plan(facts("insult")), "ask_vpt_code").text
    assert text.count("in principe") == 2
    assert "geen garanties" in text
    assert "altijd" not in text


def test_address_shielding_with_its_exception_domicile_and_kvk():
    # Besluit bescherming slachtoffergegevens in processtukken (Stb. 2025, 29), art. 2-3: unless a court may need it.
    plain = step(plan(facts("hostile_message")), "keep_address_out")
    assert "tenzij de rechter ze nodig kan hebben" in plain.text
    assert "domicilie kiezen" in plain.text
    assert "KVK" not in plain.text
    for act in ("doxing", "demonstration_at_home"):
        result = plan(facts(act))
        text = step(result, "keep_address_out").text
        assert "Bij doxing of een incident bij uw woning" in text
        assert "KVK" in text
        assert "niet bij een bv of nv" in text
        assert "https://www.kvk.nl/over-het-handelsregister/decentrale-politieke-ambtsdragers/" in result.sources


def test_demonstration_at_home_wom_powers_and_the_locoburgemeester():
    mayor = plan(facts("demonstration_at_home", role="burgemeester"))
    text = step(mayor, "demonstration_at_home").text
    assert "art. 2 en 5 Wom" in text
    assert "art. 6 en 7 Wom" in text
    assert "nooit vanwege de inhoud" in text
    assert "locoburgemeester" in text
    assert "art. 77 Gemeentewet" in text
    assert rules.law(rules.BWB_GEMEENTEWET, "77") in mayor.sources
    assert rules.law(rules.BWB_WOM, "5") in mayor.sources
    alderman = step(plan(facts("demonstration_at_home", role="wethouder")), "demonstration_at_home").text
    assert "locoburgemeester" not in alderman


def test_group_hate_grounds_137c_without_sex_and_no_political_opinion():
    text = step(plan(facts("group_insult_or_hate")), "group_hate_grounds").text
    art_137c, art_137d = text.split("(art. 137d Sr)")
    assert "ras" in art_137c
    assert "handicap" in art_137c
    assert "geslacht" not in art_137c
    assert "geslacht" in art_137d
    assert "Politieke overtuiging is geen grond" in text


def test_criticism_of_conduct_in_the_public_interest_art_266_lid_2():
    result = plan(facts("insult"))
    assert "art. 266 lid 2 Sr" in step(result, "criticism_public_interest").text
    assert rules.sr("266") in result.sources


def test_victims_rights_and_beklag_with_its_term():
    result = plan(facts("assault"))
    text = step(result, "victims_rights").text
    assert "art. 51a en verder Sv" in text
    assert "art. 12 Sv" in text
    assert "binnen 3 maanden" in text
    assert {rules.ART_12_SV, rules.sv("12k"), rules.sv("51a")} <= set(result.sources)


@pytest.mark.parametrize(
    ("role", "covered"),
    [
        ("burgemeester", "yes"),
        ("wethouder", "yes"),
        ("gedeputeerde", "yes"),
        ("other", "maybe"),
        ("raadslid", "no"),
        ("statenlid", "no"),
    ],
)
def test_security_regulation_for_every_role_it_covers(role, covered):
    result = plan(facts("insult", role=role))
    text = step(result, "security_scan").text
    assert ("Regeling beveiligingsmaatregelen" in text) is (covered != "no")
    assert ("Bent u commissaris van de Koning" in text) is (covered == "maybe")
    assert ("dijkgraaf" in text) is (covered == "maybe")
    assert ("aanspraak" in text) is (covered != "no")
    assert (damage.URL_SECURITY_REGULATION in result.sources) is (covered != "no")


def test_damage_step_conditions_and_no_damage_fund_for_insult_only():
    insult = step(plan(facts("insult", "defamation")), "damage").text
    assert "schadevergoedingsmaatregel" in insult
    assert "8 maanden" in insult
    assert "5.000" in insult
    assert "Schadefonds" not in insult
    assert rules.URL_DAMAGE_FUND not in plan(facts("insult", "defamation")).sources
    assault = plan(facts("assault"))
    assert "Schadefonds Geweldsmisdrijven" in step(assault, "damage").text
    assert rules.URL_DAMAGE_FUND in assault.sources


# --- properties over every combination -------------------------------------------------------------------------------

facts_strategy = st.builds(
    Facts,
    role=st.sampled_from(rules.ROLES),
    related_to_office=st.booleans(),
    acute_danger=st.booleans(),
    online=st.booleans(),
    learned_on=st.dates(min_value=date(2026, 1, 1), max_value=TODAY),
    acts=st.lists(st.sampled_from(list(rules.ACTS)), min_size=1, unique=True).map(tuple),
    victim=st.sampled_from(rules.VICTIMS),
    threatened=st.sampled_from([None, *rules.THREATENED]),
    demand=st.booleans(),
    perpetrators=st.sampled_from([None, *rules.PERPETRATORS]),
    serious_injury=st.booleans(),
)


@given(facts_strategy, st.sampled_from(["nl", "en"]))
def test_the_plan_is_the_units_whose_condition_holds(f, language):
    s = situation(f)
    result = assess(f, language, today=TODAY)
    assert codes(result) == [unit.code for unit in STEPS if unit.when(s)]
    assert all(url.startswith("https://") for st_ in result.steps for url in st_.sources)
    for unit_step in result.steps:
        for url in unit_step.sources:
            assert url in result.sources


@given(facts_strategy)
def test_no_municipality_step_whenever_a_klacht_is_asked(f):
    s = situation(f)
    result = assess(f, "nl", today=TODAY)
    asked = [x for x in s.findings if x.need is not Need.NONE]
    if asked:
        assert "employer_report" not in codes(result)
        assert "complaint_by_victim" in codes(result)
        assert "volmacht" in step(result, "complaint_by_victim").text
    assert ("employer_report" in codes(result)) is (bool(s.findings) and not asked)


@given(facts_strategy)
def test_every_klacht_date_of_the_analysis_is_in_the_plan_with_its_status(f):
    s = situation(f)
    result = assess(f, "nl", today=TODAY)
    for finding in s.findings:
        if finding.deadline is None:
            continue
        code = "complaint_deadline" if finding.need is Need.REQUIRED else "precautionary_complaint"
        text = step(result, code).text
        when = format_date(finding.deadline, "nl")
        expected = {
            "open": f"uiterlijk {when}",
            "today": f"vandaag is de laatste dag ({when})",
            "expired": f"de laatste dag was {when}",
        }[finding.status]
        assert expected in text
        assert ("deadline_expired" in codes(result)) is any(x.status == "expired" for x in s.findings if x.deadline)


@given(facts_strategy)
def test_damage_fund_only_with_a_violent_act(f):
    result = assess(f, "nl", today=TODAY)
    if "damage" in codes(result):
        assert ("Schadefonds" in step(result, "damage").text) is bool(set(f.acts) & damage.VIOLENT_ACTS)
