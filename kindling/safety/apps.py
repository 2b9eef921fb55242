from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "kindling.safety"
    label = "safety"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from . import middleware, rights

        user_logged_in.connect(middleware.remember_open_check, dispatch_uid="safety-open-check")
        rights.register()
