"""Local SMTP servers that accept and count mail. `SmtpSink` (aiosmtpd) serves the reminder
integration tests: `stall()` makes it hold the next message without answering until `release()`;
a held message is then refused (451), so it counts as never delivered, as with a real server that
did not answer 250. `PostfixSink` serves the benchmark."""

import asyncio
import contextlib
import getpass
import logging
import os
import re
import socket
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

from aiosmtpd.controller import Controller

HEADER = "X-Bestuurderspool-Reminder"
#: The header read straight from the bytes: parsing every message would make the sink itself the
#: bottleneck of the benchmark.
HEADER_LINE = re.compile(rb"^" + HEADER.encode() + rb": *(\S+)", re.MULTILINE | re.IGNORECASE)
logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every connection at INFO


def smtp_mailers(port: int, *, timeout: int = 5) -> dict:
    """`MAILERS` sending through the portal's SMTP backend (as production does) to a local port."""
    return {
        "default": {
            "BACKEND": "bestuurderspool.mail.SMTPBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": timeout},
        }
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Handler:
    def __init__(self, sink):
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):
        if self.sink._stall_next.is_set():
            self.sink._stall_next.clear()
            self.sink.stalled.set()
            while not self.sink._released.is_set():
                await asyncio.sleep(0.05)
            return "451 Try again later"
        found = HEADER_LINE.search(envelope.content)
        key = found.group(1).decode() if found else ""
        with self.sink._lock:
            self.sink.received[key] += 1
            self.sink.recipients.update(envelope.rcpt_tos)
        return "250 OK"


class SmtpSink:
    def __init__(self):
        self.port = free_port()
        self.received: Counter = Counter()
        #: Messages per recipient address (mails without the reminder header, such as invitations).
        self.recipients: Counter = Counter()
        self.stalled = threading.Event()
        self._stall_next = threading.Event()
        self._released = threading.Event()
        self._lock = threading.Lock()
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self._controller.start()
        return self

    def __exit__(self, *exc):
        self.release()
        self._controller.stop()

    def stall(self) -> None:
        self._released.clear()
        self._stall_next.set()

    def release(self) -> None:
        self._released.set()

    @property
    def total(self) -> int:
        with self._lock:
            return sum(self.received.values())


class PostfixSink:
    """Postfix's `smtp-sink` (C), for the benchmark: a Python sink costs about a millisecond of CPU
    per message, a quarter of what the worker it measures needs. It writes each message to a file
    in `folder` (best a tmpfs: /dev/shm); `total` and `received` count them as `SmtpSink` does.

    `binary` comes from scripts/ensure-smtp-sink (Debian's postfix package, unpacked)."""

    def __init__(self, binary: Path, folder: Path):
        self.port = free_port()
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        libraries = binary.parent.parent / "lib" / "postfix"  # the package's own shared libraries
        # One folder per second: smtp-sink names each file with a random 32-bit number, and fewer
        # files per folder make a clash unlikely. A clash would show as "missing", never be hidden.
        command = [str(binary), "-d", f"{folder}/%H%M%S/", "-u", getpass.getuser(), f"127.0.0.1:{self.port}", "256"]
        self._command, self._env = command, {**os.environ, "LD_LIBRARY_PATH": str(libraries)}
        self._process = None

    def __enter__(self):
        self._process = subprocess.Popen(self._command, env=self._env)  # noqa: S603
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                return self
            time.sleep(0.05)
        self._process.kill()
        raise RuntimeError("smtp-sink did not start")

    def __exit__(self, *exc):
        self._process.terminate()
        self._process.wait()

    def _files(self) -> list[str]:
        return [entry.path for folder in os.scandir(self.folder) for entry in os.scandir(folder.path)]

    @property
    def total(self) -> int:
        return len(self._files())

    @property
    def received(self) -> Counter:
        counts = Counter()
        for path in self._files():
            counts.update(found.decode() for found in HEADER_LINE.findall(Path(path).read_bytes()))
        return counts
