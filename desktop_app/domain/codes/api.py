"""Message codes of the api area (see domain.messages): why a request to the server failed."""

from __future__ import annotations

from desktop_app.domain.messages import MessageCode


class ApiCode(MessageCode):
    """Codes with the prefix ``api.``."""

    # Nothing left this PC (NotReached).
    CONNECT_TIMEOUT = "api.connect_timeout"
    POOL_TIMEOUT = "api.pool_timeout"
    UNREACHABLE = "api.unreachable"
    BAD_URL = "api.bad_url"
    REQUEST_FAILED = "api.request_failed"  # %1: the failure's technical name
    HTTP_STATUS = "api.http_status"  # %1: the status code
    NOT_JSON = "api.not_json"  # %1: the start of the reply
    EMPTY_REPLY = "api.empty_reply"
    # A secure connection could not be made (NotReached).
    CERT_REJECTED = "api.cert_rejected"  # %1: a CERT_* reason, %2: OpenSSL's words
    CERT_UNTRUSTED = "api.cert_untrusted"  # the same, with the hint to set the company CA
    TLS_FAILED = "api.tls_failed"  # %1: OpenSSL's words
    # Why a certificate was rejected (arguments of the two above).
    CERT_NOT_TRUSTED = "api.cert_not_trusted"
    CERT_NOT_YET_VALID = "api.cert_not_yet_valid"
    CERT_EXPIRED = "api.cert_expired"
    CERT_SELF_SIGNED = "api.cert_self_signed"
    CERT_SELF_SIGNED_IN_CHAIN = "api.cert_self_signed_in_chain"
    CERT_UNKNOWN_ISSUER = "api.cert_unknown_issuer"
    CERT_WRONG_HOST = "api.cert_wrong_host"
    CERT_WRONG_IP = "api.cert_wrong_ip"
    # The request went out and no valid answer came back (NoAnswer; for a read, the
    # HTTP status, an HTML page, an empty or non-JSON body are NotReached instead).
    READ_TIMEOUT = "api.read_timeout"  # no whole answer within the request's deadline
    CONNECTION_LOST = "api.connection_lost"
    ANSWER_TOO_LARGE = "api.answer_too_large"  # %1: by how much, technically
    ANSWER_TOO_DEEP = "api.answer_too_deep"
    ANSWER_UNDECODABLE = "api.answer_undecodable"
    ANSWER_ENCODED = "api.answer_encoded"  # %1: the Content-Encoding nobody asked for
    # The server answered.
    REFUSED = "api.refused"  # %1: the server's own errmsg
    REFUSED_SILENTLY = "api.refused_silently"  # an empty errmsg
    MALFORMED = "api.malformed"  # %1: what was wrong, technically (delivery uncertain for a write)
