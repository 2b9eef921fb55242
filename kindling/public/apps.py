from django.apps import AppConfig


class PublicConfig(AppConfig):
    """The practice's public pages and the enquiry form: what anyone may read, logged out."""

    name = "kindling.public"
    label = "public"

    def ready(self) -> None:
        from . import rights

        rights.register()
