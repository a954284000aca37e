from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "weerbaar.intake"
    label = "intake"

    def ready(self) -> None:
        from weerbaar.intake.portal import current_office_holder, portal_session_present, portal_sign_out
        from weerbaar.intake.services import follow_up_session_resolve
        from weerbaar.web.office_holders import OfficeHolderSessions, register

        # The office holder's sessions are intake's (follow-up codes); the shared web layer asks through this.
        register(
            OfficeHolderSessions(
                from_token=follow_up_session_resolve,
                from_request=current_office_holder,
                sign_out=portal_sign_out,
                sign_in_url="intake:portal_login",
                present=portal_session_present,
            )
        )

        from weerbaar.cases import panels
        from weerbaar.intake.follow_up import follow_up_code_panel

        # Replacing the office holder's code, on the case page of those who work on it (content access).
        panels.register(panels.CasePanel("follow-up code", 90, follow_up_code_panel))

        from weerbaar.core import demo
        from weerbaar.intake import demo as intake_demo

        demo.register(intake_demo.COUNTS, intake_demo.CASES)

        from weerbaar.core import synthetic
        from weerbaar.intake import synthetic as intake_synthetic

        synthetic.register(intake_synthetic.CASES)
