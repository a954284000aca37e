"""The to-do pages of the workspace ("Mijn taken", adding a to-do on a case, marking one done or open again).

Their URL names predate this app and stay in cases' namespace (``cases:my_tasks``, ``cases:task_add`` …), so no
template, link or bookmark changed: the root URL conf serves these patterns under ``cases`` (``weerbaar.urls``).
"""

from django.urls import path

from weerbaar.todos import views

urlpatterns = [
    path("werkruimte/zaken/<str:reference>/taken", views.add, name="task_add"),
    path("werkruimte/taken", views.my_tasks, name="my_tasks"),
    path("werkruimte/taken/<int:task_id>/afronden", views.complete, name="task_complete"),
    path("werkruimte/taken/<int:task_id>/heropenen", views.reopen, name="task_reopen"),
]
