"""A local SMTP server that accepts and counts mail (aiosmtpd), for the reminder integration
tests and benchmark. `stall()` makes it hold the next message without answering until
`release()`; a held message is then refused (451), so it counts as never delivered, as with a
real server that did not answer 250."""

import asyncio
import logging
import re
import socket
import threading
from collections import Counter

from aiosmtpd.controller import Controller

HEADER = "X-Bestuurderspool-Reminder"
#: The header read straight from the bytes: parsing every message would make the sink itself the
#: bottleneck of the benchmark.
HEADER_LINE = re.compile(rb"^" + HEADER.encode() + rb": *(\S+)", re.MULTILINE | re.IGNORECASE)
logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every connection at INFO


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
        return "250 OK"


class SmtpSink:
    def __init__(self):
        self.port = free_port()
        self.received: Counter = Counter()
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
