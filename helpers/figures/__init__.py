"""Static figures the notebooks show, one module per notebook; each figure answers
one question from the text. Use them as ``helpers.figures.<name>``."""

from .slope import *  # noqa: F403
from .numerical import *  # noqa: F403
from .partials import *  # noqa: F403
from .gradients import *  # noqa: F403
from .descent import *  # noqa: F403
from .neuron import *  # noqa: F403
