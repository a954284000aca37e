from django.apps import AppConfig


def _reference_data() -> str:
    from weerbaar.directory.services import reference_data_load

    result = reference_data_load()
    return (
        f"Reference data: {result.associations} associations, {result.contacts} contacts, "
        f"{result.provinces} provinces, {result.municipalities} municipalities."
    )


class DirectoryConfig(AppConfig):
    name = "weerbaar.directory"
    label = "directory"

    def ready(self) -> None:
        from weerbaar.core import demo, seed
        from weerbaar.directory import demo as directory_demo

        seed.register(seed.SeedStep("reference data", 10, _reference_data))
        demo.register(directory_demo.REFERENCE_DATA, directory_demo.PARTNERS)
