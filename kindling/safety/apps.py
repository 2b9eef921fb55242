from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "kindling.safety"
    label = "safety"

    def ready(self) -> None:
        from . import pathway, rights

        rights.register()
        # An alert's notified_at is set when its e-mail finally leaves the outbox.
        pathway.register_outbox_hook()
