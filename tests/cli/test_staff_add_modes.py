"""``weerbaar staff add`` as the README says, as a real process: it works in development mode and, without it
(and without production keys), stops with a plain message and exit status 2 — never a traceback."""

from __future__ import annotations

import re
import shlex
import subprocess

from tests.cli.test_worker import ROOT, WEERBAAR, _env

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _readme_command() -> list[str]:
    """The README's `staff add` line, run as our interpreter runs the console script."""
    line = next(
        line for line in README.splitlines() if line.startswith("WEERBAAR_DEBUG=1 .venv/bin/weerbaar staff add")
    )
    words = shlex.split(line)
    assert words[:2] == ["WEERBAAR_DEBUG=1", ".venv/bin/weerbaar"]
    return words[2:]


def _production_env(data_dir) -> dict[str, str]:
    env = _env(data_dir)
    del env["WEERBAAR_DEBUG"]
    return env


def test_the_readme_shows_generate_password():
    assert "--generate-password" in _readme_command()


def test_staff_add_from_the_readme_works_in_development(migrated_data_dir):
    env = _env(migrated_data_dir)  # as `weerbaar migrate` left it (tests/migrated.py); then seed, as the README says
    subprocess.run([*WEERBAAR, "seed"], cwd=ROOT, env=env, check=True, timeout=180, capture_output=True)  # noqa: S603
    result = subprocess.run(  # noqa: S603 - our own command
        [*WEERBAAR, *_readme_command()], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "Created advisor 'anna' of nvvr." in result.stdout
    assert "ten one-time recovery codes" in result.stdout
    password = result.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"\S{24}", password)


def test_staff_add_without_development_mode_explains_and_exits_2(tmp_path):
    result = subprocess.run(  # noqa: S603 - our own command
        [*WEERBAAR, *_readme_command()],
        cwd=ROOT,
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    assert "WEERBAAR_SECRET_KEY is required when WEERBAAR_DEBUG is off." in result.stderr
    assert "WEERBAAR_DEBUG=1 .venv/bin/weerbaar staff add ..." in result.stderr
    assert "anna@example.org" not in result.stderr  # the arguments are not echoed back
    assert not (tmp_path / "dev-keys.json").exists()  # nothing generated outside development


def test_a_malformed_variable_is_explained_too(tmp_path):
    env = _env(tmp_path) | {"WEERBAAR_LOGIN_FAILURE_LIMIT": "five"}
    result = subprocess.run(  # noqa: S603 - our own command
        [*WEERBAAR, "staff", "list"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "WEERBAAR_LOGIN_FAILURE_LIMIT must be a whole number" in result.stderr
