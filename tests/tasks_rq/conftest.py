"""Tests against the real Redis server on 127.0.0.1:6379 (``WEERBAAR_TEST_REDIS_URL`` to change it).

Each test gets its own queue name on a Redis database of its own (15, not the application's 0), and
removes every key it made afterwards, so parallel runs and a developer's own Redis data do not collide.
Without a reachable Redis the tests fail under ``CI=true`` (Redis is part of CI) and are skipped locally.
"""

from __future__ import annotations

import os
import uuid

import pytest

REDIS_URL = os.environ.get("WEERBAAR_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def require_redis() -> None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError as exc:
        message = f"Redis is not reachable at {REDIS_URL} ({type(exc).__name__}): start redis-server on 127.0.0.1:6379"
        if os.environ.get("CI"):
            pytest.fail(message + " — required under CI.")
        pytest.skip(message)


def _cleanup(queue_name: str) -> None:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    job_ids: set[bytes] = set()
    for key in client.scan_iter(match=f"rq:*{queue_name}*"):
        kind = client.type(key)
        if kind == b"zset":
            job_ids.update(member.split(b":")[0] for member in client.zrange(key, 0, -1))
        elif kind == b"list":
            job_ids.update(client.lrange(key, 0, -1))
        client.delete(key)
    for job_id in job_ids:
        client.delete(b"rq:job:" + job_id, b"rq:results:" + job_id, b"rq:execution:" + job_id)
    client.srem("rq:queues", f"rq:queue:{queue_name}")
    for key in client.scan_iter(match="rq:worker:*"):  # our finished workers (they would expire in a minute)
        if client.type(key) == b"hash" and client.hget(key, "queues") == queue_name.encode():
            client.delete(key)
            client.srem("rq:workers", key)


@pytest.fixture
def rq_queue_name():
    require_redis()
    name = f"weerbaar-test-{uuid.uuid4().hex[:12]}"
    yield name
    _cleanup(name)
