"""The WSGI entry point for gunicorn and other servers. Refuses to start half-configured."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kindling.settings")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402 - settings are ready only after the line above
from django.core.exceptions import ImproperlyConfigured  # noqa: E402

from kindling.lib import checks, crypto  # noqa: E402

if not settings._wrapped.__dict__.get("SECRET_KEY"):
    raise ImproperlyConfigured(checks.SECRET_KEY_MISSING)
crypto.key_ring()  # raises a clear KeyRingError if no encryption keys are configured
