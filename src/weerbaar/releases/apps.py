from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "weerbaar.releases"
    label = "releases"
    verbose_name = "Public yearly figures: releases drafted, approved by two people and frozen"
    default_auto_field = "django.db.models.BigAutoField"
