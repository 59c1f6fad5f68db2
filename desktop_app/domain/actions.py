"""The eleven actions of the estate call server, by their wire names (spec/api.md).

The value of each member is the ``action_name`` query parameter exactly as the
server expects it; a ``StrEnum`` member is that string wherever one is needed.
"""

from __future__ import annotations

from enum import StrEnum


class Action(StrEnum):
    """One server action; the value is its ``action_name`` on the wire."""

    LOGIN = "login"
    GETPROS = "getpros"
    GETPACKAGES = "getpackages"
    GETPHONE = "getphone"
    GETCALLBACK = "getcallback"
    SAVECALLBACK = "savecallback"
    GET_CUSTOMER_TYPE = "get_customer_type"
    GET_GENDER_TYPE = "get_gender_type"
    SAVE_TO_CUSTOMER = "save_to_customer"
    GET_SERVER_URL = "get_server_url"
    GET_USER_STATUS = "get_user_status"
