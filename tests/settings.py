"""Test settings: environment defaults for a self-contained run, then the real settings."""

import base64
import os
import tempfile

os.environ.setdefault("WEERBAAR_DEBUG", "1")
os.environ.setdefault("WEERBAAR_DATA_DIR", tempfile.mkdtemp(prefix="weerbaar-test-"))
# Under pytest-xdist every worker process gets a data directory of its own below the configured one: keys, the
# evidence store, the mail files, the deletion ledger and the SQLite file are never shared between two workers.
if os.environ.get("PYTEST_XDIST_WORKER"):
    _worker = "test-" + os.environ["PYTEST_XDIST_WORKER"]
    os.environ["WEERBAAR_DATA_DIR"] = os.path.join(os.environ["WEERBAAR_DATA_DIR"], _worker)
os.environ.setdefault("WEERBAAR_SECRET_KEY", "test-secret-key-" + "x" * 50)
os.environ.setdefault("WEERBAAR_KEY_ENCRYPTION_KEYS", '{"test1": "' + base64.b64encode(b"k" * 32).decode() + '"}')
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from weerbaar.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; production uses Argon2
IMAGE_DECODER_IN_PROCESS = True  # speed only: no child process per image (core.imaging); its own tests use one
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    **STORAGES,  # noqa: F405  (keeps "evidence", under the temporary data directory)
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
