from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.directory.choices import CAPACITY_MAX, CAPACITY_MIN, PartnerKind


class Province(models.Model):
    code = models.CharField(max_length=4, unique=True)  # CBS PVxx
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    code = models.CharField(max_length=6, unique=True)  # CBS GMxxxx
    name = models.CharField(max_length=120)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="municipalities")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "municipalities"

    def __str__(self) -> str:
        return self.name


class Association(models.Model):
    """One of the five organisations whose advisors form the support team."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=60)
    phone = models.CharField(max_length=40)
    email = models.EmailField(blank=True)
    contact_title = models.CharField(max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class DirectoryContact(models.Model):
    """A publicly listed contact person of an association (the seed page's directory)."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("naam"), max_length=150)
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(_("zichtbaar"), default=True)

    class Meta:
        ordering = ["association__order", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["association", "name"], name="unique_contact_per_association")]

    def __str__(self) -> str:
        return self.name


class Partner(models.Model):
    """A person or organisation in the support network that advisors refer office holders to.

    Contact details here are professional contacts of the partner, not case content: they are
    stored in plain text (see docs/security.md)."""

    name = models.CharField(_("naam"), max_length=150)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    kind = models.CharField(_("soort"), max_length=30, choices=PartnerKind.choices)
    provinces = models.ManyToManyField(Province, blank=True, related_name="partners", verbose_name=_("provincies"))
    nationwide = models.BooleanField(_("landelijk"), default=False)
    languages = models.JSONField(_("talen"), default=list, blank=True)  # ISO 639-1 codes, e.g. ["nl", "en"]
    capacity = models.PositiveSmallIntegerField(_("capaciteit"), default=5)
    available = models.BooleanField(_("beschikbaar"), default=True)
    active = models.BooleanField(_("actief"), default=True)
    contact_name = models.CharField(_("contactpersoon"), max_length=150, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=40, blank=True)
    notes = models.TextField(_("notities voor coördinatoren"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["kind", "active"], name="partner_kind_active")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__gte=CAPACITY_MIN) & models.Q(capacity__lte=CAPACITY_MAX),
                name="partner_capacity_range",
            )
        ]

    def __str__(self) -> str:
        return self.name
