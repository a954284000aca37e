"""Issue 12, finding 11: no references in logs, a private data directory and SQLite file, a rate-limited
public step-plan PDF."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import QueryDict
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from weerbaar.core.logredact import REDACTED, ReferenceRedactingFilter, redact
from weerbaar.core.references import random_reference

ROOT = Path(__file__).resolve().parents[2]


# --- references never reach a log record ------------------------------------------------------------


@given(before=st.text(max_size=40), after=st.text(max_size=40), lower=st.booleans(), encoded=st.booleans())
def test_any_reference_in_any_text_is_redacted(before, after, lower, encoded):
    reference = random_reference()
    written = reference.lower() if lower else reference
    if encoded:
        written = written.replace("-", "%2D")
    text = redact(f"{before} {written}/{after}")
    assert reference.lower() not in text.lower().replace("%2d", "-")
    assert REDACTED in text


@pytest.mark.parametrize(
    "text", ["WB-ABCD", "/werkruimte/taken", "SWB-ABCD-EFGH1", "2026-12-07 11:05", "RG-123-456", "web-form"]
)
def test_text_without_a_reference_is_kept(text):
    assert redact(text) == text


def test_csrf_failure_is_logged_without_the_reference_in_its_path(db, caplog):
    client = Client(enforce_csrf_checks=True)
    path = "/werkruimte/zaken/WB-7Q3M-K9XZ/notities"
    with caplog.at_level(logging.WARNING, logger="django.security.csrf"):
        response = client.post(path, {"text": "x"})
    assert response.status_code == 403
    csrf = [record for record in caplog.records if record.name == "django.security.csrf"]
    assert csrf, "Django logs a CSRF failure"
    for record in csrf:
        message = record.getMessage()
        assert "7Q3M" not in message
        assert f"/werkruimte/zaken/{REDACTED}/notities" in message


def test_a_traceback_naming_a_reference_is_redacted(caplog):
    try:
        raise ValueError("case WB-7Q3M-K9XZ failed")
    except ValueError:
        logging.getLogger("weerbaar.test").exception("while handling %s", "rg-7q3m-k9xz")
    record = caplog.records[-1]
    assert "7Q3M" not in record.getMessage().upper()
    assert "7Q3M" not in (record.exc_text or "")
    assert "ValueError: case [reference] failed" in logging.Formatter().format(record)


def test_the_handler_filter_redacts_records_made_elsewhere():
    record = logging.makeLogRecord({"msg": "GET %s", "args": ("/zaken/WB-7Q3M-K9XZ",)})
    assert ReferenceRedactingFilter().filter(record) is True
    assert record.getMessage() == f"GET /zaken/{REDACTED}"


# --- the data directory and the SQLite file are the service user's alone ------------------------------


def _start(data_dir: Path) -> None:
    unset = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "WEERBAAR_SECRET_KEY", "WEERBAAR_KEY_ENCRYPTION_KEYS"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(WEERBAAR_DEBUG="1", WEERBAAR_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="weerbaar.settings")
    code = (
        "import os; os.umask(0o022)\n"
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('CREATE TABLE IF NOT EXISTS t (x int)')\n"
        "    c.execute('INSERT INTO t VALUES (1)')\n"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=ROOT, timeout=120)  # noqa: S603 - fixed


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_installation_creates_a_private_directory_and_database(tmp_path):
    data_dir = tmp_path / "new" / "var"
    _start(data_dir)
    assert _mode(data_dir) == 0o700
    database = data_dir / "weerbaar.sqlite3"
    assert _mode(database) == 0o600
    assert _mode(data_dir / "dev-keys.json") == 0o600
    for extra in (data_dir / "weerbaar.sqlite3-wal", data_dir / "weerbaar.sqlite3-shm"):
        if extra.exists():
            assert _mode(extra) == 0o600


def test_an_older_installation_is_tightened(tmp_path):
    data_dir = tmp_path / "var"
    data_dir.mkdir(mode=0o755)
    data_dir.chmod(0o755)
    database = data_dir / "weerbaar.sqlite3"
    database.touch()
    database.chmod(0o644)
    _start(data_dir)
    assert _mode(data_dir) == 0o700
    assert _mode(database) == 0o600


# --- the public step-plan PDF is rate-limited per client address --------------------------------------

PDF = "/wat-kan-ik-doen/stappenplan.pdf"
ANSWERS = "role=wethouder&related=yes&danger=no&online=yes&learned_on=2026-11-02&acts=threat_of_violence"


@pytest.fixture
def cheap_pdf(monkeypatch):
    """The limiter is under test, not WeasyPrint (tests/guidance/test_stepplan_pdf.py reads real PDFs)."""
    from weerbaar.guidance import views

    made = []
    monkeypatch.setattr(views, "step_plan_pdf", lambda result, language: made.append(1) or b"%PDF-1.7 test")
    return made


def test_step_plan_pdf_is_limited_per_address(db, client, settings, cheap_pdf):
    settings.WEERBAAR = {**settings.WEERBAAR, "STEP_PLAN_PDF_RATE_LIMIT": 2}
    answers = dict(QueryDict(ANSWERS).lists())
    for _ in range(2):
        assert client.post(PDF, answers, REMOTE_ADDR="198.51.100.7").status_code == 200
    refused = client.post(PDF, answers, REMOTE_ADDR="198.51.100.7")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    page = refused.content.decode()
    assert "te veel pdf" in page
    assert "Uw stappenplan" in page  # the plan itself is still shown
    assert "no-store" in refused["Cache-Control"]
    assert len(cheap_pdf) == 2
    assert client.post(PDF, answers, REMOTE_ADDR="203.0.113.9").status_code == 200  # another address
    assert len(cheap_pdf) == 3


def test_a_logged_value_cannot_start_a_forged_log_line(caplog):
    """ASVS 7.3.1: a path or user name with a line break is logged on one line."""
    logging.getLogger("django.security.csrf").warning(
        "Forbidden (%s): %s", "CSRF cookie not set.", "/x\r\n2026-12-07 12:00:00 INFO weerbaar all is well"
    )
    logging.getLogger("weerbaar.test").warning("user %(name)s", {"name": "eve\nINFO forged"})
    first, second = caplog.records[-2:]
    assert "\n" not in first.getMessage()
    assert "\r" not in first.getMessage()
    assert first.getMessage().endswith("/x\\r\\n2026-12-07 12:00:00 INFO weerbaar all is well")
    assert second.getMessage() == "user eve\\nINFO forged"
    logging.getLogger("weerbaar.test").warning("a message\nover two lines")  # the format string is ours
    assert caplog.records[-1].getMessage() == "a message\nover two lines"
