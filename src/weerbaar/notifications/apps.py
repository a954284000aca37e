from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "weerbaar.notifications"
    label = "notifications"
    verbose_name = "Notifications in the app and by e-mail (never case content), preferences, retries"
    default_auto_field = "django.db.models.BigAutoField"
