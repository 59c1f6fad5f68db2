"""The trimmed ICU data library of the Linux bundle: item choice, package format, and
the real rebuild of the wheel's library checked with the calls QtCore makes."""

from __future__ import annotations

import shutil
import struct
import sys
from pathlib import Path

import pytest
from packaging_modules import load

icu = load("icu_trim")


@pytest.mark.parametrize(
    ("name", "size", "kept"),
    [
        ("icudt73l/coll/zh.res", 712_800, True),
        ("icudt73l/coll/ucadata.icu", 570_256, True),
        ("icudt73l/coll/root.res", 301_712, True),
        ("icudt73l/coll/ko.res", 289_472, False),
        ("icudt73l/zone/zh_Hant_HK.res", 9_000, True),
        ("icudt73l/zone/fr_CA.res", 9_000, False),
        ("icudt73l/en_GB.res", 5_000, True),
        ("icudt73l/de.res", 30_000, False),
        ("icudt73l/yue_Hans.res", 30_000, False),
        ("icudt73l/root.res", 105_840, True),
        ("icudt73l/pool.res", 159_280, True),
        ("icudt73l/likelySubtags.res", 268_496, True),
        ("icudt73l/zoneinfo64.res", 151_344, True),
        ("icudt73l/nfkc.nrm", 55_120, True),
        ("icudt73l/unames.icu", 296_000, False),
        ("icudt73l/brkitr/cjdict.dict", 2_007_296, False),
        ("icudt73l/translit/root.res", 1_086_544, False),
        ("icudt73l/unit/zh.res", 50_000, False),
        ("icudt73l/gb18030.cnv", 232_816, True),
        ("icudt73l/ibm-1386_P100-2001.cnv", 116_704, True),
        ("icudt73l/ibm-1373_P100-2002.cnv", 124_336, True),
        ("icudt73l/euc-tw-2014.cnv", 545_632, False),
        ("icudt73l/ibm-933_P110-1995.cnv", 142_352, False),
        ("icudt73l/ibm-5348_P100-1997.cnv", 3_900, True),
    ],
)
def test_keep_item(name: str, size: int, kept: bool) -> None:
    assert icu.keep_item(name, size) is kept


def common_data(items: dict[str, bytes]) -> bytes:
    """A little-endian ICU common-data package built by hand, items in the order given."""
    info = struct.pack("<HHBBBB4s4s4s", 20, 0, 0, 0, 2, 0, b"CmnD", bytes([1, 0, 0, 0]), bytes(4))
    header = struct.pack("<HBB", 32, 0xDA, 0x27) + info
    header += b"\0" * (32 - len(header))
    names = list(items)
    table = b"".join(n.encode() + b"\0" for n in names)
    toc_size = 4 + 8 * len(names)
    body_at = toc_size + len(table)
    body_at += -(32 + body_at) % 16
    toc, body, name_at = struct.pack("<I", len(names)), b"", toc_size
    for name in names:
        toc += struct.pack("<II", name_at, body_at + len(body))
        name_at += len(name) + 1
        body += items[name] + b"\0" * (-len(items[name]) % 16)
    return header + toc + table + b"\0" * (body_at - toc_size - len(table)) + body


def test_parse_and_build_keep_every_item_sorted_and_aligned() -> None:
    items = {"pk/b.res": b"B" * 16, "pk/a.cnv": b"A" * 32, "pk/coll/c.res": b"C" * 48}
    parsed = icu.parse(common_data(items))
    assert parsed.items == items

    rebuilt = icu.build(parsed)
    again = icu.parse(rebuilt)
    assert again.items == items
    header_size = struct.unpack_from("<H", rebuilt, 0)[0]
    count = struct.unpack_from("<I", rebuilt, header_size)[0]
    entries = [struct.unpack_from("<II", rebuilt, header_size + 4 + 8 * i) for i in range(count)]
    names = [rebuilt[header_size + n : rebuilt.index(b"\0", header_size + n)].decode() for n, _ in entries]
    assert names == sorted(items)  # ICU finds items by binary search on the names
    assert all((header_size + data_at) % 16 == 0 for _, data_at in entries)


def test_parse_refuses_what_is_not_common_data() -> None:
    with pytest.raises(ValueError):
        icu.parse(b"\x20\x00\xda\x27" + b"\0" * 60)


def wheel_icu() -> Path | None:
    import PySide6

    lib = Path(PySide6.__file__).parent / "Qt" / "lib"
    return next(lib.glob("libicudata.so.*"), None)


needs_wheel_icu = pytest.mark.skipif(
    not sys.platform.startswith("linux") or wheel_icu() is None or icu.compiler() is None,
    reason="the PySide6 wheel carries ICU on Linux only, and the rebuild needs a C compiler",
)


def rebuild_beside_wheel_libraries(tmp_path: Path) -> Path:
    data = wheel_icu()
    assert data is not None
    icu.rebuild(data, tmp_path)
    for name in ("libicuuc.so.*", "libicui18n.so.*"):
        shutil.copy2(next(data.parent.glob(name)), tmp_path)
    return tmp_path / data.name


@needs_wheel_icu
def test_rebuilt_library_is_small_and_answers_qtcore_calls(tmp_path: Path) -> None:
    rebuilt = rebuild_beside_wheel_libraries(tmp_path)
    original = wheel_icu()
    assert original is not None
    assert rebuilt.stat().st_size < original.stat().st_size / 4
    assert icu.check(tmp_path) == []
    symbol, blob = icu.extract(rebuilt)
    assert symbol.startswith("icudt")
    package = symbol.removesuffix("_dat") + "l"  # icudt73_dat → items named icudt73l/…
    items = icu.parse(blob).items
    assert f"{package}/coll/zh.res" in items
    assert f"{package}/brkitr/cjdict.dict" not in items


@needs_wheel_icu
def test_check_notices_a_missing_chinese_code_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(icu, "_KEPT_CODE_PAGES", set())
    rebuild_beside_wheel_libraries(tmp_path)
    problems = icu.check(tmp_path)
    assert any("GB18030" in p for p in problems)
