"""WeasyPrint, closed off: HTML to a tagged A4 PDF from memory only.

Imported only where a PDF is made (``guidance.dossier.render_pdf``), never at start-up: WeasyPrint is the
heaviest library of the project (see ``core.imaging``). It only gets the print CSS (as a string) and the
resources passed in memory; any other URL (http, file, ...) is refused.
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
) -> bytes:
    """``html`` with ``stylesheet`` and the footer "<label> X <of> Y" (``page_numbers``) as a tagged PDF."""
    document = HTML(string=html, base_url=base_url, url_fetcher=MemoryFetcher(resources))
    footer = _page_numbers(*page_numbers)
    return bytes(document.write_pdf(stylesheets=[_stylesheet(stylesheet), footer], pdf_tags=True))
