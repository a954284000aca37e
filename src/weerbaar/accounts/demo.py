"""Demo staff for development: clearly fictional accounts, one per role (registered in ``core.demo``).

Demo staff share one fixed, documented password and one fixed TOTP secret (see docs/operations.md) so a
developer can sign in with any authenticator app. Names use the reserved ``example.org`` domain and the
display names say "(demo)". Their presence marks the demo data as loaded: running it twice adds nothing.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from weerbaar.accounts.models import Role, User
from weerbaar.core.demo import DemoBuilder, DemoRun

DEMO_PREFIX = "demo-"
DEMO_PASSWORD = "weerbaar-demo-oefenwachtwoord"  # noqa: S105 - documented, development only
DEMO_TOTP_KEY = b"weerbaar-demo-totp-1"  # 20 bytes; the same for every demo account
DEMO_TOTP_SECRET = base64.b32encode(DEMO_TOTP_KEY).decode()  # what an authenticator app wants


@dataclass(frozen=True)
class DemoStaff:
    username: str
    display_name: str
    role: str
    association: str | None


DEMO_STAFF: tuple[DemoStaff, ...] = (
    DemoStaff("demo-advisor-ngb", "Noor Bakker (demo)", Role.ADVISOR, "ngb"),
    DemoStaff("demo-advisor-wethouders", "Willem de Graaf (demo)", Role.ADVISOR, "wethoudersvereniging"),
    DemoStaff("demo-advisor-nvvr", "Rosa Meijer (demo)", Role.ADVISOR, "nvvr"),
    DemoStaff("demo-advisor-nvvr-2", "Tarik El Idrissi (demo)", Role.ADVISOR, "nvvr"),
    DemoStaff("demo-advisor-statenlidnu", "Sanne Vos (demo)", Role.ADVISOR, "statenlidnu"),
    DemoStaff("demo-advisor-bzk", "Bas Hendriks (demo)", Role.ADVISOR, "bzk"),
    DemoStaff("demo-coordinator", "Carla Coördinator (demo)", Role.COORDINATOR, "bzk"),
    DemoStaff("demo-partner", "Pieter Partner (demo)", Role.PARTNER, None),
    DemoStaff("demo-analyst", "Anouk Analist (demo)", Role.ANALYST, None),
    DemoStaff("demo-admin", "Ahmed Beheer (demo)", Role.ADMIN, None),
)


def demo_staff() -> dict[str, User]:
    """The demo staff by username, in the order they were made (for the builders that come after)."""
    users = User.objects.filter(username__in=[s.username for s in DEMO_STAFF]).select_related("association")
    return {user.username: user for user in users.order_by("pk")}


def _demo_present() -> bool:
    return User.objects.filter(username__in=[s.username for s in DEMO_STAFF]).exists()


def _staff_create(run: DemoRun) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from weerbaar.directory.models import Association

    associations = {a.code: a for a in Association.objects.all()}
    for spec in DEMO_STAFF:
        user = User(
            username=spec.username,
            display_name=spec.display_name,
            email=f"{spec.username}@example.org",
            role=spec.role,
            association=associations[spec.association] if spec.association else None,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        TOTPDevice.objects.create(user=user, name="Demo-authenticator", key=DEMO_TOTP_KEY.hex(), confirmed=True)


def _summary(run: DemoRun) -> list[str]:
    lines = [f"Demo staff (password for all: {DEMO_PASSWORD}):"]
    for spec in DEMO_STAFF:
        lines.append(f"  {spec.username:<26} {spec.role:<12} {spec.association or '-'}")
    lines += [
        f"Two-step verification: add this TOTP secret to an authenticator app: {DEMO_TOTP_SECRET}",
        f"  (otpauth://totp/Weerbaar:demo?secret={DEMO_TOTP_SECRET}&issuer=Weerbaar&digits=6&period=30)",
    ]
    return lines


DEMO = DemoBuilder("staff", 20, load=_staff_create, present=_demo_present, summary=_summary)
