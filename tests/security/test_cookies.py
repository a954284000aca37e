"""Production cookies carry the __Host- prefix (ASVS 3.4.4): Secure, no Domain, path "/" — a sibling subdomain
cannot plant or overwrite the session or CSRF cookie."""

from __future__ import annotations

import json
import secrets
import sys

from tests.core.test_keys_and_settings import AUDIT_KEY, K1, _clean_env, _run

SHOW = (
    "import django, json; django.setup()\n"
    "from django.conf import settings as s\n"
    "from django.test import Client, override_settings\n"
    "plain = {**s.STORAGES, 'staticfiles': {'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'}}\n"
    "with override_settings(STORAGES=plain):  # no collected manifest in this test\n"
    "    r = Client().get('/medewerkers/inloggen', secure=True, HTTP_HOST='example.org')\n"
    "c = r.cookies['__Host-csrftoken']\n"
    "print(json.dumps({'session': s.SESSION_COOKIE_NAME, 'csrf': s.CSRF_COOKIE_NAME,\n"
    "    'secure': c['secure'], 'domain': c['domain'], 'path': c['path'],\n"
    "    'session_secure': s.SESSION_COOKIE_SECURE, 'session_domain': s.SESSION_COOKIE_DOMAIN,\n"
    "    'session_path': s.SESSION_COOKIE_PATH}))\n"
)


def test_production_cookies_have_the_host_prefix(tmp_path):
    env = _clean_env(
        tmp_path,
        WEERBAAR_SECRET_KEY=secrets.token_urlsafe(60),
        WEERBAAR_KEY_ENCRYPTION_KEYS=f"k1:{K1}",
        WEERBAAR_AUDIT_KEY=AUDIT_KEY,
        WEERBAAR_ALLOWED_HOSTS="example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    result = _run([sys.executable, "-c", SHOW], env)
    assert result.returncode == 0, result.stderr[-2000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["session"] == "__Host-sessionid"
    assert seen["csrf"] == "__Host-csrftoken"
    assert seen["secure"] is True
    assert seen["domain"] == ""
    assert seen["path"] == "/"
    assert seen["session_secure"] is True
    assert seen["session_domain"] is None
    assert seen["session_path"] == "/"


def test_json_api_answers_are_attachments(db):
    """ASVS 14.4.2: a browser that opens an API address downloads the JSON instead of rendering it."""
    from django.test import Client

    for path, status in (("/api/v1/associations", 200), ("/api/v1/cases", 401), ("/api/v1/nothing-here", 404)):
        response = Client().get(path)
        assert response.status_code == status
        assert response["Content-Disposition"] == 'attachment; filename="api.json"', path
