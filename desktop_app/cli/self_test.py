"""``--self-test``: the whole call loop once, in-process, against the embedded demo server.

For IT after installing the bundle, and for CI on the built bundle: if a module is
missing from the package or the database cannot be written, this fails with the step
that broke. It needs no display (Qt's offscreen platform) and touches no real server.
The application is built by the ``build`` it is given (``main()`` passes
``build_application``), so this command does not import the module that calls it.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.config import Settings
from desktop_app.domain.codes import CommandCode
from desktop_app.domain.messages import Message, MessageError, msg
from desktop_app.paths import AppPaths

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QPushButton

    from desktop_app.ui.application import Application

STEP_TIMEOUT_S = 15.0

Build = Callable[[Settings, AppPaths], "Application"]


class SelfTestFailed(MessageError):
    """A step did not finish; ``message`` names it."""


def feedback_button(window: QObject) -> QPushButton | None:
    """The first feedback button as it is now (the list may have been set again meanwhile)."""
    from PySide6.QtWidgets import QPushButton

    return window.findChild(QPushButton, "feedback_0")


def ready(button: QPushButton | None) -> bool:
    return button is not None and button.isEnabled()


def run_self_test(build: Build, say: Callable[[Message], None] | None = None) -> int:
    """Run the loop in a temporary data folder (never the agent's own); one verdict line; 0 when it worked."""
    if say is None:
        from desktop_app.cli.words import printer

        say = printer("zh_CN")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    step = msg(CommandCode.STEP_START)
    try:
        from desktop_app.demo.server import DemoServer

        with tempfile.TemporaryDirectory(prefix="estate-selftest-") as tmp, DemoServer() as server:
            data = Path(tmp)
            settings = Settings(server_url=server.base_url, data_dir=data)
            app = build(settings, AppPaths.under(data))
            try:

                def wait(what: CommandCode, done: Callable[[], object]) -> None:
                    end = time.monotonic() + STEP_TIMEOUT_S
                    while not done():
                        if time.monotonic() > end:
                            raise SelfTestFailed(msg(what))
                        app.qt_app.processEvents()
                        time.sleep(0.005)

                step = msg(CommandCode.STEP_LOGIN)
                login = app.login_window
                login.user.setText("00006")
                login.password.setText("888")
                login.submit()
                wait(CommandCode.STEP_LOGIN, lambda: app.work_window is not None)
                window = app.work_window
                assert window is not None

                step = msg(CommandCode.STEP_PHONE)
                wait(CommandCode.STEP_PHONE, lambda: window.card is not None)
                wait(CommandCode.STEP_FEEDBACK_TYPES, lambda: feedback_button(window) is not None)
                first = window.card
                assert first is not None

                step = msg(CommandCode.STEP_FEEDBACK)
                wait(CommandCode.STEP_FEEDBACK_READY, lambda: ready(feedback_button(window)))
                # Looked up again after every wait: a widget found before one may be gone.
                button = feedback_button(window)
                assert button is not None
                button.click()
                if window.customer_form.isVisible():  # an item that opens the customer form first
                    window.close_customer_form()  # the feedback stays; the customer step comes below
                wait(
                    CommandCode.STEP_NEXT_PHONE,
                    lambda: window.card is not None and window.card.phone_id != first.phone_id,
                )

                step = msg(CommandCode.STEP_CUSTOMER)
                window.open_customer_form()
                wait(
                    CommandCode.STEP_CUSTOMER_FORM,
                    lambda: window.customer_form.isVisible() and window.customer_form.save_button.isEnabled(),
                )
                form = window.customer_form
                form.name_edit.setText("自检客户")
                if not form.save():
                    raise SelfTestFailed(msg(CommandCode.SELF_TEST_FORM_REFUSED, str(form.errors())))

                step = msg(CommandCode.STEP_SYNC)
                app.engine.sync_now()
                wait(
                    CommandCode.STEP_SENT,
                    lambda: server.writes("savecallback") and server.writes("save_to_customer"),
                )
                wait(CommandCode.STEP_QUEUE_EMPTY, lambda: app.engine.status().pending == 0)
                fb = server.writes("savecallback")[0].payload
                if fb["phone_no"] != first.phone_no or fb["user_id"] != 29:
                    raise SelfTestFailed(msg(CommandCode.SELF_TEST_WRONG_FEEDBACK, str(fb)))
            finally:
                app.shutdown()
    except SelfTestFailed as exc:
        say(msg(CommandCode.SELF_TEST_UNFINISHED, exc.message))
        return 1
    except Exception as exc:  # a missing module in a bundle lands here
        say(msg(CommandCode.SELF_TEST_ERROR, step, f"{type(exc).__name__}: {exc}"))
        return 1
    ms = (time.perf_counter() - started) * 1000
    say(msg(CommandCode.SELF_TEST_PASSED, f"{ms:.0f}"))
    return 0
