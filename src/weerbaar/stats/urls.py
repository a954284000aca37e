"""The analysts' statistics pages in the workspace."""

from django.urls import path

from weerbaar.stats import views

app_name = "stats"

urlpatterns = [
    path("werkruimte/statistieken", views.statistics, name="statistics"),
    path("werkruimte/statistieken.csv", views.statistics_csv, name="statistics_csv"),
    path("werkruimte/statistieken-steun.csv", views.figures_csv, name="figures_csv"),
]
