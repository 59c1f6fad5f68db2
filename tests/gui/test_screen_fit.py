"""Every office screen, in a real X window: the program fits from 1024×600 to 1920×1080 at 150%.

For each size an Xvfb of that size is started here (no window manager: nothing moves or
maximizes a window for the program), and ``screen_fit_child.py`` runs the program on it
with the xcb platform: the login window and the work screen (customer form closed and
open, then the queue) must keep their frames inside the screen's available geometry,
no two visible leaf widgets of the work screen may overlap by more than 2 px, and the
form must not grow the window. The child photographs each state; ``bash run.sh
screenshots`` writes those pictures to ``resources/screenshots``.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("screen_fit_child.py")
XVFB_START_S = 20.0
CHILD_TIMEOUT_S = 300.0

# tag, Xvfb screen, Qt's scale factor: a small laptop, 1366×768 less a taskbar, 1080p at 150%.
SIZES = [
    ("1024x600", "1024x600", "1"),
    ("1366x728", "1366x728", "1"),
    ("1920x1080-150", "1920x1080", "1.5"),
]

pytestmark = pytest.mark.screenshots


def _xvfb() -> str:
    found = shutil.which("Xvfb")
    if found is None:
        pytest.skip("Xvfb is not installed (apt-get install xvfb xauth): the real-window check cannot run")
    return found


def _read_display(fd: int, process: subprocess.Popen[bytes]) -> str:
    """The display number Xvfb writes once it accepts connections (``-displayfd``)."""
    text = b""
    while not text.endswith(b"\n"):
        ready, _, _ = select.select([fd], [], [], XVFB_START_S)
        if not ready or process.poll() is not None:
            raise AssertionError(f"Xvfb did not start within {XVFB_START_S} s")
        chunk = os.read(fd, 64)
        if not chunk:
            raise AssertionError("Xvfb closed its display pipe without naming a display")
        text += chunk
    return text.decode().strip()


@pytest.fixture
def x_server(request: pytest.FixtureRequest) -> Iterator[str]:
    """An Xvfb of the parametrized size; its ``DISPLAY``; stopped after the test."""
    screen = request.param
    read_fd, write_fd = os.pipe()
    process = subprocess.Popen(
        [_xvfb(), "-displayfd", str(write_fd), "-screen", "0", f"{screen}x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        yield ":" + _read_display(read_fd, process)
    finally:
        os.close(read_fd)
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.mark.parametrize(
    ("tag", "x_server", "scale"), SIZES, ids=[s[0] for s in SIZES], indirect=["x_server"]
)
def test_the_program_fits_the_screen(tag: str, x_server: str, scale: str) -> None:
    env = {
        **os.environ,
        "DISPLAY": x_server,
        "ESTATE_TEST_QPA": "xcb",
        "QT_QPA_PLATFORM": "xcb",
        "QT_SCALE_FACTOR": scale,
        "ESTATE_SCREEN_TAG": tag,
    }
    env.pop("WAYLAND_DISPLAY", None)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-x", "-rs", str(CHILD)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"{tag}: the program did not finish within {CHILD_TIMEOUT_S} s") from exc
    output = done.stdout + done.stderr
    if "SKIPPED" in output and "1 skipped" in output:
        pytest.skip(f"{tag}: {output.strip().splitlines()[-2] if output.strip() else 'skipped'}")
    assert done.returncode == 0, f"{tag}:\n{output[-6000:]}"
    assert "1 passed" in output, output[-3000:]
