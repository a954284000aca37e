from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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
