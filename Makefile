# Kindling's two commands: `make demo` and `make test`. Everything else here serves those.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/.venv
# Compile bytecode at install time: start-up stays fast even where PYTHONDONTWRITEBYTECODE is set.
export UV_COMPILE_BYTECODE := 1

# Use uv from PATH if there is one; otherwise bootstrap a pinned uv into var/tools.
UV_VERSION := 0.13.9
UV := $(shell command -v uv 2>/dev/null || echo $(CURDIR)/var/tools/bin/uv)
KINDLING := $(CURDIR)/.venv/bin/kindling
DEMO_ENV := KINDLING_DEBUG=true

.PHONY: help install demo test lint unit browser ci-postgres bench chromium wrk clean

help:
	@echo "make demo   set up and serve the demo practice on http://127.0.0.1:8000"
	@echo "make test   set up and run every check (lint, unit, integration, browser)"

$(CURDIR)/var/tools/bin/uv:
	python3 -m venv var/tools
	var/tools/bin/pip install --quiet "uv==$(UV_VERSION)"

.venv/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --all-groups
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: .venv/.installed

demo: install
	$(DEMO_ENV) $(KINDLING) demo

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

chromium:
	@bash scripts/ensure-chromium

unit: install
	.venv/bin/pytest -m "not browser"

browser: install node_modules/.installed chromium
	.venv/bin/pytest -m browser

# Everything: lint first (fast), then the whole suite in one run.
test: install node_modules/.installed chromium lint
	.venv/bin/pytest

wrk:
	@bash scripts/ensure-wrk

bench: install wrk
	.venv/bin/python bench/web.py $(BENCH_ARGS)

clean:
	rm -rf .venv node_modules var/static
