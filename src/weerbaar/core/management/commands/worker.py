"""``weerbaar worker``: the background worker and the job scheduler in one process, until stopped.

The scheduler (a thread) enqueues each due job of ``core.jobs`` once per slot every
``WEERBAAR_SCHEDULER_TICK_SECONDS``; the worker (the main thread) runs what is queued: the django-tasks
database worker by default, or with ``WEERBAAR_TASKS_BACKEND=rq`` an RQ worker on Redis with
``django_tasks_rq.Job`` as its job class. SIGINT/SIGTERM stop both after the running task. ``--batch``
schedules once, runs everything queued and exits (for cron and tests).

The RQ worker is RQ's ``SimpleWorker``: it runs each task in this process instead of forking one per task,
because forking while the scheduler thread may hold a lock (logging, the database driver) can deadlock the
child. The tasks are short and idempotent; RQ's timeout (``WEERBAAR_TASK_TIMEOUT_SECONDS``) still applies.

The worker's loop never ends on an unexpected exception (SQLite's "database is locked" while ``seed --demo``
writes, a dropped PostgreSQL connection): ``supervise`` logs the exception's class name (never its message,
which could carry content), counts the restart and starts the loop again after a growing pause.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connection
from django_tasks.utils import get_random_id
from django_tasks_db.management.commands.db_worker import Worker

from weerbaar.core.jobs import schedule_due_jobs

logger = logging.getLogger("weerbaar.worker")


RESTART_DELAYS: tuple[float, ...] = (1.0, 2.0, 5.0, 10.0, 30.0)  # then 30 s between restarts


class Supervisor:
    """Run a loop again whenever it stops on an exception; ``restarts`` counts how often that happened."""

    def __init__(self, *, sleep: Callable[[float], None] = time.sleep, max_restarts: int | None = None) -> None:
        self.restarts = 0
        self.sleep = sleep
        self.max_restarts = max_restarts  # tests stop after a few; the command runs until stopped

    def run(self, loop: Callable[[], object], *, running: Callable[[], bool] = lambda: True) -> None:
        while True:
            try:
                loop()
                return  # the loop ended by itself (batch mode, a graceful shutdown)
            except Exception as exc:  # SystemExit and KeyboardInterrupt (Ctrl+C, SIGTERM) still end the worker
                self.restarts += 1
                delay = RESTART_DELAYS[min(self.restarts, len(RESTART_DELAYS)) - 1]
                logger.error(
                    "worker loop stopped on %s; restart %d in %.0f s", type(exc).__name__, self.restarts, delay
                )
                close_old_connections()
                if not running() or (self.max_restarts is not None and self.restarts > self.max_restarts):
                    raise
                self.sleep(delay)


class Scheduler(threading.Thread):
    def __init__(self, tick: float) -> None:
        super().__init__(name="weerbaar-scheduler", daemon=True)
        self.tick = tick
        self.stopped = threading.Event()
        self.failures = 0

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                close_old_connections()
                created = schedule_due_jobs()
                for run in created:
                    logger.info("scheduled %s for %s", run.job, run.slot.isoformat())
            except Exception as exc:  # keep ticking: a database hiccup must not stop the schedule
                self.failures += 1
                # The class only: a database error's message can quote the values of the statement.
                logger.warning("scheduler tick failed on %s (%d so far)", type(exc).__name__, self.failures)
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
        if settings.TASKS_BACKEND == "rq":
            self._handle_rq(batch=bool(options["batch"]), scheduler_on=not options["no_scheduler"])
            return
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
            Supervisor().run(worker.run, running=lambda: worker.running)
        finally:
            if scheduler is not None:
                scheduler.stopped.set()
                scheduler.join(timeout=5)

    def _handle_rq(self, *, batch: bool, scheduler_on: bool) -> None:
        import django_rq
        from django_rq.utils import reset_db_connections
        from django_tasks_rq.backend import Job
        from rq.worker import SimpleWorker

        # django_rq annotates worker_class as rq.Worker, but rq 2's SimpleWorker derives from BaseWorker (django_rq
        # takes any worker class).
        worker = django_rq.get_worker(
            settings.TASKS_QUEUE,
            job_class=Job,
            worker_class=SimpleWorker,  # type: ignore[arg-type]
        )
        if batch:
            if scheduler_on:
                created = schedule_due_jobs()
                self.stdout.write(f"Scheduled {len(created)} job run(s).")
            reset_db_connections()
            worker.work(burst=True, logging_level="WARNING")
            self.stdout.write("Queue drained.")
            return
        scheduler = None
        if scheduler_on:
            scheduler = Scheduler(float(settings.SCHEDULER_TICK_SECONDS))
            scheduler.start()
        state = "on" if scheduler else "off"
        self.stdout.write(
            f"Weerbaar worker running on Redis queue {settings.TASKS_QUEUE!r} (scheduler {state}). Stop with Ctrl+C."
        )
        self.stdout.flush()
        reset_db_connections()
        try:
            # RQ installs its own SIGINT/SIGTERM handlers: warm shutdown ends work() without an exception.
            Supervisor().run(lambda: worker.work(logging_level="WARNING"))
        finally:
            if scheduler is not None:
                scheduler.stopped.set()
                scheduler.join(timeout=5)
