from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "weerbaar.directory"
    label = "directory"
