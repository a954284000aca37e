from django.urls import path

from weerbaar.directory import api

urlpatterns = [
    path("associations", api.AssociationListView.as_view(), name="api-associations"),
    path("partners", api.PartnerListView.as_view(), name="api-partners"),
    path("partners/<int:id>", api.PartnerDetailView.as_view(), name="api-partner"),
]
