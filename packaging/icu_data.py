"""Linux bundle: rebuild Qt's 32 MB ICU data library with only the data Qt can reach for a Chinese office.

PySide6's Linux wheels ship ICU 73 (libicudata.so.73 is one symbol, ``icudt73_dat``: an ICU "common data"
package of ~3,900 items). Qt Core calls ICU only for collation (QCollator, the file dialog's sorting), time
zone names, legacy text codecs (QStringConverter) and locale case mapping; Qt's own CLDR tables do the
rest of QLocale. The rebuilt package keeps every non-locale item (normalisation, properties, time zone
rules, all the converters and their aliases, pools and indexes) and the locale data of root, English and
Chinese in every category (main, collation, zones, languages, regions, currencies, units, number
spell-out, break rules); it drops the other ~750 locales, the word-break dictionaries (Thai, Lao, Khmer,
Burmese, CJK: Qt calls no ICU break iterator) and the transliterators (Qt calls none). ICU falls back to
root for a locale it lacks, as with any ICU built with a data filter.

Built with binutils (``as``/``ld``, already needed to strip the libraries); without them the bundle keeps
the full library. Windows and macOS Qt use the system's ICU, so nothing is done there.
"""

from __future__ import annotations

import re
import struct
import subprocess
from pathlib import Path

KEEP_LOCALES = ("root", "en", "zh")
_LOCALE_FILE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*$")   # af, zh_Hans_CN, ff_Adlm … (not pool, res_index)


def keep_item(name: str) -> bool:
    """Whether the package item ``icudt73l/<path>`` stays (see the module docstring)."""
    path = name.split("/", 1)[1]
    base = path.rsplit("/", 1)[-1]
    stem, _, ext = base.rpartition(".")
    if ext == "res" and _LOCALE_FILE.match(stem) and stem != "res_index":    # each tree's locale index stays
        return stem.split("_")[0] in KEEP_LOCALES
    if path.startswith("brkitr/") and ext == "dict":
        return False
    return not path.startswith("translit/")


def _items(data: bytes) -> tuple[int, list[tuple[str, bytes]]]:
    """The header size and the (name, bytes) items of an ICU common data package (little-endian)."""
    header = struct.unpack_from("<H", data, 0)[0]
    if data[2:4] != b"\xda\x27" or data[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    count = struct.unpack_from("<I", data, header)[0]
    toc = [struct.unpack_from("<II", data, header + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_at, data_at) in enumerate(toc):
        name = data[header + name_at:data.index(b"\0", header + name_at)].decode("ascii")
        end = header + toc[i + 1][1] if i + 1 < count else len(data)
        items.append((name, data[header + data_at:end]))
    return header, items


def filter_package(data: bytes, keep=keep_item) -> tuple[bytes, int, int]:
    """A new package with the items ``keep`` accepts, in the same (sorted) order; (bytes, kept, dropped)."""
    header, items = _items(data)
    kept = [(n, b) for n, b in items if keep(n)]
    names = b"".join(n.encode("ascii") + b"\0" for n, _ in kept)
    names_at = 4 + 8 * len(kept)
    first = -(-(names_at + len(names)) // 16) * 16          # items are 16-byte aligned, as ICU writes them
    toc, blobs, name_at, data_at = [], [], names_at, first
    for name, blob in kept:
        toc.append(struct.pack("<II", name_at, data_at))
        name_at += len(name) + 1
        padded = blob + b"\0" * (-len(blob) % 16)
        blobs.append(padded)
        data_at += len(padded)
    body = struct.pack("<I", len(kept)) + b"".join(toc) + names
    body += b"\0" * (first - len(body))
    return data[:header] + body + b"".join(blobs), len(kept), len(items) - len(kept)


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def read_library(lib: Path) -> tuple[str, str, bytes]:
    """(symbol, soname, package bytes) of an ICU data library."""
    symbol, size = None, 0
    for line in _run("nm", "-D", "--defined-only", "-S", str(lib)).splitlines():
        parts = line.split()
        if len(parts) == 4 and re.fullmatch(r"icudt\d+_dat", parts[3]):
            symbol, address, size = parts[3], int(parts[0], 16), int(parts[1], 16)
    if symbol is None:
        raise ValueError(f"{lib.name}: no icudtNN_dat symbol")
    soname = re.search(r"\(SONAME\)\s+Library soname: \[([^\]]+)\]", _run("readelf", "-dW", str(lib))).group(1)
    for line in _run("readelf", "-lW", str(lib)).splitlines():
        parts = line.split()
        if parts[:1] == ["LOAD"]:
            offset, vaddr, filesz = int(parts[1], 16), int(parts[2], 16), int(parts[4], 16)
            if vaddr <= address < vaddr + filesz:
                start = offset + address - vaddr
                return symbol, soname, lib.read_bytes()[start:start + size]
    raise ValueError(f"{lib.name}: {symbol} is not in a loaded segment")


def build_library(package: bytes, symbol: str, soname: str, folder: Path) -> Path:
    """A shared library exporting ``symbol`` = ``package`` (read-only, 16-byte aligned), named ``soname``."""
    folder.mkdir(parents=True, exist_ok=True)
    dat, asm, obj, out = (folder / n for n in ("icudt.dat", "icudt.s", "icudt.o", soname))
    dat.write_bytes(package)
    asm.write_text(
        f'\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, "object"\n\t.balign 16\n'
        f'{symbol}:\n\t.incbin "{dat}"\n\t.size {symbol}, . - {symbol}\n'
        '\t.section .note.GNU-stack,"",%progbits\n', encoding="ascii")
    _run("as", "-o", str(obj), str(asm))
    _run("ld", "-shared", "-soname", soname, "-o", str(out), str(obj))
    return out


def trim_icu_binaries(binaries: list, folder: Path, log=print) -> list:
    """``binaries`` with any ``libicudata.so.*`` replaced by the trimmed rebuild (unchanged if that fails)."""
    out = []
    for dest, src, typecode in binaries:
        if Path(dest).name.startswith("libicudata.so") and typecode == "BINARY" and not Path(src).is_symlink():
            try:
                symbol, soname, package = read_library(Path(src))
                trimmed, kept, dropped = filter_package(package)
                built = build_library(trimmed, symbol, soname, folder)
                log(f"ICU data: kept {kept} items, dropped {dropped}: {len(package):,} -> {len(trimmed):,} bytes")
                src = str(built)
            except (OSError, ValueError, subprocess.CalledProcessError) as e:
                log(f"WARNING: ICU data kept whole ({type(e).__name__}: {e})")
        out.append((dest, src, typecode))
    return out
