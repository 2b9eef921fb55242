"""Benchmark: the clinician's caseload page with 10 clients and with 1,000.

What it does, in one run on this machine:
  1. makes a throw-away install (a fresh SQLite database in a temp dir, production-like
     settings with the cached template loader) and loads the demo practice with 10 extra
     clients, each with a few months of SCS-SF history (as `kindling demo --clients 10` does);
  2. renders /caseload/ for Dr Ruth --repeat times in this process (Django's test client: the
     whole middleware stack, the view and the template, no network) and takes the median, and
     counts its SQL queries;
  3. tops the caseload up to 1,000 clients and measures again;
  4. prints both times, both query counts and the ratio (1,000 / 10).

Target (design): ratio at most 2, and the same number of queries. The caseload shows 50 clients
a page, sorted and filtered in the database, so the page's cost should not grow with the
caseload beyond the database's own work. The script reports; it does not assert.

Usage: .venv/bin/python bench/caseload.py [--repeat R] [--clients N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 2.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--clients", type=int, default=1000)
    args = parser.parse_args(argv)
    if not 3 <= args.repeat <= 1000 or not 20 <= args.clients <= 20000:
        print("--repeat must be 3-1000 and --clients 20-20000", file=sys.stderr)
        return 2
    workdir = tempfile.mkdtemp(prefix="kindling-caseload-bench-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="kindling.settings",
        KINDLING_DEBUG="false",
        KINDLING_SECRET_KEY="bench-only-" + "b" * 50,
        KINDLING_DATA_DIR=workdir,
        KINDLING_ENCRYPTION_KEYS="dGVzdC1vbmx5LWtleS1mb3Ita2luZGxpbmctdGVzdHM=",
        KINDLING_ALLOWED_HOSTS="testserver",
        KINDLING_SSL_REDIRECT="false",
        KINDLING_SECURE_COOKIES="false",
        KINDLING_HSTS_SECONDS="0",
        KINDLING_LOG_LEVEL="ERROR",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from kindling.accounts import demo
    from kindling.accounts.models import User

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # as in production

    def measure() -> tuple[float, int]:
        browser = Client()
        browser.force_login(User.objects.get(email="clinician@demo.kindling"))
        browser.get("/caseload/")  # warm: session, templates, content files
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = browser.get("/caseload/")
            times.append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
        with CaptureQueriesContext(connection) as captured:
            browser.get("/caseload/")
        return statistics.median(times), len(captured.captured_queries)

    print("Loading the demo with 10 extra clients...", flush=True)
    demo.load(extra_clients=10)
    demo.staff_mfa()  # staff pages need two-step login set up, as `kindling demo` does
    small, small_queries = measure()
    print(f"Topping up to {args.clients} extra clients...", flush=True)
    demo.load(extra_clients=args.clients)
    large, large_queries = measure()
    ratio = large / small
    print(
        f"Caseload page, median of {args.repeat} renders in-process (SQLite, DEBUG off)\n\n"
        f"clients      median ms   queries\n"
        f"{10 + 3:>7}   {small * 1000:>11.1f}   {small_queries:>7}\n"
        f"{args.clients + 3:>7}   {large * 1000:>11.1f}   {large_queries:>7}\n\n"
        f"ratio {args.clients + 3} / 13 clients: {ratio:.2f}"
    )
    verdict = "met" if ratio <= TARGET_RATIO else "MISSED"
    print(f"target  ratio <= {TARGET_RATIO:.0f}: {verdict} ({ratio:.2f})")
    same = "met" if small_queries == large_queries else "MISSED"
    print(f"target  same number of queries: {same} ({small_queries} and {large_queries})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
