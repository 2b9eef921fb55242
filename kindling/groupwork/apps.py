from django.apps import AppConfig


class GroupworkConfig(AppConfig):
    """What a workshop group does together: the group's pace through the programme, its
    before-and-after check-in (seen only as an aggregate) and peer sharing."""

    name = "kindling.groupwork"
    label = "groupwork"

    def ready(self) -> None:
        from . import rights

        rights.register()
