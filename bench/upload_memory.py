"""Peak memory of one web worker during a hostile evidence upload (issue 12 point 3); prints figures, enforces nothing.

    .venv/bin/python bench/upload_memory.py [--parallel 1,4] [--size 7071] [--accepted-size 6300]

The attack: anyone with a help request (the public intake gives a reference and a follow-up code) uploads a
tiny PNG that decodes to a huge image: 7,071 x 7,071 RGBA pixels of one colour compress to 207 KiB and
decode to 200 MB. This script

1. starts the real production server (``weerbaar serve``: gunicorn, gthread) with ONE worker (4 threads) on
   a fresh data directory and SQLite database (``DATABASE_URL`` set: a scratch PostgreSQL database, as
   ``bench/run.py`` does);
2. acts as that office holder over HTTP: ``POST /api/v1/help-requests``, ``POST /api/v1/follow-up-sessions``,
   ``POST /api/v1/help-requests/{reference}/incidents``;
3. per scenario (each on a freshly started server) resets the worker's peak-RSS mark
   (``/proc/<pid>/clear_refs``), uploads the PNG (N at once for ``--parallel N``) to
   ``…/incidents/1/evidence`` while a second client keeps asking the same worker
   ``GET /api/v1/help-requests/{reference}`` (a real request: token check, database, decryption), and a
   sampler reads the proportional memory (PSS) of the worker and of every process it started every 5 ms;
4. prints per scenario: the upload answers and their wall time, the worker's resident memory before and its
   peak (``VmHWM``: the kernel's exact high-water mark, not a sample), the sampled peak of the worker plus
   its child processes together (the image decoder runs in a child since issue 12), and how the probe
   requests fared meanwhile.

Target (issue 12, 2 cores, not enforced): one worker stays under 300 MiB and answers other requests meanwhile.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import (
    HOST,
    Http,
    Server,
    cleanup,
    django_setup,
    free_port,
    intake_payloads,
    log,
    percentile,
    prepare_environment,
)

MIB = 1024 * 1024


def hostile_png(side: int) -> bytes:
    """One colour, RGBA, maximal compression: 7,071 x 7,071 gives 207 KiB on disk and 200 MB decoded."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGBA", (side, side), (200, 30, 30, 255)).save(out, format="PNG", compress_level=9)
    return out.getvalue()


def status_kib(pid: int, key: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def descendants(pid: int) -> list[int]:
    """Every process ``pid`` started, and theirs: the children of each of its threads (a gthread worker starts
    a child from the thread serving the request, and /proc lists it under that thread only)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        for children_file in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                children = children_file.read_text().split()
            except OSError:
                continue
            for child in children:
                found.append(int(child))
                todo.append(int(child))
    return found


def reset_peak(pid: int) -> bool:
    """Reset the kernel's peak-RSS mark (VmHWM) of ``pid`` to its current RSS (Linux >= 4.0, same user)."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def pss_kib(pid: int) -> int | None:
    """Proportional set size: shared pages divided among their sharers, so a freshly forked child that still
    shares the worker's pages (before it runs the new program) is not counted twice."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        return status_kib(pid, "VmRSS")
    return None


@dataclass
class Sampler:
    """Every 5 ms: the PSS of the worker and all its descendants together, and of the descendants alone."""

    worker: int
    peak_total_kib: int = 0
    peak_children_kib: int = 0
    children_seen: set[int] = field(default_factory=set)
    _stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        while not self._stop.is_set():
            total = pss_kib(self.worker) or 0
            children = 0
            for pid in descendants(self.worker):
                self.children_seen.add(pid)
                children += pss_kib(pid) or 0
            self.peak_total_kib = max(self.peak_total_kib, total + children)
            self.peak_children_kib = max(self.peak_children_kib, children)
            time.sleep(0.005)

    def stop(self) -> None:
        self._stop.set()


@dataclass
class Prober:
    """Keeps asking the worker for the case while the upload runs: does it still answer, and how fast?"""

    port: int
    path: str
    headers: dict[str, str]
    latencies_ms: list[float] = field(default_factory=list)
    failures: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        client = Http(self.port, timeout=120)
        while not self._stop.is_set():
            start = time.perf_counter()
            try:
                status, _, _ = client.request("GET", self.path, headers=self.headers)
            except OSError:
                status = 0
            if status == 200:
                self.latencies_ms.append((time.perf_counter() - start) * 1000)
            else:
                self.failures += 1
            time.sleep(0.02)
        client.close()

    def stop(self) -> None:
        self._stop.set()


def multipart(name: str, content: bytes) -> tuple[bytes, str]:
    boundary = "weerbaar-bench-" + str(time.monotonic_ns())
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: image/png\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def office_holder(port: int) -> tuple[str, dict[str, str]]:
    """A fresh help request, its follow-up session and one incident, over HTTP as the public would."""
    client = Http(port, timeout=60)
    json_headers = {"Content-Type": "application/json", "Accept": "application/json"}
    status, _, body = client.request("POST", "/api/v1/help-requests", intake_payloads(1)[0], json_headers)
    assert status == 201, body[:500]
    created = json.loads(body)
    reference, code = created["reference"], created["followUpCode"]
    session = json.dumps({"reference": reference, "followUpCode": code}).encode()
    status, _, body = client.request("POST", "/api/v1/follow-up-sessions", session, json_headers)
    assert status == 201, body[:500]
    auth = {"Authorization": f"Bearer {json.loads(body)['token']}", "Accept": "application/json"}
    from datetime import date, timedelta

    today = date.today()
    incident = {
        "occurredOn": (today - timedelta(days=3)).isoformat(),
        "learnedOn": (today - timedelta(days=2)).isoformat(),
        "channel": "online",
        "platform": "X",
        "acts": ["threat_of_violence"],
        "relatedToOffice": True,
        "description": "Een dreigend bericht onder mijn post.",
    }
    status, _, body = client.request(
        "POST",
        f"/api/v1/help-requests/{reference}/incidents",
        json.dumps(incident).encode(),
        {**json_headers, **auth},
    )
    assert status == 201, body[:500]
    client.close()
    return reference, auth


@dataclass
class Outcome:
    label: str
    statuses: list[int]
    problems: list[str]
    seconds: float
    rss_before_mib: float
    worker_peak_mib: float | None
    total_peak_mib: float
    children_peak_mib: float
    children: int
    probe_ok: int
    probe_failed: int
    probe_p50_ms: float
    probe_max_ms: float


def scenario(server: Server, port: int, label: str, png: bytes, parallel: int) -> Outcome:
    reference, auth = office_holder(port)
    (worker,) = server.worker_pids()
    time.sleep(0.5)  # let the set-up requests' garbage settle
    rss_before = (status_kib(worker, "VmRSS") or 0) / 1024
    exact_peak = reset_peak(worker)
    sampler = Sampler(worker)
    prober = Prober(port, f"/api/v1/help-requests/{reference}", auth)
    threads = [threading.Thread(target=sampler.run, daemon=True), threading.Thread(target=prober.run, daemon=True)]
    for thread in threads:
        thread.start()
    time.sleep(0.3)  # a few probes before the upload: the baseline latency
    statuses: list[int] = []
    problems: list[str] = []
    lock = threading.Lock()

    def upload(index: int) -> None:
        body, content_type = multipart(f"dreiging-{index}.png", png)
        client = Http(port, timeout=300)
        status, _, answer = client.request(
            "POST",
            f"/api/v1/help-requests/{reference}/incidents/1/evidence",
            body,
            {**auth, "Content-Type": content_type},
        )
        client.close()
        with lock:
            statuses.append(status)
            if status >= 400:
                try:
                    problems.append(str(json.loads(answer).get("detail", ""))[:120])
                except ValueError:
                    problems.append(answer[:120].decode(errors="replace"))

    start = time.perf_counter()
    uploads = [threading.Thread(target=upload, args=(i,)) for i in range(parallel)]
    for thread in uploads:
        thread.start()
    for thread in uploads:
        thread.join()
    seconds = time.perf_counter() - start
    time.sleep(0.3)
    prober.stop()
    sampler.stop()
    for thread in threads:
        thread.join()
    hwm = status_kib(worker, "VmHWM") if exact_peak else None
    return Outcome(
        label=label,
        statuses=sorted(statuses),
        problems=sorted(set(problems)),
        seconds=seconds,
        rss_before_mib=rss_before,
        worker_peak_mib=hwm / 1024 if hwm is not None else None,
        total_peak_mib=sampler.peak_total_kib / 1024,
        children_peak_mib=sampler.peak_children_kib / 1024,
        children=len(sampler.children_seen),
        probe_ok=len(prober.latencies_ms),
        probe_failed=prober.failures,
        probe_p50_ms=percentile(prober.latencies_ms, 50),
        probe_max_ms=max(prober.latencies_ms, default=float("nan")),
    )


def describe(outcome: Outcome) -> list[str]:
    answers = ", ".join(str(s) for s in outcome.statuses)
    problems = outcome.problems
    peak = f"{outcome.worker_peak_mib:.0f} MiB" if outcome.worker_peak_mib is not None else "n/a (no clear_refs)"
    lines = [
        f"{outcome.label}",
        f"  answers: {answers} in {outcome.seconds:.1f} s" + (f"  ({'; '.join(outcome.problems)})" * bool(problems)),
        f"  worker RSS before {outcome.rss_before_mib:.0f} MiB, peak (VmHWM) {peak}",
        f"  worker + child processes (PSS, sampled every 5 ms): peak {outcome.total_peak_mib:.0f} MiB "
        f"(child processes seen: {outcome.children}, their peak together {outcome.children_peak_mib:.0f} MiB)",
        f"  meanwhile GET /api/v1/help-requests/{{reference}} on the same worker: {outcome.probe_ok} answered, "
        f"{outcome.probe_failed} failed, p50 {outcome.probe_p50_ms:.0f} ms, max {outcome.probe_max_ms:.0f} ms",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=7071, help="Side of the hostile square PNG (default 7071).")
    parser.add_argument("--parallel", default="1,4", help="Comma-separated numbers of simultaneous uploads.")
    parser.add_argument(
        "--accepted-size",
        type=int,
        default=6300,
        help="Side of a large PNG under the pixel limit, uploaded once as well (0: skip; default 6300 = 39.7 MP).",
    )
    parser.add_argument("--keep", action="store_true", help="Keep the data directory and scratch database.")
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.parallel.split(",") if n.strip()]

    data_dir = Path(tempfile.mkdtemp(prefix="weerbaar-upload-bench-"))
    db_kind, db_url = prepare_environment(data_dir)
    server: Server | None = None
    outcomes: list[Outcome] = []
    try:
        log(f"data dir {data_dir}, database {db_kind}")
        django_setup()
        hostile = hostile_png(args.size)
        scenarios = [
            (f"{n} x {args.size:,} x {args.size:,} PNG ({len(hostile) / 1024:.0f} KiB) at once", hostile, n)
            for n in counts
        ]
        if args.accepted_size:
            accepted = hostile_png(args.accepted_size)
            size = f"{args.accepted_size:,} x {args.accepted_size:,}"
            scenarios.append((f"1 x {size} PNG ({len(accepted) / 1024:.0f} KiB, under 40 MP)", accepted, 1))
        for label, png, parallel in scenarios:
            # A fresh server per scenario: memory a worker once took is seldom given back to the system, so
            # a second scenario on the same worker would start from the first one's peak.
            port = free_port()
            log(f"starting weerbaar serve on {HOST}:{port} with 1 worker x 4 threads; then {label}")
            server = Server(port, data_dir, 1)
            server.wait_ready()
            office_holder(port)  # warm-up: imports and connections of a first request of each kind
            outcomes.append(scenario(server, port, label, png, parallel))
            server.stop()
            server = None
    finally:
        if server is not None:
            server.stop()
    print()
    print(f"Hostile upload, one gunicorn worker x 4 threads, {db_kind} (1 MiB = 1,048,576 bytes):")
    for outcome in outcomes:
        print("\n".join(describe(outcome)))
    print("Target (issue 12, not enforced): one worker stays under 300 MiB and answers other requests meanwhile.")
    cleanup(args.keep, db_kind, db_url, data_dir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
