"""Logs an operator can follow: a request id on every line, carried into the Celery tasks the
request queues; the signed-in user's id (never their name, email or anything they wrote);
timings of requests and tasks; slow requests and slow queries as warnings.

- `RequestIdMiddleware` (first in MIDDLEWARE) takes the proxy's `X-Request-ID` when it looks
  like an id, or makes one, returns it in the response and logs one line per request: method,
  URL pattern (never the path itself: calendar and invitation addresses hold secrets), status,
  duration and user id. Above `SLOW_REQUEST_MS` that line is a warning.
- `ContextFilter` (on the log handlers) puts `request_id` and `user_id` on every record.
- Celery: `apply_async` puts the current request id in the task's headers; the worker takes it
  from there for the task's log lines, with the task's duration.
- Every database connection times its queries; one above `SLOW_QUERY_MS` is logged as a warning
  with its SQL without the parameters (the values may be confidential).

Production writes one JSON object a line (`LOG_FORMAT=json`), development readable text.
"""

import contextvars
import logging
import re
import time
import uuid

from celery import Task, signals
from django.conf import settings
from django.db.backends.signals import connection_created
from django.utils.functional import empty

logger = logging.getLogger("bestuurderspool.requests")
query_logger = logging.getLogger("bestuurderspool.queries")
task_logger = logging.getLogger("bestuurderspool.tasks")

HEADER = "X-Request-ID"
#: What an incoming id may look like (nginx's $request_id, a UUID, Caddy's or a load balancer's);
#: anything else is replaced, so a client cannot write arbitrary text into the logs.
SANE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{7,99}$")
#: Task header that carries the id from the request to the worker.
TASK_HEADER = "request_id"

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
_request: contextvars.ContextVar = contextvars.ContextVar("request", default=None)


def current_request_id() -> str:
    return _request_id.get()


def new_request_id() -> str:
    return uuid.uuid4().hex


def _user_id(request) -> int | None:
    """The signed-in user's id, if this request already loaded its user (never loaded here:
    that would cost a query on pages that do not need one)."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


class ContextFilter(logging.Filter):
    """Adds `request_id` and `user_id` to every record (empty outside a request or task)."""

    def filter(self, record):
        # django.request logs a 404 or 500 after the middleware has finished: its record names the request.
        request_id = getattr(getattr(record, "request", None), "id", None)
        record.request_id = getattr(record, "request_id", None) or request_id or _request_id.get()
        request = _request.get()
        if not hasattr(record, "user_id"):
            record.user_id = _user_id(request) if request is not None else None
        return True


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(HEADER, "")
        request.id = incoming if SANE_ID.match(incoming) else new_request_id()
        id_token, request_token = _request_id.set(request.id), _request.set(request)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = request.id
            self._log(request, response.status_code, started)
            return response
        finally:
            _request_id.reset(id_token)
            _request.reset(request_token)

    def _log(self, request, status: int, started: float) -> None:
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        match = getattr(request, "resolver_match", None)
        route = (match.route or match.view_name) if match else "(unresolved)"
        slow = duration_ms > settings.SLOW_REQUEST_MS
        logger.log(
            logging.WARNING if slow else logging.INFO,
            "%s %s %s %.1f ms%s",
            request.method,
            route,
            status,
            duration_ms,
            " (slow)" if slow else "",
            extra={"method": request.method, "route": route, "status": status, "duration_ms": duration_ms},
        )


# --- Slow queries ------------------------------------------------------------------------------


def _time_query(execute, sql, params, many, context):
    started = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        if duration_ms > settings.SLOW_QUERY_MS:
            # The statement with its placeholders only: the parameters may be confidential.
            statement = str(sql)[:1000]
            query_logger.warning(
                "Slow query: %.1f ms: %s", duration_ms, statement, extra={"duration_ms": duration_ms, "sql": statement}
            )


def _watch_queries(sender, connection, **kwargs):
    if _time_query not in connection.execute_wrappers:
        connection.execute_wrappers.append(_time_query)


connection_created.connect(_watch_queries, dispatch_uid="bestuurderspool-slow-queries")
# Python's warnings (a deprecation, Celery's "running as root") become log records too, so
# production's output stays one JSON object a line.
logging.captureWarnings(True)


# --- Celery ------------------------------------------------------------------------------------


class RequestIdTask(Task):
    """The project's task class: a task queued while a request is handled carries its id."""

    def apply_async(self, args=None, kwargs=None, *rest, **options):
        request_id = _request_id.get()
        if request_id:
            options["headers"] = {**(options.get("headers") or {}), TASK_HEADER: request_id}
        return super().apply_async(args, kwargs, *rest, **options)


def _task_request_id(task) -> str:
    request_id = getattr(task.request, TASK_HEADER, None) or (task.request.headers or {}).get(TASK_HEADER)
    return request_id if isinstance(request_id, str) and SANE_ID.match(request_id) else f"task-{task.request.id}"


_task_state: dict[str, tuple[float, contextvars.Token]] = {}


@signals.task_prerun.connect
def _task_started(task_id, task, **kwargs):
    _task_state[task_id] = (time.perf_counter(), _request_id.set(_task_request_id(task)))


@signals.task_postrun.connect
def _task_finished(task_id, task, state=None, **kwargs):
    started, token = _task_state.pop(task_id, (None, None))
    if started is None:
        return
    duration_ms = round((time.perf_counter() - started) * 1000, 1)
    task_logger.info(
        "Task %s %s in %.1f ms",
        task.name,
        state or "done",
        duration_ms,
        extra={"task": task.name, "task_id": task_id, "state": state, "duration_ms": duration_ms},
    )
    _request_id.reset(token)


def setup_celery(app) -> None:
    """The worker and beat log through Django's LOGGING (JSON in production) instead of
    configuring logging of their own."""
    signals.setup_logging.connect(lambda **kwargs: None, weak=False, dispatch_uid="bestuurderspool-logging")
