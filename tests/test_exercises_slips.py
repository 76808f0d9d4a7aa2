"""helpers.exercises.slips: the answer cell Python read differently from the learner
(``3^2``, ``2x``, ``x²``, ``//``) earns a hint about Python, in every bank."""

import IPython
import pytest

from helpers.exercises import EXERCISES, evaluate
from helpers.exercises.checker import NOT_ANSWERED, answer_cell_source
from helpers.exercises.slips import CARET, DID_NOT_RUN, FLOOR, POWER_SIGN, TIMES, slip_in


@pytest.mark.parametrize(
    "source, hint, cell_ran",
    [
        ("answer = 3^2", CARET, True),
        ("answer = 2 ^ 3  # two cubed", CARET, True),
        ("answer = 2x + 1", TIMES, False),
        ("answer = 0.5y", TIMES, False),
        ("answer = 3(x + 1)", TIMES, False),
        ("answer = x²", POWER_SIGN, False),
        ("answer = 7//2", FLOOR, True),
        ("answer = (3", DID_NOT_RUN, False),
    ],
)
def test_a_python_slip_is_named(source, hint, cell_ran):
    slip = slip_in(source)
    assert (slip.hint, slip.cell_ran) == (hint, cell_ran)


@pytest.mark.parametrize(
    "source",
    [
        "answer = 3**2",
        "answer = ...",
        "answer = '3^2'",
        "# not 3^2 but\nanswer = 9",
        "answer = 1e5 + 2j",
        "answer = f(2) * x2",
        "answer = np.array([1, 2]) / 2",
        None,
    ],
)
def test_code_without_a_slip_is_left_alone(source):
    assert slip_in(source) is None


def test_3_caret_2_gets_the_power_hint_not_the_squaring_hint():
    message = evaluate("00.square", 3 ^ 2, source="answer = 3^2").message
    assert message.startswith("✗") and "**" in message
    assert "squaring multiplies" not in message


def test_a_cell_that_did_not_run_is_named_even_if_answer_holds_a_right_value():
    # `answer` still holds 9 from before; the learner's new cell stopped at `2x`.
    feedback = evaluate("00.square", 9, source="answer = 2x")
    assert not feedback.correct and "2*x" in feedback.message


def test_a_right_answer_stays_right_and_an_empty_one_is_not_answered():
    assert evaluate("00.square", 9, source="answer = 3**2").correct
    assert evaluate("00.square", ..., source="answer = ...").message == NOT_ANSWERED


@pytest.mark.parametrize("key", sorted(EXERCISES))
def test_every_bank_names_the_caret_slip_on_a_wrong_answer(key):
    """Whatever the exercise, a wrong answer from a cell with `^` gets the `**` hint."""
    feedback = evaluate(key, "certainly wrong", source="answer = 2^3")
    assert not feedback.correct and CARET in feedback.message


class FakeShell:
    def __init__(self, history):
        self.user_ns = {"In": history}


def test_check_reads_the_answer_cell_from_ipython_history(monkeypatch, capsys):
    history = ["", "answer = 3^2", "x = 1", 'helpers.check("00.square", answer)']
    monkeypatch.setattr(IPython, "get_ipython", lambda: FakeShell(history))
    assert answer_cell_source() == "answer = 3^2"
    import helpers

    helpers.check("00.square", 1)
    assert "**" in capsys.readouterr().out


def test_outside_ipython_there_is_no_answer_cell(monkeypatch):
    monkeypatch.setattr(IPython, "get_ipython", lambda: None)
    assert answer_cell_source() is None
