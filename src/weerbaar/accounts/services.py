"""Write use cases of staff accounts: checking a TOTP code as the second sign-in factor."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

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
