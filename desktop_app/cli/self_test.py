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
from desktop_app.paths import AppPaths

if TYPE_CHECKING:
    from desktop_app.ui.application import Application

STEP_TIMEOUT_S = 15.0

Build = Callable[[Settings, AppPaths], "Application"]


class SelfTestFailed(Exception):
    pass


def run_self_test(build: Build, out: Callable[[str], None] = print) -> int:
    """Run the loop in a temporary data folder (never the agent's own); one verdict line; 0 when it worked."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    step = "启动"
    try:
        from PySide6.QtWidgets import QPushButton

        from desktop_app.demo.server import DemoServer

        with tempfile.TemporaryDirectory(prefix="estate-selftest-") as tmp, DemoServer() as server:
            data = Path(tmp)
            settings = Settings(server_url=server.base_url, data_dir=data)
            app = build(settings, AppPaths.under(data))
            try:

                def wait(what: str, done: Callable[[], object]) -> None:
                    end = time.monotonic() + STEP_TIMEOUT_S
                    while not done():
                        if time.monotonic() > end:
                            raise SelfTestFailed(what)
                        app.qt_app.processEvents()
                        time.sleep(0.005)

                step = "登录"
                login = app.login_window
                login.user.setText("00006")
                login.password.setText("888")
                login.submit()
                wait("登录", lambda: app.work_window is not None)
                window = app.work_window
                assert window is not None

                step = "领取号码"
                wait("领取号码", lambda: window.card is not None)
                wait("读取反馈类型", lambda: window.findChild(QPushButton, "feedback_0") is not None)
                first = window.card
                assert first is not None

                step = "记录反馈"
                button = window.findChild(QPushButton, "feedback_0")
                assert button is not None
                wait("反馈按钮可用", button.isEnabled)
                button.click()
                wait("下一个号码", lambda: window.card is not None and window.card.phone_id != first.phone_id)

                step = "添加电子客"
                window.open_customer_form()
                form = window.customer_form
                wait("电子客表单", lambda: form.isVisible() and form.save_button.isEnabled())
                form.name_edit.setText("自检客户")
                if not form.save():
                    raise SelfTestFailed(f"添加电子客: {form.errors()}")

                step = "同步"
                app.engine.sync_now()
                wait(
                    "同步到服务器",
                    lambda: server.writes("savecallback") and server.writes("save_to_customer"),
                )
                wait("队列清空", lambda: app.engine.status().pending == 0)
                fb = server.writes("savecallback")[0].payload
                if fb["phone_no"] != first.phone_no or fb["user_id"] != 29:
                    raise SelfTestFailed(f"服务器收到的反馈不对: {fb}")
            finally:
                app.shutdown()
    except SelfTestFailed as exc:
        out(f"自检失败: 第「{exc}」步没有完成")
        return 1
    except Exception as exc:  # a missing module in a bundle lands here
        out(f"自检失败: 「{step}」出错: {type(exc).__name__}: {exc}")
        return 1
    ms = (time.perf_counter() - started) * 1000
    out(f"自检通过: 登录、领号、反馈、添加电子客、同步全部正常 ({ms:.0f} ms)")
    return 0
