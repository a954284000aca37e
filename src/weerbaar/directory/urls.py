from django.urls import path

from weerbaar.directory import views

app_name = "directory"
urlpatterns = [
    path("werkruimte/adresboek", views.manage, name="manage"),
    path("werkruimte/adresboek/contactpersonen", views.contact_add, name="contact_add"),
    path(
        "werkruimte/adresboek/contactpersonen/<int:contact_id>/zichtbaarheid",
        views.contact_visibility,
        name="contact_visibility",
    ),
    path("werkruimte/netwerkpartners", views.partner_list, name="partner_list"),
    path("werkruimte/netwerkpartners/nieuw", views.partner_new, name="partner_new"),
    path("werkruimte/netwerkpartners/<int:partner_id>", views.partner_detail, name="partner_detail"),
    path("werkruimte/netwerkpartners/<int:partner_id>/bewerken", views.partner_edit, name="partner_edit"),
    path("werkruimte/netwerkpartners/<int:partner_id>/actief", views.partner_active, name="partner_active"),
    path(
        "werkruimte/netwerkpartners/<int:partner_id>/beschikbaarheid",
        views.partner_availability,
        name="partner_availability",
    ),
    path("werkruimte/netwerkpartners/<int:partner_id>/accounts", views.partner_account_new, name="partner_account_new"),
    path("partner", views.partner_home, name="partner_home"),
    path("partner/beschikbaarheid", views.partner_home_availability, name="partner_home_availability"),
]
