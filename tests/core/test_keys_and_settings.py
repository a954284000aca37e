"""Key configuration parsing and the production start-up guard (settings refuse to run without keys)."""

from __future__ import annotations

import base64
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from weerbaar.core.devkeys import load_or_create_dev_keys, parse_key_encryption_keys

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
K1 = base64.b64encode(b"1" * 32).decode()
K2 = base64.b64encode(b"2" * 32).decode()
AUDIT_KEY = base64.b64encode(b"a" * 32).decode()


def test_parse_json_form_keeps_newest_first():
    keys = parse_key_encryption_keys(json.dumps({"k2": K2, "k1": K1}))
    assert list(keys) == ["k2", "k1"]
    assert keys["k2"] == b"2" * 32


def test_parse_id_colon_base64_form():
    keys = parse_key_encryption_keys(f" k2:{K2} , k1:{K1} ")
    assert list(keys) == ["k2", "k1"]
    assert keys["k1"] == b"1" * 32


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "{}",
        "{not json",
        f"k1{K1}",  # no separator
        "k1:!!!notbase64!!!",
        "k1:" + base64.b64encode(b"short").decode(),  # wrong length
        "k1:" + base64.b64encode(b"x" * 33).decode(),
        json.dumps({"k1": base64.b64encode(b"x" * 16).decode()}),  # 128-bit key refused
        f":{K1}",  # empty id
        "x" * 33 + f":{K1}",  # id too long
    ],
)
def test_parse_rejects_bad_key_configuration(raw):
    with pytest.raises(ImproperlyConfigured):
        parse_key_encryption_keys(raw)


def test_dev_keys_are_generated_once_and_private(tmp_path):
    first = load_or_create_dev_keys(tmp_path)
    second = load_or_create_dev_keys(tmp_path)
    assert first == second
    assert len(first.secret_key) >= 50
    assert parse_key_encryption_keys(first.key_encryption_keys)
    assert (tmp_path / "dev-keys.json").stat().st_mode & 0o077 == 0


def _clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("WEERBAAR_", "DJANGO_", "DATABASE_URL"))
    }
    env.update(
        {
            "WEERBAAR_DEBUG": "0",
            "WEERBAAR_DATA_DIR": str(tmp_path / "data"),
            "DJANGO_SETTINGS_MODULE": "weerbaar.settings",
            "PYTHONPATH": str(REPO / "src"),
        }
    )
    env.update(extra)
    return env


SETUP = "import django; django.setup(); print('started')"


def _run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=180, check=False)  # noqa: S603


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("WEERBAAR_SECRET_KEY", "WEERBAAR_SECRET_KEY is required"),
        ("WEERBAAR_KEY_ENCRYPTION_KEYS", "WEERBAAR_KEY_ENCRYPTION_KEYS is required"),
        ("WEERBAAR_AUDIT_KEY", "WEERBAAR_AUDIT_KEY is required"),
    ],
)
def test_production_settings_refuse_to_start_without_keys(tmp_path, missing, message):
    env = _clean_env(
        tmp_path,
        WEERBAAR_SECRET_KEY=secrets.token_urlsafe(60),
        WEERBAAR_KEY_ENCRYPTION_KEYS=f"k1:{K1}",
        WEERBAAR_AUDIT_KEY=AUDIT_KEY,
    )
    del env[missing]
    result = _run([sys.executable, "-c", SETUP], env)
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert message in result.stderr
    # No development keys were generated behind the operator's back.
    assert not (tmp_path / "data" / "dev-keys.json").exists()
    assert not (tmp_path / "data" / "audit-key").exists()


def test_production_settings_refuse_to_start_with_no_keys_at_all(tmp_path):
    result = _run([sys.executable, "-c", SETUP], _clean_env(tmp_path))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "is required when WEERBAAR_DEBUG is off" in result.stderr


def test_production_settings_refuse_malformed_keys(tmp_path):
    env = _clean_env(
        tmp_path,
        WEERBAAR_SECRET_KEY=secrets.token_urlsafe(60),
        WEERBAAR_KEY_ENCRYPTION_KEYS="k1:short",
        WEERBAAR_AUDIT_KEY=AUDIT_KEY,
    )
    result = _run([sys.executable, "-c", SETUP], env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_production_settings_pass_check_deploy(tmp_path):
    env = _clean_env(
        tmp_path,
        WEERBAAR_SECRET_KEY=secrets.token_urlsafe(60),
        WEERBAAR_KEY_ENCRYPTION_KEYS=json.dumps({"prod1": base64.b64encode(secrets.token_bytes(32)).decode()}),
        WEERBAAR_AUDIT_KEY=AUDIT_KEY,
        WEERBAAR_ALLOWED_HOSTS="example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    weerbaar = VENV_BIN / "weerbaar"
    command = [str(weerbaar)] if weerbaar.exists() else [sys.executable, "-m", "weerbaar"]
    result = _run([*command, "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
