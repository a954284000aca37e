from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "weerbaar.guidance"
    label = "guidance"

    def ready(self) -> None:
        # WeasyPrint sets Pillow's process-wide ImageFile.LOAD_TRUNCATED_IMAGES = True when it is imported. Import
        # it here, at start-up and before any request thread runs, and switch the flag back: evidence uploads must
        # refuse truncated images (incidents.files), and our PDFs only embed complete, re-encoded previews. Done
        # lazily on the first PDF instead, the flip could race with an upload being checked in another thread.
        import weasyprint  # noqa: F401
        from PIL import ImageFile

        ImageFile.LOAD_TRUNCATED_IMAGES = False
