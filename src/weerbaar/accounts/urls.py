from django.urls import path

from weerbaar.accounts import views

app_name = "accounts"
urlpatterns = [
    path("medewerkers", views.staff_home, name="home"),
    path("medewerkers/inloggen", views.login_view, name="login"),
    path("medewerkers/tweestaps", views.otp_verify, name="otp_verify"),
    path("medewerkers/tweestaps/instellen", views.otp_setup, name="otp_setup"),
    path("medewerkers/herstelcodes", views.recovery_codes, name="recovery_codes"),
    path("medewerkers/uitloggen", views.logout_view, name="logout"),
    path("werkruimte/achtergrondtaken", views.job_runs, name="job_runs"),
]
