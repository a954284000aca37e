from __future__ import annotations

import os
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve Weerbaar with the production WSGI server (gunicorn), static files included."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEERBAAR_WORKERS", "2")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEERBAAR_THREADS", "4")))
        parser.add_argument("--no-collectstatic", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        from gunicorn.app.base import BaseApplication

        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)

        from django.core.wsgi import get_wsgi_application

        application = get_wsgi_application()  # what weerbaar.wsgi serves; the kernel imports no module of ours

        config = {
            "bind": f"{options['host']}:{options['port']}",
            "workers": options["workers"],
            "threads": options["threads"],
            "worker_class": "gthread",
            "accesslog": None,  # request lines could carry references; keep them out of logs
            "errorlog": "-",
            "timeout": 60,
            "forwarded_allow_ips": os.environ.get("WEERBAAR_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        }

        class Server(BaseApplication):
            def load_config(self) -> None:
                for key, value in config.items():
                    self.cfg.set(key, value)

            def load(self) -> Any:
                return application

        self.stdout.write(f"Weerbaar serving on http://{config['bind']}/")
        Server().run()
