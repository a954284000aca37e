from tests.staff_web.conftest import as_user, people  # noqa: F401
