from django.apps import AppConfig


def newest_case_for_audit() -> tuple[str, str] | None:
    from weerbaar.cases.models import Case

    reference = Case.objects.order_by("-id").values_list("reference", flat=True).first()
    return None if reference is None else ("case", reference)


class CasesConfig(AppConfig):
    name = "weerbaar.cases"
    label = "cases"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from weerbaar.cases import jobs as case_jobs
        from weerbaar.cases import next_action
        from weerbaar.core import audit, jobs

        jobs.register(*case_jobs.JOBS)
        # Its creation is audited in the same transaction: a log without it was shortened or wiped.
        audit.register_anchor(audit.Anchor("case", 10, newest_case_for_audit))
        next_action.register(
            next_action.NextActionSource("message", 10, _("Bericht van de aanvrager"), next_action.unread_messages)
        )
