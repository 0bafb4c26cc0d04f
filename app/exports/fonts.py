"""CJK TrueType fonts for PDFs: the system's 仿宋/宋体/黑体 on Windows, installed Song/Kai/Hei elsewhere."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

_WIN = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"

# (file, subfont index) candidates per role, best first. reportlab reads TrueType only (no CFF/OTF).
_CANDIDATES: dict[str, list[tuple[Path, int]]] = {
    "fangsong": [(_WIN / "仿宋_GB2312.ttf", 0), (_WIN / "FS_GB2312.ttf", 0), (_WIN / "simfang.ttf", 0),
                 (_WIN / "simsun.ttc", 0),
                 (Path("/usr/share/fonts/truetype/arphic/uming.ttc"), 0),
                 (Path("/usr/share/fonts/truetype/arphic/ukai.ttc"), 0),
                 (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0)],
    "song": [(_WIN / "方正小标宋简体.ttf", 0), (_WIN / "FZXBSJW.TTF", 0), (_WIN / "simsun.ttc", 0),
             (_WIN / "simhei.ttf", 0),
             (Path("/usr/share/fonts/truetype/arphic/uming.ttc"), 0),
             (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0)],
    "hei": [(_WIN / "simhei.ttf", 0), (_WIN / "msyh.ttc", 0),
            (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0),
            (Path("/usr/share/fonts/truetype/arphic/uming.ttc"), 0)],
}


@dataclass(frozen=True)
class PdfFont:
    """A registered reportlab font name and the file it came from."""

    name: str
    path: Path


class FontMissing(RuntimeError):
    pass


@cache
def pdf_font(role: str) -> PdfFont:
    """Register and return the best available TrueType font for ``role`` (fangsong, song, hei).

    Override with DISCLOSURE_DESK_FONT_<ROLE>=path[,index] for a bundled font.
    """
    override = os.environ.get(f"DISCLOSURE_DESK_FONT_{role.upper()}")
    candidates = list(_CANDIDATES[role])
    if override:
        path, _, index = override.partition(",")
        candidates.insert(0, (Path(path), int(index or 0)))
    for path, index in candidates:
        if path.is_file():
            name = f"DD-{role}"
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))
            return PdfFont(name, path)
    raise FontMissing(f"未找到可嵌入的中文字体（{role}）。请安装仿宋/宋体字体后重试。")


def embed_check(font: PdfFont, path: Path) -> Path:
    """Write a one-line PDF in ``font`` and confirm the font is embedded (a TrueType subset, /FontFile2)."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path))
    canvas.setFont(font.name, 16)
    canvas.drawString(72, 720, "依申请公开办理系统字体自检：仿宋宋体黑体")
    canvas.save()
    if b"/FontFile2" not in path.read_bytes():
        raise FontMissing(f"字体“{font.path.name}”未能嵌入PDF。")
    return path


# Word files name fonts; Word on the clerk's PC renders them (domain §7).
WORD_BODY_FONT = "仿宋_GB2312"
WORD_BODY_FALLBACK = "仿宋"
WORD_TITLE_FONT = "方正小标宋简体"
WORD_HEADING_FONT = "黑体"
WORD_PAGE_NUMBER_FONT = "宋体"
