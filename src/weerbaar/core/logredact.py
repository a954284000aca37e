"""No case or council reference in any log record (issue 12, finding 11).

A reference names a case: in a log line beside a time and an address it tells whoever reads the logs
that this office holder asked for help. Django itself logs request paths (``django.security.csrf``:
"Forbidden (CSRF token missing.): /werkruimte/zaken/WB-…", ``django.request`` on 4xx/5xx), and so may
any library. Instead of fixing each logger, every record is redacted when it is made: the record
factory rewrites its message (arguments merged in) and a traceback's text, whatever logger, level or
handler; line breaks in the logged values are escaped on the way (no forged log lines).
``ReferenceRedactingFilter`` does the same for a handler that receives records made elsewhere
(``logging.makeLogRecord``); settings put it on the console handler.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from typing import Any

# WB-XXXX-XXXX (cases) and RG-XXXX-XXXX (council requests), any case, Crockford base32 plus the look-alikes
# (I, L, O, U) a person might type; also with the dash left out or as %2D in an encoded URL.
_CHARS = "[0-9A-Z]"
REFERENCE_IN_TEXT = re.compile(
    rf"(?<![0-9A-Z])(?:WB|RG)(?:-|%2D)?{_CHARS}{{4}}(?:-|%2D)?{_CHARS}{{4}}(?![0-9A-Z])", re.IGNORECASE
)
REDACTED = "[reference]"


def redact(text: str) -> str:
    return REFERENCE_IN_TEXT.sub(REDACTED, text)


def _one_line(value: object) -> object:
    if isinstance(value, str) and ("\n" in value or "\r" in value):
        return value.replace("\r", "\\r").replace("\n", "\\n")
    return value


def _escape_arguments(record: logging.LogRecord) -> None:
    """Line breaks in a logged value (a request path, a user name) are written as \\n, so a value cannot start
    a forged log line (log injection, ASVS 7.3.1). The format string itself may span lines."""
    args = record.args
    if isinstance(args, tuple):
        if any(isinstance(a, str) and ("\n" in a or "\r" in a) for a in args):
            record.args = tuple(_one_line(a) for a in args)
    elif isinstance(args, Mapping):
        record.args = {key: _one_line(value) for key, value in args.items()}


def redact_record(record: logging.LogRecord) -> logging.LogRecord:
    """Escape line breaks in the arguments, merge them into the message and redact it; redact a traceback's
    text the same way."""
    _escape_arguments(record)
    try:
        message = record.getMessage()
    except Exception:  # a broken format string: leave it to the handler to report
        return record
    redacted = redact(message)
    if redacted != message:
        record.msg, record.args = redacted, ()
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = redact(record.exc_text)
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    return record


class ReferenceRedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        redact_record(record)
        return True


_installed: Callable[..., logging.LogRecord] | None = None


def install_record_factory() -> None:
    """Make every log record of this process redacted (idempotent)."""
    global _installed
    current = logging.getLogRecordFactory()
    if current is _installed:
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return redact_record(current(*args, **kwargs))

    _installed = factory
    logging.setLogRecordFactory(factory)
