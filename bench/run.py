"""Weerbaar benchmark: prints figures, enforces nothing (see bench/README.md).

    .venv/bin/python bench/run.py [--quick] [--requests 2000] [--cases 10000,100000] [--concurrency 8]
    .venv/bin/python bench/run.py --dossier [--quick]     # only the dossier measurement

1. Starts the real production server (``weerbaar serve``: gunicorn, 2 workers) on a free
   loopback port against a fresh data directory and database: SQLite by default, a scratch
   PostgreSQL database ``weerbaar_bench`` when ``DATABASE_URL`` is set.
2. Intake: fires N ``POST /api/v1/help-requests`` with bounded concurrency; requests/s, p50/p95/p99.
3. Bulk-inserts cases (each with its own data key and sealed request) up to each size in
   ``--cases`` and measures ``GET /api/v1/cases`` (staff token) and the advisor queue page
   ``/werkruimte`` (signed in with password + TOTP), p50/p95, plus the number of SQL queries
   per request for pageSize 10 vs 100 (in-process, CaptureQueriesContext).
4. Memory of each gunicorn worker before and after the load: resident (RSS), proportional (PSS) and
   unique (USS), from /proc/<pid>/smaps_rollup.
5. The police dossier (issue 3), in-process after the server has stopped: PDF and ZIP of one case with
   30 incidents and 60 phone-screenshot-sized images; wall time and peak memory. ``--dossier`` runs only this.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html import unescape
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
BENCH_DB = "weerbaar_bench"  # the scratch database when DATABASE_URL names none (or "postgres")


def bench_db_name(database_url: str) -> str:
    """The scratch database: ``<name>_bench`` for a DATABASE_URL that names a database of its own (so two
    worktrees benchmarking on one server do not drop each other's), else ``weerbaar_bench``."""
    name = urlsplit(database_url).path.lstrip("/")
    if not name or name == "postgres" or not re.fullmatch(r"[a-z0-9_]{1,50}", name):
        return BENCH_DB
    return f"{name}_bench"


ADVISOR = "bench-advisor"
COORDINATOR = "bench-coordinator"
PASSWORD = "bench-" + secrets.token_urlsafe(18)


# --- small helpers ---------------------------------------------------------------------------


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[rank]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def log(message: str) -> None:
    print(f"  .. {message}", file=sys.stderr, flush=True)


@dataclass
class Sample:
    latencies_ms: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1

    @property
    def ok(self) -> int:
        return len(self.latencies_ms)


@dataclass
class Row:
    what: str
    sample: Sample | None = None
    throughput: bool = False
    note: str = ""


class Http:
    """One keep-alive loopback connection with a tiny cookie jar (enough for the staff sign-in)."""

    def __init__(self, port: int, timeout: float = 30) -> None:
        self.port, self.timeout = port, timeout
        self.conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, ConnectionError, TimeoutError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
                if attempt:
                    raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie = value.split(";", 1)[0]
                key, _, val = cookie.partition("=")
                if val:
                    self.cookies[key.strip()] = val.strip()
                else:
                    self.cookies.pop(key.strip(), None)
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data

    def close(self) -> None:
        self.conn.close()


# --- environment and database ------------------------------------------------------------------


def prepare_environment(data_dir: Path) -> tuple[str, str]:
    """Production settings with explicit keys, no SSL redirect (loopback), no intake rate limit."""
    database_url = os.environ.get("DATABASE_URL", "").strip()
    env = {
        "WEERBAAR_DEBUG": "0",
        "WEERBAAR_SSL_REDIRECT": "0",
        "WEERBAAR_DATA_DIR": str(data_dir),
        "WEERBAAR_SECRET_KEY": secrets.token_urlsafe(50),
        "WEERBAAR_KEY_ENCRYPTION_KEYS": json.dumps({"bench1": base64.b64encode(os.urandom(32)).decode()}),
        "WEERBAAR_AUDIT_KEY": base64.b64encode(os.urandom(32)).decode(),
        "WEERBAAR_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WEERBAAR_INTAKE_RATE_LIMIT": "0",
        "DJANGO_SETTINGS_MODULE": "weerbaar.settings",
    }
    kind = "sqlite"
    if database_url:
        kind = "postgresql"
        env["DATABASE_URL"] = scratch_postgres(database_url)
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.update(env)
    return kind, env.get("DATABASE_URL", str(data_dir / "weerbaar.sqlite3"))


def scratch_postgres(database_url: str) -> str:
    import psycopg

    parts = urlsplit(database_url)
    admin_url = urlunsplit(parts._replace(path="/" + (parts.path.lstrip("/") or "postgres")))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {bench_db_name(database_url)} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {bench_db_name(database_url)}")
    return urlunsplit(parts._replace(path="/" + bench_db_name(database_url)))


def drop_scratch_postgres(database_url: str) -> None:
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")  # the scratch database itself (scratch_postgres' answer)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    try:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    except psycopg.Error as exc:
        log(f"could not drop {name}: {exc}")


def django_setup() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from weerbaar.directory.services import reference_data_load

    reference_data_load()


@dataclass
class Staff:
    advisor_token: str
    coordinator_token: str
    totp_key_hex: str


def staff_create() -> Staff:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from weerbaar.accounts.models import User
    from weerbaar.accounts.tokens import api_token_create
    from weerbaar.directory.models import Association

    ngb = Association.objects.get(code="ngb")
    bzk = Association.objects.get(code="bzk")
    advisor = User(username=ADVISOR, display_name="Bench Advisor", role="advisor", association=ngb)
    coordinator = User(username=COORDINATOR, display_name="Bench Coordinator", role="coordinator", association=bzk)
    for user in (advisor, coordinator):
        user.set_password(PASSWORD)
        user.save()
    device = TOTPDevice.objects.create(user=advisor, name="bench", confirmed=True)
    return Staff(api_token_create(user=advisor), api_token_create(user=coordinator), device.key)


# --- the server ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Memory:
    """One process's memory in MB, from /proc (Linux).

    ``rss``: resident pages, shared ones included (what ``top`` shows). ``pss``: proportional share, each
    shared page divided by the number of processes sharing it (the workers' PSS add up to what they cost
    together). ``uss``: unique, pages only this process has (what stopping it would free). A gunicorn
    worker is forked from a master that has already loaded the app, so its RSS counts the pages it still
    shares with the master and the other workers; USS is what one more worker costs.
    """

    pid: int
    rss: float
    pss: float | None = None
    uss: float | None = None

    @classmethod
    def of(cls, pid: int) -> Memory | None:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            rollup = ""
        fields: dict[str, float] = {}
        for line in rollup.splitlines():
            name, _, rest = line.partition(":")
            parts = rest.split()
            if len(parts) == 2 and parts[1] == "kB":
                fields[name] = int(parts[0]) / 1024
        if "Rss" in fields and "Pss" in fields:
            uss = fields.get("Private_Clean", 0.0) + fields.get("Private_Dirty", 0.0)
            return cls(pid, fields["Rss"], fields["Pss"], uss)
        try:  # no smaps_rollup (kernel < 4.14, or not allowed to read it): resident only
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return cls(pid, int(line.split()[1]) / 1024)
        except OSError:
            return None
        return None

    def describe(self) -> str:
        figures = f"RSS {self.rss:.1f}"
        if self.pss is not None and self.uss is not None:
            figures += f", PSS {self.pss:.1f}, USS {self.uss:.1f}"
        return f"{figures} MB"


def memory_lines(before: list[Memory], after: list[Memory], master: Memory | None) -> list[str]:
    """The memory figures of the workers before and after the load, and of the master."""
    if not after:
        return ["Resident memory (VmRSS): not available (no worker processes found)"]
    workers = ", ".join(f"pid {m.pid}: {m.rss:.1f} MB" for m in after)
    lines = [f"Resident memory (VmRSS) after the load: max worker {max(m.rss for m in after):.1f} MB ({workers})"]
    lines.append("Worker memory (RSS resident, PSS proportional, USS unique; MB):")
    for when, sample in (("before the load", before), ("after the load", after)):
        for m in sample:
            lines.append(f"  {when:<16} worker pid {m.pid}: {m.describe()}")
    if master is not None:
        lines.append(f"  gunicorn master (not serving requests): {master.describe()}")
    return lines


class Server:
    def __init__(self, port: int, data_dir: Path, workers: int) -> None:
        self.port, self.workers = port, workers
        self.log_path = data_dir / "server.log"
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "weerbaar", "serve", "--no-collectstatic"),
                *("--host", HOST, "--port", str(port), "--workers", str(workers)),
            ],
            cwd=ROOT,
            env=os.environ.copy(),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                client = Http(self.port, timeout=5)
                status, _, _ = client.request("GET", "/healthz")
                client.close()
                if status == 200 and len(self.worker_pids()) >= self.workers:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"server not ready after {timeout:.0f}s:\n{self.log_tail()}")

    def log_tail(self) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-30:])
        except OSError:
            return ""

    def worker_pids(self) -> list[int]:
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children")
        if children.exists():
            return [int(p) for p in children.read_text().split()]
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(stat.parent.name))
            except (OSError, ValueError, IndexError):
                continue
        return found

    def cpu_seconds(self) -> float:
        """User + system CPU the workers have used so far (``/proc/<pid>/stat``; 0 where unreadable)."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0.0
        for pid in self.worker_pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / ticks
            except (OSError, ValueError, IndexError):
                continue
        return total

    def memory(self) -> tuple[list[Memory], Memory | None]:
        """The memory of each worker and of the master, now."""
        workers = [m for m in (Memory.of(pid) for pid in self.worker_pids()) if m is not None]
        return workers, Memory.of(self.process.pid)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log.close()


# --- intake ------------------------------------------------------------------------------------------


def intake_payloads(count: int) -> list[bytes]:
    from weerbaar.directory.models import Municipality, Province

    rng = random.Random(7)
    municipalities = list(Municipality.objects.values_list("code", flat=True))
    provinces = list(Province.objects.values_list("code", flat=True))
    roles = ["raadslid", "raadslid", "wethouder", "burgemeester", "statenlid", "gedeputeerde", "other"]
    bodies = []
    for n in range(count):
        role = rng.choice(roles)
        body = {
            "role": role,
            "name": f"Bench Persoon {n}",
            "email": f"bench{n}@example.org",
            "phone": "06 12345678",
            "preferredContact": "email",
            "concerns": rng.sample(["threat", "intimidation", "online_harassment", "security_advice"], k=2),
            "affected": ["self"],
            "description": "Fictief benchmarkverzoek. " * rng.randint(2, 40),
            "acuteDanger": rng.random() < 0.1,
            "consentToShare": True,
        }
        if role in ("statenlid", "gedeputeerde"):
            body["provinceCode"] = rng.choice(provinces)
        else:
            body["municipalityCode"] = rng.choice(municipalities)
        bodies.append(json.dumps(body).encode())
    return bodies


def run_intake(port: int, count: int, concurrency: int, max_seconds: float) -> Sample:
    bodies = intake_payloads(count)
    sample = Sample()
    lock = threading.Lock()
    cursor = iter(range(count))
    deadline = time.monotonic() + max_seconds
    headers = {"Content-Type": "application/json", "Accept": "application/json"}

    def worker() -> None:
        client = Http(port)
        try:
            while time.monotonic() < deadline:
                with lock:
                    index = next(cursor, None)
                if index is None:
                    return
                started = time.perf_counter()
                try:
                    status, _, _ = client.request("POST", "/api/v1/help-requests", bodies[index], headers)
                except OSError as exc:
                    with lock:
                        sample.error(type(exc).__name__)
                    continue
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    if status == 201:
                        sample.latencies_ms.append(elapsed)
                    else:
                        sample.error(f"HTTP {status}")
        finally:
            client.close()

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for future in [pool.submit(worker) for _ in range(concurrency)]:
            future.result()
    sample.seconds = time.perf_counter() - started
    return sample


# --- bulk cases --------------------------------------------------------------------------------------


def bulk_insert_cases(target_total: int, batch: int = 5000) -> tuple[int, float]:
    """Add cases until there are ``target_total``: real per-case keys and sealed requests, bulk inserted."""
    from django.db import transaction
    from django.utils import timezone

    from weerbaar.accounts.models import User
    from weerbaar.cases.models import Case
    from weerbaar.core.references import random_reference
    from weerbaar.directory.models import Association, Municipality, Province

    existing = Case.objects.count()
    missing = target_total - existing
    if missing <= 0:
        return 0, 0.0
    rng = random.Random(target_total)
    associations = {a.code: a for a in Association.objects.all()}
    municipalities = list(Municipality.objects.select_related("province"))
    provinces = list(Province.objects.all())
    advisor = User.objects.get(username=ADVISOR)
    references = set(Case.objects.values_list("reference", flat=True))
    routes = [("raadslid", "nvvr"), ("wethouder", "wethoudersvereniging"), ("burgemeester", "ngb"),
              ("statenlid", "statenlidnu"), ("gedeputeerde", "bzk"), ("other", "bzk")]  # fmt: skip
    statuses = ["new", "new", "in_progress", "in_progress", "aftercare", "closed", "closed", "closed"]
    now = timezone.now()
    started = time.perf_counter()
    done = 0
    while done < missing:
        rows = []
        for _ in range(min(batch, missing - done)):
            role, code = rng.choice(routes)
            municipality = rng.choice(municipalities) if role not in ("statenlid", "gedeputeerde") else None
            status = rng.choice(statuses)
            created = now - timedelta(minutes=rng.randint(0, 60 * 24 * 365))
            reference = random_reference()
            while reference in references:
                reference = random_reference()
            references.add(reference)
            case = Case(
                reference=reference,
                channel=rng.choice(["web", "web", "phone", "api"]),
                role=role,
                province=municipality.province if municipality else rng.choice(provinces),
                association=associations[code],
                status=status,
                urgent=rng.random() < 0.1,
                concerns=["threat"],
                affected=["self"],
                preferred_contact="email",
                consent_to_share=True,
                created_at=created,
                respond_by=created + timedelta(hours=rng.choice([1, 24, 48])),
                assigned_to=advisor if status != "new" and code == "ngb" and rng.random() < 0.5 else None,
                claimed_at=created + timedelta(hours=1) if status != "new" else None,
            )
            case.give_data_key()
            request = {"name": "Bench", "email": "bench@example.org", "phone": "", "description": "Fictief."}
            if municipality is not None:  # sealed with the request, as ``cases.services.case_open`` does
                request.update(municipalityCode=municipality.code, municipality=municipality.name)
            case.seal("sealed_request", request)
            rows.append(case)
        with transaction.atomic():
            Case.objects.bulk_create(rows, batch_size=1000)
        done += len(rows)
    # Refresh the planner's statistics and the visibility map, as autovacuum does shortly after a bulk load in
    # production (PostgreSQL 13 and later vacuum after inserts too). Without statistics PostgreSQL plans the queue for
    # ~500 rows instead of tens of thousands; without the visibility map it cannot answer from an index alone (the
    # queue's covering indexes) and reads the table. SQLite: ANALYZE only.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return missing, time.perf_counter() - started


# --- staff reads -------------------------------------------------------------------------------------


def timed_gets(
    port: int, path: str, count: int, headers: dict[str, str], cookies: dict[str, str] | None = None
) -> Sample:
    client = Http(port)
    if cookies:
        client.cookies.update(cookies)
    sample = Sample()
    started = time.perf_counter()
    for _ in range(count):
        t0 = time.perf_counter()
        try:
            status, _, _ = client.request("GET", path, headers=headers)
        except OSError as exc:
            sample.error(type(exc).__name__)
            continue
        if status == 200:
            sample.latencies_ms.append((time.perf_counter() - t0) * 1000)
        else:
            sample.error(f"HTTP {status}")
    sample.seconds = time.perf_counter() - started
    client.close()
    return sample


_FORM_RE = re.compile(r"<form\b[^>]*>(.*?)</form>", re.S | re.I)
_INPUT_RE = re.compile(r"<input\b([^>]*)>", re.I)
_ATTR_RE = re.compile(r'([a-zA-Z_:-]+)\s*=\s*"([^"]*)"')


def _post_form(client: Http, path: str, fill: dict[str, str]) -> tuple[int, dict[str, str]]:
    """GET a page, fill the first POST form's inputs by type/name and submit it (follows no redirects)."""
    status, _, body = client.request("GET", path)
    if status != 200:
        return status, {}
    html = body.decode(errors="replace")
    forms = [m.group(0) for m in _FORM_RE.finditer(html) if re.search(r'method="post"', m.group(0), re.I)]
    # The page also holds other forms (the language switch): take the one that posts to this page.
    own = [f for f in forms if re.search(rf'action="({re.escape(path)}[^"]*)?"', f.split(">", 1)[0])]
    if not own:
        return 0, {}
    fields: dict[str, str] = {}
    for match in _INPUT_RE.finditer(own[0]):
        attrs = {k.lower(): unescape(v) for k, v in _ATTR_RE.findall(match.group(1))}
        name, kind = attrs.get("name"), attrs.get("type", "text").lower()
        if not name:
            continue
        if kind == "hidden":
            fields[name] = attrs.get("value", "")
        elif kind == "password" and "password" in fill:
            fields[name] = fill["password"]
        elif kind in ("text", "email", "tel", "number") and "user" in name.lower() and "username" in fill:
            fields[name] = fill["username"]
        elif kind in ("text", "tel", "number") and "code" in fill:
            fields[name] = fill["code"]
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://{HOST}:{client.port}{path}"}
    status, response_headers, _ = client.request("POST", path, urlencode(fields).encode(), headers)
    return status, response_headers


def staff_session_via_login(port: int, totp_key_hex: str) -> tuple[dict[str, str] | None, str]:
    """Sign in like a person: password, then a valid TOTP code. Returns cookies, or None and why."""
    from django_otp.oath import totp

    client = Http(port)
    try:
        status, headers = _post_form(client, "/medewerkers/inloggen", {"username": ADVISOR, "password": PASSWORD})
        if status not in (302, 303):
            return None, f"sign-in page answered {status}"
        location = urlsplit(headers.get("location", "")).path or "/medewerkers/tweestaps"
        if "tweestaps" in location:
            code = f"{totp(bytes.fromhex(totp_key_hex)):06d}"
            status, headers = _post_form(client, "/medewerkers/tweestaps", {"code": code})
            if status not in (302, 303):
                return None, f"TOTP step answered {status}"
        status, _, _ = client.request("GET", "/werkruimte")
        if status != 200:
            return None, f"/werkruimte answered {status} after sign-in"
        return dict(client.cookies), "signed in through /medewerkers/inloggen + TOTP"
    except OSError as exc:
        return None, f"sign-in failed: {exc}"
    finally:
        client.close()


def advisor_case_reference() -> str:
    """A claimed, open case of the bench advisor (the case page measured, issue 11)."""
    from weerbaar.cases.models import Case

    reference = (
        Case.objects.filter(assigned_to__username=ADVISOR, status="in_progress")
        .order_by("id")
        .values_list("reference", flat=True)
        .first()
    )
    assert reference, "the bulk insert assigns in-progress cases to the bench advisor"
    return reference


def query_counts() -> dict[str, int | str]:
    """SQL queries per request, in-process with the test client (same settings and database)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from weerbaar.accounts.models import User
    from weerbaar.accounts.tokens import api_token_create

    counts: dict[str, int | str] = {}
    advisor = User.objects.get(username=ADVISOR)
    coordinator = User.objects.get(username=COORDINATOR)
    token = api_token_create(user=coordinator)
    api = Client(HTTP_HOST=HOST, HTTP_AUTHORIZATION=f"Token {token}")
    for size in (10, 100):
        api.get(f"/api/v1/cases?pageSize={size}")  # warm caches (content types, etc.)
        with CaptureQueriesContext(connection) as ctx:
            response = api.get(f"/api/v1/cases?pageSize={size}")
        counts[f"api{size}"] = (
            len(ctx.captured_queries) if response.status_code == 200 else f"HTTP {response.status_code}"
        )
    # A signed-in, verified session made directly (force_login's bare request has no client address, which
    # django-axes' access log cannot store in PostgreSQL's inet column).
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(advisor.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = advisor.get_session_auth_hash()
    session["otp_device_id"] = TOTPDevice.objects.get(user=advisor).persistent_id
    session.save()
    web = Client(HTTP_HOST=HOST)
    web.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    case_page = f"/werkruimte/zaken/{advisor_case_reference()}"
    for label, path in (
        ("web", "/werkruimte"),
        ("web_page2", "/werkruimte?page=2"),
        ("web_new_page2", "/werkruimte?page_new=2"),
        ("case_page", case_page),
    ):
        web.get(path)
        with CaptureQueriesContext(connection) as ctx:
            response = web.get(path)
        counts[label] = len(ctx.captured_queries) if response.status_code == 200 else f"HTTP {response.status_code}"
    return counts


# --- report --------------------------------------------------------------------------------------------


def fmt_ms(value: float) -> str:
    return "-" if value != value else f"{value:8.1f}"  # NaN check


def print_table(rows: list[Row]) -> None:
    header = f"{'measurement':<52} {'ok':>6} {'errors':>6} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  note"
    print(header)
    print("-" * len(header))
    for row in rows:
        if row.sample is None or not row.sample.ok:
            errs = sum(row.sample.errors.values()) if row.sample else 0
            kinds = f" ({row.sample.errors})" if row.sample and row.sample.errors else ""
            print(
                f"{row.what:<52} {'-':>6} {errs:>6} {'-':>8} {'-':>8} {'-':>8} {'-':>8}  "
                f"{row.note or 'not available'}{kinds}"
            )
            continue
        s = row.sample
        rate = f"{s.ok / s.seconds:8.1f}" if s.seconds else "-"
        errors = sum(s.errors.values())
        note = row.note + (f" errors: {s.errors}" if s.errors else "")
        print(
            f"{row.what:<52} {s.ok:>6} {errors:>6} {rate:>8} {fmt_ms(percentile(s.latencies_ms, 50))} "
            f"{fmt_ms(percentile(s.latencies_ms, 95))} {fmt_ms(percentile(s.latencies_ms, 99))}  {note}"
        )


# --- the police dossier (issue 3) ------------------------------------------------------------------


def screenshot_bytes(index: int, size: tuple[int, int] = (1080, 1920)) -> tuple[str, bytes]:
    """A phone-screenshot-sized image with noise (so it compresses like a real one), JPEG or PNG."""
    import io

    from PIL import Image, ImageDraw

    small = Image.effect_noise((size[0] // 8, size[1] // 8), 40 + index % 30).convert("RGB")
    image = small.resize(size)
    draw = ImageDraw.Draw(image)
    for line in range(12):
        draw.rectangle((60, 200 + line * 130, size[0] - 60, 260 + line * 130), fill=(250, 250, 250))
    out = io.BytesIO()
    kind = "PNG" if index % 4 == 3 else "JPEG"
    image.save(out, format=kind, quality=85)
    return ("png" if kind == "PNG" else "jpg"), out.getvalue()


def dossier_case(incidents: int, images: int) -> tuple[object, object, int]:
    """One case through the real services: ``incidents`` incidents, ``images`` images over them."""
    from datetime import date as date_

    from weerbaar.accounts.policy import OfficeHolder
    from weerbaar.cases.choices import Channel
    from weerbaar.incidents import services
    from weerbaar.incidents.validation import validate_incident
    from weerbaar.intake.services import help_request_submit

    case = help_request_submit(
        raw={
            "role": "wethouder",
            "municipalityCode": "GM0363",
            "name": "Bench Ambtsdrager",
            "email": "bench@example.org",
            "preferredContact": "email",
            "concerns": ["threat", "online_harassment"],
            "affected": ["self"],
            "description": "Bench: bedreigingen online en een demonstratie bij mijn huis.",
            "acuteDanger": False,
            "consentToShare": True,
        },
        channel=Channel.API,
    ).case
    actor = OfficeHolder(case.pk, case.reference)
    acts = [["threat_of_violence"], ["insult"], ["stalking", "doxing"], ["defamation"], ["demonstration_at_home"]]
    today = date_.today()
    for n in range(incidents):
        day = today - timedelta(days=3 * (incidents - n) + 1)
        services.incident_record(
            actor=actor,
            reference=case.reference,
            data=validate_incident(
                {
                    "occurredOn": day.isoformat(),
                    "occurredAt": "21:15",
                    "learnedOn": (day + timedelta(days=1)).isoformat(),
                    "channel": "online",
                    "platform": "X",
                    "acts": acts[n % len(acts)],
                    "relatedToOffice": True,
                    "description": "Een reactie onder mijn bericht over het besluit van de raad. " * 4,
                    "affected": ["self", "partner"],
                    "perpetratorKnown": True,
                    "perpetratorIdentifiers": [{"kind": "handle", "value": f"@account_{n}"}],
                    "witnesses": "Mijn partner zag het ook.",
                }
            ),
        )
    total = 0
    for k in range(images):
        extension, data = screenshot_bytes(k)
        total += len(data)
        services.evidence_add(
            actor=actor,
            reference=case.reference,
            upload=services.Upload(f"screenshot-{k + 1}.{extension}", data, len(data)),
            incident_number=1 + k % max(1, incidents),
            source_url=f"https://x.com/account/status/{10_000 + k}",
        )
    return actor, case, total


def _max_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def settings_daily_files() -> int:
    from django.conf import settings

    return int(settings.EVIDENCE_HOLDER_DAILY_FILES)


def measure_dossier(incidents: int, images: int, repeat: int) -> list[str]:
    """Wall time (first call and median of ``repeat`` warm calls) and peak memory of dossier_pdf/dossier_zip."""
    import statistics
    import tracemalloc

    from django.test import override_settings

    from weerbaar.accounts import policy
    from weerbaar.guidance.dossier import dossier_pdf, dossier_zip

    started = time.perf_counter()
    # A real office holder adds 60 screenshots over several days; the bench adds them in one go, so the per-24-hours
    # upload quota (incidents.quotas) is raised for building this one case only. The dossier itself is unchanged.
    with override_settings(EVIDENCE_HOLDER_DAILY_FILES=max(images, settings_daily_files())):
        actor, case, upload_bytes = dossier_case(incidents, images)
    access = policy.access_case_for(actor, case.reference)
    log(
        f"dossier case: {incidents} incidents, {images} images ({upload_bytes / 1e6:.1f} MB) in "
        f"{time.perf_counter() - started:.1f}s"
    )
    rss_before = _max_rss_mb()
    lines = []
    makers = {"PDF": dossier_pdf, "ZIP": dossier_zip}
    timings: dict[str, list[float]] = {name: [] for name in makers}
    cpu: dict[str, list[float]] = {name: [] for name in makers}
    sizes: dict[str, int] = {}
    # PDF and ZIP alternate, so both meet the same load from other jobs (one after the other, a change in that
    # load between the two series looked like a difference between them).
    for _ in range(1 + repeat):
        for name, make in makers.items():
            t0, c0 = time.perf_counter(), time.process_time()
            sizes[name] = len(make(access=access))
            timings[name].append(time.perf_counter() - t0)
            cpu[name].append(time.process_time() - c0)
    for name, make in makers.items():
        tracemalloc.start()
        make(access=access)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        warm = statistics.median(timings[name][1:]) if repeat else timings[name][0]
        warm_cpu = statistics.median(cpu[name][1:]) if repeat else cpu[name][0]
        lines.append(
            f"  dossier {name}: {warm:.2f} s warm (median of {repeat}; CPU {warm_cpu:.2f} s), "
            f"{timings[name][0]:.2f} s first call; {sizes[name] / 1e6:.1f} MB; Python peak {peak / 1e6:.0f} MB "
            "(tracemalloc)"
        )
    lines.append(
        f"  process max RSS {_max_rss_mb():.0f} MB (+{_max_rss_mb() - rss_before:.0f} MB during the dossier runs)"
    )
    lines.insert(
        0, f"Police dossier, {incidents} incidents / {images} images ({upload_bytes / 1e6:.1f} MB of originals):"
    )
    # CPU time is this process's own (time.process_time): on a machine shared with other jobs the wall time
    # swings with their load, the CPU time much less (on an idle machine the two are about equal).
    lines.append(f"  load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="Small numbers, for a smoke test (about half a minute).")
    parser.add_argument("--requests", type=int, default=None, help="Help requests to POST (default 2000).")
    parser.add_argument("--concurrency", type=int, default=8, help="Client threads for the intake (default 8).")
    parser.add_argument("--cases", default=None, help="Comma-separated case totals (default 10000,100000).")
    parser.add_argument("--reads", type=int, default=None, help="GETs per read measurement (default 200).")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2).")
    parser.add_argument("--max-seconds", type=float, default=300, help="Upper bound for the intake phase.")
    parser.add_argument("--keep", action="store_true", help="Keep the data directory and scratch database.")
    parser.add_argument("--no-dossier", action="store_true", help="Skip the dossier measurement (minutes).")
    parser.add_argument(
        "--dossier", action="store_true", help="Only the police dossier measurement (part of the default run)."
    )
    args = parser.parse_args(argv)
    dossier_size = (5, 10, 1) if args.quick else (30, 60, 3)  # incidents, images, warm repeats
    requests = args.requests or (60 if args.quick else 2000)
    reads = args.reads or (10 if args.quick else 200)
    case_totals = [int(n) for n in (args.cases or ("300" if args.quick else "10000,100000")).split(",") if n.strip()]
    concurrency = max(1, min(args.concurrency, 64))

    data_dir = Path(tempfile.mkdtemp(prefix="weerbaar-bench-"))
    db_kind, db_url = prepare_environment(data_dir)
    server: Server | None = None
    rows: list[Row] = []
    memory_before: list[Memory] = []
    memory_after: list[Memory] = []
    master: Memory | None = None
    counts_by_total: dict[int, dict[str, int | str]] = {}
    login_note = ""
    if args.dossier:
        try:
            log(f"data dir {data_dir}, database {db_kind}")
            django_setup()
            dossier_lines = measure_dossier(*dossier_size)
        finally:
            cleanup(args.keep, db_kind, db_url, data_dir)
        print()
        print("\n".join(dossier_lines))
        print(DOSSIER_TARGET)
        return 0
    try:
        log(f"data dir {data_dir}, database {db_kind}")
        django_setup()
        staff = staff_create()
        port = free_port()
        from django.core.management import call_command

        log("collectstatic (compressing every static file: minutes on a busy machine)")
        call_command("collectstatic", interactive=False, verbosity=0)
        log(f"starting weerbaar serve on {HOST}:{port} with {args.workers} workers")
        server = Server(port, data_dir, args.workers)
        server.wait_ready()
        memory_before, _ = server.memory()

        log(f"intake: {requests} POST /api/v1/help-requests, {concurrency} at a time")
        run_intake(port, min(20, requests), concurrency, 60)  # warm-up: imports, connections, caches
        cpu_before = server.cpu_seconds()
        intake = run_intake(port, requests, concurrency, args.max_seconds)
        # The workers' own CPU per request: independent of what else runs on the machine, and what bounds the
        # throughput on an idle one (2 cores / this, less the database's and the client's share).
        cpu_note = f"workers' CPU {1000 * (server.cpu_seconds() - cpu_before) / max(1, intake.ok):.1f} ms/request"
        rows.append(Row(f"intake POST /api/v1/help-requests (c={concurrency})", intake, throughput=True, note=cpu_note))
        # Latency without queueing: the same requests two at a time (one per core). At c=8 the
        # p95 mostly measures waiting in line behind the other seven, on a machine shared with the client.
        light = 2
        if light != concurrency:
            log(f"intake: {requests // 4} POST /api/v1/help-requests, {light} at a time")
            intake_light = run_intake(port, max(20, requests // 4), light, args.max_seconds)
            rows.append(Row(f"intake POST /api/v1/help-requests (c={light})", intake_light, throughput=True))

        cookies, login_note = staff_session_via_login(port, staff.totp_key_hex)
        for total in case_totals:
            added, seconds = bulk_insert_cases(total)
            log(f"{total:,} cases: inserted {added:,} in {seconds:.1f}s")
            rows.append(Row(f"bulk insert to {total:,} cases", None, note=f"{added:,} sealed cases in {seconds:.1f}s"))
            token_header = {"Authorization": f"Token {staff.coordinator_token}", "Accept": "application/json"}
            for size in (10, 100):
                path = f"/api/v1/cases?pageSize={size}"
                timed_gets(port, path, 3, token_header)  # warm-up
                rows.append(Row(f"GET {path} ({total:,}, coordinator)", timed_gets(port, path, reads, token_header)))
            advisor_header = {"Authorization": f"Token {staff.advisor_token}", "Accept": "application/json"}
            rows.append(
                Row(
                    f"GET /api/v1/cases?pageSize=25 ({total:,}, advisor)",
                    timed_gets(port, "/api/v1/cases?pageSize=25", reads, advisor_header),
                )
            )
            if cookies:
                timed_gets(port, "/werkruimte", 3, {}, cookies)
                rows.append(
                    Row(f"GET /werkruimte ({total:,}, advisor)", timed_gets(port, "/werkruimte", reads, {}, cookies))
                )
                section = "/werkruimte?sectie=nieuw"  # one section on its own, 50 cards a page
                rows.append(Row(f"GET {section} ({total:,}, advisor)", timed_gets(port, section, reads, {}, cookies)))
                case_path = f"/werkruimte/zaken/{advisor_case_reference()}"
                timed_gets(port, case_path, 3, {}, cookies)
                rows.append(Row(f"GET case page ({total:,}, advisor)", timed_gets(port, case_path, reads, {}, cookies)))
                messages_path = case_path + "/berichten"
                rows.append(
                    Row(
                        f"GET case messages tab ({total:,}, advisor)",
                        timed_gets(port, messages_path, reads, {}, cookies),
                    )
                )
            else:
                rows.append(Row(f"GET /werkruimte ({total:,}, advisor)", None, note=f"not available: {login_note}"))
            counts_by_total[total] = query_counts()
        memory_after, master = server.memory()
    finally:
        if server is not None:
            server.stop()
    # After the server has stopped, so the renderer has both cores to itself, as it would in a worker.
    dossier_lines = ["Police dossier: skipped (--no-dossier)."] if args.no_dossier else measure_dossier(*dossier_size)

    cpus = os.cpu_count() or 0
    print()
    print(
        f"Weerbaar benchmark {datetime.now(UTC):%Y-%m-%d %H:%M} UTC - {cpus} CPU(s), {db_kind}, "
        f"gunicorn {args.workers} workers x 4 threads, client and server on this machine"
    )
    if db_kind == "sqlite":
        print("SQLite serialises writes: intake figures mostly measure lock waits. The targets are for PostgreSQL.")
    print()
    print_table(rows)
    print()
    print("SQL queries per request (in-process, CaptureQueriesContext):")
    for total, counts in counts_by_total.items():
        print(
            f"  {total:>7,} cases: GET /api/v1/cases pageSize=10: {counts.get('api10')}, pageSize=100: "
            f"{counts.get('api100')}; GET /werkruimte (fixed page size): {counts.get('web')}, "
            f"?page=2: {counts.get('web_page2')}, ?page_new=2: {counts.get('web_new_page2')}; "
            f"case page: {counts.get('case_page')}"
        )
    print()
    print("\n".join(memory_lines(memory_before, memory_after, master)))
    print(f"Staff web sign-in: {login_note}")
    print()
    print("Targets (issue 2; 2 cores, PostgreSQL; not enforced): intake >= 100 requests/s and p95 <= 50 ms;")
    print("GET /api/v1/cases and /werkruimte p95 <= 50 ms at 10,000 and 100,000 cases, query count independent of")
    print("page size; one web process <= 150 MB resident.")
    print()
    print("\n".join(dossier_lines))
    print(DOSSIER_TARGET)
    cleanup(args.keep, db_kind, db_url, data_dir)
    return 0


DOSSIER_TARGET = "Target (issue 3; 2 cores, not enforced): dossier PDF and ZIP of 30 incidents / 60 images <= 3 s."


def cleanup(keep: bool, db_kind: str, db_url: str, data_dir: Path) -> None:
    if keep:
        print(
            f"Kept data dir {data_dir}"
            + (f" and database {urlsplit(db_url).path.lstrip('/')}" if db_kind == "postgresql" else "")
        )
        return
    from django.db import connections

    connections.close_all()
    if db_kind == "postgresql":
        drop_scratch_postgres(db_url)
    shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
