"""The server's lists (projects, packages, feedback and customer types), server first, cache second.

Every list read from the server is kept in the ``ReferenceCache``; when the server
cannot be reached the last known list is used and its age reported, so the pickers and
the customer form keep working offline. A refusal (``errmsg``) is an answer, not an
outage: it is reported and the cache is not used for it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from desktop_app.api import (
    ApiClient,
    CallbackItem,
    Choice,
    Malformed,
    NoAnswer,
    NotReached,
    Package,
    Project,
    Refused,
)
from desktop_app.domain.codes import SyncCode
from desktop_app.domain.messages import Message, MessageError, msg
from desktop_app.store.cache import (
    CALLBACK_ITEMS_KEY,
    CUSTOMER_TYPES_KEY,
    GENDER_TYPES_KEY,
    ReferenceCache,
    packages_key,
    projects_key,
)
from desktop_app.store.errors import StoreError

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class Loaded(Generic[T]):
    items: list[T]
    fetched_at: float | None  # when the server gave this list; None: never
    live: bool  # straight from the server just now
    reached: bool  # the server answered (even with a refusal)
    error: Message | None  # why the list is not live, or the server's refusal


class ListUnavailable(MessageError):
    """No server and nothing cached: the list cannot be shown."""


def load_list(
    client_factory: Callable[[], ApiClient] | None,
    cache: ReferenceCache,
    key: str,
    fetch: Callable[[ApiClient], list[T]],
    parse: Callable[[Any], T],
    dump: Callable[[T], dict[str, Any]],
    clock: Callable[[], float] = time.time,
) -> Loaded[T]:
    """Fetch a list and cache it; fall back to the cache when the server is not reached."""
    error = msg(SyncCode.NO_SERVER)
    if client_factory is not None:
        try:
            items = fetch(client_factory())
        except Refused as exc:
            return Loaded([], clock(), True, True, exc.message)
        except (NotReached, NoAnswer, Malformed) as exc:
            error = exc.message
        else:
            now = clock()
            try:
                cache.put(key, [dump(item) for item in items], now=now)
            except StoreError as exc:  # the live list is still good to show
                log.warning("%s not cached: %s", key, exc)
            return Loaded(items, now, True, True, None)
    cached = cache.get(key)
    if cached is None:
        raise ListUnavailable(error)
    value, fetched_at = cached
    try:
        items = [parse(entry) for entry in (value or [])]
    except (ValueError, TypeError, AttributeError) as exc:
        log.warning("cached %s unreadable: %s", key, exc)
        raise ListUnavailable(error) from exc
    return Loaded(items, fetched_at, False, False, error)


def load_projects(
    factory: Callable[[], ApiClient] | None, cache: ReferenceCache, user_id: int
) -> Loaded[Project]:
    return load_list(
        factory,
        cache,
        projects_key(user_id),
        lambda c: c.getpros(user_id),
        Project.from_json,
        Project.to_json,
    )


def load_packages(
    factory: Callable[[], ApiClient] | None, cache: ReferenceCache, user_id: int, pro_id: int
) -> Loaded[Package]:
    return load_list(
        factory,
        cache,
        packages_key(user_id, pro_id),
        lambda c: c.getpackages(user_id, pro_id),
        Package.from_json,
        Package.to_json,
    )


def load_callback_items(
    factory: Callable[[], ApiClient] | None, cache: ReferenceCache
) -> Loaded[CallbackItem]:
    return load_list(
        factory,
        cache,
        CALLBACK_ITEMS_KEY,
        lambda c: c.getcallback(),
        CallbackItem.from_json,
        CallbackItem.to_json,
    )


@dataclass(frozen=True)
class CustomerChoices:
    genders: Loaded[Choice]
    types: Loaded[Choice]


def load_customer_choices(factory: Callable[[], ApiClient] | None, cache: ReferenceCache) -> CustomerChoices:
    genders = load_list(
        factory, cache, GENDER_TYPES_KEY, lambda c: c.get_gender_type(), Choice.from_json, Choice.to_json
    )
    types = load_list(
        factory, cache, CUSTOMER_TYPES_KEY, lambda c: c.get_customer_type(), Choice.from_json, Choice.to_json
    )
    return CustomerChoices(genders, types)
