#!/usr/bin/env python3
"""Start the production stack on this machine as docs/deploy.md installs it, check it, stop it.

Against the local PostgreSQL (a database of its own, made afresh: bp_prodcheck) and Redis (a
database number of its own: 14), with the environment file deploy/env.example where only the
machine's values differ (addresses, ports, fresh secrets), and nothing else:
1. `deploy/manage` runs `check --deploy`, `migrate`, `compilemessages` and `collectstatic`, and
   `seed_demo` makes the accounts to sign in with (their TOTP secrets are the demo's);
2. web, worker and beat start with the ExecStart lines of the systemd units in deploy/, and Caddy
   with deploy/Caddyfile (the host name replaced as the guide does, a *.localhost name so that
   Caddy's own certificate authority signs it, this check's ports);
3. over HTTPS through Caddy (certificate verified) it signs in as the first account made by
   createsuperuser (a confirmation mail), as wethouder, coach and coordinator (TOTP codes
   computed with allauth's own helpers) and a superuser, opens a page of each, loads a static
   file by its hashed name (long cache headers, compressed), checks the security headers, the
   CSP and the redirects to https, has the coordinator invite a coach (the web's and the
   worker's log lines carry Caddy's request id) and waits until beat has planned and the worker
   sent reminders to a local SMTP sink; /health/ then reports every part ok;
4. SIGTERM to each process, as systemd stops them; each must exit 0 within its unit's
   TimeoutStopSec; every log line must be one JSON object and none an ERROR;
5. the guide's backup (pg_dump) is restored (pg_restore) into a new database, rows counted.

Any failure ends the run with "check-production: FAILED: ..." and the tail of the logs.
`--set KEY=VALUE` overrides one environment variable (to see the check catch a broken setting).
`--keep` leaves the working folder (logs, environment file) for inspection.
"""

import argparse
import importlib.util
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.parse
from http.client import HTTPConnection, HTTPSConnection
from importlib.machinery import SourceFileLoader
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.smtp_sink import SmtpSink, free_port  # noqa: E402

INSTALL_DIR = "/srv/bestuurderspool"  # where docs/deploy.md installs the repository
DATABASE = os.environ.get("PRODCHECK_DATABASE", "bp_prodcheck")
SERVER = os.environ.get("PRODCHECK_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("PRODCHECK_REDIS", "redis://127.0.0.1:6379/14")
UNITS = ("web", "worker", "beat")
STOP_TIMEOUT = {"web": 30, "worker": 120, "beat": 30, "caddy": 30}  # the units' TimeoutStopSec
started_at = time.monotonic()


class CheckFailed(Exception):
    pass


def say(message: str) -> None:
    print(f"check-production [{time.monotonic() - started_at:5.1f} s] {message}", flush=True)


def expect(condition, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def wait_for(condition, *, timeout: float, what: str, every: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(every)
    raise CheckFailed(f"timed out after {timeout:.0f} s waiting for {what}")


# --- Environment ---------------------------------------------------------------------------------


def _deploy_manage():
    """deploy/manage, the operator's wrapper (a script without .py), loaded as a module."""
    loader = SourceFileLoader("deploy_manage", str(ROOT / "deploy" / "manage"))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


read_env_file = _deploy_manage().read_env_file


def environment(work: Path, *, ports: dict[str, int], overrides: dict[str, str]) -> dict[str, str]:
    """deploy/env.example with this machine's values; everything else as the guide ships it."""
    from cryptography.fernet import Fernet

    values = read_env_file(str(ROOT / "deploy" / "env.example"))
    values.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        # The portal's name behind Caddy; 127.0.0.1 for probing gunicorn itself.
        ALLOWED_HOSTS=f"{PORTAL_HOST},127.0.0.1",
        PORTAL_URL=f"https://{PORTAL_HOST}:{ports['https']}",
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        DATABASE_URL=f"{SERVER}/{DATABASE}",
        REDIS_URL=REDIS,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(ports["smtp"]),
        EMAIL_USE_TLS="False",
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        VAR_DIR=str(work / "var"),
        WEB_BIND=f"127.0.0.1:{ports['web']}",
        WEB_WORKERS="2",
        # Beat has the sweep run every 5 s instead of every minute, so the check need not wait.
        REMINDER_SWEEP_SECONDS="5",
    )
    values.update(overrides)
    lines = [f"{key}={value}" for key, value in values.items()]
    (work / "env").write_text("\n".join(lines) + "\n")
    return values


def process_env(values: dict[str, str]) -> dict[str, str]:
    """What systemd gives a unit: a plain PATH and the environment file, nothing of this shell."""
    return {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", **values}


# --- Database and Redis --------------------------------------------------------------------------


def fresh_database() -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def empty_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS).flushdb()


def manage(work: Path, *args: str, timeout: int = 180, extra_env: dict | None = None) -> None:
    """The operator's command from the guide: deploy/manage with the environment file."""
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "BESTUURDERSPOOL_ENV": str(work / "env")}
    env.update(extra_env or {})
    say(f"deploy/manage {' '.join(args)}")
    log = work / "manage.log"
    with log.open("a") as output:
        result = subprocess.run(  # noqa: S603
            [str(ROOT / "deploy" / "manage"), *args], env=env, stdout=output, stderr=subprocess.STDOUT, timeout=timeout
        )
    if result.returncode != 0:
        raise CheckFailed(f"deploy/manage {' '.join(args)} exited {result.returncode}", log)


# --- The units -----------------------------------------------------------------------------------


class Unit:
    """One systemd unit of deploy/, started with its own ExecStart and WorkingDirectory."""

    def __init__(self, name: str, work: Path, values: dict[str, str], *, command: list[str] | None = None):
        self.name, self.log, self.values = name, work / f"{name}.log", values
        self.command, self.cwd, self.process = command, str(work), None
        if command is None:
            text = (ROOT / "deploy" / f"bestuurderspool-{name}.service").read_text()
            fields = dict(re.findall(r"^(ExecStart|WorkingDirectory)=(.+)$", text, re.MULTILINE))
            self.command = shlex.split(fields["ExecStart"].replace(INSTALL_DIR, str(ROOT)))
            self.cwd = fields["WorkingDirectory"].replace(INSTALL_DIR, str(ROOT))

    def start(self):
        say(f"start {self.name}: {' '.join(self.command).replace(str(ROOT), INSTALL_DIR)}")
        self._output = self.log.open("w")
        self.process = subprocess.Popen(  # noqa: S603
            self.command,
            cwd=self.cwd,
            env=process_env(self.values),
            stdout=self._output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> int | None:
        """As systemd with KillMode=mixed: SIGTERM to the main process, SIGKILL after the timeout."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=STOP_TIMEOUT[self.name])
        except subprocess.TimeoutExpired:
            code = None
        leftovers = _group_alive(self.process.pid)
        if code is None or leftovers:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self._output.close()
        self.process = None
        if leftovers and code is not None:
            return -999  # the main process left children behind
        return code

    def lines(self) -> list[str]:
        return [line for line in self.log.read_text(errors="replace").splitlines() if line.strip()]

    def records(self) -> list[dict]:
        records = []
        for line in self.lines():
            try:
                records.append(json.loads(line))
            except ValueError:
                records.append({"_not_json": line})
        return records


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False


# --- Caddy ------------------------------------------------------------------------------------------

PORTAL_HOST = "portal.localhost"  # Caddy gives a *.localhost name a certificate of its own CA


def caddy(work: Path, ports: dict[str, int]) -> Unit:
    """Caddy with deploy/Caddyfile, changed as the guide's sed changes the host name, with this
    check's ports and folders, and local certificates instead of Let's Encrypt."""
    binary = ROOT / "var" / "tools" / "caddy" / "usr" / "bin" / "caddy"
    expect(binary.exists(), "Caddy is missing: run scripts/ensure-caddy")
    text = (ROOT / "deploy" / "Caddyfile").read_text()
    text = text.replace("portal.bestuurderspool.nl", f"{PORTAL_HOST}:{ports['https']}")
    text = text.replace("127.0.0.1:8000", f"127.0.0.1:{ports['web']}")
    text = text.replace("/var/log/caddy/bestuurderspool.log", str(work / "caddy-access.log"))
    options = ["admin off", "local_certs", "skip_install_trust", f"http_port {ports['http']}"]
    local = "".join(f"\t{option}\n" for option in [*options, f"https_port {ports['https']}"])
    expect(text.count("\n{\n") == 1, "deploy/Caddyfile has no global options block")
    (work / "Caddyfile").write_text(text.replace("\n{\n", "\n{\n" + local, 1))
    command = [str(binary), "run", "--config", str(work / "Caddyfile"), "--adapter", "caddyfile"]
    env = {"XDG_DATA_HOME": str(work / "caddy-data"), "XDG_CONFIG_HOME": str(work / "caddy-config"), "HOME": str(work)}
    return Unit("caddy", work, env, command=command)


def caddy_tls(work: Path) -> ssl.SSLContext:
    """Trust Caddy's own root certificate only: the checks verify the certificate and host name."""
    root = work / "caddy-data" / "caddy" / "pki" / "authorities" / "local" / "root.crt"
    wait_for(root.exists, timeout=20, what="Caddy's local certificate authority")
    return ssl.create_default_context(cafile=str(root))


# --- HTTP, as Caddy forwards it --------------------------------------------------------------------


class _TLSConnection(HTTPSConnection):
    """HTTPS to 127.0.0.1 for a host name that only Caddy knows (SNI and certificate checked)."""

    def connect(self):
        raw = socket.create_connection(("127.0.0.1", self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)


class Browser:
    """A minimal client that keeps cookies and follows no redirect. With `tls` (the context that
    trusts Caddy's certificate) it speaks HTTPS to Caddy for `host`; without, plain HTTP straight
    to gunicorn, adding what Caddy adds (X-Forwarded-Proto https) unless told `https=False`."""

    def __init__(self, port: int, *, host: str = "127.0.0.1", tls: ssl.SSLContext | None = None):
        self.port, self.host, self.tls, self.cookies = port, host, tls, {}
        self.origin = f"https://{host}:{port}"

    def request(self, method: str, path: str, *, data=None, headers=None, https=True):
        if self.tls:
            connection = _TLSConnection(self.host, self.port, context=self.tls, timeout=30)
        else:
            connection = HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"Host": f"{self.host}:{self.port}", **(headers or {})}
        if https and not self.tls:
            sent["X-Forwarded-Proto"] = "https"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data}
            body = urllib.parse.urlencode(data)
            sent.update({"Content-Type": "application/x-www-form-urlencoded", "Origin": self.origin})
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        response.text = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: dict, **kwargs):
        return self.request("POST", path, data=data, **kwargs)


def expect_status(response, status: int, what: str) -> None:
    location = response.headers.get("Location", "")
    expect(
        response.status == status,
        f"{what}: HTTP {response.status}{' to ' + location if location else ''}, expected {status}",
    )


#: How the checks reach the portal: through Caddy (set by `run`).
PORTAL: dict = {}


def portal_browser() -> Browser:
    return Browser(**PORTAL)


def sign_in(email: str, password: str, totp_secret: str | None) -> Browser:
    browser = portal_browser()
    expect_status(browser.get("/accounts/login/"), 200, "the sign-in page")
    response = browser.post("/accounts/login/", {"login": email, "password": password})
    expect_status(response, 302, f"signing in as {email}")
    if totp_secret:
        expect(response.headers["Location"] == "/accounts/2fa/authenticate/", f"{email}: no TOTP step")
        from bestuurderspool.accounts.tests.factories import totp_code

        response = browser.post("/accounts/2fa/authenticate/", {"code": totp_code(totp_secret)})
        expect_status(response, 302, f"the TOTP code of {email}")
    expect(response.headers["Location"] == "/", f"{email} was sent to {response.headers['Location']}, not home")
    return browser


def expect_page(browser: Browser, path: str, marker: str, who: str) -> str:
    response = browser.get(path)
    expect_status(response, 200, f"{who}: {path}")
    html = response.text.decode()
    expect(marker in html, f"{who}: {path} does not show {marker!r}")
    return html


# --- The checks ----------------------------------------------------------------------------------

SECURITY_HEADERS = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
CSP_PARTS = ("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")


def check_security(web_port: int, http_port: int) -> None:
    browser = portal_browser()
    response = browser.get("/")
    expect_status(response, 200, "the landing page")
    for header, value in SECURITY_HEADERS.items():
        expect(response.headers.get(header) == value, f"{header} is {response.headers.get(header)!r}, not {value!r}")
    csp = response.headers.get("Content-Security-Policy", "")
    missing = [part for part in CSP_PARTS if part not in csp]
    expect(not missing and "unsafe" not in csp, f"Content-Security-Policy {csp!r} lacks {missing} or allows unsafe")
    csrf = next(h for h in response.headers.get_all("Set-Cookie") or [""] if h.startswith("csrftoken="))
    expect("Secure" in csrf, f"the CSRF cookie is not Secure: {csrf}")
    to_caddy = Browser(http_port, host=PORTAL_HOST).get("/privacy/", https=False)
    expect(to_caddy.status in (301, 302, 308), f"Caddy answers plain HTTP with {to_caddy.status}, not a redirect")
    expect(to_caddy.headers["Location"].startswith(f"https://{PORTAL_HOST}"), "Caddy does not send HTTP to https")
    plain = Browser(web_port).get("/privacy/", https=False)  # past the proxy, the portal redirects too
    expect_status(plain, 301, "plain HTTP at gunicorn")
    expect(plain.headers["Location"] == f"https://127.0.0.1:{web_port}/privacy/", "the portal does not send to https")
    say("through Caddy (TLS): security headers, CSP, Secure cookies; HTTP sent to https: ok")


def check_static(browser: Browser, html: str) -> None:
    hashed = re.findall(r'(?:href|src)="(/static/[^"]+\.[0-9a-f]{12}\.(?:css|js))"', html)
    expect(hashed, "the page links no static file by a hashed name (is STORAGES['staticfiles'] the manifest?)")
    response = browser.get(hashed[0], headers={"Accept-Encoding": "gzip"})
    expect_status(response, 200, f"static file {hashed[0]}")
    cache_control = response.headers.get("Cache-Control", "")
    expect("max-age=315360000" in cache_control and "immutable" in cache_control, f"{hashed[0]}: {cache_control!r}")
    expect(response.headers.get("Content-Encoding") == "gzip", f"{hashed[0]} is not served compressed")
    say(f"static {hashed[0]}: {cache_control}, gzip: ok")


def check_roles() -> Browser:
    from bestuurderspool.demo.people import DEMO_PASSWORD, DEMO_TOTP_SECRETS

    def as_(email):
        return sign_in(email, DEMO_PASSWORD, DEMO_TOTP_SECRETS.get(email))

    wethouder = as_("wethouder@demo.bestuurderspool.nl")
    html = expect_page(wethouder, "/", "Welkom, Sanne", "wethouder")
    expect_page(wethouder, "/meldingen/", "Meldingen", "wethouder")
    check_static(wethouder, html)
    coach = as_("coach@demo.bestuurderspool.nl")
    expect_page(coach, "/", "Welkom, Henk", "coach")
    coordinator = as_("coordinator@demo.bestuurderspool.nl")
    expect_page(coordinator, "/", 'data-testid="reminder-health"', "coordinator")
    expect_page(coordinator, "/coaching/pool/", "Henk", "coordinator")
    superuser = as_("admin@demo.bestuurderspool.nl")
    expect_page(superuser, "/meldingen/status/", "Herinneringen: status", "superuser")
    say("signed in as wethouder, coach, coordinator (TOTP) and superuser (TOTP); their pages: ok")
    return coordinator


FIRST_ACCOUNT = "beheer@example.nl"


def check_first_account(sink: SmtpSink, password: str) -> None:
    """The guide's first account (createsuperuser): signing in mails the confirmation link first."""
    browser, before = portal_browser(), sink.total
    expect_status(browser.get("/accounts/login/"), 200, "the sign-in page")
    response = browser.post("/accounts/login/", {"login": FIRST_ACCOUNT, "password": password})
    expect_status(response, 302, "the first account's sign-in")
    expect(response.headers["Location"] == "/accounts/confirm-email/", "the first account is not asked to confirm")
    wait_for(lambda: sink.total > before, timeout=30, what="the confirmation mail of the first account")
    say("createsuperuser's account: sign-in mails the confirmation link: ok")


UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def check_request_id_reaches_the_worker(coordinator: Browser, units: dict[str, Unit], sink: SmtpSink) -> None:
    before = sink.total
    response = coordinator.post(
        "/uitnodigingen/",
        {"first_name": "Proef", "last_name": "Coach", "email": "proef.coach@example.nl", "role": "coach"},
        headers={"X-Request-ID": "set-by-the-client-0001"},  # Caddy replaces it with its own
    )
    expect_status(response, 302, "the coordinator's invitation")
    request_id = response.headers.get("X-Request-ID", "")
    expect(UUID.match(request_id), f"the request id {request_id!r} is not Caddy's ({{http.request.uuid}})")
    wait_for(lambda: sink.total > before, timeout=30, what="the invitation mail at the SMTP sink")

    def logged(unit, logger):
        return any(r.get("request_id") == request_id and r.get("logger") == logger for r in units[unit].records())

    wait_for(lambda: logged("web", "bestuurderspool.requests"), timeout=10, what="the web's line with the request id")
    wait_for(lambda: logged("worker", "bestuurderspool.tasks"), timeout=10, what="the worker's line with the id")
    say(f"invitation mailed; web and worker log lines share request id {request_id}: ok")


def check_reminders(sink: SmtpSink) -> None:
    from bestuurderspool.notifications.enums import ReminderStatus
    from bestuurderspool.notifications.models import Reminder

    def sent():
        reminders = sum(count for key, count in sink.received.items() if key)
        rows = Reminder.objects.filter(status=ReminderStatus.SENT).count()
        return reminders and rows and (reminders, rows)

    reminders, rows = wait_for(sent, timeout=60, what="beat to plan and the worker to send a reminder")
    say(f"beat planned, the worker sent {reminders} reminder(s) to the SMTP sink ({rows} marked sent): ok")


def check_health() -> None:
    def healthy():
        response = portal_browser().get("/health/")
        return response.status == 200 and json.loads(response.text)

    body = wait_for(healthy, timeout=20, what="/health/ to answer 200")
    expect(all(body[part] == "ok" for part in ("database", "cache", "broker", "beat")), f"/health/: {body}")
    say(f"/health/: {body}")


#: What Celery prints to the terminal itself, past logging, when it is told to stop.
CELERY_SAYS = re.compile(r"^worker: (Warm|Cold) shutdown \(MainProcess\)$")


def check_backup_and_restore(work: Path) -> None:
    """The guide's backup and restore: pg_dump's custom format, restored into a new database."""
    import psycopg

    dump, restored = work / "portal.dump", f"{DATABASE}_restore"
    subprocess.run(  # noqa: S603
        ["pg_dump", "--format=custom", f"--file={dump}", f"--dbname={SERVER}/{DATABASE}"],  # noqa: S607
        check=True,
        timeout=120,
    )
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{restored}"')
    result = subprocess.run(  # noqa: S603
        ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={SERVER}/{restored}", str(dump)],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=120,
    )
    expect(result.returncode == 0, f"pg_restore failed: {result.stderr[-500:]}")
    counts = "SELECT (SELECT count(*) FROM accounts_user), (SELECT count(*) FROM notifications_reminder)"
    with psycopg.connect(f"{SERVER}/{DATABASE}") as original, psycopg.connect(f"{SERVER}/{restored}") as copy:
        before, after = original.execute(counts).fetchone(), copy.execute(counts).fetchone()
    expect(before == after, f"the restored database differs: users, reminders {before} before, {after} after")
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE "{restored}" WITH (FORCE)')
    say(f"pg_dump and pg_restore: {after[0]} users and {after[1]} reminders restored: ok")


def check_logs(units: dict[str, Unit]) -> None:
    for unit in units.values():
        records = unit.records()
        not_json = [r["_not_json"] for r in records if "_not_json" in r and not CELERY_SAYS.match(r["_not_json"])]
        expect(not not_json, f"{unit.name}: log lines that are not JSON, e.g. {not_json[:3]}")
        errors = [r for r in records if r.get("level") in ("ERROR", "CRITICAL")]
        expect(not errors, f"{unit.name}: ERROR logged: {errors[:3]}")
    say(f"logs: {sum(len(u.lines()) for u in units.values())} lines, each one JSON object, no ERROR: ok")


# --- The run -------------------------------------------------------------------------------------


def run(work: Path, overrides: dict[str, str]) -> None:
    with SmtpSink() as sink:
        ports = {"web": free_port(), "http": free_port(), "https": free_port(), "smtp": sink.port}
        web_port = ports["web"]
        values = environment(work, ports=ports, overrides=overrides)
        os.environ.update(values)
        os.environ["DJANGO_SETTINGS_MODULE"] = "bestuurderspool.settings"
        fresh_database()
        empty_redis()
        manage(work, "check", "--deploy", "--fail-level", "WARNING")
        manage(work, "migrate", "--no-input")
        manage(work, "compilemessages", "--ignore=.venv", "--ignore=var")
        manage(work, "collectstatic", "--no-input")
        manage(work, "seed_demo", "--quiet-accounts")
        password = secrets.token_urlsafe(16)
        first_account = {"DJANGO_SUPERUSER_EMAIL": FIRST_ACCOUNT, "DJANGO_SUPERUSER_PASSWORD": password}
        manage(work, "createsuperuser", "--no-input", extra_env=first_account)

        import django

        django.setup()
        units = {name: Unit(name, work, values).start() for name in UNITS}
        proxy = caddy(work, ports).start()
        try:
            wait_for(lambda: _answers(web_port) or _died(units), timeout=30, what="gunicorn to answer")
            _died(units, fail=True)
            PORTAL.update(port=ports["https"], host=PORTAL_HOST, tls=caddy_tls(work))
            wait_for(lambda: _answers_tls() or _died({"caddy": proxy}), timeout=20, what="Caddy to answer")
            _died({**units, "caddy": proxy}, fail=True)
            check_security(web_port, ports["http"])
            check_first_account(sink, password)
            coordinator = check_roles()
            check_request_id_reaches_the_worker(coordinator, units, sink)
            check_reminders(sink)
            check_health()
            _died({**units, "caddy": proxy}, fail=True)
        finally:
            codes = {"caddy": proxy.stop(), **{name: unit.stop() for name, unit in units.items()}}
            say(f"stopped with SIGTERM: exit codes {codes}")
        bad = {name: code for name, code in codes.items() if code != 0}
        expect(not bad, f"not a clean shutdown (exit code, -999: children left behind): {bad}")
        check_logs(units)
        check_backup_and_restore(work)


def _answers_tls() -> bool:
    try:
        return portal_browser().get("/health/?checks=database,cache").status == 200
    except OSError:
        return False


def _answers(port: int) -> bool:
    try:
        return Browser(port).get("/health/?checks=database,cache").status == 200
    except OSError:
        return False


def _died(units: dict[str, Unit], *, fail: bool = False) -> bool:
    dead = [name for name, unit in units.items() if not unit.alive()]
    if dead and fail:
        raise CheckFailed(f"{', '.join(dead)} stopped by itself")
    return bool(dead)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="override a variable")
    parser.add_argument("--keep", action="store_true", help="keep the working folder")
    options = parser.parse_args()
    overrides = dict(item.split("=", 1) for item in options.set)
    work = Path(tempfile.mkdtemp(prefix="check-production-"))
    try:
        run(work, overrides)
    except (CheckFailed, subprocess.TimeoutExpired) as failure:
        print(f"\ncheck-production: FAILED: {failure.args[0]}", file=sys.stderr)
        for log in sorted(work.glob("*.log")):
            tail = log.read_text(errors="replace").splitlines()[-15:]
            print(f"--- last lines of {log.name}:\n" + "\n".join(tail), file=sys.stderr)
        print(f"(working folder: {work})", file=sys.stderr)
        return 1
    say("the production stack started, answered and stopped as the guide says: PASSED")
    if not options.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
