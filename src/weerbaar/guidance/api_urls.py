from django.urls import path

from weerbaar.guidance import advice_api, api

urlpatterns = [
    path("assessments", api.AssessmentCreateView.as_view(), name="api-assessments"),
    path("advice-texts", advice_api.AdviceTextListView.as_view(), name="api-advice-texts"),
    path("advice-texts/<int:id>", advice_api.AdviceTextDetailView.as_view(), name="api-advice-text"),
]
