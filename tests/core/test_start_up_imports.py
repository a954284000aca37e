"""A web worker starts light: the heavy libraries are imported where they are used, not at start-up.

Each check runs in a fresh interpreter (a subprocess): the test process itself has imported everything.
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "weerbaar"

# WeasyPrint and what it pulls in (about 40 MB), Pillow, libmagic and the Redis task queue stack.
HEAVY = (
    "weasyprint",
    "fontTools",
    "pydyf",
    "cssselect2",
    "tinycss2",
    "pyphen",
    "PIL",
    "magic",
    "rq",
    "django_rq",
    "django_tasks_rq",
    "redis",
)

# What a gunicorn worker has done before its first request: the WSGI application (django.setup(), every
# app's ready()) and, on that request, the URLconf with every view module it names.
WORKER_START = """
import json, sys
from weerbaar.wsgi import application  # noqa: F401
from django.urls import get_resolver
get_resolver().url_patterns
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def run_python(code: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("WEERBAAR_") and k != "DATABASE_URL"}
    clean |= {
        "DJANGO_SETTINGS_MODULE": "weerbaar.settings",
        "WEERBAAR_DATA_DIR": str(tmp_path),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), clean.get("PYTHONPATH", "")]),
        **env,
    }
    return subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize(
    "settings_env",
    [
        pytest.param({"WEERBAAR_DEBUG": "1"}, id="development"),
        pytest.param(
            {
                "WEERBAAR_DEBUG": "0",
                "WEERBAAR_SECRET_KEY": "start-up-imports-" + "x" * 40,
                "WEERBAAR_KEY_ENCRYPTION_KEYS": json.dumps({"k1": base64.b64encode(b"\x01" * 32).decode()}),
                "WEERBAAR_AUDIT_KEY": base64.b64encode(b"\x02" * 32).decode(),
                "WEERBAAR_ALLOWED_HOSTS": "weerbaar.test",
            },
            id="production",
        ),
    ],
)
def test_a_worker_starts_without_the_heavy_libraries(tmp_path, settings_env):
    result = run_python(WORKER_START, tmp_path, **settings_env)
    assert result.returncode == 0, result.stderr[-3000:]
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert "weerbaar" in loaded
    assert "django" in loaded
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


def test_the_heavy_libraries_are_importable_where_they_are_used(tmp_path):
    """The other side of the guard: the modules that use them still import and load them."""
    code = WORKER_START + (
        "from weerbaar.guidance import pdf\n"
        "from weerbaar.incidents import files\n"
        "files.detect_media_type(b'%PDF-1.4 x')\n"
        "import magic, PIL.Image, weasyprint\n"
        "from PIL import ImageFile\n"
        "assert ImageFile.LOAD_TRUNCATED_IMAGES is False, 'importing WeasyPrint left Pillow loose'\n"
    )
    result = run_python(code, tmp_path, WEERBAAR_DEBUG="1")
    assert result.returncode == 0, result.stderr[-3000:]


def test_weasyprint_is_imported_only_through_core_imaging():
    """Importing WeasyPrint flips a Pillow flag: every module that imports it loads it with
    ``core.imaging.load_weasyprint()`` first (see there), which only ``guidance.pdf`` does."""
    importing = re.compile(r"^\s*(from|import)\s+weasyprint\b", re.MULTILINE)
    found = sorted(str(path.relative_to(SRC)) for path in SRC.rglob("*.py") if importing.search(path.read_text()))
    assert found == ["core/imaging.py", "guidance/pdf.py"]
    pdf_source = (SRC / "guidance" / "pdf.py").read_text()
    loads = re.search(r"^load_weasyprint\(\)", pdf_source, re.MULTILINE)
    first_import = importing.search(pdf_source)
    assert loads is not None
    assert first_import is not None
    assert loads.start() < first_import.start()


def test_an_image_check_holds_off_the_weasyprint_import(tmp_path):
    """While an image is being checked, a PDF in another thread waits with importing WeasyPrint (whose import
    loosens Pillow); afterwards Pillow is strict again."""
    code = """
import sys, threading, time
from weerbaar.core import imaging
from PIL import ImageFile

inside, release, seen = threading.Event(), threading.Event(), []

def check_an_image():
    with imaging.strict_pillow():
        inside.set()
        release.wait(30)
        seen.append(ImageFile.LOAD_TRUNCATED_IMAGES)

checker = threading.Thread(target=check_an_image)
checker.start()
inside.wait(30)
loader = threading.Thread(target=imaging.load_weasyprint)
loader.start()
time.sleep(0.5)
assert "weasyprint" not in sys.modules, "WeasyPrint was imported while an image was being checked"
release.set()
checker.join(30)
loader.join(120)
assert seen == [False], seen
assert "weasyprint" in sys.modules
assert ImageFile.LOAD_TRUNCATED_IMAGES is False
with imaging.strict_pillow():  # loaded: no lock any more, the flag stays down
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
print("ok")
"""
    result = run_python(code, tmp_path, WEERBAAR_DEBUG="1")
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "ok"
