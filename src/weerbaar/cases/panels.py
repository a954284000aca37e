"""Panels other apps show on the case page, so that cases never imports them (docs/decisions/0006).

An app around the case (incidents: the nearest complaint deadline) registers a ``CasePanel`` in its
``AppConfig.ready()``; the case page renders every panel, in order of position, below the links to the case's
other parts — only for someone who may read the case's content (the same check as the rest of that part of the
page). A panel gets the reader's content-level ``policy.CaseAccess`` (a panel that decrypts passes it on to
its selectors), renders its own template with its own selectors and returns the HTML ("" shows nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from weerbaar.core.registry import Registry


@dataclass(frozen=True)
class CasePanel:
    name: str
    position: int
    render: Callable[[HttpRequest, Any], str]  # (request, CaseAccess) -> HTML


_registry: Registry[CasePanel] = Registry("case panel")


def register(*panels: CasePanel) -> None:
    _registry.register(*panels)


def case_panels(request: HttpRequest, access: Any) -> list[str]:
    """The HTML of every registered panel for the case of ``access`` (a content-level grant), in order."""
    return [html for panel in _registry if (html := panel.render(request, access))]
