from tests.staff_web.conftest import as_user, people  # noqa: F401 - the staff fixtures, shared
