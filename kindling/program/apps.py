from django.apps import AppConfig


class ProgramConfig(AppConfig):
    name = "kindling.program"
    label = "program"
