"""Message codes of the config area (see domain.messages).

The arguments of each code, in order, follow its name; an argument that is itself a
``Message`` is rendered first (a reason inside "this value is ignored").
"""

from __future__ import annotations

from desktop_app.domain.messages import MessageCode


class ConfigCode(MessageCode):
    """Codes with the prefix ``config.``."""

    # A server URL (domain.server_url); ``example`` is a URL of the right form.
    SERVER_URL_SPACE = "config.server_url_space"
    SERVER_URL_CONTROL = "config.server_url_control"
    SERVER_URL_NO_SCHEME = "config.server_url_no_scheme"  # (example)
    SERVER_URL_SCHEME = "config.server_url_scheme"
    SERVER_URL_NO_HOST = "config.server_url_no_host"  # (example)
    SERVER_URL_BAD_HOST = "config.server_url_bad_host"
    SERVER_URL_BAD_PORT = "config.server_url_bad_port"
    SERVER_URL_QUERY = "config.server_url_query"  # (example)

    # The click-to-dial template.
    DIAL_EMPTY = "config.dial_empty"
    DIAL_SPACE = "config.dial_space"
    DIAL_NO_PLACEHOLDER = "config.dial_no_placeholder"
    DIAL_OTHER_BRACES = "config.dial_other_braces"
    DIAL_NO_SCHEME = "config.dial_no_scheme"
    DIAL_SCHEME_UNSUPPORTED = "config.dial_scheme_unsupported"  # (scheme, the allowed ones)
    DIAL_WEB_FORM = "config.dial_web_form"

    # One value of one setting.
    UNKNOWN_KEY = "config.unknown_key"  # (key)
    NOT_TEXT = "config.not_text"
    SECONDS_RANGE = "config.seconds_range"  # (low, high)
    RESERVE_RANGE = "config.reserve_range"  # (low, high)
    NUMBER_RANGE = "config.number_range"  # (low, high)
    TEXT_LIST = "config.text_list"  # (most items)
    NOT_BOOLEAN = "config.not_boolean"
    NOT_TEXT_LIST = "config.not_text_list"
    TIME_OF_DAY = "config.time_of_day"
    DAYS_RANGE = "config.days_range"  # (low, high)
    MACHINE_NO = "config.machine_no"  # (most characters)
    CA_MISSING = "config.ca_missing"  # (path)
    LANG_UNKNOWN = "config.lang_unknown"
    DATA_DIR_IN_USER_FILE = "config.data_dir_in_user_file"
    VALUE_INVALID = "config.value_invalid"  # (key, the value as written, reason)

    # Reading the files.
    FILE_UNREADABLE = "config.file_unreadable"  # (the system's reason)
    FILE_NOT_TOML = "config.file_not_toml"  # (the TOML reader's words)
    UNKNOWN_SECTION = "config.unknown_section"  # (key)
    IGNORED = "config.ignored"  # (reason)

    # Where a value or a problem comes from, and a problem with its place.
    SOURCE_DEFAULT = "config.source_default"
    SOURCE_FILE = "config.source_file"  # (path)
    SOURCE_FILE_LINE = "config.source_file_line"  # (path, line)
    SOURCE_ENV = "config.source_env"  # (variable)
    SOURCE_FLAG = "config.source_flag"  # (flag)
    PROBLEM_AT = "config.problem_at"  # (source, problem)
