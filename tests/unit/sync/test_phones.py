"""The phone reserve: next phone without a round trip, refills without copies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from desktop_app.api import ApiClient, NotReached, Refused
from desktop_app.store.cards import PhoneCard
from desktop_app.sync.phones import PhoneSupply
from tests.helpers.fakes import mock_api

USER = 29


def packages_of(client: ApiClient) -> list[tuple[int, int, str]]:
    """(pro_id, package_id, name) of every package the demo user sees."""
    found = []
    today = dt.date.today()
    for project in client.getpros(USER):
        if not project.is_current(today):
            continue
        for package in client.getpackages(USER, project.pro_id):
            found.append((project.pro_id, package.package_id, package.package_name))
    return found


@pytest.fixture
def package_id(client) -> int:
    return packages_of(client)[0][1]


@pytest.fixture
def tiny_package_id(client) -> int:
    """The demo's tiny package: call 完 after a handful of phones."""
    for _pro_id, package_id, _name in packages_of(client):
        taken = 0
        try:
            while taken < 10:
                client.getphone(USER, package_id)
                taken += 1
        except Refused as exc:
            if "call 完" in exc.errmsg:
                return package_id
    pytest.fail("the demo server has no package that runs out within 10 phones")


def test_fetch_asks_the_server_when_the_reserve_is_empty(client, store, package_id):
    supply = PhoneSupply(store, 3)
    phone = supply.fetch(lambda: client, USER, package_id)
    assert phone.phone_id > 0 and phone.phone_no
    assert supply.count(USER, package_id) == 0


def test_refill_fills_the_reserve_and_fetch_needs_no_server(client, store, package_id, demo_server):
    supply = PhoneSupply(store, 3)
    assert supply.refill(client, USER, package_id) == 3
    assert supply.count(USER, package_id) == 3
    ids = store.reserve().peek_ids(USER, package_id)
    assert len(set(ids)) == 3
    assert supply.refill(client, USER, package_id) == 0  # already full: no request needed

    demo_server.set_down(True)
    taken = [supply.fetch(lambda: client, USER, package_id).phone_id for _ in range(3)]
    assert taken == list(ids)  # oldest first, straight from the reserve
    with pytest.raises(NotReached):
        supply.fetch(lambda: client, USER, package_id)


def test_refill_after_taking_tops_up(client, store, package_id):
    supply = PhoneSupply(store, 3)
    supply.refill(client, USER, package_id)
    supply.take_reserved(USER, package_id)
    assert supply.refill(client, USER, package_id) == 1
    assert supply.count(USER, package_id) == 3
    assert len(set(store.reserve().peek_ids(USER, package_id))) == 3


def test_refill_stops_quietly_when_offline(client, store, package_id, demo_server):
    demo_server.set_down(True)
    supply = PhoneSupply(store, 3)
    assert supply.refill(client, USER, package_id) == 0
    assert supply.count(USER, package_id) == 0


def test_call_done_passes_through_and_stops_the_refill(client, store, tiny_package_id):
    supply = PhoneSupply(store, 3)
    assert supply.refill(client, USER, tiny_package_id) == 0  # nothing left in it
    with pytest.raises(Refused) as info:
        supply.fetch(lambda: client, USER, tiny_package_id)
    assert "call 完" in info.value.errmsg


def test_size_zero_keeps_no_reserve(client, store, package_id):
    supply = PhoneSupply(store, 0)
    assert supply.refill(client, USER, package_id) == 0
    assert supply.count(USER, package_id) == 0
    assert supply.fetch(lambda: client, USER, package_id).phone_id > 0


@contextmanager
def _same_phone_server(counter: list[int]) -> Iterator[ApiClient]:
    """A server that keeps handing out one phone (the feedback for it is not recorded yet)."""

    def handler(request: httpx.Request) -> httpx.Response:
        counter.append(1)
        return httpx.Response(200, json={"phone_id": 7001, "phone_no": "15920447900", "owner_name": "王先生"})

    with mock_api(handler) as client:
        yield client


def test_the_same_phone_again_does_not_fill_the_reserve_with_copies(store):
    requests: list[int] = []
    with _same_phone_server(requests) as client:
        supply = PhoneSupply(store, 5)
        assert supply.refill(client, USER, 11) == 1
        assert supply.refill(client, USER, 11) == 0
    assert store.reserve().peek_ids(USER, 11) == [7001]
    assert len(requests) == 3  # one added, then one duplicate per refill stopped it


def test_the_phone_on_the_card_is_not_reserved_again(store):
    store.cards().save(PhoneCard(USER, 1, "项目", 11, "包", 7001, "15920447900", "王先生", 1000.0))
    requests: list[int] = []
    with _same_phone_server(requests) as client:
        supply = PhoneSupply(store, 3)
        assert supply.refill(client, USER, 11) == 0
    assert supply.count(USER, 11) == 0
    assert len(requests) == 1


def test_with_the_reserve_off_fetch_goes_straight_to_the_server(client, store, package_id, demo_server):
    """Phones left from when the reserve was on are the window's to take (``take_reserved``);
    ``fetch`` with size 0 does not read the reserve again before the round trip."""
    supply = PhoneSupply(store, 0)
    left = client.getphone(USER, package_id)
    store.reserve().add(USER, package_id, left)
    fetched = supply.fetch(lambda: client, USER, package_id)
    assert fetched.phone_id != left.phone_id
    assert supply.take_reserved(USER, package_id) == left
