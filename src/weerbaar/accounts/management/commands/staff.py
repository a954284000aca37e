"""``weerbaar staff``: create and manage staff accounts from the command line.

Subcommands: ``add``, ``token``, ``list``, ``deactivate``, ``reset-totp``.
Passwords are asked twice on the terminal, read from ``--password-stdin`` or
generated (``--generate-password``, printed once); never taken as an argument,
because arguments end up in shell history and process lists.
"""

from __future__ import annotations

import getpass
import secrets
import string
import sys
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from weerbaar.accounts.models import ApiToken, RecoveryCode, Role, User
from weerbaar.accounts.tokens import api_token_create
from weerbaar.core.audit import audit_record
from weerbaar.directory.models import Association, Partner

CLI_ACTOR = "cli"
GENERATED_PASSWORD_LENGTH = 24
_PASSWORD_ALPHABET = string.ascii_letters + string.digits + "-_.!@#%+="


def generate_password(length: int = GENERATED_PASSWORD_LENGTH) -> str:
    """A random password with letters, digits and punctuation (about 150 bits for 24 characters)."""
    while True:
        candidate = "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(length))
        if (
            any(c.islower() for c in candidate)
            and any(c.isupper() for c in candidate)
            and any(c.isdigit() for c in candidate)
        ):
            return candidate


class Command(BaseCommand):
    help = "Manage staff accounts: add, token, list, deactivate, reset-totp."
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{add,token,list,deactivate,reset-totp}")

        add = sub.add_parser("add", help="Create a staff account.")
        add.add_argument("username")
        add.add_argument("--role", required=True, choices=Role.values)
        add.add_argument("--association", default="", help="Association code; required for advisors.")
        add.add_argument("--email", default="")
        add.add_argument("--name", default="", help="Display name shown to colleagues.")
        add.add_argument(
            "--partner",
            type=int,
            default=None,
            help="Id of the network partner a partner account acts for (role partner only; see the Netwerk page).",
        )
        add.add_argument(
            "--privacy-officer",
            action="store_true",
            help="Role admin only: the account also acts for the privacy officer (retention policy, second approval "
            "of destruction lists; docs/retention.md).",
        )
        source = add.add_mutually_exclusive_group()
        source.add_argument(
            "--password-stdin", action="store_true", help="Read the password from the first line of standard input."
        )
        source.add_argument(
            "--generate-password", action="store_true", help="Generate a strong password and print it once."
        )

        token = sub.add_parser("token", help="Create a new API token; it is printed as the last line.")
        token.add_argument("username")

        sub.add_parser("list", help="List staff accounts.")

        deactivate = sub.add_parser("deactivate", help="Deactivate an account and revoke its API tokens.")
        deactivate.add_argument("username")

        reset = sub.add_parser("reset-totp", help="Remove the account's TOTP devices so the user sets up anew.")
        reset.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        handler = {
            "add": self.handle_add,
            "token": self.handle_token,
            "list": self.handle_list,
            "deactivate": self.handle_deactivate,
            "reset-totp": self.handle_reset_totp,
        }[options["subcommand"]]
        handler(options)

    # --- add ---------------------------------------------------------------------------

    def handle_add(self, options: dict[str, Any]) -> None:
        username = options["username"].strip()
        role = options["role"]
        email = options["email"].strip()
        name = options["name"].strip()
        code = options["association"].strip()

        try:
            User.username_validator(username)
        except ValidationError as exc:
            raise CommandError(f"Invalid username {username!r}: {' '.join(exc.messages)}") from exc
        if not username or len(username) > 150:
            raise CommandError("A username is 1-150 characters.")
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f"A staff user named {username!r} already exists; nothing was changed.")
        if email:
            try:
                validate_email(email)
            except ValidationError as exc:
                raise CommandError(f"Invalid e-mail address {email!r}.") from exc

        association = None
        if code:
            association = Association.objects.filter(code=code).first()
            if association is None:
                raise CommandError(f"Unknown association {code!r}. Valid codes: {self._association_codes()}.")
        elif role == Role.ADVISOR:
            raise CommandError(f"An advisor needs --association. Valid codes: {self._association_codes()}.")

        partner = self._partner(role, options.get("partner"))
        privacy_officer = bool(options.get("privacy_officer"))
        if privacy_officer and role != Role.ADMIN:
            raise CommandError("--privacy-officer is only for accounts with --role admin.")
        user = User(
            username=username,
            email=email,
            display_name=name,
            role=role,
            association=association,
            partner=partner,
            is_privacy_officer=privacy_officer,
        )
        generated = options["generate_password"]
        if generated:
            password = generate_password()
        elif options["password_stdin"]:
            password = self._password_from_stdin(options)
        else:
            password = self._password_from_terminal()
        try:
            validate_password(password, user=user)
        except ValidationError as exc:
            raise CommandError("Password refused: " + " ".join(exc.messages)) from exc

        with transaction.atomic():
            user.set_password(password)
            user.save()
            audit_record(
                actor=CLI_ACTOR,
                action="staff.created",
                object_type="user",
                object_id=username,
                details={
                    "role": role,
                    "association": association.code if association else None,
                    **({"partner": partner.pk} if partner else {}),
                    **({"privacyOfficer": True} if privacy_officer else {}),
                },
            )
        where = f" of {association.code}" if association else ""
        if partner:
            where = f" for partner {partner.pk} ({partner.name})"
        self.stdout.write(f"Created {role} {username!r}{where}.")
        self.stdout.write(
            "The user sets up two-step verification (TOTP) at the first sign-in "
            "and then gets ten one-time recovery codes."
        )
        if role == Role.PARTNER and partner is None:
            self.stdout.write("Without --partner this account sees no partner page; create it with --partner <id>.")
        if generated:
            self.stdout.write("Generated password (shown only now; hand it over securely):")
            self.stdout.write(password)

    def _password_from_stdin(self, options: dict[str, Any]) -> str:
        stream = options.get("stdin") or sys.stdin
        password = stream.readline().rstrip("\r\n")
        if not password:
            raise CommandError("No password on standard input.")
        return password

    def _password_from_terminal(self) -> str:
        if not sys.stdin.isatty():
            raise CommandError("No terminal to ask for a password: use --password-stdin or --generate-password.")
        first = getpass.getpass("Password: ")
        second = getpass.getpass("Password (again): ")
        if first != second:
            raise CommandError("The passwords do not match; nothing was changed.")
        if not first:
            raise CommandError("An empty password is not allowed.")
        return first

    @staticmethod
    def _partner(role: str, partner_id: int | None) -> Partner | None:
        if partner_id is None:
            return None
        if role != Role.PARTNER:
            raise CommandError("--partner is only for accounts with --role partner.")
        partner = Partner.objects.filter(pk=partner_id).first()
        if partner is None:
            raise CommandError(f"No network partner with id {partner_id}.")
        if not partner.active:
            raise CommandError(f"Network partner {partner_id} is deactivated; reactivate it first.")
        return partner

    @staticmethod
    def _association_codes() -> str:
        codes = list(Association.objects.order_by("order", "code").values_list("code", flat=True))
        return ", ".join(codes) if codes else "none loaded yet - run `weerbaar seed` first"

    # --- token, list, deactivate, reset-totp ----------------------------------------------

    @staticmethod
    def _user(username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No staff user named {username!r}.")
        return user

    def handle_token(self, options: dict[str, Any]) -> None:
        user = self._user(options["username"])
        if not user.is_active:
            raise CommandError(f"{user.username!r} is deactivated; a token would not work.")
        token = api_token_create(user=user, actor=CLI_ACTOR)
        self.stdout.write(f"New API token for {user.username!r} (shown only now; use as 'Authorization: Token ...'):")
        self.stdout.write(token)

    def handle_list(self, options: dict[str, Any]) -> None:
        from django_otp import devices_for_user

        users = list(User.objects.select_related("association").order_by("username"))
        rows = [("USERNAME", "ROLE", "ASSOCIATION", "ACTIVE", "TOTP", "LAST LOGIN", "NAME")]
        for user in users:
            has_totp = any(True for _ in devices_for_user(user, confirmed=True))
            last = timezone.localtime(user.last_login).strftime("%Y-%m-%d %H:%M") if user.last_login else "-"
            rows.append(
                (
                    user.username,
                    user.role,
                    user.association.code if user.association else "-",
                    "yes" if user.is_active else "no",
                    "yes" if has_totp else "no",
                    last,
                    user.display_name or "-",
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for row in rows:
            self.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        self.stdout.write(f"{len(users)} staff account(s).")

    def handle_deactivate(self, options: dict[str, Any]) -> None:
        with transaction.atomic():
            user = self._user(options["username"])
            if not user.is_active:
                self.stdout.write(f"{user.username!r} was already deactivated.")
                return
            user.is_active = False
            user.save(update_fields=["is_active"])
            revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
            audit_record(
                actor=CLI_ACTOR,
                action="staff.deactivated",
                object_type="user",
                object_id=user.username,
                details={"tokensRevoked": revoked},
            )
        self.stdout.write(f"Deactivated {user.username!r}; {revoked} API token(s) revoked. Open sessions stop working.")

    def handle_reset_totp(self, options: dict[str, Any]) -> None:
        from django_otp import devices_for_user

        with transaction.atomic():
            user = self._user(options["username"])
            devices = list(devices_for_user(user, confirmed=None))
            for device in devices:
                device.delete()
            # The recovery codes belong to the old set-up; a new one gives new codes.
            codes = RecoveryCode.objects.filter(user=user).delete()[0]
            audit_record(
                actor=CLI_ACTOR,
                action="staff.totp_reset",
                object_type="user",
                object_id=user.username,
                details={"devicesRemoved": len(devices), "recoveryCodesRemoved": codes},
            )
        self.stdout.write(
            f"Removed {len(devices)} two-step device(s) and {codes} recovery code(s) of {user.username!r}; "
            "they set up a new authenticator (and get new recovery codes) at the next sign-in."
        )
