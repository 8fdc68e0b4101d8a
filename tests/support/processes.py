"""Real service processes for integration tests and benchmarks: a private redis-server that can
be restarted (it keeps nothing on disk, as on these machines), and a Celery worker started as
its own process against the test database."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def wait_until(condition, *, timeout: float = 30, every: float = 0.1, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class RedisServer:
    def __init__(self, port: int):
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],  # noqa: S607
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self.answers, timeout=10, what="redis-server")
        return self

    def answers(self) -> bool:
        result = subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True)  # noqa: S603, S607
        return result.stdout.strip() == "PONG"

    def stop(self):
        if self.process:
            self.process.kill()  # as a crash: nothing is saved
            self.process.wait()
            self.process = None

    def restart(self):
        self.stop()
        return self.start()


def database_url() -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{connection.settings_dict['NAME']}"


class CeleryWorker:
    """`celery worker` in its own process group, on the test database, the given Redis and the
    given SMTP port. Its log is kept for the test's failure message."""

    def __init__(self, *, redis_url: str, smtp_port: int, log: Path, extra_env: dict | None = None, concurrency=1):
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bestuurderspool.settings",
            "DATABASE_URL": database_url(),
            "REDIS_URL": redis_url,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "CELERY_TASK_ALWAYS_EAGER": "False",
            **(extra_env or {}),
        }
        self.log = log
        self.concurrency = concurrency
        self.process = None

    def start(self):
        command = [sys.executable, "-m", "celery", "-A", "bestuurderspool", "worker", "-l", "info"]
        command += ["-c", str(self.concurrency), "--without-gossip", "--without-mingle", "--without-heartbeat"]
        self._log_file = self.log.open("a")
        self.process = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=self.env, stdout=self._log_file, stderr=subprocess.STDOUT, start_new_session=True
        )
        wait_until(lambda: "ready." in self.log.read_text(), timeout=60, what=f"the worker (log: {self.log})")
        return self

    def kill(self):
        """SIGKILL the worker and its pool children at once: a crash, not a shutdown."""
        if self.process:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            self.process = None
            self._log_file.close()

    def stop(self):
        if self.process:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
            self.process = None
            self._log_file.close()


def publish_to(broker_url: str, *, eager: bool = False) -> dict:
    """Make this process publish Celery tasks to `broker_url` for real; returns what to restore.
    kombu keeps producer pools per broker address, process-wide, so they are dropped too."""
    from bestuurderspool.celery import app

    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=broker_url, task_always_eager=eager)
    reset_publisher()
    return saved


def reset_publisher() -> None:
    """Drop this process's broker connections, so the next publish connects afresh."""
    from kombu import pools

    from bestuurderspool.celery import app

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None
