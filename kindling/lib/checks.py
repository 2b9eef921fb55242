"""System checks: refuse to run without what keeps data safe."""

from django.core.checks import Error, register

from . import crypto

# A message, not a password (ruff's S105 guesses from the name).
SECRET_KEY_MISSING = (
    "KINDLING_SECRET_KEY is not set. Production needs a long random secret "  # noqa: S105
    "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
    "or set KINDLING_DEBUG=true for local development."
)


@register()
def secret_key_is_configured(app_configs, **kwargs):
    from django.conf import settings

    if not settings._wrapped.__dict__.get("SECRET_KEY"):
        return [Error(SECRET_KEY_MISSING, id="kindling.E002")]
    return []


@register()
def encryption_keys_are_configured(app_configs, **kwargs):
    try:
        crypto.key_ring()
    except crypto.KeyRingError as error:
        return [
            Error(
                str(error),
                hint="Generate one with `kindling new-key`; keep it outside the database.",
                id="kindling.E001",
            )
        ]
    return []
