from django.apps import AppConfig


class ProgramConfig(AppConfig):
    name = "kindling.program"
    label = "program"

    def ready(self) -> None:
        from . import kindness_rights, programme_rights, together

        programme_rights.register()
        kindness_rights.register()
        together.register_rights()
