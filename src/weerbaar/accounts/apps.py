from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "weerbaar.accounts"
    label = "accounts"
