from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "kindling.safety"
    label = "safety"

    def ready(self) -> None:
        from . import rights

        rights.register()
