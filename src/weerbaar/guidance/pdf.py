"""WeasyPrint, closed off: HTML to a tagged A4 PDF from memory only.

Imported only where a PDF is made (``guidance.dossier.render_pdf``), never at start-up: WeasyPrint is the
heaviest library of the project (see ``core.imaging``). It only gets the print CSS (as a string) and the
resources passed in memory; any other URL (http, file, ...) is refused.

A document can bring its own user-agent stylesheet (``user_agent``): WeasyPrint's full HTML5 sheet is matched
against every element, and for a document of a few thousand elements that is a tenth of the whole run. The
dossier's sheet (``templates/guidance/pdf/ua.css``) keeps exactly the rules its elements need.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from weerbaar.core.imaging import load_weasyprint

load_weasyprint()  # before the imports below: importing WeasyPrint loosens Pillow (see core.imaging)

from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402


class MemoryFetcher(URLFetcher):
    """Serves ``weerbaar:<name>`` from a dict of (bytes, media type); refuses every other URL."""

    def __init__(self, resources: dict[str, tuple[bytes, str]] | None = None) -> None:
        super().__init__(allowed_protocols=(), allow_redirects=False)
        self._resources = resources or {}

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        found = self._resources.get(url)
        if found is None:
            raise ValueError("the PDF renderer only gets in-memory resources")
        body, media_type = found
        return URLFetcherResponse(url, body=body, headers={"Content-Type": media_type})


class _HTML(HTML):
    """An HTML document with its own user-agent stylesheet instead of WeasyPrint's ``html5_ua.css``.

    ``_ua_stylesheets`` is WeasyPrint's hook for it (``weasyprint/__init__.py``, version pinned in
    constraints.txt); tests/dossier/test_pdf_engine.py fails if it stops being called."""

    user_agent: CSS | None = None

    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        if self.user_agent is None or forms:
            return list(super()._ua_stylesheets(forms))
        return [self.user_agent]


@lru_cache(maxsize=4)
def _stylesheet(path: Path) -> CSS:
    return CSS(string=path.read_text(encoding="utf-8"), url_fetcher=MemoryFetcher())


@lru_cache(maxsize=4)
def _page_numbers(label: str, of: str) -> CSS:
    """The footer "Pagina X van Y" (trap: margin boxes do not inherit the body font, so it is set there)."""
    text = json.dumps(label + " "), json.dumps(" " + of + " ")
    return CSS(
        string=f"@page {{ @bottom-right {{ content: {text[0]} counter(page) {text[1]} counter(pages); }} }}",
        url_fetcher=MemoryFetcher(),
    )


def write_pdf(
    html: str,
    *,
    base_url: str,
    stylesheet: Path,
    page_numbers: tuple[str, str],
    resources: dict[str, tuple[bytes, str]] | None = None,
    user_agent: Path | None = None,
) -> bytes:
    """``html`` with ``stylesheet`` and the footer "<label> X <of> Y" (``page_numbers``) as a tagged PDF;
    ``user_agent`` replaces WeasyPrint's user-agent stylesheet."""
    document = _HTML(string=html, base_url=base_url, url_fetcher=MemoryFetcher(resources))
    document.user_agent = _stylesheet(user_agent) if user_agent else None
    footer = _page_numbers(*page_numbers)
    return bytes(document.write_pdf(stylesheets=[_stylesheet(stylesheet), footer], pdf_tags=True))
