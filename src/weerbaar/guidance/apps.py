from django.apps import AppConfig


def _advice_texts() -> str:
    from weerbaar.guidance.advice_services import advice_texts_seed

    return f"Standard advice texts: {advice_texts_seed()} added (only when there were none)."


class GuidanceConfig(AppConfig):
    # WeasyPrint is not imported here: a worker loads it on its first PDF (guidance.pdf, core.imaging).
    name = "weerbaar.guidance"
    label = "guidance"

    def ready(self) -> None:
        from weerbaar.core import seed

        seed.register(seed.SeedStep("advice texts", 20, _advice_texts))
