"""Write use cases of staff accounts: checking a TOTP code as the second sign-in factor."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from weerbaar.accounts import signals
from weerbaar.accounts.models import User
from weerbaar.core.audit import audit_record
from weerbaar.core.errors import InvalidInput


def _refuse(reason: str) -> InvalidInput:
    return InvalidInput(reason, invalid_params=[{"name": "token", "reason": reason}])


def staff_totp_check(*, user: User, device: TOTPDevice, token: str, enrol: bool = False) -> None:
    """Check ``token`` against ``device`` (django-otp throttles repeated failures).

    With ``enrol`` the device is confirmed first (the set-up step). Failures and successes are
    audited, never with the code. Raises ``InvalidInput`` on the ``token`` field when refused.
    """
    allowed, _info = device.verify_is_allowed()
    if not allowed:
        raise _refuse(_("Te veel onjuiste codes. Wacht even en probeer het dan opnieuw."))
    if not device.verify_token(token):
        audit_record(actor=user, action="staff.totp_failed")
        raise _refuse(_("Deze code klopt niet of is verlopen. Probeer de nieuwste code."))
    with transaction.atomic():
        if enrol:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            audit_record(actor=user, action="staff.totp_enrolled")
        audit_record(actor=user, action="staff.signed_in", details={"factor": "totp"})


def partner_account_create(*, actor: object, partner_id: int, username: str, name: str, email: str) -> tuple[User, str]:
    """Create a partner account linked to an active partner, with a generated password returned once.

    The account has no second factor yet: at the first sign-in the user sets up TOTP (the same flow as
    every staff member). Raises ``InvalidInput`` (fields ``username``, ``name``, ``email``) or ``NotFound``.
    """
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from weerbaar.accounts import policy
    from weerbaar.accounts.management.commands.staff import generate_password
    from weerbaar.accounts.models import Role
    from weerbaar.core.errors import Errors, Forbidden, NotFound
    from weerbaar.directory.models import Partner

    if not policy.can_create_partner_accounts(actor):
        raise Forbidden(_("Alleen coördinatoren maken partneraccounts aan."))
    errors = Errors()
    username, name, email = username.strip(), name.strip(), email.strip()
    if not username or len(username) > 150:
        errors.add("username", _("Vul een gebruikersnaam in van hoogstens 150 tekens."))
    else:
        try:
            User.username_validator(username)
        except ValidationError:
            errors.add("username", _("Gebruik alleen letters, cijfers en de tekens @ . + - _."))
        else:
            if User.objects.filter(username__iexact=username).exists():
                errors.add("username", _("Deze gebruikersnaam is al in gebruik."))
    if not name or len(name) > 150:
        errors.add("name", _("Vul een naam in van hoogstens 150 tekens."))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.add("email", _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."))
    errors.raise_if_any()
    with transaction.atomic():
        partner = Partner.objects.select_for_update().filter(pk=partner_id, active=True).first()
        if partner is None:
            raise NotFound(_("Deze partner bestaat niet."))
        user = User(username=username, display_name=name, email=email, role=Role.PARTNER, partner=partner)
        password = generate_password()
        validate_password(password, user=user)
        user.set_password(password)
        user.save()
        audit_record(
            actor=actor,
            action="staff.created",
            object_type="user",
            object_id=username,
            details={"role": Role.PARTNER, "partner": partner.pk},
        )
        # A partner account reads what office holders shared with that partner: every coordinator hears of
        # each new one (notifications listens), so no account appears unseen.
        signals.partner_account_created.send(sender=User, user=user, partner=partner)
    return user, password


# --- recovery codes (accounts.recovery) -------------------------------------------------------------


def recovery_codes_issue(*, user: User, actor: object) -> list[str]:
    """Replace the user's recovery codes by ``recovery.COUNT`` new ones; returns them (shown once, never stored).

    Earlier codes, used or not, stop working. Audited with the count only.
    """
    from weerbaar.accounts import recovery
    from weerbaar.accounts.models import RecoveryCode

    codes: list[str] = []
    while len(codes) < recovery.COUNT:
        code = recovery.generate()
        if code not in codes:
            codes.append(code)
    with transaction.atomic():
        replaced = RecoveryCode.objects.filter(user=user).delete()[0]
        RecoveryCode.objects.bulk_create(RecoveryCode(user=user, code_hash=recovery.code_hash(c)) for c in codes)
        audit_record(
            actor=actor,
            action="staff.recovery_codes_issued",
            object_type="user",
            object_id=user.username,
            details={"count": len(codes), "replaced": replaced},
        )
    return codes


def recovery_codes_left(user: User) -> int:
    from weerbaar.accounts.models import RecoveryCode

    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def staff_recovery_code_use(*, user: User, device: TOTPDevice, code: str) -> int:
    """Use a recovery code instead of a TOTP code; returns how many unused codes are left.

    The code is marked used in the same transaction that finds it, so it works once, also when two requests
    race. The device's throttle counts a wrong code as a failure, like a wrong TOTP code. Audited (used or
    refused), never with the code. Raises ``InvalidInput`` on the ``recovery_code`` field when refused.
    """
    from django.utils import timezone

    from weerbaar.accounts import recovery
    from weerbaar.accounts.models import RecoveryCode

    def refuse(reason: str) -> InvalidInput:
        return InvalidInput(reason, invalid_params=[{"name": "recovery_code", "reason": reason}])

    allowed, _info = device.verify_is_allowed()
    if not allowed:
        raise refuse(_("Te veel onjuiste codes. Wacht even en probeer het dan opnieuw."))
    normal = recovery.normalise(code)
    with transaction.atomic():
        found = (
            RecoveryCode.objects.select_for_update()
            .filter(user=user, code_hash=recovery.code_hash(normal), used_at__isnull=True)
            .first()
            if normal
            else None
        )
        if found is None:
            device.throttle_increment()
            audit_record(actor=user, action="staff.recovery_code_refused")
        else:
            found.used_at = timezone.now()
            found.save(update_fields=["used_at"])
            device.throttle_reset()
            left = recovery_codes_left(user)
            audit_record(actor=user, action="staff.recovery_code_used", details={"left": left})
            audit_record(actor=user, action="staff.signed_in", details={"factor": "recovery_code"})
            return left
    raise refuse(_("Deze herstelcode klopt niet of is al gebruikt."))
