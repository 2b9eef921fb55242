"""Environment for the test run, loaded by pytest before Django reads its settings.

pyproject.toml loads this with `-p kindling.lib.testenv`. Values already in the environment win
(CI sets KINDLING_DATABASE_URL for the PostgreSQL run). Tests run with KINDLING_DEBUG on so
static files are served from the source tree without `collectstatic`; Django's test runner still
turns DEBUG itself off for every test. Production settings are checked separately, in a
subprocess (kindling/lib/tests/test_deploy_check.py).
"""

import os
import tempfile

os.environ.setdefault("KINDLING_DEBUG", "true")
os.environ.setdefault("KINDLING_SECRET_KEY", "test-only-" + "k" * 50)
os.environ.setdefault("KINDLING_DATA_DIR", tempfile.mkdtemp(prefix="kindling-test-"))
os.environ.setdefault("KINDLING_EMAIL_URL", "memorymail://")
# A fixed test key (never used anywhere else), so encrypted fields work in every test.
os.environ.setdefault("KINDLING_ENCRYPTION_KEYS", "dGVzdC1vbmx5LWtleS1mb3Ita2luZGxpbmctdGVzdHM=")
