"""API v1 endpoints of notifications."""

from django.urls import path

from weerbaar.notifications import api

urlpatterns = [
    path("notifications", api.NotificationListView.as_view(), name="api-notifications"),
    path("notifications/<int:id>", api.NotificationDetailView.as_view(), name="api-notification"),
    path("on-duty-periods", api.OnDutyPeriodListView.as_view(), name="api-on-duty-periods"),
    path("on-duty-periods/<int:id>", api.OnDutyPeriodDetailView.as_view(), name="api-on-duty-period"),
]
