"""The exercise checker: plain-words feedback on a learner's ``answer``.

Every exercise is an ``Exercise`` in one of the bank modules beside this one
(one bank per notebook). In a notebook the learner writes ``answer = ...`` and
runs ``helpers.check("02.slope_at_3", answer)``, which prints one of:

- "not answered yet", while the answer is still ``...``;
- what kind of answer was expected, for a wrong type (text, None, a function, ...);
- a hint aimed at the usual mistake, for a wrong value (a sign slip, a lost
  factor of 2, y given instead of the slope, ...);
- ✓ for a right answer.

Where the value is wrong because Python read the answer cell differently from the
learner (``3^2`` is 1, ``2x`` does not run), the hint says so (slips.py): ``check``
reads that cell's source from IPython's history.

The checker never raises, whatever the answer: it explains instead.
"""

import math
import numbers
import re
from dataclasses import dataclass, field

import numpy as np

from ..kernel import ipython_shell
from ..validation import real_array
from .slips import slip_in

NOT_ANSWERED = (
    "Not answered yet: replace the ... after `answer =` with your answer, then run both cells."
)

# Every bank registers its exercises here, under their keys.
EXERCISES = {}


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer: ``correct`` and the ``message`` shown to the learner."""

    correct: bool
    message: str

    def __str__(self):
        return self.message


@dataclass(frozen=True)
class Exercise:
    """One self-checking exercise.

    kind       "number", "numbers" (a vector), "choice" (one of ``choices``),
               "function" (compared with ``expected`` at ``sample_points``), or
               "rule" (``expected`` is a rule that judges the answer itself: it
               returns None for a right answer and a hint otherwise; for answers
               that are many right values, such as "a learning rate that diverges").
    expected   The right answer: a number, a list of numbers, a string, or a function
               (for "rule": the rule).
    mistakes   Typical wrong answers, each with the hint it earns: a list of
               (wrong answer, hint) pairs. A sign slip is recognised for you.
    hint       What to say for any other wrong value.
    """

    key: str
    kind: str
    expected: object
    hint: str
    mistakes: list = field(default_factory=list)
    rel_tol: float = 1e-4
    abs_tol: float = 1e-6
    choices: tuple = ()
    sample_points: tuple = (-2.0, -0.5, 0.0, 0.7, 1.5, 3.0)
    explain: str = ""


def register(*exercises):
    """Add exercises to the bank; each key may be used once."""
    for exercise in exercises:
        if exercise.key in EXERCISES:
            raise ValueError(f"exercise key {exercise.key!r} is registered twice")
        EXERCISES[exercise.key] = exercise


def evaluate(key, answer, *, source=None):
    """The ``Feedback`` on ``answer`` to exercise ``key``. Never raises.

    ``source``: the code of the cell that set ``answer``, if known; a Python slip in it
    (``3^2`` for a power, ``2x`` for a product) replaces the hint of a wrong answer.
    """
    exercise = EXERCISES.get(key)
    if exercise is None:
        known = ", ".join(sorted(EXERCISES))
        return Feedback(False, f"There is no exercise called {key!r}. Known: {known}.")
    slip = slip_in(source)
    if slip and not slip.cell_ran:  # whatever `answer` holds, it is not what they wrote
        return Feedback(False, f"✗ {slip.hint}")
    if answer is Ellipsis:
        return Feedback(False, NOT_ANSWERED)
    try:
        feedback = _JUDGES[exercise.kind](exercise, answer)
    except Exception as error:  # the checker must explain, never crash
        feedback = Feedback(
            False, f"✗ I could not check this answer ({type(error).__name__}: {error})."
        )
    if slip and not feedback.correct:
        return Feedback(False, f"✗ Not yet. {slip.hint}")
    return feedback


def check(key, answer):
    """Print feedback on ``answer`` to the exercise ``key``."""
    print(evaluate(key, answer, source=answer_cell_source()).message)


def answer_cell_source():
    """The code of the last cell run before this one that sets ``answer`` (from IPython's
    history: the cells as typed, those that stopped at a SyntaxError too), or None."""
    shell = ipython_shell()
    history = shell.user_ns.get("In", []) if shell is not None else []
    for source in reversed(history[:-1]):  # the last one is the cell calling check
        if isinstance(source, str) and re.search(r"^\s*answer\s*=", source, re.MULTILINE):
            return source
    return None


# --- turning answers into numbers, with plain-words refusals ------------------


class _Refusal(Exception):
    """The answer is not of the expected kind; the message says why."""


def _describe(answer):
    if answer is None:
        return "None (nothing). Did you forget to write a value after `answer =`?"
    if isinstance(answer, str):
        return f"the text {answer!r}. Write a number without quotes, like 6 or 0.5."
    if isinstance(answer, bool):
        return f"{answer}, a yes/no value."
    if callable(answer):
        return "a function. Call it to get a number, e.g. f(3) instead of f."
    return f"{type(answer).__name__} {answer!r:.80}."


def _as_number(answer):
    if isinstance(answer, np.ndarray) and answer.size == 1:
        answer = answer.reshape(()).item()
    if isinstance(answer, (list, tuple, np.ndarray)):
        raise _Refusal(f"I expected one number, but got {len(answer)} values: {answer!r:.80}.")
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        raise _Refusal(f"I expected a number, but got {_describe(answer)}")
    value = float(answer)
    if math.isnan(value):
        raise _Refusal("Your answer is nan ('not a number'): a calculation went wrong somewhere.")
    if math.isinf(value):
        raise _Refusal("Your answer is infinite: a calculation overflowed or divided by zero.")
    return value


def _as_numbers(answer, size):
    if isinstance(answer, (numbers.Real, str)) or answer is None or callable(answer):
        raise _Refusal(
            f"I expected {size} numbers in a list, like [1.0, 2.0], but got {_describe(answer)}"
        )
    if isinstance(answer, dict):
        raise _Refusal(f"I expected {size} numbers in a list or array, but got a dict.")
    try:
        values = real_array(answer, "answer")
    except (TypeError, ValueError):
        raise _Refusal(
            f"I expected {size} numbers, but could not read {answer!r:.80} as numbers."
        ) from None
    if values.shape != (size,):
        raise _Refusal(f"I expected {size} numbers, but got an array of shape {values.shape}.")
    if not np.all(np.isfinite(values)):
        raise _Refusal(
            "Some of your numbers are nan or infinite: a calculation went wrong somewhere."
        )
    return values


def _close(exercise, answer, target):
    return np.allclose(answer, target, rtol=exercise.rel_tol, atol=exercise.abs_tol)


def _verdict(exercise, is_right, is_mistake, is_sign_slip):
    if is_right:
        return Feedback(True, "✓ Correct! " + exercise.explain)
    for wrong, hint in exercise.mistakes:
        if is_mistake(wrong):
            return Feedback(False, f"✗ Not yet. Hint: {hint}")
    if is_sign_slip:
        return Feedback(
            False,
            "✗ Not yet. Hint: the size is right but the sign is not. "
            "Is the curve going up or down here?",
        )
    return Feedback(False, f"✗ Not yet. Hint: {exercise.hint}")


# --- one judge per kind of exercise -------------------------------------------


def _judge_number(exercise, answer):
    try:
        value = _as_number(answer)
    except _Refusal as refusal:
        return Feedback(False, f"✗ {refusal}")
    expected = float(exercise.expected)
    return _verdict(
        exercise,
        _close(exercise, value, expected),
        lambda wrong: _close(exercise, value, float(wrong)),
        expected != 0 and _close(exercise, value, -expected),
    )


def _judge_numbers(exercise, answer):
    expected = np.asarray(exercise.expected, dtype=float)
    try:
        values = _as_numbers(answer, expected.size)
    except _Refusal as refusal:
        return Feedback(False, f"✗ {refusal}")
    return _verdict(
        exercise,
        _close(exercise, values, expected),
        lambda wrong: _close(exercise, values, np.asarray(wrong, dtype=float)),
        np.any(expected != 0) and _close(exercise, values, -expected),
    )


def _judge_choice(exercise, answer):
    options = " or ".join(repr(choice) for choice in exercise.choices)
    if not isinstance(answer, str):
        return Feedback(
            False, f"✗ I expected one of the words {options}, but got {_describe(answer)}"
        )
    chosen = answer.strip().lower()
    if chosen not in exercise.choices:
        return Feedback(False, f"✗ Please answer with one of {options}; you wrote {answer!r:.40}.")
    return _verdict(exercise, chosen == exercise.expected, lambda wrong: chosen == wrong, False)


def _judge_function(exercise, answer):
    if not callable(answer):
        return Feedback(
            False,
            f"✗ I expected a function, like `def f_prime(x): ...` or "
            f"`lambda x: ...`, but got {_describe(answer)}",
        )
    points = np.asarray(exercise.sample_points, dtype=float)
    try:
        values = np.array([_as_number(answer(x)) for x in points])
    except _Refusal as refusal:
        return Feedback(False, f"✗ Your function should return a number. {refusal}")
    except Exception as error:
        return Feedback(
            False,
            f"✗ Calling your function at x = 1.5 and nearby failed: "
            f"{type(error).__name__}: {error}",
        )
    if not np.all(np.isfinite(values)):
        return Feedback(False, "✗ Your function returned nan or inf at some of the test points.")

    def values_of(function):
        return np.array([function(x) for x in points])

    return _verdict(
        exercise,
        _close(exercise, values, values_of(exercise.expected)),
        lambda wrong: _close(exercise, values, values_of(wrong)),
        _close(exercise, values, -values_of(exercise.expected)),
    )


def _judge_rule(exercise, answer):
    try:
        hint = exercise.expected(answer)
    except _Refusal as refusal:
        return Feedback(False, f"✗ {refusal}")
    if hint is None:
        return Feedback(True, "✓ Correct! " + exercise.explain)
    return Feedback(False, f"✗ Not yet. Hint: {hint}")


_JUDGES = {
    "number": _judge_number,
    "numbers": _judge_numbers,
    "choice": _judge_choice,
    "function": _judge_function,
    "rule": _judge_rule,
}
