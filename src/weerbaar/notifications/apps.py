from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "weerbaar.notifications"
    label = "notifications"
    verbose_name = "Notifications in the app and by e-mail (never case content), preferences, retries"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from weerbaar.accounts import signals as account_signals
        from weerbaar.cases import signals
        from weerbaar.core import jobs
        from weerbaar.notifications import jobs as notification_jobs
        from weerbaar.notifications import receivers
        from weerbaar.todos import signals as todo_signals

        jobs.register(*notification_jobs.JOBS)
        signals.case_opened.connect(receivers.on_case_opened, dispatch_uid="notifications.case_opened")
        signals.case_message_sent.connect(
            receivers.on_case_message_sent, dispatch_uid="notifications.case_message_sent"
        )
        signals.case_escalated.connect(receivers.on_case_escalated, dispatch_uid="notifications.case_escalated")
        signals.case_taken_over.connect(receivers.on_case_taken_over, dispatch_uid="notifications.case_taken_over")
        signals.case_lent_recorded.connect(
            receivers.on_case_lent_recorded, dispatch_uid="notifications.case_lent_recorded"
        )
        signals.cases_red.connect(receivers.on_cases_red, dispatch_uid="notifications.cases_red")
        signals.case_message_received.connect(
            receivers.on_case_message_received, dispatch_uid="notifications.case_message_received"
        )
        todo_signals.todo_due.connect(receivers.on_todo_due, dispatch_uid="notifications.todo_due")
        account_signals.partner_account_created.connect(
            receivers.on_partner_account_created, dispatch_uid="notifications.partner_account_created"
        )
