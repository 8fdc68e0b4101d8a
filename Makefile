# Quick start: `make run` (the portal with demo data) and `make test` (the whole suite).
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed

.PHONY: run test lint format messages check-deploy check-production bench clean

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || "$$(scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

messages: $(STAMP)
	$(PY) manage.py compilemessages --ignore=.venv --ignore=var >/dev/null

run: $(STAMP) messages
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo
	@echo "Starting web (http://127.0.0.1:8000), Celery worker and Celery beat. Ctrl-C stops all three."
	@echo "Mail the portal sends is not delivered: read it at http://127.0.0.1:8000/dev/mail/"
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(BIN)/honcho start -f Procfile

test: $(STAMP) messages
	@scripts/ensure-chromium
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Production settings must pass Django's deployment checks without a single warning.
check-deploy: $(STAMP)
	DEBUG=False SECRET_KEY=ci-$$(date +%s)-a-long-random-secret-key-for-the-deploy-check-only \
	ALLOWED_HOSTS=bestuurderspool.example.nl EMAIL_HOST=smtp.example.nl FIELD_ENCRYPTION_KEYS=$$($(PY) -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())") \
	$(PY) manage.py check --deploy --fail-level WARNING

# The production stack on this machine, installed as docs/deploy.md says (systemd units' commands,
# environment file, deploy/manage, Caddy): started against PostgreSQL and Redis, checked over
# HTTPS as every role, stopped.
check-production: $(STAMP) messages
	@scripts/ensure-caddy
	$(PY) scripts/check_production.py

bench: $(STAMP)
	$(PY) benchmarks/bench_matching_engine.py
	$(PY) benchmarks/bench_wave.py
	@scripts/ensure-smtp-sink
	$(PY) benchmarks/bench_reminders.py
	$(PY) benchmarks/bench_pages.py
	$(PY) benchmarks/bench_audit.py

clean:
	rm -rf $(VENV) var
