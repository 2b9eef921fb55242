"""The programme's data, one module per part: pacing and practice, the journal, the kindness
plan. Django finds every model through this package."""

from .journal import *  # noqa: F403
from .kindness import *  # noqa: F403
from .own import *  # noqa: F403
from .pacing import *  # noqa: F403
from .together import *  # noqa: F403
