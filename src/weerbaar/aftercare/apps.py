from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def on_case_status_changed(
    sender: Any, *, case: Any, source: str, target: str, actor: Any, now: Any, **kwargs: Any
) -> None:
    """Moving to aftercare starts the plan; closing (confirmed) closes it or lets it run on."""
    from weerbaar.aftercare import services

    if target == "aftercare":
        services.aftercare_plan_start(case=case, actor=actor, now=now)
    elif target == "closed":
        services.aftercare_on_case_closed(
            case=case, actor=actor, confirmed=frozenset(kwargs.get("confirmed") or ()), now=now
        )


def _plan_open(case: Any) -> bool:
    from weerbaar.aftercare.services import plan_is_open

    return plan_is_open(case)


def _check_in_moments(cases: Any) -> Any:
    """The queue's next action from aftercare: per case the earliest check-in still to go out (planned), waiting
    for the office holder (due) or answered and waiting for the advisor's follow-up — at its due moment."""
    from weerbaar.aftercare.choices import CheckInStatus
    from weerbaar.aftercare.models import CheckIn
    from weerbaar.cases.next_action import earliest_per_case

    waiting = CheckIn.objects.filter(status__in=(CheckInStatus.PLANNED, CheckInStatus.DUE, CheckInStatus.ANSWERED))
    return earliest_per_case(waiting, case="plan__case", moment="due_at", cases=cases)


class AftercareConfig(AppConfig):
    name = "weerbaar.aftercare"
    label = "aftercare"
    verbose_name = "Aftercare plans: check-ins for the office holder and household members"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from weerbaar.aftercare import jobs as aftercare_jobs
        from weerbaar.cases import next_action, signals
        from weerbaar.core import jobs

        jobs.register(*aftercare_jobs.JOBS)
        next_action.register(next_action.NextActionSource("check_in", 30, _("Check-in"), _check_in_moments))

        signals.case_status_changed.connect(on_case_status_changed, dispatch_uid="aftercare.case_status_changed")
        signals.register_close_check(
            signals.CloseCheck(
                code="aftercare_open",
                applies=_plan_open,
                message=_(
                    "Deze zaak heeft een lopend nazorgplan. Kies of de nazorg stopt of doorloopt na het sluiten."
                ),
                api_field="confirmAftercareClose",
                options=(
                    ("aftercare_close", _("Nazorg stopt: het plan sluit mee en geplande check-ins vervallen"), ""),
                    (
                        "aftercare_keep",
                        _("Nazorg loopt door: de geplande check-ins gaan door nadat de zaak is gesloten"),
                        "keepAftercareRunning",
                    ),
                ),
            )
        )

        from weerbaar.aftercare import synthetic as aftercare_synthetic
        from weerbaar.core import synthetic

        synthetic.register(aftercare_synthetic.AFTERCARE)
