from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "kindling.safety"
    label = "safety"
