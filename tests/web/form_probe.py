"""Read a rendered form (its questions, their marking, what it sends) and ask the rules which questions they need.

Used by ``tests/web/test_optional_marking.py``: a question is marked "(niet verplicht)" exactly when the rule set
behind the form accepts the form without it. What the rules need is not written down a second time in the test:
the form is posted as a person would fill it in, once complete and once without each question in turn, and a
question is required when leaving it out gives an error at that question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

OPTIONAL = "(niet verplicht)"


@dataclass
class Question:
    name: str
    kind: str  # text, textarea, select, radio, checkbox, file
    label: str = ""  # the label's or the legend's text
    group: str = ""  # the legend of the innermost fieldset around a question that has a label of its own
    values: list[str] = field(default_factory=list)  # what the page would send as it is (checked, selected, typed)
    options: list[str] = field(default_factory=list)  # every value a radio, checkbox or select offers
    inputs: int = 0

    @property
    def marked_optional(self) -> bool:
        return OPTIONAL in self.label or OPTIONAL in self.group

    @property
    def yes_no_box(self) -> bool:
        """A single checkbox: unticked is an answer ("no"), not a question left open."""
        return self.kind == "checkbox" and self.inputs == 1


class _FormParser(HTMLParser):
    def __init__(self, action: str, *, bare: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.action = action.split("#")[0]
        self.bare = bare  # a form without an action posts to its own page
        self.actions: list[str] = []
        self.inside = False
        # One (questions, hidden) pair per form posting to the action: a page can hold several (a partner's
        # "afwijzen" and "afronden" both post to the referral's step, told apart by a hidden input).
        self.forms: list[tuple[dict[str, Question], dict[str, str]]] = []
        self.questions: dict[str, Question] = {}
        self.hidden: dict[str, str] = {}  # what the form sends unseen (the step asked for, a form token)
        self.ids: dict[str, str] = {}  # input id -> name
        self.labels: dict[str, str] = {}  # for -> label text
        self.fieldsets: list[dict] = []  # {"legend": str, "names": set}
        self._label_for: str | None = None
        self._text: list[str] = []
        self._in_legend = False
        self._select: str | None = None
        self._option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            target = (a.get("action") or "").split("#")[0]
            self.actions.append(target)
            posts = (a.get("method") or "").lower() == "post"
            self.inside = posts and (target == self.action or (self.bare and not target))
            if self.inside:
                self.questions, self.hidden = {}, {}
                self.forms.append((self.questions, self.hidden))
            return
        if not self.inside:
            return
        if tag == "fieldset":
            self.fieldsets.append({"legend": "", "names": set()})
        elif tag == "legend" and self.fieldsets:
            self._in_legend, self._text = True, []
        elif tag == "label":
            self._label_for, self._text = a.get("for"), []
        elif tag == "input":
            kind = a.get("type", "text")
            name = a.get("name")
            if kind == "hidden" and name and name != "csrfmiddlewaretoken":
                self.hidden[name] = a.get("value") or ""
            if not name or kind in ("hidden", "submit", "button") or name == "csrfmiddlewaretoken":
                return
            q = self.questions.setdefault(name, Question(name=name, kind=kind))
            q.inputs += 1
            if a.get("id"):
                self.ids[a["id"]] = name
            for fs in self.fieldsets:
                fs["names"].add(name)
            if kind in ("radio", "checkbox"):
                q.options.append(a.get("value", "on"))
                if "checked" in a:
                    q.values.append(a.get("value", "on"))
            elif a.get("value"):
                q.values.append(a["value"])
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            self.questions.setdefault(a["name"], Question(name=a["name"], kind="select", inputs=1))
            for fs in self.fieldsets:
                fs["names"].add(a["name"])
            if a.get("id"):
                self.ids[a["id"]] = a["name"]
        elif tag == "option" and self._select:
            self._option = a.get("value", "")
            q = self.questions[self._select]
            q.options.append(self._option)
            if "selected" in a:
                q.values = [self._option]
        elif tag == "textarea" and a.get("name"):
            self._textarea, self._text = a["name"], []
            self.questions.setdefault(a["name"], Question(name=a["name"], kind="textarea", inputs=1))
            for fs in self.fieldsets:
                fs["names"].add(a["name"])
            if a.get("id"):
                self.ids[a["id"]] = a["name"]

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        if not self.inside:
            return
        if tag == "legend" and self._in_legend:
            self.fieldsets[-1]["legend"] = "".join(self._text)
            self._in_legend = False
        elif tag == "fieldset" and self.fieldsets:
            fs = self.fieldsets.pop()
            legend = " ".join(fs["legend"].split())
            for name in fs["names"]:
                q = self.questions[name]
                if q.kind in ("radio", "checkbox") and q.inputs > 1:
                    q.label = q.label or legend  # the innermost fieldset of a group of choices is the question
                else:
                    q.group = q.group or legend  # a group of questions (the incident's perpetrator details)
        elif tag == "label" and self._label_for is not None:
            self.labels[self._label_for] = " ".join("".join(self._text).split())
            self._label_for = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text).strip()
            if text:
                self.questions[self._textarea].values = [text]
            self._textarea = None

    def handle_data(self, data):
        if self._in_legend or self._label_for is not None or self._textarea:
            self._text.append(data)


def read_form(
    html: str, action: str, *, page: str, which: dict[str, str] | None = None
) -> tuple[dict[str, Question], dict[str, str]]:
    """The questions of the form posting to ``action`` on ``page``, each with its label and marking, and what the
    form sends in hidden inputs. ``which``: of several forms posting there, the one with these hidden values."""
    parser = _FormParser(action, bare=action == page)
    parser.feed(html)
    chosen = [(q, h) for q, h in parser.forms if all(h.get(k) == v for k, v in (which or {}).items())]
    questions: dict[str, Question] = {}
    hidden: dict[str, str] = {}
    for form_questions, form_hidden in chosen:
        questions |= form_questions
        hidden |= form_hidden
    for input_id, name in parser.ids.items():
        q = questions.get(name)
        if q is None:
            continue
        if not q.label and input_id in parser.labels and not (q.kind in ("radio", "checkbox") and q.inputs > 1):
            q.label = parser.labels[input_id]
    assert questions, f"no form posting to {action} ({which or 'any'}) on the page, only to {parser.actions}"
    return questions, hidden


def errors(html: str) -> list[str]:
    """The questions an answer shows an error at."""
    return re.findall(r'id="id_([^"]+)_error"', html)


def error_at(html: str, name: str) -> bool:
    """Whether the answer shows an error at the question ``name`` (``workspace/_field.html``: ``id_<name>_error``)."""
    return f'id="id_{name}_error"' in unescape(html)
