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
