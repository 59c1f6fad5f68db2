"""Qt-free client of the estate call API (see spec/api.md for the contract and quirks)."""

from .client import ApiClient, CallRecord, enroll_number, make_http_client
from .errors import ApiError, Malformed, NoAnswer, NotReached, Refused
from .models import CallbackItem, Choice, LoginResult, Package, Phone, Project
from .wire import WRITE_ACTIONS, normalize_server_url

__all__ = [
    "WRITE_ACTIONS",
    "ApiClient",
    "ApiError",
    "CallRecord",
    "CallbackItem",
    "Choice",
    "LoginResult",
    "Malformed",
    "NoAnswer",
    "NotReached",
    "Package",
    "Phone",
    "Project",
    "Refused",
    "enroll_number",
    "make_http_client",
    "normalize_server_url",
]
