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
]
