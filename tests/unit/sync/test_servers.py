from desktop_app.sync.servers import RETRY_NAMED_AFTER_S, ServerPicker

ENTRY = "http://127.0.0.1:8080/estate"


def test_starts_on_the_entry_url() -> None:
    assert ServerPicker(ENTRY + "/").base_url == ENTRY


def test_adopts_the_named_server_with_the_entry_scheme() -> None:
    picker = ServerPicker("https://localhost:8443/estate")
    assert picker.adopt("127.0.0.1:83/estate", now=0.0) == "https://127.0.0.1:83/estate"
    assert picker.base_url == "https://127.0.0.1:83/estate"
    assert picker.named_failed(now=1.0) is True  # it was on the named server
    assert picker.base_url == "https://localhost:8443/estate"


def test_empty_or_malformed_answer_keeps_the_entry_url() -> None:
    picker = ServerPicker(ENTRY)
    for raw in ("", "   ", "not a host/with space", "127.0.0.1:99999/estate"):
        assert picker.adopt(raw, now=0.0) == ENTRY


def test_failure_of_the_named_server_falls_back_and_is_not_retried_at_once() -> None:
    picker = ServerPicker(ENTRY)
    picker.adopt("127.0.0.1:9/estate", now=0.0)
    assert picker.named_failed(now=10.0) is True
    assert picker.base_url == ENTRY
    assert picker.named_failed(now=11.0) is False  # already on the entry URL
    assert picker.adopt("127.0.0.1:9/estate", now=20.0) == ENTRY
    later = 10.0 + RETRY_NAMED_AFTER_S + 1
    assert picker.adopt("127.0.0.1:9/estate", now=later) == "http://127.0.0.1:9/estate"
