"""Small filters for reading programme content in a client's age band."""

from django import template

register = template.Library()


@register.filter
def get_description(stage, band: str) -> str:
    return stage.description_for(band)


@register.filter
def title_for(exercise, band: str) -> str:
    return exercise.title_for(band)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
