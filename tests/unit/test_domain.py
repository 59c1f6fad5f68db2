"""The shared vocabulary: actions, write kinds, what "pending" means, stored messages."""

from __future__ import annotations

import sqlite3

import pytest

from desktop_app.api import WRITE_ACTIONS
from desktop_app.domain.actions import Action
from desktop_app.domain.codes import ApiCode, InputCode, StoreCode, SyncCode, code_named
from desktop_app.domain.message_json import from_json, to_json
from desktop_app.domain.messages import msg
from desktop_app.domain.outbox_states import (
    PENDING,
    PENDING_SQL,
    WAITING,
    WAITING_SQL,
    State,
    pending_count,
    sql_in,
    state_message,
)
from desktop_app.domain.writes import CUSTOMER_FIELDS, WriteKind, customer_payload, feedback_payload
from desktop_app.stats import queue_figures
from desktop_app.sync.status import SyncStatus


def test_the_eleven_actions_by_their_wire_names() -> None:
    assert [a.value for a in Action] == [
        "login",
        "getpros",
        "getpackages",
        "getphone",
        "getcallback",
        "savecallback",
        "get_customer_type",
        "get_gender_type",
        "save_to_customer",
        "get_server_url",
        "get_user_status",
    ]
    assert Action.GETPHONE == "getphone"


def test_write_kinds_are_the_two_write_actions() -> None:
    assert [kind.action for kind in WriteKind] == [Action.SAVECALLBACK, Action.SAVE_TO_CUSTOMER]
    assert WRITE_ACTIONS == (Action.SAVECALLBACK, Action.SAVE_TO_CUSTOMER)
    assert WriteKind("savecallback") is WriteKind.FEEDBACK


def test_payloads_hold_exactly_the_documented_members_in_order() -> None:
    feedback = feedback_payload(
        user_id=29, phone_no="1", owner_name="王", package_id=467, pro_id=141, item_name="x"
    )
    assert list(feedback) == [
        "user_id",
        "phone_no",
        "owner_name",
        "package_id",
        "pro_id",
        "call_back_item_name",
    ]
    customer = customer_payload(
        reg_user_id=29,
        customer_name="王",
        customer_phone="1",
        gender_type="M",
        customer_type="01",
        recommend="r",
        follow_content="",
    )
    assert list(customer) == ["reg_user_id", *CUSTOMER_FIELDS]
    assert CUSTOMER_FIELDS == (
        "customer_name",
        "customer_phone",
        "gender_type",
        "customer_type",
        "recommend",
        "follow_content",
    )


def test_pending_is_one_set_and_everything_counts_by_it() -> None:
    assert set(PENDING) == {State.QUEUED, State.UNCERTAIN, State.IN_FLIGHT}
    assert set(WAITING) == {State.QUEUED, State.UNCERTAIN}
    counts = {state: 10**n for n, state in enumerate(State)}
    expected = counts[State.QUEUED] + counts[State.UNCERTAIN] + counts[State.IN_FLIGHT]
    assert pending_count(counts) == expected
    assert queue_figures(counts) == (expected, counts[State.ATTENTION])
    status = SyncStatus(
        online=True,
        since=None,
        queued=counts[State.QUEUED],
        uncertain=counts[State.UNCERTAIN],
        attention=counts[State.ATTENTION],
        in_flight=counts[State.IN_FLIGHT],
        last_success=None,
        last_error=None,
        base_url=None,
    )
    assert status.pending == expected


def test_the_sql_conditions_select_exactly_their_states() -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE outbox (state TEXT)")
    db.executemany("INSERT INTO outbox VALUES (?)", [(s.value,) for s in State])
    for sql, states in ((PENDING_SQL, PENDING), (WAITING_SQL, WAITING)):
        found = {State(r[0]) for r in db.execute(f"SELECT state FROM outbox WHERE {sql}")}
        assert found == set(states)
    assert sql_in([State.SENT], "s") == "s IN ('sent')"


def test_each_state_has_its_one_label_code() -> None:
    codes = {state_message(state).code for state in State}
    assert len(codes) == len(State)
    assert state_message(State.SENT, maybe_duplicate=True) == msg(StoreCode.STATE_SENT_MAYBE_TWICE)
    assert state_message(State.QUEUED, maybe_duplicate=True) == msg(StoreCode.STATE_QUEUED)


@pytest.mark.parametrize(
    "message",
    [
        msg(ApiCode.REFUSED, "传入数据错误"),
        msg(ApiCode.HTTP_STATUS, 502),
        msg(ApiCode.CERT_UNTRUSTED, msg(ApiCode.CERT_EXPIRED), "certificate has expired"),
        msg(SyncCode.NO_OFFLINE_RECORD, msg(SyncCode.SERVER_UNREACHABLE)),
        msg(InputCode.TOO_LONG, msg(InputCode.FIELD_NAME), 20, 21.5),
        msg(ApiCode.REFUSED, ("甲", "乙")),
        msg(StoreCode.CLOSED),
    ],
)
def test_a_stored_message_reads_back_the_same(message: object) -> None:
    assert from_json(to_json(message)) == message  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "传入数据错误",
        "",
        "{}",
        '{"code": "no.such_code", "args": []}',
        '{"code": "api.refused", "args": [null]}',
        "[1]",
    ],
)
def test_text_of_an_earlier_version_reads_as_the_servers_words(text: str) -> None:
    assert from_json(text) == msg(ApiCode.REFUSED, text)


def test_codes_are_found_by_their_dotted_name() -> None:
    assert code_named("api.refused") is ApiCode.REFUSED
    assert code_named("store.state_queued") is StoreCode.STATE_QUEUED
    assert code_named("nothing") is None
