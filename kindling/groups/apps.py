from django.apps import AppConfig


class GroupsConfig(AppConfig):
    """Workshops: their sessions, registrations, the waitlist, attendance and the group's mail."""

    name = "kindling.groups"
    label = "groups"

    def ready(self) -> None:
        from . import rights

        rights.register()
