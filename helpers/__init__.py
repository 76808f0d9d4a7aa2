"""helpers: the code behind the derivatives course notebooks.

Each name below lives in a small module you can read:

- derivatives.py   derivative, partial_derivative, gradient (central differences),
                   the difference formulas and relative_error
- descent.py       gradient_descent (w ← w − learning_rate · slope, with momentum if asked)
- neuron.py        the single neuron of notebook 07: data, model, loss, gradient
- autograd.py      Value: numbers that remember their graph; backward() (notebook 08)
- neuron_graph.py  the neuron of notebook 07 built from Values
- backprop.py      the neuron's backward pass node by node, gradient checks
- gradient_cost.py one gradient priced two ways: nudging against backpropagation
- timing.py        how long a call takes (seconds, timed)
- momentum.py      the ravine of notebook 09, stability limits, runs with momentum
- sgd.py           noisy and minibatch gradients, decaying learning rates, loss floors
- digits.py        the handwritten digits (shipped in data/), a fixed stratified split
- network.py       a network that reads digits: forward, backward, train (notebook 10)
- explorers/       the interactive figures, one module each (tangent_explorer, ...)
- figures/         the static figures, one module per notebook, named after it
- exercises/       check (the self-checking exercises), one bank per notebook
- style.py         use_course_style, course_style (one colour-blind-safe plot style)
- pictures.py      the colours, and a figure as the 256-colour PNG a notebook stores
- environment.py   check_environment (are interactive plots on?)
- validation.py    the argument checks every public function uses
"""

from . import (
    backprop,
    digits,
    figures,
    gradient_cost,
    momentum,
    network,
    neuron,
    neuron_graph,
    sgd,
    timing,
)
from .autograd import Value
from .derivatives import default_step, derivative, gradient, partial_derivative
from .descent import DescentPath, gradient_descent
from .environment import check_environment
from .exercises import check
from .explorers import (
    backprop_explorer,
    descent_explorer,
    descent_path_explorer,
    gradient_explorer,
    loss_slice_explorer,
    momentum_explorer,
    partials_explorer,
    secant_explorer,
    step_size_explorer,
    tangent_explorer,
    training_explorer,
)
from .style import COLORS, use_course_style

__all__ = [
    "COLORS",
    "DescentPath",
    "Value",
    "backprop",
    "check",
    "check_environment",
    "default_step",
    "derivative",
    "backprop_explorer",
    "descent_explorer",
    "descent_path_explorer",
    "digits",
    "figures",
    "gradient",
    "gradient_cost",
    "gradient_descent",
    "gradient_explorer",
    "loss_slice_explorer",
    "momentum_explorer",
    "momentum",
    "network",
    "neuron",
    "neuron_graph",
    "partial_derivative",
    "partials_explorer",
    "secant_explorer",
    "sgd",
    "step_size_explorer",
    "tangent_explorer",
    "training_explorer",
    "timing",
    "use_course_style",
]
