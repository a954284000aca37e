from django.urls import path

from weerbaar.directory import api

urlpatterns = [
    path("associations", api.AssociationListView.as_view(), name="api-associations"),
]
