from django.apps import AppConfig


def _advice_texts() -> str:
    from weerbaar.guidance.advice_services import advice_texts_seed

    return f"Standard advice texts: {advice_texts_seed()} added (only when there were none)."


class GuidanceConfig(AppConfig):
    name = "weerbaar.guidance"
    label = "guidance"

    def ready(self) -> None:
        from weerbaar.core import seed

        seed.register(seed.SeedStep("advice texts", 20, _advice_texts))
        # WeasyPrint sets Pillow's process-wide ImageFile.LOAD_TRUNCATED_IMAGES = True when it is imported. Import
        # it here, at start-up and before any request thread runs, and switch the flag back: evidence uploads must
        # refuse truncated images (incidents.files), and our PDFs only embed complete, re-encoded previews. Done
        # lazily on the first PDF instead, the flip could race with an upload being checked in another thread.
        import weasyprint  # noqa: F401
        from PIL import ImageFile

        ImageFile.LOAD_TRUNCATED_IMAGES = False
