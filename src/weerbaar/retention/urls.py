"""Workspace pages of retention: the policy, legal holds and destruction lists."""

from django.urls import path

from weerbaar.retention import views

app_name = "retention"

urlpatterns = [
    path("werkruimte/bewaarbeleid", views.policy_page, name="policy"),
    path("werkruimte/bewaarbeleid/regel", views.rule_change, name="rule"),
    path("werkruimte/bewaarplichten", views.holds_page, name="holds"),
    path("werkruimte/bewaarplichten/<int:hold_id>/opheffen", views.hold_lift, name="hold_lift"),
    path("werkruimte/vernietigingslijsten", views.lists_page, name="lists"),
    path("werkruimte/vernietigingslijsten/<int:list_id>", views.list_detail, name="list"),
    path("werkruimte/vernietigingslijsten/<int:list_id>/goedkeuren", views.list_approve, name="approve"),
]
