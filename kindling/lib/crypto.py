"""Encryption at rest: a key ring and an encrypted text field.

Free text written by or about a client is stored as a Fernet token (AES-128-CBC with an
HMAC-SHA256, from `cryptography`). The keys come from KINDLING_ENCRYPTION_KEYS or a key file,
newest first; they never live in the database and are never derived from SECRET_KEY.
MultiFernet decrypts with any key in the ring and encrypts with the first, so adding a new key
at the front and running `kindling rotate-keys` moves every row to it; the old key can then be
removed.
"""

from __future__ import annotations

import functools
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models


class KeyRingError(ImproperlyConfigured):
    pass


def _read_keys() -> list[str]:
    if settings.ENCRYPTION_KEYS:
        return [k.strip() for k in settings.ENCRYPTION_KEYS if k.strip()]
    path = Path(settings.ENCRYPTION_KEY_FILE)
    if path.exists():
        lines = path.read_text().splitlines()
        return [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return []


@functools.cache
def key_ring() -> MultiFernet:
    keys = _read_keys()
    if not keys:
        raise KeyRingError(
            "No encryption keys. Set KINDLING_ENCRYPTION_KEYS or write a key file at "
            f"{settings.ENCRYPTION_KEY_FILE} (`kindling new-key` prints a key)."
        )
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as error:
        raise KeyRingError(f"An encryption key is not a valid Fernet key: {error}") from None


def _forget_keys(*, setting: str, **kwargs) -> None:
    if setting in {"ENCRYPTION_KEYS", "ENCRYPTION_KEY_FILE"}:
        key_ring.cache_clear()


setting_changed.connect(_forget_keys)


def new_key() -> str:
    return Fernet.generate_key().decode()


def encrypt(text: str) -> str:
    return key_ring().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    return _unlocked(key_ring().decrypt, token)


def rotate(token: str) -> str:
    """The same plaintext, encrypted under the newest key."""
    return _unlocked(key_ring().rotate, token)


def _unlocked(operation, token: str) -> str:
    try:
        return operation(token.encode()).decode()
    except InvalidToken:
        raise KeyRingError(
            "A stored value cannot be decrypted with any key in the ring. Keep old keys in the "
            "ring until `kindling rotate-keys` has finished."
        ) from None


class EncryptedTextField(models.TextField):
    """A TextField stored encrypted. It cannot be searched or ordered by; that is the point.

    The Django admin never shows these fields (kindling/lib/admin.py leaves them out).
    """

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return None
        return encrypt(str(value))

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return decrypt(value)


def encrypted_fields() -> list[tuple[type[models.Model], list[str]]]:
    """Every concrete model with encrypted fields, and their names."""
    from django.apps import apps

    found = []
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if names:
            found.append((model, names))
    return found
