from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "kindling.care"
    label = "care"
