"""The Linux bundle's ICU data trim (packaging/icu_data.py): which items stay, and a package ICU can read."""

from __future__ import annotations

import importlib.util
import shutil
import struct
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "icu_data", Path(__file__).resolve().parents[1] / "packaging" / "icu_data.py")
icu_data = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(icu_data)


def _package(items: dict[str, bytes]) -> bytes:
    """A little-endian ICU common data package laid out as ICU's own tools write it (sorted names)."""
    header = bytes([32, 0, 0xDA, 0x27]) + struct.pack("<HH", 20, 0) + bytes([0, 0, 2, 0]) + b"CmnD"
    header += bytes([1, 0, 0, 0, 73, 0, 0, 0])
    header += b"\0" * (32 - len(header))
    names = sorted(items)
    name_block = b"".join(n.encode() + b"\0" for n in names)
    first = -(-(4 + 8 * len(names) + len(name_block)) // 16) * 16
    toc, blobs, at, name_at = [], b"", first, 4 + 8 * len(names)
    for n in names:
        toc.append(struct.pack("<II", name_at, at))
        name_at += len(n) + 1
        blob = items[n] + b"\0" * (-len(items[n]) % 16)
        blobs += blob
        at += len(blob)
    body = struct.pack("<I", len(names)) + b"".join(toc) + name_block
    return header + body + b"\0" * (first - len(body)) + blobs


def test_keeps_root_english_chinese_and_every_non_locale_item():
    keep = icu_data.keep_item
    for name in ("root.res", "zh.res", "zh_Hans_CN.res", "en_GB.res", "coll/zh.res", "coll/root.res",
                 "coll/ucadata.icu", "zone/zh_Hant.res", "pool.res", "res_index.res", "coll/res_index.res",
                 "supplementalData.res", "zoneinfo64.res", "cnvalias.icu", "gb18030.cnv", "nfkc.nrm",
                 "brkitr/line.brk", "brkitr/zh.res"):
        assert keep("icudt73l/" + name), name
    for name in ("de.res", "sv_SE.res", "ff_Adlm.res", "coll/ja.res", "zone/fr.res", "lang/ko.res",
                 "brkitr/cjdict.dict", "brkitr/thaidict.dict", "translit/Han_Latin.res", "translit/root.res"):
        assert not keep("icudt73l/" + name), name


def test_filtered_package_has_the_kept_items_byte_for_byte_at_aligned_offsets():
    items = {"icudt73l/de.res": b"D" * 40, "icudt73l/pool.res": b"P" * 17, "icudt73l/zh.res": b"Z" * 5,
             "icudt73l/brkitr/cjdict.dict": b"C" * 100}
    package = _package(items)
    trimmed, kept, dropped = icu_data.filter_package(package)
    assert (kept, dropped) == (2, 2)
    header, out = icu_data._items(trimmed)
    assert header == 32 and trimmed[:32] == package[:32]
    # each item reads back with its padding to 16 bytes, and starts 16-aligned
    assert [(n, b[:len(items[n])]) for n, b in out] == [("icudt73l/pool.res", b"P" * 17), ("icudt73l/zh.res", b"Z" * 5)]
    data_offsets = [struct.unpack_from("<II", trimmed, 32 + 4 + 8 * i)[1] for i in range(2)]
    assert all(offset % 16 == 0 for offset in data_offsets)


def test_not_a_package_is_refused():
    with pytest.raises(ValueError):
        icu_data.filter_package(b"\x20\x00\x00\x00" + b"\0" * 60)


QT_ICU = next(Path(__import__("PySide6").__file__).parent.glob("Qt/lib/libicudata.so.*"), None)


@pytest.mark.skipif(QT_ICU is None or not all(shutil.which(t) for t in ("nm", "readelf", "as", "ld")),
                    reason="PySide6 without its own ICU (Windows, macOS) or no binutils")
def test_rebuilt_library_exports_the_trimmed_package(tmp_path):
    symbol, soname, package = icu_data.read_library(QT_ICU)
    trimmed, kept, dropped = icu_data.filter_package(package)
    assert kept > 900 and dropped > 2000 and len(trimmed) < len(package) / 2
    names = [n for n, _ in icu_data._items(trimmed)[1]]
    assert names == sorted(names)      # ICU finds items by binary search
    assert {"coll/zh.res", "coll/ucadata.icu", "zh_Hans_CN.res", "gb18030.cnv"} <= {n.split("/", 1)[1] for n in names}
    built = icu_data.build_library(trimmed, symbol, soname, tmp_path)
    assert icu_data.read_library(built) == (symbol, soname, trimmed)
