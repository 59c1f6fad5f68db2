"""Message codes of the command area (see domain.messages): the window-less commands' lines."""

from __future__ import annotations

from desktop_app.domain.messages import MessageCode


class CommandCode(MessageCode):
    """Codes with the prefix ``command.``."""

    DEMO_SERVER = "command.demo_server"  # %1: its address
    # --check-server
    CHECK_BAD_URL = "command.check_bad_url"
    CHECK_START = "command.check_start"
    CHECK_NO_ANSWER = "command.check_no_answer"  # %1: seconds waited, %2: why
    CHECK_NO_VALID_ANSWER = "command.check_no_valid_answer"  # %1: why (an api message)
    CHECK_REFUSED = "command.check_refused"  # %1: the server's words
    CHECK_MALFORMED = "command.check_malformed"  # %1: what was wrong
    CHECK_SERVER_URL = "command.check_server_url"
    CHECK_SERVER_URL_EMPTY = "command.check_server_url_empty"
    CHECK_NAMED_UNUSABLE = "command.check_named_unusable"  # %1: the named server, %2: the entry URL
    CHECK_FEEDBACK_ITEMS = "command.check_feedback_items"  # %1: how many, %2: their names
    CHECK_CUSTOMER_TYPES = "command.check_customer_types"
    CHECK_GENDERS = "command.check_genders"
    CHECK_EMPTY_LIST = "command.check_empty_list"
    CHECK_LOGGED_IN = "command.check_logged_in"  # %1: the agent's name, %2: user_id
    CHECK_USER_STATUS = "command.check_user_status"
    CHECK_PROJECTS = "command.check_projects"
    CHECK_ALL_OK = "command.check_all_ok"
    CHECK_FAILED = "command.check_failed"  # %1: how many, %2: the first failed action, %3: why
    CHECK_PASSWORD_PROMPT = "command.check_password_prompt"  # %1: the 工号
    CHECK_PASSWORD_NO_TERMINAL = "command.check_password_no_terminal"
    # --sync
    SYNC_NO_SERVER = "command.sync_no_server"
    SYNC_SUMMARY = "command.sync_summary"  # %1 sent, %2 needing the agent, %3 still to sync
    SYNC_SUMMARY_OFFLINE = "command.sync_summary_offline"  # the same, %4: why the server was not reached
    SYNC_BY_RUNNING_PROGRAM = "command.sync_by_running_program"
    # --status and --sync: %1 rows wait for the server %2 they were made for (not the configured one)
    WAITING_FOR_OTHER_SERVER = "command.waiting_for_other_server"
    STATUS_READ_ONLY = "command.status_read_only"  # %1: the data folder
    # A second start of the window for the same folder and user
    ALREADY_RUNNING_ACTIVATED = "command.already_running_activated"
    ALREADY_RUNNING_NO_REPLY = "command.already_running_no_reply"  # %1: the data folder
    CANNOT_START = "command.cannot_start"  # the window's title when the data folder cannot be used
    # --self-test: the verdict, and the steps it names
    SELF_TEST_PASSED = "command.self_test_passed"  # %1: milliseconds
    SELF_TEST_UNFINISHED = "command.self_test_unfinished"  # %1: the step
    SELF_TEST_ERROR = "command.self_test_error"  # %1: the step, %2: the error
    SELF_TEST_FORM_REFUSED = "command.self_test_form_refused"  # %1: the form's errors
    SELF_TEST_WRONG_FEEDBACK = "command.self_test_wrong_feedback"  # %1: what the server received
    STEP_START = "command.step_start"
    STEP_LOGIN = "command.step_login"
    STEP_PHONE = "command.step_phone"
    STEP_FEEDBACK_TYPES = "command.step_feedback_types"
    STEP_FEEDBACK = "command.step_feedback"
    STEP_FEEDBACK_READY = "command.step_feedback_ready"
    STEP_NEXT_PHONE = "command.step_next_phone"
    STEP_CUSTOMER = "command.step_customer"
    STEP_CUSTOMER_FORM = "command.step_customer_form"
    STEP_SYNC = "command.step_sync"
    STEP_SENT = "command.step_sent"
    STEP_QUEUE_EMPTY = "command.step_queue_empty"
