# Two commands matter: `make run` and `make test`. Everything else is what they stand on.
# (`make test-fast` is the suite without the browser, real-worker and full-demo tests.)
# (`make run` starts the worker with beat embedded: beat drains the outbox, see thiduakt/outbox.py.)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP  := $(VENV)/.requirements-installed
# Both cores: the suite is collected in the same order by every pytest-xdist worker.
PYTEST_ARGS ?= -n auto
# `make test LINT=` runs the tests without the lint (`ruff check`, `ruff format --check`): .ci/run's second pass.
LINT ?= yes
# The marks (pytest.ini) of the slow tests `make test-fast` leaves out.
FAST_MARKS := not browser and not worker and not demo

# Debian packages the app needs: gettext (compilemessages), Chromium (browser tests),
# poppler (PDF read-back), Pango/HarfBuzz (WeasyPrint), fonts with Vietnamese coverage.
APT_PACKAGES := gettext chromium poppler-utils libpango-1.0-0 libpangoft2-1.0-0 \
                libharfbuzz-subset0 fonts-dejavu-core

.PHONY: run test test-fast setup system-packages messages translations demo lint clean bench bench-certificates bench-load \
        backup restore

setup: system-packages $(STAMP) messages

system-packages:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
	  echo "Missing Debian packages. Run as root:"; \
	  echo "  sudo apt-get update && sudo apt-get install -y$$missing"; \
	  exit 1; \
	fi

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

messages: $(STAMP)
	@$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

run: setup
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) load_demo --if-empty
	@echo "thiduakt: http://127.0.0.1:8000  (demo logins: see README.md)"
	@$(BIN)/celery -A thiduakt worker --beat --loglevel=warning --concurrency=2 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(MANAGE) runserver 127.0.0.1:8000

test: setup
	$(if $(LINT),$(BIN)/ruff check --quiet . && $(BIN)/ruff format --check --quiet .)
	$(BIN)/pytest $(PYTEST_ARGS)

test-fast: setup
	$(if $(LINT),$(BIN)/ruff check --quiet . && $(BIN)/ruff format --check --quiet .)
	$(BIN)/pytest $(PYTEST_ARGS) -m "$(FAST_MARKS)"

demo: setup
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) load_demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) data

# The database and the media files in one dated archive (thiduakt/backup.py); copy it off the machine.
backup: $(STAMP)
	$(MANAGE) backup $(if $(BACKUP_DIR),--output $(BACKUP_DIR))

# Into an EMPTY database and media folder (a new DATABASE_URL / MEDIA_ROOT): make restore ARCHIVE=…
restore: $(STAMP)
	@test -n "$(ARCHIVE)" || { echo "Usage: make restore ARCHIVE=path/to/thiduakt-backup-….tar"; exit 1; }
	$(MANAGE) restore $(ARCHIVE)

translations: $(STAMP)
	$(MANAGE) update_translations

# The nomination import and eligibility benchmark on PostgreSQL (creates and migrates the database
# when missing; see awards/management/commands/bench_eligibility.py). Its own variable, so a
# DATABASE_URL set for development or CI is never filled with the synthetic district.
bench: $(STAMP)
	DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/thiduakt_bench} \
	  $(MANAGE) bench_eligibility --prepare-database $(BENCH_ARGS)

# The certificate printing benchmark (see awards/management/commands/bench_certificates.py): a print
# batch through a real worker and Redis, against one WeasyPrint process and one call per certificate.
bench-certificates: $(STAMP)
	DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/thiduakt_bench} \
	  CELERY_BROKER_URL=$${BENCH_BROKER_URL:-redis://127.0.0.1:6379/5} \
	  $(MANAGE) bench_certificates --prepare-database $(BENCH_ARGS)

# The load benchmark (see awards/management/commands/bench_load.py): locust's users against gunicorn
# on loopback, on the demo's size and on a district at scale (databases <name>_demo/_small/_large).
bench-load: $(STAMP)
	DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/thiduakt_load} \
	  $(MANAGE) bench_load $(BENCH_ARGS)
