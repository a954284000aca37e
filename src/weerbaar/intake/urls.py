from django.urls import path

from weerbaar.intake import views

app_name = "intake"
urlpatterns = [
    path("", views.home, name="home"),
    path("hulp-vragen", views.help_request, name="request"),
    path("mijn-zaak/inloggen", views.portal_login, name="portal_login"),
    path("mijn-zaak", views.portal, name="portal"),
    path("mijn-zaak/e-mail", views.portal_email, name="portal_email"),
    path("mijn-zaak/uitloggen", views.portal_logout, name="portal_logout"),
    path("werkruimte/telefonische-hulpvraag", views.phone_intake, name="phone_intake"),
]
