"""The command line and the one call that builds the whole application.

``main()`` reads the command line and configuration, then either runs a window-less
command (``--check-server``, ``--status``, ``--sync``, ``--self-test``) or builds the
application with ``build_application`` and runs Qt's event loop. Tests build the very
same application in-process with ``build_application`` and drive it with qtbot.

Imports are deferred where they cost start-up time or a display: ``--status`` and
``--check-server`` load nothing of Qt's widgets, ``--sync`` only its core and local
sockets (to ask a running window to sync). One window runs per data folder and OS
user: a second start brings the running one to the front (``single_instance``).
Every command ends with a documented exit code (``cli.exit_codes``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from desktop_app.cli.args import parse_args
from desktop_app.config import LoadedConfig, Settings, load_for_startup
from desktop_app.paths import AppPaths, default_config_file

DEMO_FOLDER = "demo"

if TYPE_CHECKING:
    from desktop_app.domain.messages import Message
    from desktop_app.store.db import LocalStore
    from desktop_app.ui.application import Application
    from desktop_app.ui.instance_requests import InstanceRequests
    from desktop_app.ui.login.window import LoginWindow
    from desktop_app.ui.single_instance import InstanceServer

log = logging.getLogger(__name__)


def configure(argv: Sequence[str] | None = None) -> tuple[object, AppPaths, LoadedConfig]:
    """The parsed arguments, the folders and the layered configuration."""
    args = parse_args(argv)
    paths, loaded = load_for_startup(default_file=default_config_file(), environ=os.environ, flags=vars(args))
    if loaded.settings.demo:
        # Training writes never sit in a real outbox, whichever folder was chosen: they
        # have their own database, log and window (their rows name the demo server too).
        paths = AppPaths.under(paths.data_dir / DEMO_FOLDER)
    return args, paths, loaded


def build_application(
    settings: Settings,
    paths: AppPaths,
    *,
    problems: Sequence[Message] = (),
    start_sync: bool = True,
    loaded: LoadedConfig | None = None,
    login_window: LoginWindow | None = None,
    store: LocalStore | None = None,
) -> Application:
    """Build the whole application: the documented entry point for ``main()`` and tests.

    Creates the QApplication when there is none, the local store, the HTTP client, the
    sync engine (started unless ``start_sync`` is False) and the login window, shown.
    ``problems`` are configuration messages (``ConfigProblem.located()``) to show the
    agent once the window is up.
    ``loaded`` is the layered configuration ``settings`` came from: the settings dialog
    reads from it which keys an environment variable or a flag sets. ``login_window`` is
    one already on screen (``main()`` paints it before loading the rest), to attach to;
    ``store`` the database already opened (else it is opened here, off the GUI thread).
    """
    from desktop_app.ui.application import Application

    return Application.build(
        settings,
        paths,
        problems=problems,
        start_sync=start_sync,
        loaded=loaded,
        login_window=login_window,
        store=store,
    )


def _verify(settings: Settings) -> bool | str:
    return settings.ca_bundle or True


def main(argv: Sequence[str] | None = None) -> int:
    args, paths, loaded = configure(argv)
    settings = loaded.settings
    ns = vars(args)
    _console_utf8()

    if ns["check_server"]:
        from desktop_app.cli.check_server import check_server_command

        return check_server_command(
            ns["check_server"],
            user=ns["user"],
            password=ns["password"],
            machine_no=settings.machine_no,
            connect_timeout_s=settings.connect_timeout_s,
            read_timeout_s=settings.read_timeout_s,
            deadline_s=settings.request_deadline_s,
            verify=_verify(settings),
            lang=settings.lang,
        )

    _print_problems(loaded)
    if ns["status"]:
        from desktop_app.cli.queue_commands import status_command
        from desktop_app.cli.words import printer

        _start_logging(paths)
        return status_command(
            paths.data_dir, settings.server_url, say_err=printer(settings.lang, _print_to_stderr)
        )
    if ns["sync"]:
        from desktop_app.cli.queue_commands import sync_command
        from desktop_app.cli.words import printer

        _start_logging(paths)
        return sync_command(
            paths.data_dir,
            settings.server_url,
            connect_timeout_s=settings.connect_timeout_s,
            read_timeout_s=settings.read_timeout_s,
            request_deadline_s=settings.request_deadline_s,
            verify=_verify(settings),
            say=printer(settings.lang),
        )
    if ns["self_test"]:
        from desktop_app.cli.self_test import run_self_test
        from desktop_app.cli.words import printer

        _start_logging(paths)
        return run_self_test(build_application, printer(settings.lang))
    return _run_gui(settings, paths, loaded, [p.located() for p in loaded.problems], ns)


def _print_to_stderr(text: str) -> None:
    print(text, file=sys.stderr)


def _print_problems(loaded: LoadedConfig) -> None:
    """Each configuration problem on stderr, for IT (in Chinese: no translator is loaded yet)."""
    if not loaded.problems:
        return
    from desktop_app.ui.i18n.messages import render  # Qt's core only when there is one

    for problem in loaded.problems:
        print(render(problem.located()), file=sys.stderr)


def _run_gui(
    settings: Settings, paths: AppPaths, loaded: LoadedConfig, problems: list[Message], ns: dict[str, object]
) -> int:
    from desktop_app.data_place import place_problem
    from desktop_app.ui.look import prepare_qt_app
    from desktop_app.ui.window_start import running_elsewhere

    qt_app = prepare_qt_app(settings.lang)
    unusable = place_problem(paths.db_file)
    if unusable is not None:
        from desktop_app.ui.start_failure import run_start_failure

        return run_start_failure(qt_app, unusable)
    code = running_elsewhere(paths, settings.lang)
    if code is not None:
        return code
    demo = None
    if settings.demo:
        from desktop_app.demo.server import DemoServer

        port = ns.get("demo_port") or 0
        demo = DemoServer(port=int(port)).start()  # type: ignore[call-overload]
        settings = dataclasses.replace(settings, server_url=demo.base_url)
        from desktop_app.cli.words import printer
        from desktop_app.domain.codes import CommandCode
        from desktop_app.domain.messages import msg

        printer(settings.lang)(msg(CommandCode.DEMO_SERVER, demo.base_url))
    # Paint the login window first; the folder's claim, the database (on a helper thread)
    # and the HTTP stack load right after, while the window already takes keys.
    from desktop_app.ui.first_paint import on_first_paint, report_first_paint, report_ready
    from desktop_app.ui.login.window import show_login_first

    login = show_login_first(settings.server_url, settings.machine_no)
    built: list[Application] = []
    measure = bool(ns.get("measure_startup"))
    claimed: list[InstanceServer] = []
    answering: list[InstanceRequests] = []

    def attach(store: LocalStore | BaseException) -> None:
        from desktop_app.store.errors import StoreError
        from desktop_app.ui.start_failure import show_start_failure

        try:
            if isinstance(store, BaseException):
                raise store
            application = build_application(
                settings, paths, problems=problems, loaded=loaded, login_window=login, store=store
            )
        except (StoreError, OSError) as exc:
            log.error("cannot start: %s", exc)
            show_start_failure(exc.message if isinstance(exc, StoreError) else _os_problem(paths, exc), login)
            return
        built.append(application)
        for requests in answering:
            requests.attach(application)
        from desktop_app.ui.application import WORK_MODULES
        from desktop_app.ui.store_open import load_in_background

        load_in_background(WORK_MODULES)  # the work window, while the agent types
        if measure:
            report_ready()

    def build() -> None:
        from PySide6.QtCore import QTimer

        from desktop_app.ui.store_open import open_in_background

        # The log files first, so that every line of what follows reaches them (the claim's
        # and the open's); then the database, on a helper thread.
        _start_logging(paths)
        open_in_background(paths.data_dir, attach, settings.server_url, settings.demo)
        # The folder's claim a turn of the event loop later: a key typed at the paint is
        # handled in between, while the helper thread is already at work.
        QTimer.singleShot(0, claim_folder_now)

    def claim_folder_now() -> None:
        from desktop_app.ui.window_start import claim_folder

        outcome = claim_folder(paths, settings.lang)
        if isinstance(outcome, int):  # another start won the race since the check
            login.hide()
            qt_app.exit(outcome)
            return
        claimed.append(outcome)
        from desktop_app.ui.instance_requests import InstanceRequests

        requests = InstanceRequests(login)  # a second start is answered from now on
        outcome.requested.connect(requests.handle)
        answering.append(requests)
        for application in built:  # attached already: a very quick open
            requests.attach(application)

    on_first_paint(login, build)
    if measure:
        report_first_paint(login, login.user)
    try:
        return int(qt_app.exec())
    finally:
        for application in built:
            application.shutdown()
        for claim in claimed:
            claim.close()
        if demo is not None:
            demo.stop()


def _os_problem(paths: AppPaths, exc: OSError) -> Message:
    from desktop_app.domain.codes import StoreCode
    from desktop_app.domain.messages import msg

    return msg(StoreCode.CANNOT_OPEN, str(paths.data_dir), str(exc))


def _start_logging(paths: AppPaths) -> None:
    """Log to the data folder's log files; a folder that cannot be written gets no log
    (the command still runs and says what is wrong, in words, not as log lines)."""
    from desktop_app.logsetup import setup_logging

    try:
        setup_logging(paths.log_dir)
    except OSError:
        logging.getLogger().addHandler(logging.NullHandler())  # not Python's last-resort stderr
        return
    log.info("starting; data folder %s", paths.data_dir)


def _console_utf8() -> None:
    """Chinese output must not crash on a Windows console with a legacy code page."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(OSError, ValueError):
                reconfigure(errors="replace")


__all__ = ["build_application", "configure", "main"]
