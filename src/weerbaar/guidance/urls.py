"""Web pages of guidance: the public wizard "Wat kan ik doen?" with its step plan, and the coordinator's
library of standard advice texts."""

from django.urls import path

from weerbaar.guidance import advice_views, views

app_name = "guidance"

urlpatterns = [
    path("wat-kan-ik-doen", views.wizard, name="wizard"),
    path("wat-kan-ik-doen/stappenplan.pdf", views.step_plan_download, name="step_plan_pdf"),
    path("werkruimte/standaardteksten", advice_views.advice_text_list, name="advice_text_list"),
    path("werkruimte/standaardteksten/nieuw", advice_views.advice_text_create, name="advice_text_create"),
    path("werkruimte/standaardteksten/<int:text_id>", advice_views.advice_text_edit, name="advice_text_edit"),
    path(
        "werkruimte/standaardteksten/<int:text_id>/actief",
        advice_views.advice_text_active,
        name="advice_text_active",
    ),
]
