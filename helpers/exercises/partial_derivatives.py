"""Exercises of notebook 04_partial_derivatives.

All of them use the lesson's function f(a, x, y, z) = 3x²y + az³ + 5, whose
partials are ∂f/∂a = z³, ∂f/∂x = 6xy, ∂f/∂y = 3x², ∂f/∂z = 3az².
"""

from .checker import Exercise, register


def df_da(a, x, y, z):
    """∂f/∂a = z³: the derivative of (z³)·a, the rest held constant."""
    return z**3


def df_dx(a, x, y, z):
    """∂f/∂x = 6xy: the derivative of (3y)·x², the rest held constant."""
    return 6 * x * y


def df_dy(a, x, y, z):
    """∂f/∂y = 3x²: the derivative of (3x²)·y, the rest held constant."""
    return 3 * x**2


def df_dz(a, x, y, z):
    """∂f/∂z = 3az²: the derivative of (a)·z³, the rest held constant."""
    return 3 * a * z**2


# The point of exercises 4.1 to 4.3, and the point of exercise 4.5.
AT = {"a": 2.0, "x": 1.0, "y": 3.0, "z": -1.0}
AT_ALL = {"a": 3.0, "x": 2.0, "y": -1.0, "z": 1.0}

register(
    Exercise(
        key="04.df_dx",
        kind="number",
        expected=df_dx(**AT),
        hint="treat a, y and z as constants: 3x²y is (3y)·x², whose derivative is (3y)·2x = 6xy.",
        mistakes=[
            (
                3 * AT["x"] * AT["y"],
                "d(x²)/dx = 2x: the power 2 comes down in front, so (3y)·x² gives 6xy, not 3xy "
                "(and not 3x²y, the term itself).",
            ),
            (
                df_dx(**AT) + df_dy(**AT),
                "y is held constant here; only x moves. Differentiate (3y)·x² as a constant "
                "times x²: 6xy, with no extra term for y.",
            ),
            (
                3 * AT["x"] ** 2 * AT["y"] + AT["a"] * AT["z"] ** 3 + 5,
                "that is the value f(a, x, y, z), not its slope in x.",
            ),
            (6 * AT["x"], "6x is missing the y: y is a constant, and constants stay as factors."),
            (df_dy(**AT), "3x² is ∂f/∂y, the slope when y moves; here x moves."),
        ],
        explain="∂f/∂x = 6xy = 6·1·3 = 18; the constant term az³ + 5 contributes 0.",
    ),
    Exercise(
        key="04.df_dz",
        kind="number",
        expected=df_dz(**AT),
        hint="treat a, x and y as constants: az³ is (a)·z³, whose derivative is (a)·3z² = 3az².",
        mistakes=[
            (3 * AT["z"] ** 2, "3z² is missing the a: a is a constant factor of z³, so it stays."),
            (df_da(**AT), "z³ is ∂f/∂a, the slope when a moves; here z moves."),
            (
                3 * AT["a"] * AT["z"] ** 3,
                "the power drops by one: d(z³)/dz = 3z², and z² = (−1)² = +1 is positive.",
            ),
            (AT["a"] * AT["z"] ** 3, "a·z³ is the term itself; take its derivative in z: 3az²."),
        ],
        explain="∂f/∂z = 3az² = 3·2·(−1)² = 6; the term 3x²y + 5 is a constant and gives 0.",
    ),
    Exercise(
        key="04.df_da",
        kind="number",
        expected=df_da(**AT),
        hint="treat x, y and z as constants: az³ is (z³)·a, and the derivative of a is 1.",
        mistakes=[
            (AT["a"] * AT["z"] ** 3, "a is the variable now: the derivative of (z³)·a is z³·1."),
            (df_dz(**AT), "3az² is ∂f/∂z, the slope when z moves; here a moves."),
            (0, "a appears in az³, so f does change when a moves; only 3x²y + 5 is constant."),
            (-df_da(**AT), "z³ is right, but mind the sign: an odd power keeps it, (−1)³ = −1."),
        ],
        explain="∂f/∂a = z³ = (−1)³ = −1: increasing a lowers f here, because z³ is negative.",
    ),
    Exercise(
        key="04.df_dy_function",
        kind="function",
        expected=lambda x: df_dy(0.0, x, 0.0, 0.0),
        hint="treat a, x and z as constants: 3x²y is (3x²)·y, whose derivative is 3x²·1.",
        mistakes=[
            (
                lambda x: 6 * x,
                "6x is the derivative of 3x² in x; but here y moves, and 3x² is a constant factor.",
            ),
            (lambda x: 3 * x**2 + 5, "the constant term az³ + 5 has derivative 0: drop the + 5."),
            (lambda x: 3 * x, "x is squared in 3x²y, and it stays squared: (3x²)·y gives 3x²."),
            (lambda x: x**2, "keep the constant factor 3: (3x²)·y gives 3x²."),
        ],
        explain="∂f/∂y = 3x² depends on x alone: a, y and z do not appear in it.",
    ),
    Exercise(
        key="04.all_four",
        kind="numbers",
        expected=[df(**AT_ALL) for df in (df_da, df_dx, df_dy, df_dz)],
        hint="∂f/∂a = z³, ∂f/∂x = 6xy, ∂f/∂y = 3x², ∂f/∂z = 3az², in the order a, x, y, z.",
        mistakes=[
            (
                [df(**AT_ALL) for df in (df_dx, df_dy, df_dz, df_da)],
                "right numbers, wrong order: the list goes [∂f/∂a, ∂f/∂x, ∂f/∂y, ∂f/∂z], "
                "a first, like the arguments of f(a, x, y, z).",
            ),
            (
                [df_da(**AT_ALL), df_dx(**AT_ALL), df_dy(**AT_ALL), 3 * AT_ALL["z"] ** 2],
                "check ∂f/∂z: a is a constant factor of z³, so ∂f/∂z = 3az², not 3z².",
            ),
        ],
        explain="helpers.gradient(f, point) gives the same four numbers at once (notebook 05).",
    ),
)
