"""The public yearly overview and its workspace pages."""

from django.urls import path

from weerbaar.releases import views

app_name = "releases"

urlpatterns = [
    path("cijfers", views.public_page, name="public"),
    path("cijfers/<int:year>.pdf", views.public_pdf, name="pdf"),
    path("werkruimte/jaaroverzicht", views.workspace_list, name="list"),
    path("werkruimte/jaaroverzicht/concept", views.draft, name="draft"),
    path("werkruimte/jaaroverzicht/<int:release_id>", views.workspace_detail, name="detail"),
    path("werkruimte/jaaroverzicht/<int:release_id>/goedkeuren", views.approve, name="approve"),
    path("werkruimte/jaaroverzicht/<int:release_id>/verwijderen", views.discard, name="discard"),
]
