"""The Django admin, for running the service: never a window onto clinical content.

Every ModelAdmin in Kindling derives from SafeModelAdmin, which leaves encrypted fields out of
forms, lists and searches; a test walks the registry to prove it.
"""

from django.contrib import admin

from .crypto import EncryptedTextField
from .models import AuditEvent


def encrypted_field_names(model) -> set[str]:
    return {f.name for f in model._meta.get_fields() if isinstance(f, EncryptedTextField)}


class SafeModelAdmin(admin.ModelAdmin):
    def get_exclude(self, request, obj=None):
        return [*(super().get_exclude(request, obj) or []), *encrypted_field_names(self.model)]

    def get_fields(self, request, obj=None):
        hidden = encrypted_field_names(self.model)
        return [f for f in super().get_fields(request, obj) if f not in hidden]

    def get_list_display(self, request):
        hidden = encrypted_field_names(self.model)
        return [f for f in super().get_list_display(request) if f not in hidden]

    def get_search_fields(self, request):
        hidden = encrypted_field_names(self.model)
        return [f for f in super().get_search_fields(request) if f not in hidden]


@admin.register(AuditEvent)
class AuditEventAdmin(SafeModelAdmin):
    list_display = ["at", "actor_id", "actor_role", "action", "object_type", "object_id"]
    list_filter = ["action", "actor_role"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
