"""Public web pages of guidance: the wizard "Wat kan ik doen?"."""

from django.urls import path

from weerbaar.guidance import views

app_name = "guidance"

urlpatterns = [
    path("wat-kan-ik-doen", views.wizard, name="wizard"),
]
