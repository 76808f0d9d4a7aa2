"""Property-based tests (hypothesis) of the exercise checker (helpers/exercises):
it never raises and never says "correct" for garbage."""

import math
import numbers
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import JUNK_FUNCTIONS, PROPERTY, junk_scalars, odd_arrays, returning

from helpers.exercises import EXERCISES, evaluate
from helpers.exercises.checker import NOT_ANSWERED, Feedback

# --- 3. the exercise checker --------------------------------------------------


class FloatRaises:
    def __float__(self):
        raise RuntimeError("no float for you")

    def __repr__(self):
        return "FloatRaises()"


class RealFloatRaises(float):
    """Passes for a real number, then fails to convert."""

    def __float__(self):
        raise RuntimeError("no float for you")


class EqRaises:
    __hash__ = object.__hash__

    def __eq__(self, other):
        raise RuntimeError("no comparing")


class ReprRaises:
    def __repr__(self):
        raise RuntimeError("no repr")


class BoolRaises:
    def __bool__(self):
        raise RuntimeError("no truth")


class StrRaises(Exception):
    def __str__(self):
        raise RuntimeError("no message")


class LenRaises(list):
    def __len__(self):
        raise RuntimeError("no length")


def raises(error_type):
    """A function that raises a fresh ``error_type`` whatever it is given."""

    def function(*args, **kwargs):
        raise error_type("boom")

    return function


def gives_a_generator(x):
    yield x


with warnings.catch_warnings():
    warnings.simplefilter("ignore", PendingDeprecationWarning)
    MATRIX = np.matrix([[6.0]])

ODD_ANSWERS = [
    ...,
    10**400,
    -(10**400),
    2**1024,
    5e-324,
    -1e-310,
    1e308,
    -1e308,
    np.float64(np.nan),
    np.float32(np.inf),
    np.int64(2**62),
    np.uint8(255),
    np.complex128(6 + 1j),
    np.bool_(True),
    np.str_("6"),
    np.bytes_(b"6"),
    np.datetime64("2020-01-01"),
    np.timedelta64(6, "s"),
    FloatRaises(),
    RealFloatRaises(6.0),
    EqRaises(),
    ReprRaises(),
    BoolRaises(),
    LenRaises([1.0]),
    np.array(BoolRaises(), dtype=object),
    np.array([6.0, None], dtype=object),
    np.array(["6"]),
    MATRIX,
    np.ma.masked_array([6.0], mask=[True]),
    gives_a_generator,
    raises(RuntimeError),
    raises(ZeroDivisionError),
    raises(StrRaises),
    returning("text", "returns_text"),
    returning(math.nan, "returns_nan"),
    returning(None, "returns_none"),
    returning(10**400, "returns_big_int"),
    returning(1j, "returns_complex"),
    returning(np.array([1.0]), "returns_array"),
    returning(ReprRaises(), "returns_bad_repr"),
    lambda: 1.0,  # takes no arguments
    lambda x, y: x,  # takes too many
    len,
    abs,
    float,
    str,
    object,
    np,
]

answers = st.one_of(
    junk_scalars,
    st.integers(),
    st.recursive(junk_scalars, lambda inner: st.lists(inner, max_size=4), max_leaves=8),
    st.dictionaries(junk_scalars, junk_scalars, max_size=3),
    st.sets(junk_scalars, max_size=3),
    odd_arrays,
    st.text().map(lambda text: returning(text, "returns_a_string")),
    st.builds(lambda: (x for x in [1.0, 2.0])),  # a generator
    st.sampled_from(JUNK_FUNCTIONS + ODD_ANSWERS),
)


def _honest_real(value):
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, RealFloatRaises))


def honest_numbers(answer):
    """The answer's values as floats if it is plain real numbers, else None."""
    if _honest_real(answer):
        values = [answer]
    elif isinstance(answer, np.ndarray) and answer.dtype.kind in "iuf":
        values = answer
    elif isinstance(answer, np.ndarray) and answer.dtype == object:
        return honest_numbers(answer.ravel().tolist())
    elif type(answer) in (list, tuple) and all(_honest_real(value) for value in answer):
        values = answer
    else:
        return None
    try:
        return np.asarray(values, dtype=float).ravel()
    except (OverflowError, TypeError, ValueError):
        return None


def could_be_right(exercise, answer):
    """True if the answer is honestly close to the expected one (so not garbage). A rule
    judges any plain real numbers itself (10.4: any rate at which the loss grows), so for
    a rule every such answer could be right."""
    if exercise.kind == "choice":
        return isinstance(answer, str) and answer.strip().lower() == exercise.expected
    values = honest_numbers(answer)
    if exercise.kind == "rule":
        return values is not None and bool(np.all(np.isfinite(values)))
    if exercise.kind not in ("number", "numbers"):
        return False
    expected = np.atleast_1d(np.asarray(exercise.expected, dtype=float))
    if values is None or values.size != expected.size or not np.all(np.isfinite(values)):
        return False
    return bool(np.allclose(values, expected, rtol=1e-3, atol=1e-5))


@settings(PROPERTY, max_examples=1000)
@given(key=st.sampled_from(sorted(EXERCISES)), answer=answers)
def test_checker_never_raises_and_never_says_correct_for_garbage(key, answer):
    feedback = evaluate(key, answer)
    assert isinstance(feedback, Feedback)
    assert isinstance(feedback.message, str) and feedback.message.strip()
    if answer is Ellipsis:
        assert feedback.message == NOT_ANSWERED and not feedback.correct
    elif could_be_right(EXERCISES[key], answer):
        assert feedback.message.startswith(("✓", "✗"))
    else:
        assert feedback.correct is False
        assert feedback.message.startswith("✗"), feedback.message


NUMBER_KEYS = sorted(key for key, ex in EXERCISES.items() if ex.kind == "number")
NUMBERS_KEYS = sorted(key for key, ex in EXERCISES.items() if ex.kind == "numbers")
finite = st.floats(allow_nan=False, allow_infinity=False)


def far_from(expected):
    """A gap of more than 1% of expected (of 1 when expected is 0)."""
    scale = abs(expected) if expected != 0 else 1.0
    return lambda value: abs(value - expected) > 0.01 * scale


@st.composite
def far_numbers(draw, expected):
    near = st.floats(0.0101, 10).flatmap(
        lambda gap: st.sampled_from([expected * (1 + gap), expected * (1 - gap)])
    )
    value = draw(st.one_of(finite, st.integers(-(10**6), 10**6), near).filter(far_from(expected)))
    return value


@settings(PROPERTY, max_examples=300)
@given(key=st.sampled_from(NUMBER_KEYS), data=st.data())
def test_a_number_answer_more_than_1_percent_off_is_not_correct(key, data):
    expected = float(EXERCISES[key].expected)
    value = data.draw(far_numbers(expected), label="value")
    feedback = evaluate(key, value)
    assert not feedback.correct and feedback.message.startswith("✗")


@settings(PROPERTY, max_examples=100)
@given(key=st.sampled_from(NUMBERS_KEYS), data=st.data())
def test_a_vector_answer_with_one_entry_more_than_1_percent_off_is_not_correct(key, data):
    expected = [float(v) for v in EXERCISES[key].expected]
    index = data.draw(st.integers(0, len(expected) - 1), label="index")
    answer = list(expected)
    answer[index] = data.draw(far_numbers(expected[index]), label="value")
    feedback = evaluate(key, answer)
    assert not feedback.correct and feedback.message.startswith("✗")


def disguises(exercise):
    """The right answer in a form that is not a number: (name, answer, known bug)."""
    if exercise.kind == "number":
        value = float(exercise.expected)
        return [
            ("text", str(value), False),
            ("bytes", str(value).encode(), False),
            ("complex", complex(value, 0), False),
            ("text array", np.array([str(value)]), False),
        ]
    if exercise.kind == "numbers":
        values = [float(v) for v in exercise.expected]
        return [
            ("text list", [str(v) for v in values], True),
            ("text array", np.array([str(v) for v in values]), True),
            ("bytes list", [str(v).encode() for v in values], True),
            ("complex array", np.array(values) + 1j, True),
            ("one text", " ".join(map(str, values)), False),
        ]
    if exercise.kind == "function":
        expected = exercise.expected
        return [
            ("returns text", lambda x: str(expected(x)), True),
            ("returns bytes", lambda x: str(expected(x)).encode(), True),
            ("returns complex", lambda x: complex(expected(x), 1), False),
        ]
    if exercise.kind == "rule":  # no one right value to disguise: the rule judges any answer
        return []
    return [("bytes", exercise.expected.encode(), False), ("list", [exercise.expected], False)]


DISGUISED = [
    pytest.param(
        key,
        answer,
        id=f"{key}-{name}",
    )
    for key, exercise in sorted(EXERCISES.items())
    for name, answer, bug in disguises(exercise)
]


@pytest.mark.parametrize("key, answer", DISGUISED)
def test_the_right_value_as_text_bytes_or_complex_is_not_correct(key, answer):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", np.exceptions.ComplexWarning)
        feedback = evaluate(key, answer)
    assert not feedback.correct and feedback.message.startswith("✗"), feedback.message
