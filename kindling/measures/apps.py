from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "kindling.measures"
    label = "measures"

    def ready(self) -> None:
        from . import rights

        rights.register()
