"""The call flow without a window: real SQLite, the demo server over loopback, signals only."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from desktop_app.api import ApiClient, CallbackItem, Package, Project
from desktop_app.config import Settings
from desktop_app.demo.data import TINY_PACKAGE_SIZE
from desktop_app.demo.server import DemoServer
from desktop_app.domain.codes import ApiCode
from desktop_app.domain.messages import Message
from desktop_app.domain.writes import WriteKind
from desktop_app.store.db import LocalStore
from desktop_app.sync.auth import AgentSession, log_in
from desktop_app.sync.engine import SyncEngine
from desktop_app.sync.phones import PhoneSupply
from desktop_app.ui.i18n.messages import render
from desktop_app.ui.tasks import BackgroundTasks
from desktop_app.ui.work.call_flow import CallFlow
from desktop_app.ui.work.card_state import CardState, Reason, Why
from desktop_app.ui.work.reserve import RefillState

USER = 29
ITEM = CallbackItem(index=0, item_name="继续跟进")
S = CardState


class Parts:
    """What a CallFlow is made of, built as the work window builds it."""

    def __init__(
        self, store: LocalStore, tasks: BackgroundTasks, engine: SyncEngine, api: ApiClient, demo: DemoServer
    ) -> None:
        self.store, self.tasks, self.engine, self.api, self.demo = store, tasks, engine, api, demo
        self.events: list[tuple[Any, ...]] = []

    def session(self, user_num: str = "00006") -> AgentSession:
        return log_in(self.api, self.store.verifiers(), user_num, "888", "weixin")

    def flow(
        self, session: AgentSession | None = None, *, reserve: int = 0, next_after: bool = True
    ) -> CallFlow:
        settings = Settings(
            phone_reserve_size=reserve, next_phone_after_feedback=next_after, undo_window_s=0.0
        )
        supply = PhoneSupply(self.store, reserve)
        flow = CallFlow(self.store, self.engine, settings, self.tasks, session or self.session(), supply)
        flow.cardChanged.connect(lambda card: self.events.append(("card", card)))
        flow.pending.connect(lambda: self.events.append(("pending",)))
        flow.emptied.connect(lambda why: self.events.append(("emptied", why)))
        flow.noted.connect(lambda why: self.events.append(("noted", why)))
        flow.fetchChanged.connect(lambda can, busy: self.events.append(("fetch", can, busy)))
        flow.reserveChanged.connect(lambda count: self.events.append(("reserve", count)))
        return flow

    def package(self, *, tiny: bool = False) -> tuple[Project, Package]:
        """A project 在推 today and one of its packages (a tiny one runs out after a few phones)."""
        today = dt.date.today()
        for project in self.api.getpros(USER):
            if project.is_current(today):
                for package in self.api.getpackages(USER, project.pro_id):
                    if self._is_tiny(package.package_id) == tiny:
                        return project, package
        raise AssertionError("no such package in the demo data")

    def _is_tiny(self, package_id: int) -> bool:
        found = self.demo.data.package(package_id)
        return found is not None and found[1].size == TINY_PACKAGE_SIZE

    def of(self, kind: str) -> list[tuple[Any, ...]]:
        return [event for event in self.events if event[0] == kind]


@pytest.fixture
def parts(
    qtbot, store: LocalStore, tasks: BackgroundTasks, http: httpx.Client, demo_server: DemoServer
) -> Iterator[Parts]:
    # Not started: the flow only asks the engine for a client and tells it what it saw.
    engine = SyncEngine(store, http, demo_server.base_url)
    yield Parts(store, tasks, engine, ApiClient(http, demo_server.base_url), demo_server)
    tasks.wait_idle(5000)


def choose(flow: CallFlow, project: Project, package: Package) -> None:
    flow.choose_project(project)
    flow.choose_package(package)


def wait_for_card(qtbot, flow: CallFlow) -> None:
    qtbot.waitUntil(lambda: flow.state is S.SHOWN, timeout=5000)


def callbacks(store: LocalStore) -> list[Any]:
    return [i for i in store.outbox().items_since(0, user_id=USER) if i.kind == WriteKind.FEEDBACK]


def test_with_no_saved_card_it_waits_for_the_projects(parts: Parts) -> None:
    flow = parts.flow()
    flow.restore()
    assert flow.state is S.EMPTY and flow.card is None
    assert parts.of("emptied") == [("emptied", Why(Reason.LOADING_PROJECTS))]
    assert parts.of("fetch") == [("fetch", False, False)]  # no package yet


def test_a_saved_card_is_shown_again_at_once(qtbot, parts: Parts) -> None:
    first = parts.flow()
    choose(first, *parts.package())
    wait_for_card(qtbot, first)
    first.close()

    again = parts.flow()
    again.restore()
    assert again.state is S.SHOWN and again.card is not None and first.card is not None
    # The same card, its clock resumed from now (the time closed is not time on card).
    unclocked = {"shown_at": 0.0, "shown_s": 0.0}
    assert dataclasses.replace(again.card, **unclocked) == dataclasses.replace(first.card, **unclocked)
    assert again.card.shown_s == pytest.approx(first.card.on_card_s(again.card.shown_at), abs=1.0)


def test_a_chosen_package_asks_the_server_and_shows_its_phone(qtbot, parts: Parts) -> None:
    project, package = parts.package()
    flow = parts.flow()
    choose(flow, project, package)
    assert flow.state is S.FETCHING and ("pending",) in parts.events
    assert parts.of("fetch")[-1] == ("fetch", True, True)

    with qtbot.waitSignal(flow.cardChanged, timeout=5000) as shown:
        pass
    card = shown.args[0]
    assert flow.state is S.SHOWN and flow.card is card
    assert (card.pro_id, card.package_id, card.user_id) == (project.pro_id, package.package_id, USER)
    assert parts.store.cards().load(USER) == card  # kept before the window heard of it
    assert parts.of("fetch")[-1] == ("fetch", True, False)


def test_a_feedback_is_committed_and_the_next_card_comes_from_the_reserve_at_once(
    qtbot, parts: Parts
) -> None:
    project, package = parts.package()
    flow = parts.flow(reserve=3)
    choose(flow, project, package)
    wait_for_card(qtbot, flow)
    qtbot.waitUntil(
        lambda: flow.refill.state is RefillState.IDLE and ("reserve", 3) in parts.events, timeout=5000
    )
    answered = flow.card
    reserved = parts.store.reserve().peek_ids(USER, package.package_id)
    parts.events.clear()

    assert flow.record_feedback(ITEM) is answered

    # Before any event loop turn: committed, and the next card is up.
    assert [item.payload["phone_no"] for item in callbacks(parts.store)] == [answered.phone_no]
    assert flow.state is S.SHOWN and flow.card is not None and flow.card.phone_id == reserved[0]
    assert parts.of("card") == [("card", None), ("card", flow.card)]
    assert ("pending",) not in parts.events
    assert parts.store.cards().load(USER) == flow.card
    qtbot.waitUntil(lambda: ("reserve", 3) in parts.events, timeout=5000)  # topped up again


def test_a_skipped_card_stays_up_until_its_replacement_arrives(qtbot, parts: Parts) -> None:
    flow = parts.flow()
    choose(flow, *parts.package())
    wait_for_card(qtbot, flow)
    skipped = flow.card

    flow.next_phone()  # F5, the reserve off

    assert flow.state is S.SKIPPING and flow.card is skipped
    assert parts.of("fetch")[-1] == ("fetch", True, True)
    flow.next_phone()  # a second F5 waits for the first
    assert flow.state is S.SKIPPING
    wait_for_card(qtbot, flow)
    assert flow.card is not None and flow.card.phone_id != skipped.phone_id
    assert callbacks(parts.store) == []  # skipping records nothing


def test_a_card_answered_while_its_replacement_is_on_its_way(qtbot, parts: Parts) -> None:
    flow = parts.flow()
    choose(flow, *parts.package())
    wait_for_card(qtbot, flow)
    skipped = flow.card
    parts.demo.faults.latency_s = 0.3
    flow.next_phone()

    flow.record_feedback(ITEM)

    assert flow.state is S.FETCHING and flow.card is None
    assert parts.of("pending")  # the answered card greys out
    wait_for_card(qtbot, flow)
    assert flow.card.phone_id != skipped.phone_id
    assert [item.payload["phone_no"] for item in callbacks(parts.store)] == [skipped.phone_no]


def test_offline_with_no_reserve_the_card_waits_and_fetches_when_the_server_is_back(
    qtbot, parts: Parts
) -> None:
    flow = parts.flow()
    choose(flow, *parts.package())
    wait_for_card(qtbot, flow)
    parts.demo.set_down(True)

    flow.record_feedback(ITEM)
    qtbot.waitUntil(lambda: flow.state is S.UNREACHABLE, timeout=5000)
    assert parts.of("emptied")[-1] == ("emptied", Why(Reason.UNREACHABLE))
    assert parts.engine.status().online is False  # told the engine what it saw
    assert len(callbacks(parts.store)) == 1  # the feedback waits in the outbox

    parts.demo.set_down(False)
    flow.server_is_back()
    assert flow.state is S.FETCHING
    wait_for_card(qtbot, flow)


def test_a_drained_package_is_said_in_the_servers_words(qtbot, parts: Parts) -> None:
    flow = parts.flow()
    choose(flow, *parts.package(tiny=True))
    for _ in range(TINY_PACKAGE_SIZE):
        wait_for_card(qtbot, flow)
        flow.record_feedback(ITEM)
    qtbot.waitUntil(lambda: flow.state is S.EMPTY, timeout=5000)
    (_, why) = parts.of("emptied")[-1]
    assert why.reason is Reason.PHONE_REFUSED
    assert isinstance(why.detail, Message) and why.detail.code is ApiCode.REFUSED
    assert "call 完" in render(why.detail)
    assert parts.of("fetch")[-1] == ("fetch", True, False)  # F5 may try again
    assert len(callbacks(parts.store)) == TINY_PACKAGE_SIZE


def test_an_agent_who_is_not_active_gets_no_phone(qtbot, parts: Parts) -> None:
    flow = parts.flow(parts.session("00008"))
    choose(flow, *parts.package())
    parts.tasks.wait_idle(5000)
    assert flow.state is S.EMPTY and flow.card is None
    assert parts.of("emptied")[-1] == ("emptied", Why(Reason.INACTIVE))
    assert parts.of("fetch")[-1] == ("fetch", False, False)
    assert parts.demo.request_count("getphone") == 0


def test_without_next_phone_after_feedback_the_answer_is_said_and_nothing_fetched(
    qtbot, parts: Parts
) -> None:
    flow = parts.flow(next_after=False)
    choose(flow, *parts.package())
    wait_for_card(qtbot, flow)
    asked = parts.demo.request_count("getphone")

    flow.record_feedback(ITEM)

    assert flow.state is S.EMPTY and flow.card is None
    assert parts.of("emptied")[-1] == ("emptied", Why(Reason.RECORDED, ITEM.item_name))
    parts.tasks.wait_idle(5000)
    assert parts.demo.request_count("getphone") == asked


def test_a_phone_that_arrives_after_the_window_closed_is_dropped(qtbot, parts: Parts) -> None:
    flow = parts.flow()
    parts.demo.faults.latency_s = 0.3
    choose(flow, *parts.package())
    assert flow.state is S.FETCHING
    parts.events.clear()

    flow.close()
    flow.close()  # closing twice is closing once

    assert parts.tasks.wait_idle(5000)
    assert flow.state is S.CLOSED and flow.card is None and parts.events == []
    flow.next_phone()
    assert flow.record_feedback(ITEM) is None and parts.events == []


def test_a_held_call_keeps_the_card_fetched_meanwhile_until_its_form_is_closed(qtbot, parts: Parts) -> None:
    flow = parts.flow()
    choose(flow, *parts.package())
    wait_for_card(qtbot, flow)
    answered = flow.card
    parts.demo.faults.latency_s = 0.3
    flow.next_phone()  # F5: the replacement is on its way

    flow.record_feedback(ITEM, hold=True)  # the customer form opens first
    qtbot.waitUntil(lambda: parts.tasks.busy == 0, timeout=5000)
    assert flow.card is None and flow.state is S.FETCHING  # arrived, not shown under the form
    assert flow.previous is not None and flow.previous.card == answered

    flow.release()  # the form was saved or cancelled
    assert flow.state is S.SHOWN and flow.card is not None and flow.card.phone_id != answered.phone_id
    assert [item.payload["phone_no"] for item in callbacks(parts.store)] == [answered.phone_no]


def test_a_held_call_brings_the_next_card_when_its_form_is_closed(qtbot, parts: Parts) -> None:
    flow = parts.flow(reserve=3)
    choose(flow, *parts.package())
    wait_for_card(qtbot, flow)
    flow.record_feedback(ITEM, hold=True)
    assert flow.card is None and flow.state is S.EMPTY
    flow.release()
    qtbot.waitUntil(lambda: flow.state is S.SHOWN, timeout=5000)
    flow.release()  # once only
    assert flow.state is S.SHOWN
