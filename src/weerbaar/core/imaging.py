"""WeasyPrint on first use, without loosening Pillow for the evidence checks.

WeasyPrint (with fontTools, pydyf, cssselect2, tinycss2, pyphen) takes about 40 MB of a process and only the
PDFs need it, so a web worker imports it when it makes its first PDF, not at start-up.

Importing WeasyPrint sets Pillow's process-wide ``ImageFile.LOAD_TRUNCATED_IMAGES = True``
(``weasyprint/images.py``), after which a truncated image decodes "fine" with grey padding. Evidence must be
refused instead (``incidents.files``). So ``load_weasyprint()`` imports it under a lock and switches the flag
back, and ``strict_pillow()`` decodes under that same lock until WeasyPrint is loaded: no image is checked in
one thread while the import in another has the flag flipped. Once WeasyPrint is loaded nothing flips the flag
again, and decoding takes no lock.

A module that imports WeasyPrint calls ``load_weasyprint()`` before its ``from weasyprint import ...`` lines
(``guidance.pdf``), and is itself imported only where a PDF is made.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_weasyprint_loaded = False


def load_weasyprint() -> None:
    """Import WeasyPrint (once per process) and keep Pillow refusing truncated images."""
    global _weasyprint_loaded
    if _weasyprint_loaded:
        return
    with _lock:
        if _weasyprint_loaded:
            return
        import weasyprint  # noqa: F401 - the import is the point: it runs under the lock
        from PIL import ImageFile

        ImageFile.LOAD_TRUNCATED_IMAGES = False
        _weasyprint_loaded = True


@contextmanager
def strict_pillow() -> Iterator[None]:
    """Decode images inside this block with truncated ones refused (Pillow raises on them)."""
    from PIL import ImageFile

    if _weasyprint_loaded:
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        yield
        return
    with _lock:  # WeasyPrint not loaded yet: its import (and its flip of the flag) waits for this block
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        yield
