from django.urls import path

from weerbaar.advice import api

urlpatterns = [
    path("advice-texts", api.AdviceTextListView.as_view(), name="api-advice-texts"),
    path("advice-texts/<int:id>", api.AdviceTextDetailView.as_view(), name="api-advice-text"),
]
