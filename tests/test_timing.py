"""helpers/timing.py: how long a call takes."""

import pytest

from helpers import timing


def test_seconds_times_a_call_and_rejects_bad_arguments():
    calls = []
    assert timing.seconds(calls.append, 1, repeats=2) >= 0
    assert calls == [1, 1]
    with pytest.raises(ValueError, match="repeats"):
        timing.seconds(print, repeats=0)
    with pytest.raises(TypeError, match="function"):
        timing.seconds(3)


def test_timed_returns_the_result_with_its_time():
    result, took = timing.timed(sorted, [3, 1, 2])
    assert result == [1, 2, 3] and 0 <= took < 1
