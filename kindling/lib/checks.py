"""System checks: refuse to run without what keeps data safe."""

from django.core.checks import Error, register

from . import crypto


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
