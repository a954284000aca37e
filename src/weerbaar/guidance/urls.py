"""Public web pages of guidance: the wizard "Wat kan ik doen?" and its step plan as a PDF."""

from django.urls import path

from weerbaar.guidance import views

app_name = "guidance"

urlpatterns = [
    path("wat-kan-ik-doen", views.wizard, name="wizard"),
    path("wat-kan-ik-doen/stappenplan.pdf", views.step_plan_download, name="step_plan_pdf"),
]
