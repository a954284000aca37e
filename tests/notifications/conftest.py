from tests.staff_web.conftest import people  # noqa: F401  (signed-in staff in every role)
