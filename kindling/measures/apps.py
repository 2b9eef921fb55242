from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "kindling.measures"
    label = "measures"
