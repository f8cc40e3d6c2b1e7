import argparse
import subprocess
import sys

from app.cli import COMMAND_MODULES, COMMANDS, build_parser, modules_for


def registered_commands() -> set[str]:
    parser = build_parser(COMMAND_MODULES)
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(sub.choices)


def test_command_table_matches_the_modules() -> None:
    assert registered_commands() == set(COMMANDS)


def test_a_command_loads_only_its_module() -> None:
    assert modules_for(["--data-dir", "/tmp/x", "verify", "a.jpg", "b.jpg"]) == ("app.commands.recognition",)
    assert modules_for([]) == ()  # the GUI
    assert modules_for(["--version"]) == ()
    assert modules_for(["--help"]) == COMMAND_MODULES


def test_version_is_cheap() -> None:
    """--version must not import the vision stack (cold start of the installed app)."""
    code = (
        "import sys; from app.cli import main\ntry:\n main(['--version'])\nexcept SystemExit: pass\n"
        "print('mediapipe' in sys.modules, 'onnxruntime' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("False False")


def test_no_display_is_a_clear_error_not_an_abort(tmp_path) -> None:
    """Without a display Qt aborts the process; the app must say what is wrong instead."""
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["FACEATTEND_HOME"] = str(tmp_path)
    if sys.platform != "linux":
        return
    for args in ([], ["kiosk", "--source", "demo"]):
        done = subprocess.run(
            [sys.executable, "-m", "app.cli", *args], env=env, capture_output=True, text=True
        )
        assert done.returncode == 2 and "No display" in done.stderr, (
            args,
            done.returncode,
            done.stderr[-300:],
        )
