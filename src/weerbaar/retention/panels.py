"""The case page's panel of retention: the day the office holder's contact details were erased on their own."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string

from weerbaar.cases.panels import CasePanel
from weerbaar.destruction.services import contact_erased_at


def contact_erased_panel(request: HttpRequest, access: Any) -> str:
    """Shown only on a case whose contact details were erased (``destruction.services.case_contact_erase``)."""
    erased_at = contact_erased_at(access.case)
    if erased_at is None:
        return ""
    return render_to_string("retention/_contact_erased_panel.html", {"erased_at": erased_at}, request=request)


CONTACT_ERASED_PANEL = CasePanel("contact details erased", 4, contact_erased_panel)
