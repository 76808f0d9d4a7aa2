"""Static figures the notebooks show, one module per notebook, named after it (as
``helpers.exercises`` is); each figure answers
one question from the text. Use them as ``helpers.figures.<name>``."""

from .a_network_learns import (
    confusion_matrix_figure,
    digits_figure,
    first_layer_weights_figure,
    input_gradient_figure,
    misclassified_figure,
    training_curves_figure,
)
from .chain_rule_and_backprop import computational_graph_figure
from .gradient import gradient_field_figure, steepest_directions_figure
from .gradient_descent import (
    bowl_and_valley_figure,
    descent_regimes_figure,
    learning_rate_sweep_figure,
    starting_points_figure,
)
from .momentum_and_sgd import loss_curves_figure, ravine_paths_figure
from .numerical_derivatives import difference_quotients_figure, step_error_figure
from .partial_derivatives import one_input_at_a_time_figure
from .slope import rise_over_run_figure
from .tangent_lines import tangent_lines_figure
from .training_a_neuron import gradient_cost_figure, loss_vs_evaluations_figure, neuron_data_figure

__all__ = [
    "bowl_and_valley_figure",
    "computational_graph_figure",
    "confusion_matrix_figure",
    "descent_regimes_figure",
    "difference_quotients_figure",
    "digits_figure",
    "first_layer_weights_figure",
    "gradient_cost_figure",
    "gradient_field_figure",
    "input_gradient_figure",
    "learning_rate_sweep_figure",
    "loss_curves_figure",
    "loss_vs_evaluations_figure",
    "misclassified_figure",
    "neuron_data_figure",
    "one_input_at_a_time_figure",
    "ravine_paths_figure",
    "rise_over_run_figure",
    "starting_points_figure",
    "steepest_directions_figure",
    "step_error_figure",
    "tangent_lines_figure",
    "training_curves_figure",
]
