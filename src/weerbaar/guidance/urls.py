"""Web pages of guidance: the public wizard "Wat kan ik doen?" with its step plan.

The coordinator's library of standard advice texts is the advice app's (``advice.urls``); its URL names stay in
this namespace (see ``weerbaar.urls``)."""

from django.urls import path

from weerbaar.guidance import views

app_name = "guidance"

urlpatterns = [
    path("wat-kan-ik-doen", views.wizard, name="wizard"),
    path("wat-kan-ik-doen/stappenplan.pdf", views.step_plan_download, name="step_plan_pdf"),
]
