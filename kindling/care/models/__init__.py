"""The clinician's workspace data: session notes and appointments, one module each."""

from .appointments import *  # noqa: F403
from .messages import *  # noqa: F403
from .notes import *  # noqa: F403
