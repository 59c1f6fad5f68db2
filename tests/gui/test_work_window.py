"""The work window against the demo server over loopback, with real SQLite stores."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop_app.api import ApiClient, Refused
from desktop_app.config import Settings
from desktop_app.store.cache import projects_key
from desktop_app.store.db import LocalStore
from desktop_app.sync.auth import AgentSession, log_in
from desktop_app.sync.phones import PhoneSupply
from desktop_app.ui.status_bridge import StatusBridge
from desktop_app.ui.work.phone_card import PENDING_NOTICE_MS
from desktop_app.ui.work.window import WorkWindow
from tests.helpers.fakes import fast_engine

USER = 29


@pytest.fixture
def client(http, demo_server):
    return ApiClient(http, demo_server.base_url)


@pytest.fixture
def world(qtbot, store, tasks, http, demo_server):
    """Builds windows the way the program does; tears every thread down afterwards."""
    bridge = StatusBridge()
    engine = fast_engine(store, http, demo_server.base_url, backoff_cap_s=0.2, on_status=bridge.changed.emit)
    engine.start()
    windows: list[WorkWindow] = []

    class World:
        def __init__(self) -> None:
            self.store, self.tasks, self.engine = store, tasks, engine

        def session(self, user_num: str = "00006") -> AgentSession:
            return log_in(ApiClient(http, demo_server.base_url), store.verifiers(), user_num, "888", "weixin")

        def window(self, session: AgentSession | None = None, **settings: object) -> WorkWindow:
            # The undo window and the form-first keys have their own tests.
            values = {"undo_window_s": 0.0, "form_first_items": (), **settings}
            cfg = Settings(server_url=demo_server.base_url, **values)  # type: ignore[arg-type]
            supply = PhoneSupply(store, cfg.phone_reserve_size)
            win = WorkWindow(store, engine, cfg, tasks, session or self.session(), supply)
            qtbot.addWidget(win)
            win.show()
            win.activateWindow()
            qtbot.waitUntil(win.isActiveWindow, timeout=3000)  # the number keys are window shortcuts
            windows.append(win)
            return win

        def follow(self, win: WorkWindow) -> None:
            """The engine's status reaches the window as in the program: through the bridge."""
            bridge.follow(win, engine.status())

    yield World()
    for win in windows:
        win.close()
    tasks.wait_idle(5000)
    tasks.shutdown()
    engine.stop()


def card_text(win: WorkWindow) -> str:
    return win.card_view.number.text()


def wait_for_card(qtbot, win: WorkWindow) -> None:
    qtbot.waitUntil(lambda: card_text(win) != "", timeout=5000)


def wait_for_full_reserve(qtbot, win: WorkWindow, size: int = 3) -> None:
    qtbot.waitUntil(
        lambda: win.card is not None and win._supply.count(USER, win.card.package_id) == size, timeout=5000
    )
    win._tasks.wait_idle(5000)


def feedback_items(store: LocalStore) -> list:
    return [i for i in store.outbox().items_since(0, user_id=USER) if i.kind == "savecallback"]


def test_pickers_show_current_projects_only(qtbot, world, client):
    today = dt.date.today()
    projects = client.getpros(USER)
    current = [p for p in projects if p.is_current(today)]
    assert len(current) < len(projects), "the demo data should have projects outside their dates"
    win = world.window()
    picker = win.pickers.projects
    qtbot.waitUntil(
        lambda: picker.count() == len(current) and win.pickers.current_package() is not None, timeout=5000
    )
    shown = {picker.itemData(i).pro_id for i in range(picker.count())}
    assert shown == {p.pro_id for p in current}
    first = current[0]
    assert picker.itemText(0).startswith(f"{first.pro_name} (")
    packages = client.getpackages(USER, win.pickers.current_project().pro_id)
    assert win.pickers.packages.count() == len(packages)


def test_expired_projects_shown_on_request(qtbot, world, client):
    projects = client.getpros(USER)
    win = world.window(show_expired_projects=True)
    qtbot.waitUntil(lambda: win.pickers.projects.count() == len(projects), timeout=5000)


def test_a_card_is_shown_and_the_reserve_filled(qtbot, world):
    win = world.window()
    wait_for_card(qtbot, win)
    assert win.card_view.owner.text()
    assert win.feedback.buttons() and all(b.isEnabled() for b in win.feedback.buttons())
    assert win.feedback.buttons()[0].text().startswith("1 ")
    wait_for_full_reserve(qtbot, win)
    assert win.card_view.reserve.text() == "备用号码: 3"
    assert "已显示" in win.card_view.elapsed.text()


def test_key_1_records_one_feedback_and_shows_the_next_phone_at_once(qtbot, world):
    win = world.window()
    wait_for_card(qtbot, win)
    wait_for_full_reserve(qtbot, win)
    card = win.card
    reserved = world.store.reserve().peek_ids(USER, card.package_id)
    first_item = win.feedback.items[0]

    qtbot.keyClick(win, Qt.Key.Key_1)

    # The next card is there at once, from the reserve: no waiting for any server.
    assert win.card is not None and win.card.phone_id == reserved[0]
    items = feedback_items(world.store)
    assert len(items) == 1
    assert items[0].payload == {
        "user_id": USER,
        "phone_no": card.phone_no,
        "owner_name": card.owner_name,
        "package_id": card.package_id,
        "pro_id": card.pro_id,
        "call_back_item_name": first_item.item_name,
    }
    wait_for_full_reserve(qtbot, win)
    ids = world.store.reserve().peek_ids(USER, card.package_id)
    assert len(ids) == len(set(ids)) == 3
    assert win.card.phone_id not in ids
    assert world.store.cards().load(USER).phone_id == win.card.phone_id


def test_the_recorded_feedback_reaches_the_server(qtbot, world, demo_server):
    win = world.window()
    wait_for_card(qtbot, win)
    # The card can be up before the feedback items are (a busy machine): key 2 needs its button.
    qtbot.waitUntil(lambda: len(win.feedback.buttons()) >= 2 and win.feedback.buttons()[1].isEnabled())
    phone_no = win.card.phone_no
    qtbot.keyClick(win, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: len(demo_server.writes("savecallback")) == 1, timeout=5000)
    assert phone_no in str(demo_server.writes("savecallback")[0])


def test_many_feedbacks_never_repeat_a_reserved_phone(qtbot, world):
    win = world.window()
    wait_for_card(qtbot, win)
    shown = []
    for _ in range(6):
        wait_for_full_reserve(qtbot, win)
        ids = world.store.reserve().peek_ids(USER, win.card.package_id)
        assert len(ids) == len(set(ids)) and win.card.phone_id not in ids
        shown.append(win.card.phone_id)
        qtbot.keyClick(win, Qt.Key.Key_1)
    assert len(feedback_items(world.store)) == 6


def test_session_restore_shows_the_same_card(qtbot, world):
    win = world.window()
    wait_for_card(qtbot, win)
    number, owner = card_text(win), win.card_view.owner.text()
    world.tasks.wait_idle(5000)
    win.close()
    again = world.window()
    assert card_text(again) == number  # at once, from the local store
    assert again.card_view.owner.text() == owner
    qtbot.waitUntil(lambda: again.pickers.current_package() is not None, timeout=5000)
    world.tasks.wait_idle(5000)
    assert card_text(again) == number
    assert again.pickers.current_package().package_id == again.card.package_id


def test_last_project_and_package_are_remembered(qtbot, world):
    win = world.window()
    qtbot.waitUntil(lambda: win.pickers.packages.count() > 1, timeout=5000)
    win.pickers.packages.setCurrentIndex(1)
    chosen = win.pickers.current_package().package_id
    world.tasks.wait_idle(5000)
    world.store.cards().clear(USER)
    win.close()
    again = world.window()
    qtbot.waitUntil(lambda: again.pickers.current_package() is not None, timeout=5000)
    assert again.pickers.current_package().package_id == chosen


def _tiny_package(client: ApiClient) -> tuple[int, int]:
    for project in client.getpros(USER):
        if not project.is_current(dt.date.today()):
            continue
        for package in client.getpackages(USER, project.pro_id):
            for _ in range(10):
                try:
                    client.getphone(USER, package.package_id)
                except Refused as exc:
                    if "call 完" in exc.errmsg:
                        return project.pro_id, package.package_id
                    break
    pytest.fail("no small package in the demo data")


def test_call_done_is_said_in_plain_words(qtbot, world, client):
    pro_id, package_id = _tiny_package(client)  # drained through the API
    world.store.prefs().set(f"work.{USER}.pro_id", str(pro_id))
    world.store.prefs().set(f"work.{USER}.package_id", str(package_id))
    win = world.window(show_expired_projects=True)
    qtbot.waitUntil(lambda: "call 完" in win.card_view.message.text(), timeout=5000)
    assert win.card is None
    assert not any(b.isEnabled() for b in win.feedback.buttons())


def test_offline_lists_from_the_cache_with_their_age(qtbot, world, client, demo_server):
    projects = client.getpros(USER)
    three_hours_ago = time.time() - 3 * 3600
    world.store.cache().put(projects_key(USER), [p.to_json() for p in projects], now=three_hours_ago)
    session = world.session()
    demo_server.set_down(True)
    win = world.window(session)
    qtbot.waitUntil(lambda: win.pickers.source.text() != "", timeout=5000)
    assert win.pickers.source.text() == "离线数据，3 小时前更新"
    assert win.pickers.projects.count() > 0
    qtbot.waitUntil(lambda: win.card_view.message.text() != "", timeout=5000)
    world.tasks.wait_idle(5000)
    assert card_text(win) == ""
    assert "无法连接服务器" in win.card_view.message.text()


def test_offline_the_reserve_keeps_the_agent_calling(qtbot, world, demo_server):
    win = world.window()
    wait_for_card(qtbot, win)
    wait_for_full_reserve(qtbot, win)
    demo_server.set_down(True)
    for _ in range(3):
        before = win.card.phone_id
        qtbot.keyClick(win, Qt.Key.Key_1)
        assert win.card is not None and win.card.phone_id != before
    qtbot.keyClick(win, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: "没有备用号码" in win.card_view.message.text(), timeout=5000)
    assert len(feedback_items(world.store)) == 4


def test_inactive_user_gets_a_banner_and_no_phones(qtbot, world):
    win = world.window(world.session("00008"))
    assert win.banner.isVisible()
    assert "离职" in win.banner.text()
    qtbot.waitUntil(lambda: win.pickers.current_package() is not None, timeout=5000)
    world.tasks.wait_idle(5000)
    assert card_text(win) == ""
    assert "不是“活动”" in win.card_view.message.text()
    assert not win.card_view.next_button.isEnabled()


def test_customer_form_opens_in_place_prefilled_and_queues_the_customer(qtbot, world):
    win = world.window()
    wait_for_card(qtbot, win)
    world.tasks.wait_idle(5000)
    card = win.card
    qtbot.keyClick(win, Qt.Key.Key_F2)
    form = win.customer_form
    assert form.isVisible()  # at once, in the window: no dialog
    assert form.name_edit.text() == card.owner_name
    # Digits typed into the form are text, not feedback keys.
    qtbot.keyClicks(form.name_edit, "1")
    assert feedback_items(world.store) == []
    form.name_edit.setText("王先生")
    assert form.save()
    assert not form.isVisible()
    customers = [i for i in world.store.outbox().items_since(0, user_id=USER) if i.kind == "save_to_customer"]
    assert len(customers) == 1
    payload = customers[0].payload
    assert payload["reg_user_id"] == USER
    assert payload["customer_name"] == "王先生"
    assert payload["customer_phone"] == card.phone_no
    assert payload["recommend"] == card.pro_name
    assert win.card is not None and win.card.phone_id == card.phone_id  # the card stays


def test_status_bar_follows_the_engine(qtbot, world):
    win = world.window()
    world.follow(win)
    wait_for_card(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_1)  # a write for the engine to send, from its own thread

    def sent_shown() -> bool:
        shown = win.status_bar.status()
        return shown is not None and shown.online is True and shown.last_success is not None

    qtbot.waitUntil(sent_shown, timeout=5000)
    assert win.status_bar.connection_label.text()


def test_function_keys_copy_and_skip_to_the_next_phone(qtbot, world):
    win = world.window()
    wait_for_card(qtbot, win)
    wait_for_full_reserve(qtbot, win)
    first = win.card
    qtbot.keyClick(win, Qt.Key.Key_F3)
    assert QGuiApplication.clipboard().text() == first.phone_no
    qtbot.keyClick(win, Qt.Key.Key_F5)
    assert win.card is not None and win.card.phone_id != first.phone_id
    assert feedback_items(world.store) == []  # skipping records nothing


def test_an_offline_login_is_confirmed_when_the_server_returns(qtbot, world, demo_server, client):
    world.session()  # an online login leaves the verifier
    projects = client.getpros(USER)  # and the lists of that day stay on this PC
    world.store.cache().put(projects_key(USER), [p.to_json() for p in projects], now=time.time())
    demo_server.set_down(True)
    offline = world.session()
    assert offline.offline
    cfg = Settings(server_url=demo_server.base_url)
    win = WorkWindow(world.store, world.engine, cfg, world.tasks, offline, PhoneSupply(world.store, 3), "888")
    qtbot.addWidget(win)
    world.follow(win)
    assert "离线登录" in win.windowTitle() and win.banner.isVisibleTo(win)
    # The window hears that the server is gone as in use: its lists come from this PC's copy.
    qtbot.waitUntil(lambda: win.status_bar.status().online is False, timeout=5000)
    world.tasks.wait_idle(5000)
    demo_server.set_down(False)

    with qtbot.waitSignal(win.sessionChanged, timeout=5000):
        world.engine.sync_now()
    assert not win.session.offline
    assert win.session.status == "活动"
    assert "离线登录" not in win.windowTitle()
    win.close()


def test_reserve_off_the_answered_card_greys_out_and_a_quick_fetch_never_flashes_empty(
    qtbot, world, demo_server
):
    win = world.window(phone_reserve_size=0)
    wait_for_card(qtbot, win)
    win.card_view.set_pending_notice(5000)  # "quick", however busy the machine running this is
    seen: list[str] = []
    original = win.card_view.show_empty
    win.card_view.show_empty = lambda why: (seen.append(why), original(why))  # type: ignore[method-assign]
    answered = win.card.phone_no

    qtbot.keyClick(win, Qt.Key.Key_1)

    # At once: the answered card is greyed out in place and can no longer be copied.
    assert win.card is None and win.card_view.pending
    assert card_text(win) == answered and not win.card_view.number.isEnabled()
    assert not win.card_view.copy_button.isEnabled() and not win.card_view.dial_button.isEnabled()
    QGuiApplication.clipboard().setText("before")
    qtbot.keyClick(win, Qt.Key.Key_F3)
    assert QGuiApplication.clipboard().text() == "before"
    # The next phone arrives within the notice delay: no "正在获取号码…" in between.
    qtbot.waitUntil(lambda: win.card is not None, timeout=5000)
    assert card_text(win) != answered and win.card_view.number.isEnabled()
    assert seen == [] and not win.card_view.pending


def test_reserve_off_a_slow_fetch_says_it_is_fetching(qtbot, world, demo_server):
    win = world.window(phone_reserve_size=0)
    wait_for_card(qtbot, win)
    demo_server.faults.latency_s = 1.5  # under the read timeout (3 s)

    qtbot.keyClick(win, Qt.Key.Key_1)

    qtbot.waitUntil(lambda: "正在获取号码" in win.card_view.message.text(), timeout=PENDING_NOTICE_MS + 1000)
    assert win.card is None  # said while the request is still out
    assert not win.card_view.number.isVisible()  # the answered card is gone
    qtbot.waitUntil(lambda: win.card is not None, timeout=5000)
    assert win.card_view.number.isVisible() and win.card_view.number.isEnabled()
    assert not win.card_view.message.isVisible()


def test_a_card_answered_while_its_skip_is_being_fetched_greys_out(qtbot, world, demo_server):
    win = world.window(phone_reserve_size=0)
    wait_for_card(qtbot, win)
    win.card_view.set_pending_notice(5000)
    skipped = win.card
    demo_server.faults.latency_s = 1.0
    qtbot.keyClick(win, Qt.Key.Key_F5)  # skip: the card stays up while the next is fetched
    assert win.card is skipped and win.card_view.number.isEnabled()
    qtbot.keyClick(win, Qt.Key.Key_1)  # the agent answers it anyway

    assert win.card is None and win.card_view.pending and not win.card_view.copy_button.isEnabled()
    qtbot.waitUntil(lambda: win.card is not None, timeout=5000)
    assert win.card.phone_id != skipped.phone_id
    assert world.store.cards().load(USER) == win.card  # the new card is the saved one
    assert [i.payload["phone_no"] for i in feedback_items(world.store)] == [skipped.phone_no]
