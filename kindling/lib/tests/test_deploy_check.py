"""With production settings, `kindling check --deploy` has nothing to warn about."""

import os
import secrets
import subprocess
import sys

PRODUCTION = {
    "KINDLING_DEBUG": "false",
    "KINDLING_SECRET_KEY": secrets.token_urlsafe(50),
    "KINDLING_ALLOWED_HOSTS": "kindling.example.org",
    "KINDLING_EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
    "KINDLING_ENCRYPTION_KEYS": "dGVzdC1vbmx5LWtleS1mb3Ita2luZGxpbmctdGVzdHM=",
}


def _kindling(*args, extra_env, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINDLING_")}
    env |= {"KINDLING_DATA_DIR": str(tmp_path)} | extra_env
    if "KINDLING_DATABASE_URL" in os.environ:
        env["KINDLING_DATABASE_URL"] = os.environ["KINDLING_DATABASE_URL"]
    return subprocess.run(
        [sys.executable, "-m", "kindling", *args],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_the_deploy_check_is_clean(tmp_path):
    result = _kindling("check", "--deploy", "--fail-level", "WARNING",
                       extra_env=PRODUCTION, tmp_path=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stderr


def test_the_deploy_check_would_catch_debug_mode(tmp_path):
    # The check above is only worth something if it can fail.
    result = _kindling("check", "--deploy", "--fail-level", "WARNING",
                       extra_env={**PRODUCTION, "KINDLING_DEBUG": "true"},
                       tmp_path=tmp_path)  # fmt: skip
    assert result.returncode != 0
    assert "security.W018" in result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "KINDLING_SECRET_KEY"}
    result = _kindling("check", extra_env=env, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "KINDLING_SECRET_KEY is not set" in result.stderr


def test_sqlite_runs_in_wal_mode_with_immediate_transactions(tmp_path):
    code = (
        "from django.db import connection; c = connection.cursor();"
        "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0]);"
        "c.execute('PRAGMA busy_timeout'); print(c.fetchone()[0]);"
        "print(connection.settings_dict['OPTIONS']['transaction_mode'])"
    )
    env = {"KINDLING_DEBUG": "true", "KINDLING_SECRET_KEY": "x" * 50}
    result = _kindling("shell", "--verbosity", "0", "-c", code, extra_env=env, tmp_path=tmp_path)
    if "KINDLING_DATABASE_URL" in os.environ:
        return  # this run is the PostgreSQL one; the SQLite run checks this
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "20000", "IMMEDIATE"]


def test_production_cookies_are_secure_httponly_and_samesite(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE,"
        " s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY, s.SECURE_HSTS_SECONDS > 0)"
    )
    result = _kindling("shell", "--verbosity", "0", "-c", code, extra_env=PRODUCTION,
                       tmp_path=tmp_path)  # fmt: skip
    assert result.stdout.split() == ["True", "True", "Lax", "True", "True", "True"], result.stderr
