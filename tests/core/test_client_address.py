"""Which address the rate limits count: REMOTE_ADDR, unless trusted proxies are configured."""

import pytest
from django.test import RequestFactory

from weerbaar.core.ratelimit import client_address


@pytest.fixture
def rf():
    return RequestFactory()


def test_forwarded_header_is_ignored_without_trusted_proxies(rf, settings):
    settings.WEERBAAR = {**settings.WEERBAAR, "TRUSTED_PROXIES": 0}
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6", REMOTE_ADDR="10.0.0.1")
    assert client_address(request) == "10.0.0.1"


def test_one_trusted_proxy_gives_the_address_it_saw(rf, settings):
    settings.WEERBAAR = {**settings.WEERBAAR, "TRUSTED_PROXIES": 1}
    # The client forged the first entry; the proxy appended the address it really saw.
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7", REMOTE_ADDR="10.0.0.1")
    assert client_address(request) == "203.0.113.7"


def test_too_short_forwarded_header_falls_back_to_the_peer(rf, settings):
    settings.WEERBAAR = {**settings.WEERBAAR, "TRUSTED_PROXIES": 2}
    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.7", REMOTE_ADDR="10.0.0.1")
    assert client_address(request) == "10.0.0.1"


def test_axes_gets_no_address_rather_than_one_an_ip_column_refuses(rf):
    """django-axes stores the address in an IP column: PostgreSQL refused the limiter's ``unknown`` (a request
    without REMOTE_ADDR, as Django's ``force_login`` makes), which failed every staff test there."""
    from weerbaar.accounts.signin import client_ip

    request = rf.get("/")
    del request.META["REMOTE_ADDR"]
    assert client_address(request) == "unknown"
    assert client_ip(request) is None
    assert client_ip(rf.get("/", REMOTE_ADDR="2001:db8::1")) == "2001:db8::1"
