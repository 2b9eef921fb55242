"""Admin pages for running the service (accounts, practices, roles). No clinical content."""

from django.contrib import admin

from kindling.lib.admin import SafeModelAdmin

from .models import ClientProfile, GuardianLink, Invitation, Membership, Practice, User


@admin.register(User)
class UserAdmin(SafeModelAdmin):
    list_display = ["email", "name", "is_active", "date_joined"]
    search_fields = ["email", "name"]
    fields = ["email", "name", "is_active", "is_staff", "is_superuser", "date_joined", "last_login"]
    readonly_fields = ["date_joined", "last_login"]


@admin.register(Practice)
class PracticeAdmin(SafeModelAdmin):
    list_display = ["name", "slug", "region"]


@admin.register(Membership)
class MembershipAdmin(SafeModelAdmin):
    list_display = ["user", "practice", "role", "is_active"]
    list_filter = ["role", "is_active"]


@admin.register(ClientProfile)
class ClientProfileAdmin(SafeModelAdmin):
    list_display = ["user", "practice", "region"]
    raw_id_fields = ["user"]


@admin.register(GuardianLink)
class GuardianLinkAdmin(SafeModelAdmin):
    list_display = ["guardian", "client", "created_at"]
    raw_id_fields = ["guardian", "client"]


@admin.register(Invitation)
class InvitationAdmin(SafeModelAdmin):
    list_display = ["email", "kind", "practice", "created_at", "expires_at", "accepted_at"]
    readonly_fields = ["token_hash"]
    raw_id_fields = ["invited_by", "accepted_by", "for_client"]
