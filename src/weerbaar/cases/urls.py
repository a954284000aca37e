from django.urls import path

from weerbaar.cases import task_views, views

app_name = "cases"
urlpatterns = [
    path("werkruimte", views.queue, name="queue"),
    path("werkruimte/alle-zaken", views.all_cases, name="all_cases"),
    path("werkruimte/escalaties", views.escalated, name="escalated"),
    path("werkruimte/zaken/<str:reference>", views.detail, name="detail"),
    path("werkruimte/zaken/<str:reference>/claim", views.claim, name="claim"),
    path("werkruimte/zaken/<str:reference>/toewijzing", views.assign, name="assign"),
    path("werkruimte/zaken/<str:reference>/status", views.change_status, name="status"),
    path("werkruimte/zaken/<str:reference>/notities", views.add_note, name="notes"),
    path("werkruimte/zaken/<str:reference>/berichten", views.send_message, name="messages"),
    path("werkruimte/zaken/<str:reference>/gesprekken", views.log_call, name="calls"),
    path("werkruimte/zaken/<str:reference>/taken", task_views.add, name="task_add"),
    path("werkruimte/taken", task_views.my_tasks, name="my_tasks"),
    path("werkruimte/taken/<int:task_id>/afronden", task_views.complete, name="task_complete"),
    path("werkruimte/taken/<int:task_id>/heropenen", task_views.reopen, name="task_reopen"),
]
