"""Every exercise: its worked solution passes, its typical mistakes get their hints,
and the checker explains (never raises) whatever it is given."""

import json
import re

import numpy as np
import pytest
from support import NOTEBOOKS

import helpers
from helpers.exercises import EXERCISES, evaluate
from helpers.exercises.checker import NOT_ANSWERED

CHECK_CALL = re.compile(r'helpers\.check\("([^"]+)", answer\)')
SOLUTION_CODE = re.compile(r"```python\n(.*?)```", re.S)


def _source(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def notebook_exercises():
    """(notebook name, key, answer-cell source, solution code) for every exercise."""
    found = []
    for path in NOTEBOOKS:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for i, cell in enumerate(cells):
            match = CHECK_CALL.search(_source(cell)) if cell["cell_type"] == "code" else None
            if not match:
                continue
            solution = next((_source(c) for c in cells[i + 1 :] if "<details>" in _source(c)), "")
            code = SOLUTION_CODE.search(solution)
            found.append((path.stem, match.group(1), _source(cells[i - 1]), code and code.group(1)))
    return found


EXERCISES_IN_NOTEBOOKS = notebook_exercises()


@pytest.mark.parametrize(
    "notebook, key, answer_cell, solution", EXERCISES_IN_NOTEBOOKS, ids=lambda v: str(v)[:30]
)
def test_worked_solution_passes_its_check(notebook, key, answer_cell, solution):
    assert answer_cell.strip() == "answer = ...", (
        f"{notebook}: the answer cell is left for the learner"
    )
    assert solution, f"{notebook} {key}: no ```python block in the <details> solution"
    namespace = {"np": np, "helpers": helpers}
    exec(solution, namespace)
    feedback = evaluate(key, namespace["answer"])
    assert feedback.correct, f"{notebook} {key}: {feedback.message}"
    assert feedback.message.startswith("✓")


def test_every_registered_exercise_is_in_a_notebook_and_back():
    in_notebooks = [key for _, key, _, _ in EXERCISES_IN_NOTEBOOKS]
    assert sorted(set(in_notebooks)) == sorted(EXERCISES)
    assert len(in_notebooks) == len(set(in_notebooks)), "an exercise is checked twice"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_lesson_notebook_has_at_least_three_exercises(path):
    if path.stem.startswith("00"):
        pytest.skip("00 only demonstrates the checker")
    count = sum(1 for notebook, *_ in EXERCISES_IN_NOTEBOOKS if notebook == path.stem)
    assert count >= 3


MISTAKES = [(key, wrong, hint) for key, ex in EXERCISES.items() for wrong, hint in ex.mistakes]


@pytest.mark.parametrize("key, wrong, hint", MISTAKES, ids=lambda v: str(v)[:30])
def test_typical_mistake_gets_its_hint(key, wrong, hint):
    feedback = evaluate(key, wrong)
    assert not feedback.correct
    assert hint in feedback.message


def test_every_exercise_names_at_least_one_typical_mistake():
    assert all(exercise.mistakes for exercise in EXERCISES.values())


NUMBER_KEYS = [key for key, ex in EXERCISES.items() if ex.kind == "number" and ex.expected != 0]


@pytest.mark.parametrize("key", NUMBER_KEYS)
def test_sign_slip_is_recognised(key):
    exercise = EXERCISES[key]
    negated = -float(exercise.expected)
    if any(np.isclose(negated, float(wrong)) for wrong, _ in exercise.mistakes):
        pytest.skip("the negated answer is itself a listed mistake with its own hint")
    assert "sign" in evaluate(key, negated).message


GARBAGE = [
    None,
    "six",
    "",
    True,
    np.nan,
    np.inf,
    -np.inf,
    1e308,
    -1e308,
    np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]),
    np.zeros((2, 2)),
    [],
    {"x": 1},
    {1, 2},
    lambda x: x,
    lambda: 1,
    lambda x: np.nan,
    lambda x: "text",
    object(),
    print,
    np.array("text"),
    [None, None],
    complex(1, 2),
]


@pytest.mark.parametrize("key", sorted(EXERCISES))
@pytest.mark.parametrize("garbage", GARBAGE, ids=lambda g: repr(g)[:20])
def test_checker_explains_any_answer_and_never_raises(key, garbage):
    feedback = evaluate(key, garbage)
    assert not feedback.correct
    assert feedback.message.startswith("✗")
    assert len(feedback.message) > 20


def test_unanswered_says_not_answered_yet(capsys):
    helpers.check(next(iter(EXERCISES)), ...)
    assert capsys.readouterr().out.strip() == NOT_ANSWERED


def test_unknown_exercise_key_is_explained():
    assert "no exercise called" in evaluate("99.nope", 1).message


def test_wrong_type_gets_plain_words():
    assert "without quotes" in evaluate("02.slope_at_3", "6").message
    assert "call it" in evaluate("02.slope_at_3", lambda x: 2 * x).message.lower()
    assert "nan" in evaluate("02.slope_at_3", float("nan")).message
    assert "one of the words" in evaluate("02.which_way", 1).message


def test_numeric_answers_accept_numpy_scalars_and_one_element_arrays():
    assert evaluate("02.slope_at_3", np.float32(6.0)).correct
    assert evaluate("02.slope_at_3", np.array([6.0])).correct
    assert evaluate("02.slope_at_3", 6).correct
