"""Access objects: what the policy hands back once it has decided, and what every decrypting read requires.

The policy's access functions (``access_case``, ``access_referral``, ``access_council_request``,
``access_own_call`` …) return one of these instead of a bare model object. A selector that opens sealed
content takes the access object and calls ``require_content`` (or the referral, council or call variant)
before it decrypts anything: content cannot be read for a record whose access was never checked, and a
metadata-level grant (a coordinator on another association's case) is refused, not quietly widened.

Only the policy grants: each class checks, in ``__post_init__``, a private token that only this package
passes, so a view cannot construct one (nor ``dataclasses.replace`` one into a higher level). Background
work that must open content (the evidence check, a check-in's portal message, the phone-number index)
asks for ``system_access``: named by its purpose, so a reader of the code and of the audit trail sees
that no person's access was checked.
"""

from __future__ import annotations

import enum
from dataclasses import InitVar, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from weerbaar.cases.models import Case

_GRANT = object()  # passed only by the policy package (``_grant_*`` below); a forged object fails __post_init__


class Level(enum.Enum):
    """How much of a record a grant opens: its metadata (status, dates, who) or also its sealed content."""

    METADATA = "metadata"
    CONTENT = "content"


METADATA = Level.METADATA
CONTENT = Level.CONTENT


class Party(enum.Enum):
    """Which side of a referral a grant is for: the case (its workers, its office holder) or the partner."""

    CASE = "case"
    PARTNER = "partner"


class AccessRequired(RuntimeError):
    """A decrypting read was called without the access it needs: no access object, one below content
    level, or one for another part of the case. A programming error (the view skipped the policy), so it
    surfaces as a server error and never as content."""


def _check(grant: object, kind: str) -> None:
    if grant is not _GRANT:
        raise TypeError(f"a {kind} is granted by weerbaar.accounts.policy only")


@dataclass(frozen=True)
class CaseAccess:
    """``actor`` may read ``case`` at ``level``.

    ``parts`` is None for the whole case; a partner's grant names the parts it covers (for example
    ``("incident", 12)``), and selectors that read the whole case refuse such a grant.
    """

    actor: Any
    case: Case
    level: Level
    parts: frozenset[tuple[str, int | None]] | None = None
    grant: InitVar[object] = None

    def __post_init__(self, grant: object) -> None:
        _check(grant, "CaseAccess")

    @property
    def has_content(self) -> bool:
        return self.level is Level.CONTENT and self.parts is None

    @property
    def is_system(self) -> bool:
        return isinstance(self.actor, str) and self.actor.startswith("system")


@dataclass(frozen=True)
class ReferralAccess:
    """``actor`` may work on ``referral`` from ``party``'s side.

    The case side (its case workers, its office holder) reads the whole referral; a partner reads the
    minimum and the consented items, each checked again with ``policy.partner_may_read`` as it is read.
    """

    actor: Any
    referral: Any
    party: Party
    level: Level = Level.CONTENT
    grant: InitVar[object] = None

    def __post_init__(self, grant: object) -> None:
        _check(grant, "ReferralAccess")


@dataclass(frozen=True)
class CouncilAccess:
    """``actor`` may read and work on one council request (its own data key, not a case's)."""

    actor: Any
    request: Any
    level: Level = Level.CONTENT
    grant: InitVar[object] = None

    def __post_init__(self, grant: object) -> None:
        _check(grant, "CouncilAccess")


@dataclass(frozen=True)
class CallAccess:
    """``actor`` may read the caller's number of one call (only the advisor it was put through to)."""

    actor: Any
    call: Any
    level: Level = Level.CONTENT
    grant: InitVar[object] = None

    def __post_init__(self, grant: object) -> None:
        _check(grant, "CallAccess")


# --- granting (this package only) ------------------------------------------------------------------


def _grant_case(
    actor: Any, case: Case, level: Level, parts: frozenset[tuple[str, int | None]] | None = None
) -> CaseAccess:
    return CaseAccess(actor, case, level, parts, grant=_GRANT)


def _grant_referral(actor: Any, referral: Any, party: Party) -> ReferralAccess:
    return ReferralAccess(actor, referral, party, Level.CONTENT, grant=_GRANT)


def _grant_council(actor: Any, request: Any) -> CouncilAccess:
    return CouncilAccess(actor, request, Level.CONTENT, grant=_GRANT)


def _grant_call(actor: Any, call: Any) -> CallAccess:
    return CallAccess(actor, call, Level.CONTENT, grant=_GRANT)


def system_access(case: Case, *, purpose: str) -> CaseAccess:
    """Content access for background work that no person asked for (``purpose`` names it, e.g.
    ``"evidence.verify"``). The actor is ``system:<purpose>``; the code that reads with it records its
    own audit entry, as every read of content does."""
    if not purpose or not isinstance(purpose, str):
        raise ValueError("system access names its purpose")
    return _grant_case(f"system:{purpose}", case, Level.CONTENT)


# --- requiring (every decrypting read) -----------------------------------------------------------------


def require_case_access(access: Any) -> Case:
    """The case of a ``CaseAccess`` at any level (for reads of metadata that take the same grant), else
    ``AccessRequired``: a bare case is never taken on trust."""
    if not isinstance(access, CaseAccess):
        raise AccessRequired(f"a CaseAccess is required, not {type(access).__name__}")
    return access.case


def require_content(access: Any, part: tuple[str, int | None] | None = None) -> Case:
    """The case of a content-level ``CaseAccess``, else ``AccessRequired``.

    ``part`` names the one part a read opens (``("incident", pk)``, ``("request_text", None)``); a grant
    limited to some parts passes only for those, a whole-case grant for every part.
    """
    if not isinstance(access, CaseAccess):
        raise AccessRequired(f"a content-level CaseAccess is required, not {type(access).__name__}")
    if access.level is not Level.CONTENT:
        raise AccessRequired(f"content-level access is required; this grant is {access.level.value}")
    if access.parts is not None and (part is None or part not in access.parts):
        raise AccessRequired("this grant covers only some parts of the case, not this one")
    return access.case


def require_referral(access: Any, party: Party) -> Any:
    """The referral of a content-level ``ReferralAccess`` for ``party``, else ``AccessRequired``."""
    if not isinstance(access, ReferralAccess):
        raise AccessRequired(f"a ReferralAccess is required, not {type(access).__name__}")
    if access.level is not Level.CONTENT or access.party is not party:
        raise AccessRequired(f"a {party.value}-side referral grant is required, not {access.party.value}")
    return access.referral


def require_council(access: Any) -> Any:
    """The request of a content-level ``CouncilAccess``, else ``AccessRequired``."""
    if not isinstance(access, CouncilAccess) or access.level is not Level.CONTENT:
        raise AccessRequired(f"a content-level CouncilAccess is required, not {type(access).__name__}")
    return access.request


def require_call(access: Any) -> Any:
    """The call of a content-level ``CallAccess``, else ``AccessRequired``."""
    if not isinstance(access, CallAccess) or access.level is not Level.CONTENT:
        raise AccessRequired(f"a content-level CallAccess is required, not {type(access).__name__}")
    return access.call
