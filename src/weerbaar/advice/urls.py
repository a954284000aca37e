"""The coordinator's pages for the library of standard advice texts.

Their URL names predate this app and stay in guidance's namespace (``guidance:advice_text_list`` …), so no
template, link or bookmark changed: the root URL conf serves these patterns under ``guidance`` (``weerbaar.urls``).
"""

from django.urls import path

from weerbaar.advice import views

urlpatterns = [
    path("werkruimte/standaardteksten", views.advice_text_list, name="advice_text_list"),
    path("werkruimte/standaardteksten/nieuw", views.advice_text_create, name="advice_text_create"),
    path("werkruimte/standaardteksten/<int:text_id>", views.advice_text_edit, name="advice_text_edit"),
    path("werkruimte/standaardteksten/<int:text_id>/actief", views.advice_text_active, name="advice_text_active"),
]
