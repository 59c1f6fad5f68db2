"""The program's settings: one typed, frozen ``Settings`` object, built once and passed in.

Layers, lowest to highest precedence (a higher layer overrides the ones below it, key by
key):

1. the built-in defaults of ``Settings``;
2. ``default_config.toml`` beside the executable, written by IT for every PC;
3. the user's ``config.toml`` in the config folder (written by the settings dialog);
4. environment variables: ``ESTATE_SERVER_URL``, ``ESTATE_MACHINE_NO``,
   ``ESTATE_CONNECT_TIMEOUT``, ``ESTATE_READ_TIMEOUT``, ``ESTATE_CA_BUNDLE``,
   ``ESTATE_LANG``, ``ESTATE_DATA_DIR``, ``ESTATE_PHONE_RESERVE``;
5. command-line flags: ``--server``, ``--data-dir``, ``--lang``, ``--demo``.

The files are flat TOML tables whose keys are the field names of ``Settings``. A bad
configuration is never fatal: a file that is not valid TOML is ignored as a whole, an
unknown key or a bad value is ignored on its own, and each case becomes a
``ConfigProblem`` in plain Chinese (with the file and line) for the program to show.
``data_dir`` is not accepted in the user's file, because that file's own location
depends on it.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from desktop_app.paths import AppPaths


@dataclass(frozen=True)
class Settings:
    """Everything configurable. ``server_url`` None means no server is set (no default host)."""

    server_url: str | None = None  # entry URL, e.g. "https://localhost:8443/estate"
    machine_no: str = "weixin"
    connect_timeout_s: float = 3.0
    read_timeout_s: float = 10.0
    ca_bundle: str | None = None  # a company CA bundle (PEM) for https
    next_phone_after_feedback: bool = True  # show the next phone right after a feedback key
    phone_reserve_size: int = 3  # 0 turns the reserve off
    show_expired_projects: bool = False
    dial_template: str = "tel:{phone}"  # click-to-dial link
    lang: str = "zh_CN"  # "zh_CN" | "en"
    data_dir: Path | None = None  # None = the platform's per-user folders
    demo: bool = False


@dataclass(frozen=True)
class ConfigProblem:
    """One ignored piece of configuration, explained for the agent or IT."""

    source: str  # a file path, "环境变量 ESTATE_…" or "命令行 --…"
    line: int | None
    message: str


@dataclass(frozen=True)
class LoadedConfig:
    settings: Settings
    problems: tuple[ConfigProblem, ...]
    sources: tuple[str, ...]  # what contributed, lowest layer first


KEYS: tuple[str, ...] = tuple(f.name for f in fields(Settings))

ENV_VARS: dict[str, str] = {
    "ESTATE_SERVER_URL": "server_url",
    "ESTATE_MACHINE_NO": "machine_no",
    "ESTATE_CONNECT_TIMEOUT": "connect_timeout_s",
    "ESTATE_READ_TIMEOUT": "read_timeout_s",
    "ESTATE_CA_BUNDLE": "ca_bundle",
    "ESTATE_LANG": "lang",
    "ESTATE_DATA_DIR": "data_dir",
    "ESTATE_PHONE_RESERVE": "phone_reserve_size",
}

# argparse destination → (Settings field, the flag as typed)
FLAGS: dict[str, tuple[str, str]] = {
    "server": ("server_url", "--server"),
    "data_dir": ("data_dir", "--data-dir"),
    "lang": ("lang", "--lang"),
    "demo": ("demo", "--demo"),
}

ENV_SOURCE = "环境变量"
FLAG_SOURCE = "命令行"

LANGS = ("zh_CN", "en")
PHONE_PLACEHOLDER = "{phone}"
DIAL_SCHEMES = ("tel", "sip", "sips", "callto", "http", "https")
CONNECT_TIMEOUT_RANGE = (0.1, 60.0)
READ_TIMEOUT_RANGE = (0.1, 300.0)
RESERVE_RANGE = (0, 20)

_DATA_DIR_IN_USER_FILE = (
    "data_dir 不能写在用户配置文件里(这个文件本身就放在数据文件夹中)；"
    "请改用命令行 --data-dir、环境变量 ESTATE_DATA_DIR 或程序旁的 default_config.toml，已忽略"
)


class _Invalid(ValueError):
    """A value that cannot be used; ``str(exc)`` is the Chinese reason."""


# -- validation of single values ---------------------------------------------------------


def validate_server_url(text: str) -> str | None:
    """None for a usable entry URL (http/https with a host), else the reason in Chinese."""
    text = text.strip()
    if any(ch.isspace() for ch in text):
        return "服务器地址中不能有空格"
    if "://" not in text:
        return "服务器地址缺少 http:// 或 https://，例如 https://localhost:8443/estate"
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        return "服务器地址中的端口无效"
    if parts.scheme.lower() not in ("http", "https"):
        return "服务器地址只能以 http:// 或 https:// 开头"
    if not parts.hostname:
        return "服务器地址缺少主机名或 IP，例如 https://localhost:8443/estate"
    if parts.query or parts.fragment or "?" in text or "#" in text:
        return "服务器地址不能带 ? 或 # 之后的部分，只填到入口路径，例如 https://localhost:8443/estate"
    return None


def validate_dial_template(text: str) -> str | None:
    """None for a usable click-to-dial template, else the reason in Chinese.

    The template must hold the placeholder ``{phone}`` (and no other braces) after a
    scheme the program allows: ``tel:{phone}``, ``sip:{phone}@pbx`` and
    ``callto:{phone}`` are fine; ``tel:{phon}``, ``{phone`` and ``tel:`` are not.
    """
    if not text.strip():
        return "拨号链接不能为空，例如 tel:{phone}"
    if any(ch.isspace() for ch in text):
        return "拨号链接中不能有空格"
    if PHONE_PLACEHOLDER not in text:
        return "拨号链接中必须包含 {phone}(会换成电话号码)，例如 tel:{phone}"
    rest = text.replace(PHONE_PLACEHOLDER, "")
    if "{" in rest or "}" in rest:
        return "拨号链接中只能有 {phone} 这一个占位符，请删除其他花括号"
    scheme, colon, after = text.partition(":")
    if not colon or not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", scheme):
        return "拨号链接必须以 tel:、sip:、callto: 等开头，例如 tel:{phone}"
    if scheme.lower() not in DIAL_SCHEMES:
        allowed = "、".join(f"{s}:" for s in DIAL_SCHEMES)
        return f"不支持的拨号方式 {scheme}:，只能用 {allowed}"
    if scheme.lower() in ("http", "https") and not after.startswith("//"):
        return "网页拨号链接应写成 https://主机/路径?号码={phone} 的形式"
    return None


def dial_link(template: str, phone: str) -> str:
    """The link to open for ``phone``; the number is percent-encoded into the template."""
    return template.replace(PHONE_PLACEHOLDER, quote(phone.strip(), safe="+-"))


def validate_value(key: str, value: Any) -> str | None:
    """None when ``value`` is acceptable for setting ``key``, else a Chinese message."""
    if key not in KEYS:
        return f'未知的设置项 "{key}"'
    try:
        _coerce(key, value, base_dir=None)
    except _Invalid as exc:
        return str(exc)
    return None


def _text(value: Any) -> str:
    if isinstance(value, Path):
        return str(value)
    if not isinstance(value, str):
        raise _Invalid('应为文字，写在英文双引号中，例如 "weixin"')
    return value.strip()


def _number(value: Any, low: float, high: float) -> float:
    if isinstance(value, bool):
        raise _Invalid(f"应为 {low:g} 到 {high:g} 之间的秒数，例如 3 或 2.5")
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            raise _Invalid(f"应为 {low:g} 到 {high:g} 之间的秒数，例如 3 或 2.5") from None
    else:
        raise _Invalid(f"应为 {low:g} 到 {high:g} 之间的秒数，例如 3 或 2.5")
    if not math.isfinite(number) or not low <= number <= high:
        raise _Invalid(f"应为 {low:g} 到 {high:g} 之间的秒数，例如 3 或 2.5")
    return number


def _integer(value: Any, low: int, high: int, hint: str) -> int:
    message = f"应为 {low} 到 {high} 之间的整数{hint}"
    if isinstance(value, bool):
        raise _Invalid(message)
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and re.fullmatch(r"\s*[0-9]+\s*", value):
        number = int(value)
    else:
        raise _Invalid(message)
    if not low <= number <= high:
        raise _Invalid(message)
    return number


_TRUE = ("true", "1", "yes", "on", "是")
_FALSE = ("false", "0", "no", "off", "否")


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise _Invalid("应为 true 或 false")


def _path(value: Any, base_dir: Path | None) -> Path | None:
    text = _text(value)
    if not text:
        return None
    path = Path(os.path.expandvars(os.path.expanduser(text)))
    if not path.is_absolute():
        path = (base_dir / path) if base_dir is not None else path.absolute()
    return path


def _coerce(key: str, value: Any, base_dir: Path | None) -> Any:
    """The typed value for ``key``; relative paths are taken from ``base_dir`` (else the cwd)."""
    if key == "server_url":
        url = _text(value)
        if not url:
            return None
        problem = validate_server_url(url)
        if problem:
            raise _Invalid(problem)
        return url.rstrip("/")
    if key == "machine_no":
        machine = _text(value)
        if not machine or len(machine) > 64:
            raise _Invalid('应为 1 到 64 个字符的机器编号，例如 "weixin"')
        return machine
    if key == "connect_timeout_s":
        return _number(value, *CONNECT_TIMEOUT_RANGE)
    if key == "read_timeout_s":
        return _number(value, *READ_TIMEOUT_RANGE)
    if key == "ca_bundle":
        bundle = _path(value, base_dir)
        if bundle is not None and not bundle.is_file():
            raise _Invalid(f"找不到 CA 证书文件 {bundle}")
        return None if bundle is None else str(bundle)
    if key == "phone_reserve_size":
        return _integer(value, *RESERVE_RANGE, "(0 表示不预取号码)")
    if key == "dial_template":
        template = _text(value)
        problem = validate_dial_template(template)
        if problem:
            raise _Invalid(problem)
        return template
    if key == "lang":
        lang = _text(value).replace("-", "_").lower()
        for known in LANGS:
            if lang in (known.lower(), known.split("_")[0].lower()):
                return known
        raise _Invalid("应为 zh_CN(中文) 或 en(英文)")
    if key == "data_dir":
        return _path(value, base_dir)
    if key in ("next_phone_after_feedback", "show_expired_projects", "demo"):
        return _boolean(value)
    raise _Invalid(f'未知的设置项 "{key}"')


# -- loading -----------------------------------------------------------------------------


def problem_text(p: ConfigProblem) -> str:
    """One problem as a line for the agent or IT."""
    if p.source.startswith((ENV_SOURCE, FLAG_SOURCE)):
        return f"{p.source}: {p.message}"
    where = f"配置文件 {p.source}"
    if p.line is not None:
        where += f" 第 {p.line} 行"
    return f"{where}: {p.message}"


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _line_of(text: str, key: str) -> int | None:
    """The line where ``key`` is set (``key =``, ``"key" =``, ``key.sub =`` or ``[key]``)."""
    name = re.escape(key)
    pattern = re.compile(rf"""^[ \t]*\[*[ \t]*(?:{name}|"{name}"|'{name}')[ \t]*[=.\]]""", re.MULTILINE)
    match = pattern.search(text)
    return None if match is None else text.count("\n", 0, match.start()) + 1


def _decode_error_line(exc: tomllib.TOMLDecodeError, text: str) -> tuple[int | None, str]:
    message = str(exc)
    match = re.search(r"\s*\(at line (\d+), column \d+\)", message)
    if match:
        return int(match.group(1)), message[: match.start()] + message[match.end() :]
    match = re.search(r"\s*\(at end of document\)", message)
    if match:
        return max(1, text.count("\n") + (0 if text.endswith("\n") else 1)), message[: match.start()]
    return None, message


def _read_toml(path: Path, problems: list[ConfigProblem]) -> tuple[dict[str, Any], str] | None:
    """The table in ``path`` and its text; None when absent, unreadable or not TOML."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        problems.append(ConfigProblem(str(path), None, f"无法读取({exc.strerror or exc})，已忽略"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030", errors="replace")  # saved as ANSI by an old Notepad
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, detail = _decode_error_line(exc, text)
        message = f"不是有效的 TOML 格式({detail})，整个文件已忽略"
        problems.append(ConfigProblem(str(path), line, message))
        return None
    return table, text


class _Layers:
    """Accumulates values layer by layer, recording problems and contributing sources."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.problems: list[ConfigProblem] = []
        self.sources: list[str] = []

    def add_file(self, path: Path | None, *, allow_data_dir: bool) -> None:
        if path is None:
            return
        read = _read_toml(path, self.problems)
        if read is None:
            return
        table, text = read
        self.sources.append(str(path))
        for key, raw in table.items():
            line = _line_of(text, key)
            if key not in KEYS:
                hint = "(设置都直接写成 键 = 值，不分 [小节])" if isinstance(raw, dict) else ""
                self._problem(str(path), line, f'未知的设置项 "{key}"{hint}，已忽略')
            elif key == "data_dir" and not allow_data_dir:
                self._problem(str(path), line, _DATA_DIR_IN_USER_FILE)
            else:
                self._set(key, raw, path.parent, str(path), line, f'设置项 "{key}" 的值 ')

    def add_value(self, key: str, raw: Any, source: str) -> None:
        before = len(self.problems)
        self._set(key, raw, None, source, None, "值 ")
        if len(self.problems) == before:
            self.sources.append(source)

    def _set(self, key: str, raw: Any, base: Path | None, source: str, line: int | None, what: str) -> None:
        try:
            self.values[key] = _coerce(key, raw, base)
        except _Invalid as exc:
            shown = raw if not isinstance(raw, str) else f'"{raw}"'
            self._problem(source, line, f"{what}{_shown(shown)} 无效: {exc}，已忽略")

    def _problem(self, source: str, line: int | None, message: str) -> None:
        self.problems.append(ConfigProblem(source, line, message))


def load_settings(
    *,
    default_file: Path | None,
    user_file: Path | None,
    environ: Mapping[str, str],
    flags: Mapping[str, Any],
) -> LoadedConfig:
    """Settings from every layer (see the module docstring); never raises for bad input.

    ``flags`` may be ``vars(args)`` of the command line: only ``server``, ``data_dir``,
    ``lang`` and ``demo`` are read, and None (or ``demo`` False) means "not given".
    Missing files are not a problem; the first run has no user file.
    """
    layers = _Layers()
    layers.add_file(default_file, allow_data_dir=True)
    layers.add_file(user_file, allow_data_dir=False)
    for name, key in ENV_VARS.items():
        raw = environ.get(name)
        if raw is not None and raw.strip():
            layers.add_value(key, raw, f"{ENV_SOURCE} {name}")
    for dest, (key, flag) in FLAGS.items():
        raw = flags.get(dest)
        if raw is None or raw is False:
            continue
        layers.add_value(key, raw, f"{FLAG_SOURCE} {flag}")
    settings = Settings(**layers.values)
    return LoadedConfig(settings, tuple(layers.problems), tuple(layers.sources))


def load_for_startup(
    *,
    default_file: Path | None,
    environ: Mapping[str, str],
    flags: Mapping[str, Any],
    default_paths: Callable[[], AppPaths] = AppPaths.default,
) -> tuple[AppPaths, LoadedConfig]:
    """The folders and the settings as the program starts.

    The data folder is settled first from every layer but the user's file; the user's
    ``config.toml`` is then read from that folder's config directory.
    """
    first = load_settings(default_file=default_file, user_file=None, environ=environ, flags=flags)
    data_dir = first.settings.data_dir
    paths = default_paths() if data_dir is None else AppPaths.under(data_dir)
    loaded = load_settings(
        default_file=default_file, user_file=paths.config_file, environ=environ, flags=flags
    )
    return paths, loaded


# -- saving the user's file --------------------------------------------------------------


def _toml_string(text: str) -> str:
    out = ['"']
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch in "\b\t\n\f\r":
            out.append({"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def toml_value(value: Any) -> str:
    """``value`` (str, Path, int, float or bool) as a TOML value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write {value!r} to the settings file")
        return repr(value)
    if isinstance(value, str | Path):
        return _toml_string(str(value))
    raise TypeError(f"cannot write {type(value).__name__} to the settings file")


def dump_toml(values: Mapping[str, Any]) -> str:
    """A flat TOML table, keys in the order of ``Settings``' fields, no comments."""
    order = {key: i for i, key in enumerate(KEYS)}
    lines = [
        f"{key} = {toml_value(value)}"
        for key, value in sorted(values.items(), key=lambda kv: order.get(kv[0], len(order)))
    ]
    return "".join(line + "\n" for line in lines)


def _existing_user_values(path: Path) -> dict[str, Any]:
    problems: list[ConfigProblem] = []
    read = _read_toml(path, problems)
    if read is None:
        if problems and path.is_file():
            # Not TOML: keep the text for whoever wants it back, then start afresh.
            with contextlib.suppress(OSError):
                os.replace(path, path.with_name(path.name + ".bak"))
        return {}
    table, _ = read
    values: dict[str, Any] = {}
    for key, raw in table.items():
        if key in KEYS and key != "data_dir":
            try:
                values[key] = _coerce(key, raw, path.parent)
            except _Invalid:
                continue
    return values


def save_user_settings(path: Path, changes: Mapping[str, Any]) -> None:
    """Write ``changes`` into the user's TOML file, keeping its other valid settings.

    A value of None removes the key (the lower layers apply again). Unknown keys, a bad
    value or ``data_dir`` raise ``ValueError`` with the Chinese reason, and nothing is
    written. The file is replaced atomically and readable by its owner only.
    """
    checked: dict[str, Any] = {}
    for key, value in changes.items():
        if key not in KEYS:
            raise ValueError(f'未知的设置项 "{key}"')
        if key == "data_dir":
            raise ValueError(_DATA_DIR_IN_USER_FILE)
        if value is None:
            checked[key] = None
            continue
        try:
            checked[key] = _coerce(key, value, None)
        except _Invalid as exc:
            raise ValueError(f'设置项 "{key}": {exc}') from None
    values = _existing_user_values(path)
    for key, value in checked.items():
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
    write_private_file(path, dump_toml(values).encode("utf-8"))


def write_private_file(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (temp file + ``os.replace``), mode 0600.

    A missing folder is created owner-only; an existing one is left as it is.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    import tempfile  # only when saving: kept out of start-up

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
