from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "kindling.care"
    label = "care"

    def ready(self) -> None:
        from . import notes_rights, workspace_rights

        notes_rights.register()
        workspace_rights.register()
