from django.apps import AppConfig


def _advice_texts() -> str:
    from weerbaar.advice.services import advice_texts_seed

    return f"Standard advice texts: {advice_texts_seed()} added (only when there were none)."


class AdviceConfig(AppConfig):
    """The library of standard advice texts that advisors insert into messages (general texts, no case content)."""

    name = "weerbaar.advice"
    label = "advice"
    verbose_name = "Standard advice texts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from weerbaar.core import seed

        seed.register(seed.SeedStep("advice texts", 20, _advice_texts))
