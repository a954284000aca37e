"""`weerbaar staff`: creating and managing staff accounts from the command line."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from weerbaar.accounts.models import ApiToken, User
from weerbaar.accounts.tokens import api_token_authenticate
from weerbaar.core.audit import audit_verify
from weerbaar.core.models import AuditEntry

GOOD_PASSWORD = "lange zin met cijfers 2026 en meer"

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.mark.parametrize(
    ("role", "association"),
    [("advisor", "ngb"), ("coordinator", "bzk"), ("coordinator", ""), ("partner", ""), ("analyst", ""), ("admin", "")],
)
def test_staff_add_creates_each_role_with_a_validated_password(run, role, association):
    args = ["staff", "add", "kim", "--role", role, "--email", "kim@example.org", "--name", "Kim Test"]
    args.append("--password-stdin")
    if association:
        args += ["--association", association]
    out = run(*args, stdin=GOOD_PASSWORD + "\n")

    user = User.objects.get(username="kim")
    assert user.role == role
    assert (user.association.code if user.association else "") == association
    assert user.email == "kim@example.org"
    assert user.display_name == "Kim Test"
    assert user.check_password(GOOD_PASSWORD)
    assert user.is_active
    assert "Created" in out
    assert GOOD_PASSWORD not in out
    entry = AuditEntry.objects.get(action="staff.created", object_id="kim")
    assert entry.details["role"] == role
    assert audit_verify().ok


def test_advisor_without_association_is_refused_with_the_valid_codes(run):
    with pytest.raises(CommandError, match="needs --association") as exc:
        run("staff", "add", "kim", "--role", "advisor", "--generate-password")
    assert "ngb" in str(exc.value)
    assert "statenlidnu" in str(exc.value)
    assert not User.objects.filter(username="kim").exists()


def test_unknown_association_is_refused_listing_valid_codes(run):
    with pytest.raises(CommandError, match="Unknown association 'gemeente'") as exc:
        run("staff", "add", "kim", "--role", "advisor", "--association", "gemeente", "--generate-password")
    assert "wethoudersvereniging" in str(exc.value)
    assert not User.objects.exists()


def test_existing_username_is_refused_and_left_unchanged(run):
    run("staff", "add", "kim", "--role", "analyst", "--password-stdin", stdin=GOOD_PASSWORD)
    with pytest.raises(CommandError, match="already exists"):
        run("staff", "add", "KIM", "--role", "admin", "--password-stdin", stdin="another long passphrase 77")
    user = User.objects.get(username="kim")
    assert user.role == "analyst"
    assert user.check_password(GOOD_PASSWORD)
    assert User.objects.count() == 1


@pytest.mark.parametrize("password", ["kort1", "123456789012345", "password1234", "kim-example-org"])
def test_weak_password_is_refused_by_the_django_validators(run, password):
    pw = password
    with pytest.raises(CommandError, match="Password refused") as exc:
        run("staff", "add", "kim", "--role", "analyst", "--email", "kim@example.org", "--password-stdin", stdin=pw)
    with pytest.raises(ValidationError) as expected:
        validate_password(password, user=User(username="kim", email="kim@example.org"))
    assert " ".join(expected.value.messages) in str(exc.value)
    assert not User.objects.exists()


def test_empty_stdin_is_refused(run):
    with pytest.raises(CommandError, match="No password"):
        run("staff", "add", "kim", "--role", "analyst", "--password-stdin", stdin="")


def test_without_a_terminal_or_option_no_password_is_guessed(run, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    with pytest.raises(CommandError, match="--password-stdin or --generate-password"):
        run("staff", "add", "kim", "--role", "analyst")


def test_interactive_password_must_match_twice(run, monkeypatch):
    answers = iter(["first long passphrase 1", "second long passphrase 2"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    with pytest.raises(CommandError, match="do not match"):
        run("staff", "add", "kim", "--role", "analyst")
    assert not User.objects.exists()


def test_interactive_password_is_used_when_both_entries_match(run, monkeypatch):
    monkeypatch.setattr("getpass.getpass", lambda prompt="": GOOD_PASSWORD)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    run("staff", "add", "kim", "--role", "analyst")
    assert User.objects.get(username="kim").check_password(GOOD_PASSWORD)


def test_generated_password_is_printed_once_and_works(run):
    out = run("staff", "add", "kim", "--role", "advisor", "--association", "nvvr", "--generate-password")
    password = out.strip().splitlines()[-1]
    assert len(password) >= 20
    assert User.objects.get(username="kim").check_password(password)
    assert password not in str(AuditEntry.objects.values_list("details", flat=True)[::1])


def test_invalid_role_is_refused(run):
    with pytest.raises(CommandError, match="invalid choice"):
        run("staff", "add", "kim", "--role", "superuser", "--generate-password")


def test_token_prints_a_working_token_as_the_last_line(run):
    run("staff", "add", "kim", "--role", "coordinator", "--generate-password")
    out = run("staff", "token", "kim")
    token = out.rstrip("\n").splitlines()[-1]
    assert token.startswith("wbt_")
    assert api_token_authenticate(token) == User.objects.get(username="kim")
    assert AuditEntry.objects.filter(action="api_token.created", object_id="kim").count() == 1
    assert token not in str(list(AuditEntry.objects.values_list("details", flat=True)))


def test_token_for_unknown_user_is_refused(run):
    with pytest.raises(CommandError, match="No staff user named 'nobody'"):
        run("staff", "token", "nobody")


def test_deactivate_revokes_tokens_and_is_audited(run):
    run("staff", "add", "kim", "--role", "coordinator", "--generate-password")
    token = run("staff", "token", "kim").splitlines()[-1]
    out = run("staff", "deactivate", "kim")
    assert "1 API token(s) revoked" in out
    assert not User.objects.get(username="kim").is_active
    assert api_token_authenticate(token) is None
    assert ApiToken.objects.get().revoked_at is not None
    assert AuditEntry.objects.filter(action="staff.deactivated", object_id="kim").exists()
    with pytest.raises(CommandError, match="deactivated"):
        run("staff", "token", "kim")


def test_reset_totp_removes_devices(run):
    run("staff", "add", "kim", "--role", "coordinator", "--generate-password")
    user = User.objects.get(username="kim")
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    out = run("staff", "reset-totp", "kim")
    assert "Removed 1" in out
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEntry.objects.filter(action="staff.totp_reset", object_id="kim").exists()


def test_list_shows_accounts_without_secrets(run):
    run("staff", "add", "kim", "--role", "advisor", "--association", "ngb", "--password-stdin", stdin=GOOD_PASSWORD)
    out = run("staff", "list")
    assert "kim" in out
    assert "ngb" in out
    assert "1 staff account(s)." in out
    assert GOOD_PASSWORD not in out


def test_command_line_errors_exit_non_zero(db, capsys, keep_connection):
    from django.core.management import execute_from_command_line

    with pytest.raises(SystemExit) as exc:
        execute_from_command_line(["weerbaar", "staff", "--skip-checks", "add", "kim", "--role", "advisor"])
    assert exc.value.code != 0
    assert "needs --association" in capsys.readouterr().err
    assert not User.objects.filter(username="kim").exists()
