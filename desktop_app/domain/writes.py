"""The two kinds of write an agent records, and their payloads exactly as they go on the wire.

A write is queued in the outbox with its kind and this payload, and sent later exactly
as queued; building the payload here, once, is what makes "what the server receives"
one definition, tested without a window or a network.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypedDict

from .actions import Action


class WriteKind(StrEnum):
    """What a queued write is; the value is the action that sends it (the outbox's ``kind``)."""

    FEEDBACK = Action.SAVECALLBACK.value
    CUSTOMER = Action.SAVE_TO_CUSTOMER.value

    @property
    def action(self) -> Action:
        return Action(self.value)


class FeedbackPayload(TypedDict):
    """The ``savecallback`` body."""

    user_id: int
    phone_no: str
    owner_name: str
    package_id: int
    pro_id: int
    call_back_item_name: str


class CustomerPayload(TypedDict):
    """The ``save_to_customer`` body."""

    reg_user_id: int
    customer_name: str
    customer_phone: str
    gender_type: str
    customer_type: str
    recommend: str
    follow_content: str


# The members of ``save_to_customer`` the customer form owns (all but ``reg_user_id``).
CUSTOMER_FIELDS: tuple[str, ...] = tuple(
    name for name in CustomerPayload.__annotations__ if name != "reg_user_id"
)


def feedback_payload(
    *, user_id: int, phone_no: str, owner_name: str, package_id: int, pro_id: int, item_name: str
) -> FeedbackPayload:
    """The ``savecallback`` body for one answered phone."""
    return {
        "user_id": user_id,
        "phone_no": phone_no,
        "owner_name": owner_name,
        "package_id": package_id,
        "pro_id": pro_id,
        "call_back_item_name": item_name,
    }


def customer_payload(
    *,
    reg_user_id: int,
    customer_name: str,
    customer_phone: str,
    gender_type: str,
    customer_type: str,
    recommend: str,
    follow_content: str,
) -> CustomerPayload:
    """The ``save_to_customer`` body: the form's fields and the agent who registers the customer."""
    return {
        "reg_user_id": reg_user_id,
        "customer_name": customer_name,
        "customer_phone": customer_phone,
        "gender_type": gender_type,
        "customer_type": customer_type,
        "recommend": recommend,
        "follow_content": follow_content,
    }
