from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADVISOR = "advisor", _("Adviseur")
    COORDINATOR = "coordinator", _("Coördinator")
    PARTNER = "partner", _("Netwerkpartner")
    ANALYST = "analyst", _("Analist")
    ADMIN = "admin", _("Beheerder")


class User(AbstractUser):
    """A staff member. Office holders have no account: they use reference + follow-up code."""

    role = models.CharField(max_length=20, choices=Role.choices, default=Role.ADVISOR)
    association = models.ForeignKey(
        "directory.Association",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        help_text=_("The association whose cases an advisor works."),
    )
    display_name = models.CharField(_("naam"), max_length=150, blank=True)
    partner = models.ForeignKey(
        "directory.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accounts",
        help_text="The network partner a partner account acts for.",
    )
    is_privacy_officer = models.BooleanField(
        _("functionaris gegevensbescherming"),
        default=False,
        help_text=_(
            "An administrator who also acts for the privacy officer: the second approval of a destruction list "
            "and the retention policy (accounts.policy.retention)."
        ),
    )

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def label(self) -> str:
        return self.display_name or self.get_full_name() or self.username


class ApiToken(models.Model):
    """A staff API token. Only a SHA-256 of the secret is stored; the prefix finds the row."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    prefix = models.CharField(max_length=12, unique=True)
    token_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"


class RecoveryCode(models.Model):
    """A one-time code for the second sign-in step (``accounts.recovery``); only a keyed hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "code_hash"], name="recovery_code_once_per_user")]

    def __str__(self) -> str:
        return f"recovery code {self.pk} of {self.user_id}"
