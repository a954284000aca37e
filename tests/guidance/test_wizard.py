"""The public wizard "Wat kan ik doen?" at /wat-kan-ik-doen: a form that posts its answers, the step plan on the
same page, the same rules as POST /api/v1/assessments, and nothing stored."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.http import QueryDict
from django.test import Client
from django.utils import timezone

from weerbaar.core import clock
from weerbaar.guidance import rules
from weerbaar.guidance.assessment import complaint_deadline
from weerbaar.guidance.forms import ACTS, FIELDS, FOLLOW_UPS, wizard_form

pytestmark = pytest.mark.django_db

URL = "/wat-kan-ik-doen"


def answers(**over):
    data = {
        "role": "raadslid",
        "related": "yes",
        "danger": "no",
        "online": "yes",
        "learned_on": "2026-01-10",
        "acts": ["threat_of_violence"],
        "submit": "1",
    }
    data.update(over)
    return {k: v for k, v in data.items() if v is not None}


def get(client: Client, **over):
    response = client.post(URL, answers(**over))
    assert response.status_code == 200
    return response, response.content.decode()


def checked(html: str, name: str) -> set[str]:
    found = set()
    for tag in re.findall(r"<input[^>]*>", html):
        if f'name="{name}"' in tag and re.search(r"\schecked[\s>]", tag):
            found.add(re.search(r'value="([^"]*)"', tag).group(1))
    return found


def test_empty_form_one_h1_every_input_labelled(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Wat kan ik doen?" in html
    assert 'method="post"' in html
    assert 'name="csrfmiddlewaretoken"' in html  # a public form with the CSRF token, as the help request
    assert "no-store" in response["Cache-Control"]
    ids = re.findall(r'<input[^>]*\sid="([^"]+)"', html)
    labelled = set(re.findall(r'<label[^>]*\sfor="([^"]+)"', html))
    form_ids = [i for i in ids if i.startswith("id_")]
    # role, victim, 3 yes/no, date, acts; the follow-ups: last date, threatened, demand, perpetrators, injury
    assert len(form_ids) == 6 + 5 + 2 + 2 + 2 + 1 + len(ACTS) + 1 + 4 + 3 + 3 + 3
    assert set(form_ids) <= labelled
    assert checked(html, "victim") == {"office_holder"}  # "Ikzelf" unless said otherwise
    assert f'value="{timezone.localdate().isoformat()}"' in html  # the date defaults to today
    assert "<textarea" not in html  # no free text in a GET form
    assert "Uw stappenplan" not in html
    assert set(ACTS) == set(re.findall(r'name="acts"[^>]*value="([^"]+)"', html))
    assert "Bedreiging met geweld" in html
    assert "brandstichting" in html


def test_threat_of_violence_gives_article_285_and_aangifte(client):
    _response, html = get(client)
    assert "Uw stappenplan" in html
    assert "art. 285 Sr" in html
    assert "Doe aangifte bij de politie" in html
    assert "Vraag om de VPT-code" in html
    assert "Bel nu 112" not in html
    # every step of assess() is shown, in order
    codes = re.findall(r'data-step="([^"]+)"', html)
    assert codes[:2] == ["report_to_police", "ask_vpt_code"]
    assert "secure_evidence" in codes
    assert "contact_advisor" in codes
    assert "https://wetten.overheid.nl/" in html  # the sources as links
    assert "geen juridisch oordeel" in html  # decision support, not a verdict
    assert 'href="/hulp-vragen"' in html
    assert "070-3738314" in html
    # the choices stay checked to adjust them
    assert checked(html, "acts") == {"threat_of_violence"}
    assert checked(html, "role") == {"raadslid"}


def test_insult_not_related_needs_a_complaint_with_its_date(client):
    learned = timezone.localdate() - timedelta(days=10)
    _, html = get(client, related="no", acts=["insult"], learned_on=learned.isoformat())
    assert "art. 266 Sr" in html
    deadline = complaint_deadline(learned)
    assert f"Klacht nodig, uiterlijk {deadline.day} " in html
    assert str(deadline.year) in html
    assert "Vraag om de VPT-code" not in html  # not related to the office


def test_only_hostile_message_is_a_melding(client):
    _, html = get(client, acts=["hostile_message"])
    assert "Doe een melding bij de politie" in html
    assert "Strafbare feiten die de politie kan overwegen" not in html


def test_acute_danger_puts_112_first(client):
    _, html = get(client, danger="yes")
    result = html.split('class="weerbaar-guidance__result"')[1]
    assert result.index("Bel nu 112") < result.index("Stap voor stap")
    assert 'href="tel:112"' in result
    assert re.findall(r'data-step="([^"]+)"', html)[0] == "call_112"


def test_invalid_submission_summarises_errors_and_keeps_choices(client):
    _, html = get(client, acts=None, online=None, danger="yes")
    assert 'role="alert"' in html
    assert 'href="#id_acts_0"' in html
    assert 'href="#id_online_0"' in html
    assert "Kies wat er is gebeurd." in html
    assert "Kies of het online gebeurde." in html
    assert 'id="id_acts-error"' in html
    assert 'aria-describedby="id_acts-hint id_acts-error"' in html
    assert re.search(r'aria-describedby="[^"]*id_online-error"', html)
    assert "<title>Fout:" in html
    assert "Uw stappenplan" not in html
    assert "Bel nu 112" not in html
    assert checked(html, "role") == {"raadslid"}
    assert checked(html, "related") == {"yes"}
    assert checked(html, "danger") == {"yes"}
    assert 'value="2026-01-10"' in html


@pytest.mark.parametrize(
    ("over", "target"),
    [
        ({"learned_on": "2999-01-01"}, "id_learned_on"),
        ({"learned_on": "gisteren"}, "id_learned_on"),
        ({"role": "koning"}, "id_role_0"),
        ({"acts": ["threat_of_violence", "not_an_act"]}, "id_acts_0"),
        ({"related": "misschien"}, "id_related_0"),
    ],
)
def test_other_invalid_values_point_to_their_field(client, over, target):
    _, html = get(client, **over)
    assert f'href="#{target}"' in html
    assert "Uw stappenplan" not in html


def test_english(client):
    client.cookies["django_language"] = "en"
    response = client.get(URL)
    html = response.content.decode()
    assert "What can I do?" in html
    assert "Threat of violence" in html
    _, html = get(client)
    assert "Your step plan" in html
    assert "Make a criminal complaint to the police" in html  # assess() in English
    assert "Ask for the VPT code" in html
    assert "art. 285" in html
    assert "Doe aangifte" not in html


def test_nothing_is_stored(client):
    models = apps.get_models()
    before = {m: m.objects.count() for m in models}
    get(client)
    get(client, danger="yes", acts=["stalking", "doxing", "insult"])
    get(client, acts=None)
    assert {m: m.objects.count() for m in models} == before
    assert not client.session.keys()


# --- Issue 10: the office relation, who was hit, the follow-up questions, deadlines with their status ---------


def follow_up_wrappers(html: str) -> dict[str, str]:
    """The opening tag of each follow-up's wrapper, by the question inside it."""
    found = {}
    for chunk in html.split('<fieldset class="weerbaar-guidance__follow-up"')[1:]:
        tag, rest = chunk.split(">", 1)
        found[re.search(r'name="([a-z_]+)"', rest).group(1)] = f"<fieldset{tag}>"
    return found


def shown(tag: str) -> bool:
    return not re.search(r"\shidden[\s>]", tag) and not re.search(r"\sdisabled[\s>]", tag)


def test_office_relation_asks_about_the_exercise_of_the_office(client):
    html = client.get(URL).content.decode()
    assert "Gebeurde het tijdens of vanwege uw werk als bestuurder?" in html
    assert "omdat u bestuurder bent" not in html  # the title alone is no link (HR 19-09-2017, ECLI:NL:HR:2017:2394)
    hint = re.search(r'id="id_related-hint">([^<]*)<', html).group(1)
    for word in ("besluit", "stemming", "uitspraak", "vergadering", "burgemeester", "wethouder", "raadslid"):
        assert word in hint


def test_act_hints_follow_the_law(client):
    html = client.get(URL).content.decode()
    group = re.search(r'value="group_insult_or_hate"[^>]*>.*?-hint">([^<]*)<', html, re.S).group(1)
    assert "geslacht" not in group  # art. 137c Sr does not cover sex
    for ground in ("ras", "afkomst", "geloof", "levensovertuiging", "seksuele gerichtheid", "handicap"):
        assert ground in group
    for act, words in {
        "arson": ("Brandstichting", "auto"),
        "intimate_images": ("Seksuele beelden of deepfakes", "nep"),
        "extortion": ("Afpersing of afdreiging", "eisen"),
        "identity_misuse": ("identiteit", "voor"),
        "hacking": ("Hacken", "account"),
    }.items():
        item = re.search(rf'value="{act}"[^>]*>.*?-hint">[^<]*<', html, re.S).group(0)
        assert all(word in item for word in words), act
    # "Andere bedreiging": the example is coercion by a threat of exposure (art. 284 lid 1 sub 2 Sr)
    other = re.search(r'value="threat_other"[^>]*>.*?-hint">([^<]*)<', html, re.S).group(1)
    assert "openbaar" in other
    assert "als u niet doet wat" in other


def test_every_question_maps_to_exactly_one_api_field():
    assert set(FIELDS) >= {"role", "related", "danger", "online", "learned_on", "acts", "victim", *FOLLOW_UPS}
    assert len(set(FIELDS.values())) == len(FIELDS)
    assert set(FOLLOW_UPS) < set(FIELDS)
    assert {act for acts in FOLLOW_UPS.values() for act in acts} <= set(rules.ACTS)


def test_follow_ups_are_hidden_and_disabled_until_their_act_is_chosen(client):
    html = client.get(URL).content.decode()
    assert 'src="/static/weerbaar/wizard.js" defer' in html  # reveals them as acts are ticked (no inline script)
    assert "Bij sommige keuzes komt hieronder nog een vraag." in html
    wrappers = follow_up_wrappers(html)
    assert set(wrappers) == set(FOLLOW_UPS)
    for name, tag in wrappers.items():
        assert not shown(tag), name
        assert " ".join(FOLLOW_UPS[name]) in tag  # wizard.js shows it for these acts
    # the full form for chosen acts (the "back" button): exactly their follow-ups are shown
    html = client.post(URL, {"acts": ["assault"], "edit": "1"}).content.decode()
    wrappers = follow_up_wrappers(html)
    assert {name for name, tag in wrappers.items() if shown(tag)} == {"perpetrators", "serious_injury"}
    assert "Uw stappenplan" not in html


@pytest.mark.parametrize(
    ("acts", "asked"),
    [
        (["stalking"], ["last_learned_on"]),
        (["threat_other"], ["threatened", "demand"]),
        (["extortion"], ["threatened"]),
        (["coercion"], ["threatened"]),
        (["assault"], ["perpetrators", "serious_injury"]),
        (["property_damage"], ["perpetrators"]),
        (["arson"], ["perpetrators"]),
        (["insult", "extortion", "arson"], ["threatened", "perpetrators"]),
    ],
)
def test_without_javascript_the_follow_ups_come_on_a_page_of_their_own(client, acts, asked):
    _, html = get(client, acts=acts)
    assert "Uw stappenplan" not in html
    assert "<title>Nog een paar vragen" in html
    assert html.count("<h1") == 1
    questions = re.findall(r'<(?:input|select)[^>]*\sname="([a-z_]+)"[^>]*\sid="id_', html)
    assert sorted(set(questions)) == sorted(asked)  # only the questions still open are visible
    carried = dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', html))
    assert carried["role"] == "raadslid"
    assert carried["learned_on"] == "2026-01-10"
    assert carried["victim"] == "office_holder"
    assert set(re.findall(r'<input type="hidden" name="acts" value="([^"]*)"', html)) == set(acts)
    assert 'name="edit"' in html  # back to all questions, nothing lost
    for name in asked:  # every follow-up can be left unanswered
        if name == "last_learned_on":
            assert 'id="id_last_learned_on" value=""' in html
        else:
            assert checked(html, name) == {""}
    assert "wizard.js" not in html


def test_the_follow_ups_page_leads_to_the_step_plan(client):
    _, html = get(client, acts=["assault"], perpetrators="", serious_injury="")
    assert "Uw stappenplan" in html  # asked (left at "Weet ik niet"): no second round
    _, html = get(client, acts=["stalking", "insult"], last_learned_on="")
    assert "Uw stappenplan" in html


def test_acute_danger_never_waits_for_a_follow_up(client):
    _, html = get(client, danger="yes", acts=["assault", "stalking"])
    assert "Bel nu 112" in html
    assert re.findall(r'data-step="([^"]+)"', html)[0] == "call_112"
    wrappers = follow_up_wrappers(html)  # the follow-ups wait in the form below
    assert {name for name, tag in wrappers.items() if shown(tag)} == {
        "last_learned_on",
        "perpetrators",
        "serious_injury",
    }


def test_back_to_all_questions_keeps_every_answer(client):
    _, html = get(client, acts=["threat_other", "assault"], threatened="exposure", victim="partner", edit="1")
    assert "Uw stappenplan" not in html
    assert "Nog een paar vragen" not in html
    assert checked(html, "acts") == {"threat_other", "assault"}
    assert checked(html, "threatened") == {"exposure"}
    assert checked(html, "victim") == {"partner"}
    assert checked(html, "role") == {"raadslid"}


def test_victim_question_offers_who_can_be_hit(client):
    html = client.get(URL).content.decode()
    assert "Wie is er getroffen?" in html
    assert set(re.findall(r'name="victim"[^>]*value="([^"]+)"', html)) == set(rules.VICTIMS)
    for label in ("Ikzelf", "Mijn partner", "Mijn kind", "Een ander familielid", "Een medewerker"):
        assert label in html


def query(**values):
    q = QueryDict(mutable=True)
    for key, value in answers(**values).items():
        if isinstance(value, list):
            q.setlist(key, value)
        else:
            q[key] = value
    return q


def test_the_query_becomes_the_api_fields():
    today = timezone.localdate()
    form = wizard_form(
        query(
            acts=["stalking", "threat_other", "assault"],
            victim="partner",
            last_learned_on="2026-02-01",
            threatened="exposure",
            demand="yes",
            perpetrators="group",
            serious_injury="no",
        ),
        today=today,
    )
    assert form.raw() == {
        "role": "raadslid",
        "acts": ["stalking", "threat_other", "assault"],
        "relatedToOffice": True,
        "acuteDanger": False,
        "online": True,
        "learnedOn": "2026-01-10",
        "victim": "partner",
        "lastLearnedOn": "2026-02-01",
        "threatened": "exposure",
        "demand": True,
        "perpetrators": "group",
        "seriousInjury": False,
    }
    assert form.pending() == []


def test_unanswered_and_unneeded_follow_ups_are_left_to_the_api_defaults():
    today = timezone.localdate()
    # "Weet ik niet" and an empty date say nothing
    form = wizard_form(
        query(acts=["threat_other", "stalking"], threatened="", demand="", last_learned_on=""), today=today
    )
    assert not {"threatened", "demand", "lastLearnedOn"} & set(form.raw())
    assert form.pending() == []
    # a follow-up whose act is not chosen is never validated, whatever it holds
    form = wizard_form(
        query(acts=["insult"], threatened="nonsense", serious_injury="maybe", last_learned_on="x"), today=today
    )
    assert not {"threatened", "seriousInjury", "lastLearnedOn"} & set(form.raw())
    # not sent at all: still to be asked
    form = wizard_form(query(acts=["coercion", "assault"]), today=today)
    assert form.pending() == ["threatened", "perpetrators", "serious_injury"]
    # a value that is no choice goes to the validation, which refuses it next to the question
    form = wizard_form(query(acts=["assault"], serious_injury="maybe", perpetrators="crowd"), today=today)
    assert form.raw()["seriousInjury"] == "maybe"
    assert form.raw()["perpetrators"] == "crowd"


@pytest.mark.parametrize(
    ("months_ago", "status", "text"),
    [
        (1, "open", "Nog open"),
        (3, "today", "Vandaag is de laatste dag"),
        (4, "expired", "Verlopen"),
    ],
)
def test_each_offence_shows_its_deadline_and_status(client, months_ago, status, text):
    learned = timezone.localdate() - relativedelta(months=months_ago)
    _, html = get(client, related="no", acts=["insult", "threat_of_violence"], learned_on=learned.isoformat())
    insult = re.search(
        r'<li class="weerbaar-guidance__offence" data-article="266" data-status="([a-z]+)">(.*?)</li>', html, re.S
    )
    assert insult.group(1) == status
    deadline = complaint_deadline(learned)
    assert f"{deadline.day} " in insult.group(2)
    assert text in insult.group(2)
    assert ("De termijn liep tot en met" in insult.group(2)) == (status == "expired")
    threat = re.search(r'data-article="285" data-status="([a-z]+)">(.*?)</li>', html, re.S)
    assert threat.group(1) == "none"
    assert "Geen klacht nodig." in threat.group(2)
    assert "weerbaar-guidance__status" not in threat.group(2)


def test_insult_related_to_the_office_gets_a_precautionary_date(client):
    learned = timezone.localdate() - timedelta(days=10)
    _, html = get(client, related="yes", acts=["insult"], learned_on=learned.isoformat())
    insult = re.search(r'data-article="266" data-status="([a-z]+)">(.*?)</li>', html, re.S)
    assert insult.group(1) == "open"
    deadline = complaint_deadline(learned)
    assert "Klacht niet verplicht, maar doe er voor de zekerheid wel een, uiterlijk" in insult.group(2)
    assert f"{deadline.day} " in insult.group(2)
    assert 'data-article="267"' in html


def test_english_follow_ups_and_deadlines(client):
    client.cookies["django_language"] = "en"
    html = client.get(URL).content.decode()
    assert "Did it happen during or because of your work as an office holder?" in html
    assert "Who was affected?" in html
    assert "Arson" in html
    _, html = get(client, acts=["threat_other"])
    assert "A few more questions" in html
    assert "What were you threatened with?" in html
    assert "Don&#x27;t know" in html
    learned = timezone.localdate() - relativedelta(months=3)
    _, html = get(client, related="no", acts=["insult"], learned_on=learned.isoformat())
    assert "Klacht" not in html.split("weerbaar-guidance__offences-list")[1].split("</ul>")[0]
    assert "Today is the last day" in html


# --- The follow-up answers reach the rules of POST /assessments (guidance.validation) --------------------------

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DAY = date(2026, 12, 7)


@pytest.fixture
def on_day(settings):
    """The wizard sees ``DAY`` as today (``core.clock``, development only, hence DEBUG)."""
    settings.DEBUG = True
    with clock.fixed_at(datetime(DAY.year, DAY.month, DAY.day, 12, 0, tzinfo=AMSTERDAM)):
        yield DAY


def offences(html: str) -> dict[str, str]:
    """article -> the text of its item in the result."""
    return {
        article: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).strip()
        for article, body in re.findall(
            r'<li class="weerbaar-guidance__offence" data-article="([0-9a-z]+)"(.*?)</li>', html, re.S
        )
    }


def test_every_field_of_post_assessments_has_its_question():
    schema = json.loads((Path(__file__).resolve().parents[2] / "docs" / "openapi.json").read_text())
    properties = schema["components"]["schemas"]["AssessmentInputRequest"]["properties"]
    assert set(FIELDS.values()) == set(properties)


@pytest.mark.parametrize(
    ("over", "present", "absent"),
    [
        # coercion by a threat of exposure: a klachtdelict (art. 284 lid 1 sub 2, lid 2 Sr); not art. 285
        (
            {"acts": ["threat_other"], "threatened": "exposure", "demand": "yes", "related": "no"},
            {"284": "Klacht nodig"},
            {"285"},
        ),
        (
            {"acts": ["threat_other"], "threatened": "listed_crime", "demand": "no"},
            {"285": "Geen klacht nodig"},
            {"284", "179"},
        ),
        # blackmail (318, always a klacht) rather than extortion (317)
        ({"acts": ["extortion"], "threatened": "exposure"}, {"318": "Klacht nodig"}, {"317"}),
        # open violence needs a group in public (art. 141 Sr); serious injury: art. 302
        (
            {"acts": ["assault"], "perpetrators": "group", "serious_injury": "", "online": "no"},
            {"141": "Geen klacht nodig"},
            {"302"},
        ),
        ({"acts": ["assault"], "perpetrators": "one", "serious_injury": "yes", "online": "no"}, {"302": ""}, {"141"}),
        # art. 304 and 267 protect only the office holder; a partner makes the klacht personally
        ({"acts": ["assault"], "role": "burgemeester", "perpetrators": "", "serious_injury": ""}, {"304": ""}, set()),
        ({"acts": ["assault"], "victim": "partner", "perpetrators": "", "serious_injury": ""}, {"300": ""}, {"304"}),
        (
            {"acts": ["insult"], "victim": "partner", "learned_on": "2026-11-10"},
            {"266": "Klacht nodig, uiterlijk 10 februari 2027"},
            {"267"},
        ),
        ({"acts": ["insult"]}, {"266": "voor de zekerheid", "267": "Geen klacht nodig"}, set()),
        ({"acts": ["arson"], "perpetrators": ""}, {"157": "", "350": ""}, {"141"}),
        ({"acts": ["intimate_images", "identity_misuse", "hacking"]}, {"139h": "", "231b": "", "138ab": ""}, set()),
    ],
)
def test_the_answers_change_the_offences(client, on_day, over, present, absent):
    _, html = get(client, **over)
    found = offences(html)
    for article, text in present.items():
        assert article in found, article
        assert text in found[article], (article, found[article])
    assert not absent & set(found)


def test_stalking_runs_from_the_last_act(client, on_day):
    # the case: learned 1 June, last act learned 25 November 2026 -> 25 February 2027, not 1 September
    _, html = get(client, acts=["stalking"], learned_on="2026-06-01", last_learned_on="2026-11-25")
    stalking = offences(html)["285b"]
    assert "Klacht nodig, uiterlijk 25 februari 2027" in stalking
    assert "Nog open" in stalking
    assert "Gerekend vanaf de laatste keer" in stalking
    _, html = get(client, acts=["stalking"], learned_on="2026-06-01", last_learned_on="")
    stalking = offences(html)["285b"]
    assert "De termijn liep tot en met 1 september 2026" in stalking
    assert "Verlopen" in stalking
    assert "Gerekend vanaf de laatste keer" not in stalking


def test_deadline_today_and_expired_on_a_fixed_day(client, on_day):
    _, html = get(client, related="no", acts=["insult"], learned_on="2026-09-07")
    assert "Vandaag is de laatste dag" in offences(html)["266"]
    _, html = get(client, related="no", acts=["insult"], learned_on="2026-09-06")
    assert "Verlopen" in offences(html)["266"]


@pytest.mark.parametrize(
    ("over", "name", "target", "message"),
    [
        (
            {"acts": ["stalking"], "last_learned_on": "2026-01-01"},
            "last_learned_on",
            "id_last_learned_on",
            "vanaf de eerste keer",
        ),
        (
            {"acts": ["stalking"], "last_learned_on": "2999-01-01"},
            "last_learned_on",
            "id_last_learned_on",
            "vanaf de eerste keer",
        ),
        (
            {"acts": ["stalking"], "last_learned_on": "vorige week"},
            "last_learned_on",
            "id_last_learned_on",
            "vanaf de eerste keer",
        ),
        (
            {"acts": ["coercion"], "threatened": "everything"},
            "threatened",
            "id_threatened_0",
            "Kies waarmee werd gedreigd.",
        ),
        (
            {"acts": ["threat_other"], "threatened": "", "demand": "maybe"},
            "demand",
            "id_demand_0",
            "Kies of de dader iets eiste.",
        ),
        ({"acts": ["arson"], "perpetrators": "crowd"}, "perpetrators", "id_perpetrators_0", "één persoon of een groep"),
        (
            {"acts": ["assault"], "perpetrators": "", "serious_injury": "maybe"},
            "serious_injury",
            "id_serious_injury_0",
            "ernstig gewond",
        ),
        ({"victim": "neighbour"}, "victim", "id_victim_0", "Kies wie er getroffen is."),
    ],
)
def test_a_wrong_answer_is_shown_next_to_its_question(client, on_day, over, name, target, message):
    _, html = get(client, **over)
    assert "Uw stappenplan" not in html
    assert "<title>Fout:" in html
    summary = html.split('class="weerbaar-error-summary"')[1].split("</div>")[0]
    assert f'href="#{target}"' in summary
    assert message in summary
    error = re.search(rf'id="id_{name}-error">(.*?)</p>', html, re.S)
    assert error
    assert message in error.group(1)
    assert re.search(rf'aria-describedby="[^"]*id_{name}-error"', html)
    if name in FOLLOW_UPS:  # the question with the error is shown, in the full form
        assert shown(follow_up_wrappers(html)[name])
    # nothing typed is lost
    assert checked(html, "role") == {"raadslid"}
    assert set(over.get("acts", ["threat_of_violence"])) == checked(html, "acts")
    if name == "last_learned_on":
        assert f'value="{over["last_learned_on"]}"' in html


def test_english_error_next_to_a_follow_up(client, on_day):
    client.cookies["django_language"] = "en"
    _, html = get(client, acts=["stalking"], last_learned_on="2026-01-01")
    assert "Enter a date from the first time up to and including today" in html
    _, html = get(client, acts=["stalking"], learned_on="2026-06-01", last_learned_on="2026-11-25")
    assert "Complaint needed, by 25 February 2027 at the latest." in offences(html)["285b"]
    assert "Counted from the last time you learned of it." in offences(html)["285b"]


def test_answers_come_only_by_post_never_from_the_url(client):
    """A query string is ignored: answers in a URL would land in the history and in logs."""
    html = client.get(URL, answers()).content.decode()
    assert "Uw stappenplan" not in html
    assert checked(html, "acts") == set()
    _response, posted = get(client)
    assert "Uw stappenplan" in posted
    assert checked(posted, "acts") == {"threat_of_violence"}


def test_a_post_without_the_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    assert client.post(URL, answers()).status_code == 403
