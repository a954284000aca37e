"""Web pages of notifications."""

from django.urls import path

from weerbaar.notifications import views

app_name = "notifications"

urlpatterns = [
    path("werkruimte/meldingen", views.notification_list, name="list"),
    path("werkruimte/meldingen/alles-gelezen", views.notification_read_all, name="read_all"),
    path("werkruimte/meldingen/instellingen", views.preferences, name="preferences"),
    path("werkruimte/meldingen/e-mail", views.mail_queue, name="mail_queue"),
    path("werkruimte/meldingen/e-mail/<int:pk>/opnieuw", views.mail_retry, name="mail_retry"),
    path("werkruimte/dienstrooster", views.on_duty, name="on_duty"),
    path("werkruimte/dienstrooster/<int:pk>/verwijderen", views.on_duty_remove, name="on_duty_remove"),
    path("werkruimte/meldingen/<int:pk>", views.notification_open, name="open"),
    path("werkruimte/meldingen/<int:pk>/gelezen", views.notification_read, name="read"),
]
