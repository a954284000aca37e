"""``weerbaar worker``: the background worker and the job scheduler in one process, until stopped.

The scheduler (a thread) enqueues each due job of ``core.jobs`` once per slot every
``WEERBAAR_SCHEDULER_TICK_SECONDS``; the django-tasks database worker (the main thread) runs what is queued.
SIGINT/SIGTERM stop both after the running task. ``--batch`` schedules once, runs everything queued and
exits (for cron and tests).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connection
from django_tasks.utils import get_random_id
from django_tasks_db.management.commands.db_worker import Worker

from weerbaar.core.jobs import schedule_due_jobs

logger = logging.getLogger("weerbaar.worker")


class Scheduler(threading.Thread):
    def __init__(self, tick: float) -> None:
        super().__init__(name="weerbaar-scheduler", daemon=True)
        self.tick = tick
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                close_old_connections()
                created = schedule_due_jobs()
                for run in created:
                    logger.info("scheduled %s for %s", run.job, run.slot.isoformat())
            except Exception:  # keep ticking: a database hiccup must not stop the schedule
                logger.exception("scheduler tick failed")
            finally:
                close_old_connections()
            self.stopped.wait(self.tick)
        connection.close()


class Command(BaseCommand):
    help = "Run the background worker and the job scheduler until stopped (Ctrl+C)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch", action="store_true", help="Schedule due jobs once, run everything queued, then exit."
        )
        parser.add_argument(
            "--no-scheduler", action="store_true", help="Only run queued tasks (another process schedules)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        worker = Worker(
            queue_names=["*"],
            interval=float(settings.WORKER_INTERVAL_SECONDS),
            batch=bool(options["batch"]),
            backend_name="default",
            startup_delay=not options["batch"],
            max_tasks=None,
            worker_id=get_random_id(),
            excluded_queue_names=[],
        )
        if options["batch"]:
            if not options["no_scheduler"]:
                created = schedule_due_jobs()
                self.stdout.write(f"Scheduled {len(created)} job run(s).")
            worker.run()
            self.stdout.write("Queue drained.")
            return
        scheduler = None
        if not options["no_scheduler"]:
            scheduler = Scheduler(float(settings.SCHEDULER_TICK_SECONDS))
            scheduler.start()
        self.stdout.write("Weerbaar worker running (scheduler %s). Stop with Ctrl+C." % ("on" if scheduler else "off"))
        worker.configure_signals()
        try:
            worker.run()
        finally:
            if scheduler is not None:
                scheduler.stopped.set()
                scheduler.join(timeout=5)
