"""The launcher's restart policy (hub/launch.py): it starts the hub again however soon
after its last start, and gives up only when the hub keeps exiting."""

import importlib.util
from pathlib import Path

# This folder is the package "hub" to pytest, so the launcher is loaded from its file.
LAUNCHER = Path(__file__).resolve().parents[2] / "hub" / "launch.py"
spec = importlib.util.spec_from_file_location("hub_launcher", LAUNCHER)
launch = importlib.util.module_from_spec(spec)
spec.loader.exec_module(launch)


def test_the_hub_is_restarted_however_soon_it_exits_after_starting():
    # Two exits one second apart (an admin restarting it twice): both restarted.
    assert not launch.keeps_exiting([100.0])
    assert not launch.keeps_exiting([100.0, 101.0])


def test_the_launcher_gives_up_at_the_third_exit_within_the_window():
    window = launch.RESTARTS_WINDOW_S
    assert launch.EXITS_BEFORE_GIVING_UP == 3
    assert launch.keeps_exiting([100.0, 101.0, 102.0])
    assert launch.keeps_exiting([100.0, 100.0 + window / 2, 100.0 + window - 1])


def test_exits_spread_wider_than_the_window_never_add_up():
    window = launch.RESTARTS_WINDOW_S
    exits = [100.0 + n * (window / 2 + 1) for n in range(10)]  # never three in one window
    for last in range(1, len(exits) + 1):
        assert not launch.keeps_exiting(exits[:last])
