from django.urls import path

from weerbaar.intake import follow_up, views

app_name = "intake"
urlpatterns = [
    path("", views.home, name="home"),
    path("hulp-vragen", views.help_request, name="request"),
    path("mijn-zaak/inloggen", views.portal_login, name="portal_login"),
    path("mijn-zaak", views.portal, name="portal"),
    path("mijn-zaak/e-mail", views.portal_email, name="portal_email"),
    path("mijn-zaak/uitloggen", views.portal_logout, name="portal_logout"),
    path("mijn-zaak/overal-uitloggen", follow_up.portal_sign_out_everywhere, name="portal_sign_out_everywhere"),
    path("werkruimte/telefonische-hulpvraag", views.phone_intake, name="phone_intake"),
    path(
        "werkruimte/zaken/<str:reference>/persoonlijke-code",
        follow_up.follow_up_code_reset,
        name="follow_up_code_reset",
    ),
]
