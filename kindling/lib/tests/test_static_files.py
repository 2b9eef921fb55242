"""The stylesheet is found by the static finders, and survives collectstatic for production."""

import os
import subprocess
import sys

from django.contrib.staticfiles import finders


def test_the_stylesheet_is_found():
    assert finders.find("kindling/site.css")


def test_production_static_files_build_and_pages_render(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINDLING_")}
    env |= {
        "KINDLING_DEBUG": "false",
        "KINDLING_SECRET_KEY": "p" * 20 + "roduction-like-secret-for-this-test-only",
        "KINDLING_DATA_DIR": str(tmp_path),
        "KINDLING_ENCRYPTION_KEYS": os.environ["KINDLING_ENCRYPTION_KEYS"],
        "KINDLING_SSL_REDIRECT": "false",
        "KINDLING_ALLOWED_HOSTS": "testserver",
    }
    run = [sys.executable, "-m", "kindling"]
    collected = subprocess.run([*run, "collectstatic", "--noinput"], env=env,
                               capture_output=True, text=True, timeout=300)  # fmt: skip
    assert collected.returncode == 0, collected.stderr
    code = (
        "from django.test import Client; r = Client().get('/accounts/login/');"
        "print(r.status_code); import re; page = r.content.decode();"
        "print(re.search(r'/static/kindling/site\\.[0-9a-f]+\\.css', page) is not None)"
    )
    migrated = subprocess.run([*run, "migrate", "--noinput"], env=env, capture_output=True,
                              text=True, timeout=300)  # fmt: skip
    assert migrated.returncode == 0, migrated.stderr
    page = subprocess.run([*run, "shell", "--verbosity", "0", "-c", code], env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert page.stdout.split() == ["200", "True"], page.stderr
