"""Offline login: a salted scrypt verifier of each agent's last successful online login.

An agent must be able to start work through a network drop. The password itself is
never stored: only a random salt, the scrypt hash and its parameters, compared in
constant time. The parameters are stored with each row so they can be raised later
without locking anyone out.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

import sqlite_utils

from .errors import guarded
from .transaction import write_transaction

SALT_BYTES = 16
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
DKLEN = 32
_MAXMEM = 64 * 1024 * 1024


def derive(password: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=dklen, maxmem=_MAXMEM)


class LoginVerifiers:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    @guarded
    def remember(
        self, user_num: str, password: str, user_id: int, user_name: str, now: float | None = None
    ) -> None:
        """Keep the verifier of a login the server just accepted (replacing any older one)."""
        salt = secrets.token_bytes(SALT_BYTES)
        digest = derive(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, DKLEN)
        with write_transaction(self._db) as db:
            db.execute(
                "INSERT OR REPLACE INTO login_verifiers"
                " (user_num, user_id, user_name, salt, hash, n, r, p, dklen, remembered_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    user_num,
                    user_id,
                    user_name,
                    salt,
                    digest,
                    SCRYPT_N,
                    SCRYPT_R,
                    SCRYPT_P,
                    DKLEN,
                    time.time() if now is None else now,
                ),
            )

    @guarded
    def check(self, user_num: str, password: str) -> tuple[int, str] | None:
        """(user_id, user_name) when the password matches this PC's verifier, else None."""
        row = self._db.execute(
            "SELECT user_id, user_name, salt, hash, n, r, p, dklen FROM login_verifiers WHERE user_num = ?",
            (user_num,),
        ).fetchone()
        if row is None:
            return None
        user_id, user_name, salt, expected, n, r, p, dklen = row
        try:
            digest = derive(password, bytes(salt), int(n), int(r), int(p), int(dklen))
        except ValueError:  # parameters this Python cannot use: no offline login
            return None
        if not hmac.compare_digest(digest, bytes(expected)):
            return None
        return int(user_id), str(user_name)

    @guarded
    def known(self, user_num: str) -> bool:
        """Whether this PC has an offline login record for the 工号."""
        row = self._db.execute("SELECT 1 FROM login_verifiers WHERE user_num = ?", (user_num,)).fetchone()
        return row is not None

    @guarded
    def forget(self, user_num: str) -> None:
        with write_transaction(self._db) as db:
            db.execute("DELETE FROM login_verifiers WHERE user_num = ?", (user_num,))
