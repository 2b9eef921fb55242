"""Kindling: teaching self-compassion in therapy."""
