"""Message codes of the input area (see domain.messages): what the agent typed is not usable."""

from __future__ import annotations

from desktop_app.domain.messages import MessageCode


class InputCode(MessageCode):
    """Codes with the prefix ``input.``."""

    USER_NUM_MISSING = "input.user_num_missing"
    # The customer form's fields, as arguments of the messages below.
    FIELD_NAME = "input.field_name"
    FIELD_RECOMMEND = "input.field_recommend"
    FIELD_FOLLOW = "input.field_follow"
    NAME_MISSING = "input.name_missing"
    RECOMMEND_MISSING = "input.recommend_missing"
    PHONE_MISSING = "input.phone_missing"
    PHONE_INVALID = "input.phone_invalid"
    GENDERS_UNKNOWN = "input.genders_unknown"
    GENDER_MISSING = "input.gender_missing"
    TYPES_UNKNOWN = "input.types_unknown"
    TYPE_MISSING = "input.type_missing"
    TOO_LONG = "input.too_long"  # %1: the field, %2: the limit, %3: the length now
    # Text the server cannot store; alone, and with the field (%1) named.
    EMOJI = "input.emoji"
    CONTROL_CHARACTER = "input.control_character"
    UNSUPPORTED_CHARACTER = "input.unsupported_character"  # %1: its position
    FIELD_EMOJI = "input.field_emoji"
    FIELD_CONTROL_CHARACTER = "input.field_control_character"
    FIELD_UNSUPPORTED_CHARACTER = "input.field_unsupported_character"  # %2: its position
