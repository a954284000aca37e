from django.urls import path

from weerbaar.todos import api

urlpatterns = [
    path("tasks", api.TasksView.as_view(), name="api-tasks"),
    path("cases/<str:reference>/tasks", api.CaseTasksView.as_view(), name="api-case-tasks"),
    path(
        "cases/<str:reference>/tasks/<int:id>/completion",
        api.CaseTaskCompletionView.as_view(),
        name="api-case-task-completion",
    ),
]
