from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "kindling.lib"
    label = "lib"
    verbose_name = "Kindling core"

    def ready(self) -> None:
        from . import checks, signals  # noqa: F401 - registers checks and receivers
