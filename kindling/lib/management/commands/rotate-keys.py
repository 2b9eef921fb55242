"""`kindling rotate-keys`: re-encrypt every encrypted value under the newest key, in batches.

Each batch commits on its own, and every value stays readable throughout (the ring still holds
the old key), so the command can be stopped at any point and run again to finish.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.db.models.functions import Cast

from kindling.lib import crypto


def rotate_model(model: type[models.Model], fields: list[str], batch_size: int) -> int:
    """Rotate one model's encrypted fields; returns how many rows were rewritten."""
    raw = {f"raw_{name}": Cast(name, models.TextField()) for name in fields}
    last_pk = None
    done = 0
    while True:
        rows = model._default_manager.order_by("pk").annotate(**raw)
        if last_pk is not None:
            rows = rows.filter(pk__gt=last_pk)
        batch = list(rows.values_list("pk", *raw)[:batch_size])
        if not batch:
            return done
        with transaction.atomic():
            for pk, *tokens in batch:
                changes = {
                    name: models.Value(crypto.rotate(token), output_field=models.TextField())
                    for name, token in zip(fields, tokens, strict=True)
                    if token is not None
                }
                if changes:
                    model._default_manager.filter(pk=pk).update(**changes)
        done += len(batch)
        last_pk = batch[-1][0]


# allauth's MFA keeps its encrypted values inside a JSON field (via our MFA adapter).
MFA_ENCRYPTED_KEYS = ("secret", "seed")


def rotate_mfa_secrets(batch_size: int) -> int:
    from allauth.mfa.models import Authenticator

    done = 0
    last_pk = 0
    while True:
        batch = list(Authenticator.objects.filter(pk__gt=last_pk).order_by("pk")[:batch_size])
        if not batch:
            return done
        with transaction.atomic():
            for authenticator in batch:
                data = dict(authenticator.data)
                for key in MFA_ENCRYPTED_KEYS:
                    if isinstance(data.get(key), str):
                        data[key] = crypto.rotate(data[key])
                Authenticator.objects.filter(pk=authenticator.pk).update(data=data)
        done += len(batch)
        last_pk = batch[-1].pk


class Command(BaseCommand):
    help = "Re-encrypt every encrypted field with the newest key in the ring (resumable)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size: int, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1", returncode=2)
        try:
            crypto.key_ring()
        except crypto.KeyRingError as error:
            raise CommandError(str(error), returncode=2) from None
        for model, fields in crypto.encrypted_fields():
            count = rotate_model(model, fields, batch_size)
            label = model._meta.label
            self.stdout.write(f"{label}: {count} rows re-encrypted ({', '.join(fields)})")
        count = rotate_mfa_secrets(batch_size)
        self.stdout.write(f"mfa.Authenticator: {count} rows re-encrypted (secret, seed)")
        self.stdout.write("Every encrypted value now uses the newest key.")
