"""Issue 12, finding 4: behind the documented reverse proxy nobody can lock a staff member out.

django-axes must see the client address by the application's trusted-proxy rule (not the proxy's), so failures
lock only the guesser's own address; guesses for one user name from many addresses meet a growing delay instead
of a lock, which a browser where the real user signed in before does not meet.
"""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import Client

from tests.staff_web.conftest import PASSWORD, make_people
from weerbaar.accounts import signin

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
LOGIN = "/medewerkers/inloggen"


@pytest.fixture
def people(reference_data):
    return make_people()


@pytest.fixture
def behind_proxy(settings):
    settings.WEERBAAR = {**settings.WEERBAAR, "TRUSTED_PROXIES": 1}


@pytest.fixture
def clock(monkeypatch):
    """The slowdown's clock, moved by hand (no sleeping)."""
    now = [1_800_000_000.0]
    monkeypatch.setattr(signin, "_now", lambda: now[0])
    return now


def attempt(client: Client, client_address: str, username: str = "anna", password: str = "wrong password"):  # noqa: S107
    data = {"username": username, "password": password}
    return client.post(LOGIN, data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_address)


def test_an_attacker_behind_the_proxy_locks_only_their_own_address(people, behind_proxy):
    attacker = Client()
    for n in range(4):
        assert attempt(attacker, "198.51.100.7", password=f"guess {n}").status_code == 400
    assert attempt(attacker, "198.51.100.7", password="guess 5").status_code == 429
    assert attempt(attacker, "198.51.100.7", password=PASSWORD).status_code == 429  # locked: even the right one
    # axes recorded the client's address, not the proxy's
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}

    real_user = attempt(Client(), "203.0.113.5", password=PASSWORD)
    assert real_user.status_code == 302
    assert real_user["Location"].startswith("/medewerkers/tweestaps")


def test_a_forged_forwarded_for_does_not_escape_the_lock_without_a_trusted_proxy(people):
    """WEERBAAR_TRUSTED_PROXIES=0 (no proxy): X-Forwarded-For is the client's to forge and is ignored."""
    attacker = Client()
    for n in range(5):
        attempt(attacker, f"192.0.2.{n}", password=f"guess {n}")
    assert attempt(attacker, "192.0.2.99", password=PASSWORD).status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {PROXY}


def test_many_addresses_slow_one_user_name_down_progressively(people, behind_proxy, settings, clock):
    settings.WEERBAAR = {**settings.WEERBAAR, "LOGIN_SLOWDOWN_AFTER": 3, "LOGIN_SLOWDOWN_MAX_SECONDS": 4}
    for n in range(3):  # three addresses, one guess each: below axes' lock and the slowdown's threshold
        assert attempt(Client(), f"198.51.100.{n}").status_code == 400

    refused = attempt(Client(), "198.51.100.50", password=PASSWORD)  # even the right password is not checked
    assert refused.status_code == 429
    assert refused["Retry-After"] == "1"
    assert "te vaak een verkeerd wachtwoord" in refused.content.decode()

    clock[0] += 1
    assert attempt(Client(), "198.51.100.51").status_code == 400  # the 4th failure: the delay doubles
    clock[0] += 1.5
    assert attempt(Client(), "198.51.100.52").status_code == 429
    clock[0] += 0.5
    assert attempt(Client(), "198.51.100.53").status_code == 400  # the 5th: 4 s
    clock[0] += 3
    assert attempt(Client(), "198.51.100.54")["Retry-After"] == "1"
    clock[0] += 1
    assert attempt(Client(), "198.51.100.55").status_code == 400  # the 6th: still 4 s (the longest)
    clock[0] += 3.9
    assert attempt(Client(), "198.51.100.56").status_code == 429

    # other user names are not slowed down
    assert attempt(Client(), "198.51.100.57", username="bram", password=PASSWORD).status_code == 302


def test_the_real_users_own_browser_is_not_slowed_down(people, behind_proxy, settings, clock):
    settings.WEERBAAR = {**settings.WEERBAAR, "LOGIN_SLOWDOWN_AFTER": 2, "LOGIN_SLOWDOWN_MAX_SECONDS": 60}
    own_browser = Client()
    assert attempt(own_browser, "203.0.113.5", password=PASSWORD).status_code == 302  # signed in before
    own_browser.post("/medewerkers/uitloggen")
    assert signin.DEVICE_COOKIE in own_browser.cookies

    for n in range(4):
        attempt(Client(), f"198.51.100.{n}")
    assert attempt(Client(), "198.51.100.9", password=PASSWORD).status_code == 429  # a new browser waits
    assert attempt(own_browser, "203.0.113.5", password=PASSWORD).status_code == 302  # the known one does not

    # the cookie is for that user name only, and a forged one counts for nothing
    assert attempt(own_browser, "203.0.113.5", username="bram", password="wrong").status_code == 400
    stranger = Client()
    stranger.cookies[signin.DEVICE_COOKIE] = own_browser.cookies[signin.DEVICE_COOKIE].value[:-2] + "xx"
    assert attempt(stranger, "198.51.100.10", password=PASSWORD).status_code == 429


def test_passwords_of_64_characters_are_allowed_and_over_128_refused(people):
    """ASVS 2.1.2, where passwords are set and at sign-in (where nothing longer is hashed)."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    validate_password("kaars-" * 10 + "ok!!", user=people["advisor"])  # 64 characters
    validate_password("x7-" * 42 + "ab", user=people["advisor"])  # 128
    with pytest.raises(ValidationError, match="hoogstens 128 tekens"):
        validate_password("x7-" * 43, user=people["advisor"])  # 129

    response = Client().post(LOGIN, {"username": "anna", "password": "a" * 129})
    assert response.status_code == 400
    assert "hoogstens 128 tekens" in response.content.decode()
    assert 'maxlength="128"' not in response.content.decode()  # never cut short by the browser
