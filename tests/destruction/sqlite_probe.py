"""Run in a child process (``test_sqlite_file.py``): on a real SQLite file in WAL mode, open cases, destroy one and
report whether its wrapped key and sealed request are still anywhere in the database file or its write-ahead log."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def main(data_dir: str) -> None:
    os.environ.pop("DATABASE_URL", None)
    os.environ.update(WEERBAAR_DEBUG="1", WEERBAAR_DATA_DIR=data_dir, DJANGO_SETTINGS_MODULE="weerbaar.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from tests.factories import help_request_payload
    from weerbaar.cases.choices import Channel
    from weerbaar.destruction.services import case_destroy
    from weerbaar.intake.services import help_request_submit

    call_command("migrate", verbosity=0)
    call_command("seed", verbosity=0)
    cases = [help_request_submit(raw=help_request_payload(), channel=Channel.API).case for _ in range(10)]
    victim, kept = cases[3], cases[4]
    database = str(settings.DATABASES["default"]["NAME"])

    def files() -> bytes:
        return b"".join(path.read_bytes() for path in (Path(database), Path(database + "-wal")) if path.exists())

    def found(case) -> list[bool]:
        blob = files()
        return [bytes(case.wrapped_key) in blob, bytes(case.sealed_request) in blob]

    before = found(victim)
    wanted = [bytes(victim.wrapped_key), bytes(victim.sealed_request)]
    case_destroy(victim, actor="system:test", reason="test")
    blob = files()
    print(json.dumps({"before": before, "after": [w in blob for w in wanted], "kept": found(kept)}))


if __name__ == "__main__":
    main(sys.argv[1])
