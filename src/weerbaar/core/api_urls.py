from django.urls import path
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    path(
        "openapi.json",
        SpectacularAPIView.as_view(renderer_classes=[OpenApiJsonRenderer], authentication_classes=[]),
        name="openapi",
    ),
    path("docs", SpectacularSwaggerSplitView.as_view(url_name="openapi", authentication_classes=[]), name="api-docs"),
]
