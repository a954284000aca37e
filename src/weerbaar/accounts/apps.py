from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "weerbaar.accounts"
    label = "accounts"

    def ready(self) -> None:
        from weerbaar.accounts import demo as accounts_demo
        from weerbaar.core import demo

        demo.register(accounts_demo.DEMO)
