from django.urls import path

from weerbaar.guidance import api

urlpatterns = [
    path("assessments", api.AssessmentCreateView.as_view(), name="api-assessments"),
]
