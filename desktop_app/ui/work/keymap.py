"""The keys of the work screen, in one place: the window, the card and the key list use them."""

from __future__ import annotations

CUSTOMER_KEY = "F2"
COPY_KEY = "F3"
DIAL_KEY = "F4"
NEXT_KEY = "F5"
TODAY_KEY = "F7"
WORK_KEY = "F8"
QUEUE_KEY = "F9"
SYNC_KEY = "Ctrl+R"
UNDO_KEY = "Ctrl+Z"
PREVIOUS_CUSTOMER_KEY = "Ctrl+F2"  # the customer form for the previous call
CORRECT_MODIFIER = "Ctrl"  # with 1–9: 更正, the previous call's result
CALLBACK_KEY = "F6"
NOTE_KEY = "Ctrl+M"
CALLBACKS_KEY = "F10"
HISTORY_KEY = "F11"
