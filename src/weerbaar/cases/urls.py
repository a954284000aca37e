from django.urls import path

from weerbaar.cases import views

app_name = "cases"
urlpatterns = [
    path("werkruimte", views.queue, name="queue"),
    path("werkruimte/alle-zaken", views.all_cases, name="all_cases"),
    path("werkruimte/escalaties", views.escalated, name="escalated"),
    path("werkruimte/zaken/<str:reference>", views.detail, name="detail"),
    path("werkruimte/zaken/<str:reference>/claim", views.claim, name="claim"),
    path("werkruimte/zaken/<str:reference>/toewijzing", views.assign, name="assign"),
    path("werkruimte/zaken/<str:reference>/overnemen", views.take_over, name="take_over"),
    path("werkruimte/zaken/<str:reference>/status", views.change_status, name="status"),
    path("werkruimte/zaken/<str:reference>/notities", views.add_note, name="notes"),
    path("werkruimte/zaken/<str:reference>/berichten", views.send_message, name="messages"),
    path("werkruimte/zaken/<str:reference>/gesprekken", views.log_call, name="calls"),
    path("werkruimte/zaken/<str:reference>/geschiedenis", views.history, name="history"),
]
