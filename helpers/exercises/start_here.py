"""Exercises of notebook 00_start_here."""

from .checker import Exercise, register

register(
    Exercise(
        key="00.square",
        kind="number",
        expected=3**2,
        hint="squaring multiplies a number by itself.",
        mistakes=[(3 * 2, "3·2 doubles 3; squaring is 3·3.")],
        explain="3² = 3·3 = 9. That is all there is to the checker.",
    ),
)
