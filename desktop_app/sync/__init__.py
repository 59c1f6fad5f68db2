"""Qt-free syncing: the outbox drain, backoff, server choice and online state."""
