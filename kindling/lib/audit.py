"""Writing the audit trail. Reads through the access layer and every sign-in event land here."""

from __future__ import annotations

import contextvars

from .models import AuditEvent

# The request being served, so the access layer can record the address without every helper
# taking a request. Set by AuditContextMiddleware.
current_request: contextvars.ContextVar = contextvars.ContextVar("current_request", default=None)


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)


def client_ip(request) -> str | None:
    # REMOTE_ADDR is the peer; behind a trusted proxy, configure the proxy to set it (gunicorn
    # --forwarded-allow-ips) rather than trusting a header anyone can send.
    return request.META.get("REMOTE_ADDR") if request is not None else None


def record(
    action: str,
    *,
    actor=None,
    role: str = "",
    practice_id: int | None = None,
    obj=None,
    object_type: str = "",
    object_id: str | int = "",
    subject_id: int | None = None,
    detail: str = "",
    request=None,
) -> AuditEvent:
    request = request or current_request.get()
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    return AuditEvent.objects.create(
        action=action,
        actor_id=getattr(actor, "pk", None),
        actor_role=role,
        practice_id=practice_id,
        object_type=object_type,
        object_id=str(object_id) if object_id != "" else "",
        subject_id=subject_id,
        ip_address=client_ip(request),
        detail=detail[:200],
    )
