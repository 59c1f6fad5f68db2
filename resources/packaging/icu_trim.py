"""A smaller ICU data library for the Linux bundle.

QtCore on Linux links ICU, whose data library (libicudata.so.NN) is 32 MB: every
locale, unit, currency and region name, break-iteration dictionaries, transliterators
and 190 legacy code pages. QtCore calls only collation (QCollator), code-page
conversion (QStringConverter for non-Unicode names), time-zone names and case mapping,
and the program offers Chinese and English. So the bundle carries a rebuilt data
library holding the items those calls can reach for the root, Chinese and English
locales, plus the Chinese code pages (GB18030, GBK, GB2312, Big5) and the small
single-byte ones. An item left out makes ICU fall back (to the root locale) or report
an error, never crash.

The data lives in one exported symbol (``icudtNN_dat``) in ICU's "common data" format:
a header, a table of contents sorted by item name, then the items, 16-byte aligned.
It is read straight out of the wheel's library, filtered, and compiled back into a
shared library with the same soname by the C compiler (gcc or cc). Windows and macOS
Qt builds do not ship ICU, so none of this applies there.
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import struct
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

KEPT_LANGUAGES = ("zh", "en")

# Locale-independent items at the top level that nothing in QtCore reaches.
_DROPPED_TOP = {"unames.icu", "langInfo.res"}
# Subtrees QtCore never opens (break iteration, transliteration, spell-out, display names).
_DROPPED_TREES = {"brkitr", "translit", "rbnf", "unit", "curr", "lang", "region"}
# Chinese code pages kept whatever their size; other code pages only when small.
_KEPT_CODE_PAGES = {
    "gb18030",
    "ibm-1386_P100-2001",  # GBK (windows-936 extends it)
    "ibm-1383_P110-1999",  # EUC-CN / GB2312
    "ibm-5478_P100-1995",  # GB_2312-80
    "ibm-1373_P100-2002",  # Big5 (windows-950 extends it)
    "ibm-1375_P100-2008",  # Big5-HKSCS
}
_SMALL_CODE_PAGE = 40_000
_LOCALE_ITEM = re.compile(r"^(?P<lang>[a-z]{2,3})(?:_[A-Za-z0-9]+)*\.res$")
_ALIGN = 16


@dataclass(frozen=True)
class CommonData:
    """An ICU common-data package: its header bytes and its items by full name."""

    header: bytes
    items: dict[str, bytes]


def keep_item(name: str, size: int) -> bool:
    """Whether the bundle needs the data item ``name`` (``icudt73l/coll/zh.res``)."""
    parts = name.split("/")[1:]  # drop the package prefix
    leaf = parts[-1]
    if len(parts) > 1 and parts[0] in _DROPPED_TREES:
        return False
    if len(parts) == 1 and leaf in _DROPPED_TOP:
        return False
    if leaf.endswith(".cnv"):
        return leaf[: -len(".cnv")] in _KEPT_CODE_PAGES or size <= _SMALL_CODE_PAGE
    locale = _LOCALE_ITEM.match(leaf)
    if locale:
        return locale["lang"] in KEPT_LANGUAGES
    return True  # root.res, pool.res, res_index.res, supplemental data, normalization, collation base


def parse(blob: bytes) -> CommonData:
    """Split a common-data package into header and items (lengths from the next offset)."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != (0xDA, 0x27) or blob[12:16] != b"CmnD":
        raise ValueError("not ICU common data")
    if blob[8] != 0:
        raise ValueError("big-endian ICU data is not handled")
    (count,) = struct.unpack_from("<I", blob, header_size)
    entries = []
    for i in range(count):
        name_at, data_at = struct.unpack_from("<II", blob, header_size + 4 + 8 * i)
        start = header_size + name_at
        name = blob[start : blob.index(b"\0", start)].decode("ascii")
        entries.append((name, header_size + data_at))
    ends = [at for _name, at in entries[1:]] + [len(blob)]
    items = {name: blob[at:end] for (name, at), end in zip(entries, ends, strict=True)}
    return CommonData(header=blob[:header_size], items=items)


def _pad(size: int) -> int:
    return -size % _ALIGN


def build(data: CommonData) -> bytes:
    """The package bytes: header, sorted table of contents, names, aligned items."""
    names = sorted(data.items)  # ICU looks items up by binary search on the names
    toc_size = 4 + 8 * len(names)
    name_table = bytearray()
    name_offsets = []
    for name in names:
        name_offsets.append(toc_size + len(name_table))
        name_table += name.encode("ascii") + b"\0"
    first_item = toc_size + len(name_table)
    first_item += _pad(len(data.header) + first_item)
    body = bytearray()
    toc = bytearray(struct.pack("<I", len(names)))
    for name, name_at in zip(names, name_offsets, strict=True):
        toc += struct.pack("<II", name_at, first_item + len(body))
        item = data.items[name]
        body += item + b"\0" * _pad(len(item))
    gap = first_item - toc_size - len(name_table)
    return data.header + bytes(toc) + bytes(name_table) + b"\0" * gap + bytes(body)


def _section_headers(elf: bytes) -> list[tuple[int, int, int, int, int, int]]:
    """(type, addr, offset, size, link, entsize) of each section of a 64-bit little-endian ELF file."""
    if elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
        raise ValueError("not a 64-bit little-endian ELF file")
    (shoff,) = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", elf, 0x3A)
    headers = []
    for i in range(shnum):
        _name, kind, _flags, addr, offset, size, link, _info, _align, entsize = struct.unpack_from(
            "<IIQQQQIIQQ", elf, shoff + i * shentsize
        )
        headers.append((kind, addr, offset, size, link, entsize))
    return headers


def extract(library: Path) -> tuple[str, bytes]:
    """The data symbol's name and bytes, read from an ICU data shared library."""
    elf = library.read_bytes()
    sections = _section_headers(elf)
    dynsym = next(s for s in sections if s[0] == 11)  # SHT_DYNSYM
    strtab = sections[dynsym[4]]
    for at in range(dynsym[2], dynsym[2] + dynsym[3], dynsym[5]):
        name_at, _info, _other, shndx, value, size = struct.unpack_from("<IBBHQQ", elf, at)
        start = strtab[2] + name_at
        name = elf[start : elf.index(b"\0", start)].decode("ascii")
        if re.fullmatch(r"icudt\d+_dat", name):
            _kind, addr, offset, *_rest = sections[shndx]
            file_at = value - addr + offset
            return name, elf[file_at : file_at + size]
    raise ValueError(f"no ICU data symbol in {library}")


def compiler() -> str | None:
    """The C compiler that links the rebuilt library, if the machine has one."""
    for name in (os.environ.get("CC", ""), "gcc", "cc"):
        if name and shutil.which(name):
            return name
    return None


def rebuild(library: Path, out_dir: Path) -> Path:
    """A trimmed copy of ``library`` (same file name and soname) written into ``out_dir``."""
    symbol, blob = extract(library)
    data = parse(blob)
    kept = {name: item for name, item in data.items.items() if keep_item(name, len(item))}
    out_dir.mkdir(parents=True, exist_ok=True)
    dat = out_dir / f"{symbol}.bin"
    dat.write_bytes(build(CommonData(header=data.header, items=kept)))
    asm = out_dir / f"{symbol}.s"
    asm.write_text(
        "\t.section .rodata\n"
        f"\t.globl {symbol}\n"
        f"\t.type {symbol}, @object\n"
        "\t.balign 16\n"
        f"{symbol}:\n"
        f'\t.incbin "{dat.name}"\n'
        f"\t.size {symbol}, .-{symbol}\n"
        '\t.section .note.GNU-stack,"",@progbits\n',
        encoding="ascii",
    )
    target = out_dir / library.name
    cc = compiler()
    if cc is None:
        raise RuntimeError("no C compiler (gcc or cc) to link the trimmed ICU data library")
    subprocess.run(
        [cc, "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o", target.name, asm.name],
        cwd=out_dir,
        check=True,
    )
    return target


Entry = tuple[str, str, str]  # PyInstaller TOC entry: (destination, source, type code)


def substitute(binaries: list[Entry], work_dir: Path) -> list[Entry]:
    """``binaries`` with the ICU data library replaced by its trimmed rebuild.

    The rebuild is checked with the bundle's own ICU libraries before it is used; a
    failing check stops the build. Without a C compiler the full library stays, and
    the bundle is larger but complete.
    """
    files = {Path(dest).name: src for dest, src, kind in binaries if kind != "SYMLINK"}
    data_name = next((name for name in files if name.startswith("libicudata.so")), None)
    if data_name is None:
        return binaries
    if compiler() is None:
        print("WARNING: no C compiler; the bundle keeps the full ICU data library (32 MB)")
        return binaries
    trimmed = rebuild(Path(files[data_name]), work_dir)
    for name, src in files.items():
        if name.startswith(("libicuuc.so", "libicui18n.so")):
            shutil.copy2(src, work_dir / name)
    problems = check(work_dir)
    if problems:
        raise SystemExit("the trimmed ICU data fails calls QtCore makes:\n" + "\n".join(problems))
    return [
        (dest, str(trimmed), kind)
        if kind != "SYMLINK" and Path(dest).name == data_name
        else (dest, src, kind)
        for dest, src, kind in binaries
    ]


def check(lib_dir: Path) -> list[str]:
    """Problems found by calling the ICU in ``lib_dir`` the way QtCore does (empty = fine).

    Runs in a child process: it loads that directory's ICU libraries by path.
    """
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--check", str(lib_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        return [line for line in (proc.stdout + proc.stderr).splitlines() if line.strip()] or ["failed"]
    return []


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def _check_here(lib_dir: Path) -> list[str]:
    uc_path = next(lib_dir.glob("libicuuc.so.*"))
    suffix = "_" + uc_path.name.rsplit(".", 1)[-1]
    uc = ctypes.CDLL(str(uc_path))
    i18n = ctypes.CDLL(str(next(lib_dir.glob("libicui18n.so.*"))))
    problems: list[str] = []

    def call(lib: ctypes.CDLL, name: str, label: str, restype: type, *args: object) -> object:
        fn = getattr(lib, name + suffix)
        fn.restype = restype
        status = ctypes.c_int(0)
        result = fn(*args, ctypes.byref(status))
        if status.value > 0:
            problems.append(f"{name}({label}): ICU error {status.value}")
        return result

    for locale in ("zh_CN", "en_US", "root"):
        collator = call(i18n, "ucol_open", locale, ctypes.c_void_p, locale.encode())
        if collator and locale == "zh_CN":
            # Pinyin order puts 李 (li) before 张 (zhang); code point order would not.
            strcoll = getattr(i18n, "ucol_strcoll" + suffix)
            chars, size = ctypes.c_char_p, ctypes.c_int32
            strcoll.argtypes = [ctypes.c_void_p, chars, size, chars, size]
            if strcoll(collator, _utf16("李"), 1, _utf16("张"), 1) != -1:
                problems.append("ucol_strcoll(zh_CN): no pinyin order")
    for code_page in ("GB18030", "GBK", "GB2312", "Big5", "windows-1252", "ISO-8859-15"):
        call(uc, "ucnv_open", code_page, ctypes.c_void_p, code_page.encode())
    result = ctypes.create_string_buffer(128)
    zone = _utf16("Asia/Shanghai")
    call(
        i18n,
        "ucal_getCanonicalTimeZoneID",
        "Asia/Shanghai",
        ctypes.c_int32,
        zone,
        len(zone) // 2,
        result,
        64,
        None,
    )
    upper = ctypes.create_string_buffer(64)
    text = _utf16("istanbul ß")
    call(uc, "u_strToUpper", "zh_CN", ctypes.c_int32, upper, 32, text, len(text) // 2, b"zh_CN")
    if upper.raw[: len(text) + 2].decode("utf-16-le") != "ISTANBUL SS":
        problems.append("u_strToUpper: wrong result")
    return problems


if __name__ == "__main__" and sys.argv[1:2] == ["--check"]:
    found = _check_here(Path(sys.argv[2]))
    print("\n".join(found))
    sys.exit(1 if found else 0)
