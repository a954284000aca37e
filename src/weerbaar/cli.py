"""The ``weerbaar`` console script: every Django management command, with Weerbaar's settings.

Settings that refuse to start (no ``WEERBAAR_SECRET_KEY`` outside development, a malformed variable) end the
command with a plain message and exit status 2, never a traceback: the message says what is missing and how to
run the command in development (``WEERBAAR_DEBUG=1``, as ``make run`` does).
"""

from __future__ import annotations

import os
import sys

CONFIGURATION_ERROR = 2

DEVELOPMENT_HINT = (
    "In development (make run), run the command in development mode as well, from the project directory:\n"
    "  WEERBAAR_DEBUG=1 .venv/bin/weerbaar {command}\n"
    "In production, set the variables described in docs/operations.md (Configuration)."
)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weerbaar.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 - loads the settings, which check the environment
    except ImproperlyConfigured as exc:
        args = sys.argv[1:]
        command = " ".join(args[:2]) + (" ..." if len(args) > 2 else "") if args else "help"
        sys.stderr.write(f"weerbaar: the configuration is incomplete: {exc}\n")
        sys.stderr.write(DEVELOPMENT_HINT.format(command=command) + "\n")
        sys.exit(CONFIGURATION_ERROR)
    execute_from_command_line(["weerbaar", *sys.argv[1:]])


if __name__ == "__main__":
    main()
