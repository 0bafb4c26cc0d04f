"""CJK TrueType fonts for PDFs: the system's 仿宋/宋体/黑体 on Windows, installed Song/Kai/Hei elsewhere."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

def _windows_font_dirs() -> list[Path]:
    """C:\\Windows\\Fonts, then the per-user folder where Windows 10/11 puts a font installed "for me only"
    (a 仿宋_GB2312 double-clicked on an office PC usually lands there)."""
    dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    if os.environ.get("LOCALAPPDATA"):
        dirs.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    return dirs


# Windows file names per role, best first: 仿宋_GB2312 (the 公文 body font on government PCs) or 仿宋;
# 方正小标宋 for titles when installed, else 宋体/黑体; 黑体 for headings. reportlab reads TrueType only.
_WINDOWS_FILES = {
    "fangsong": ("仿宋_GB2312.ttf", "FS_GB2312.ttf", "FSGB2312.ttf", "simfang.ttf", "simsun.ttc"),
    "song": ("方正小标宋简体.ttf", "FZXBSJW.TTF", "方正小标宋_GBK.ttf", "FZXBSK.TTF", "simsun.ttc", "simhei.ttf"),
    "hei": ("simhei.ttf", "msyh.ttc"),
}
_LINUX = Path("/usr/share/fonts/truetype")
_OTHER_FILES = {
    "fangsong": (_LINUX / "arphic/uming.ttc", _LINUX / "arphic/ukai.ttc", _LINUX / "wqy/wqy-zenhei.ttc"),
    "song": (_LINUX / "arphic/uming.ttc", _LINUX / "wqy/wqy-zenhei.ttc"),
    "hei": (_LINUX / "wqy/wqy-zenhei.ttc", _LINUX / "arphic/uming.ttc"),
}


def _candidates(role: str) -> list[tuple[Path, int]]:
    """(file, subfont index) candidates for ``role``, best first."""
    found = [(d / name, 0) for name in _WINDOWS_FILES[role] for d in _windows_font_dirs()]
    return found + [(path, 0) for path in _OTHER_FILES[role]]


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
    candidates = _candidates(role)
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


# Fonts that draw what the letter's own font has no glyph for (symbols, rare characters), best first.
_FALLBACKS: list[tuple[Path, int]] = [
    *((d / name, 0) for d in _windows_font_dirs()
      for name in ("simsun.ttc", "simsunb.ttf", "seguisym.ttf", "msyh.ttc")),
    (Path("/usr/share/fonts/truetype/arphic/uming.ttc"), 0),
    (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0),
    (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), 0),
]


@cache
def fallback_fonts() -> tuple[PdfFont, ...]:
    """The fallback fonts found on this machine, registered with reportlab."""
    out = []
    for k, (path, index) in enumerate(_FALLBACKS):
        if path.is_file():
            name = f"DD-fallback-{k}"
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))
            out.append(PdfFont(name, path))
    return tuple(out)


def has_glyph(font_name: str, ch: str) -> bool:
    return ord(ch) in pdfmetrics.getFont(font_name).face.charToGlyph


@cache
def font_for_char(role: str, ch: str) -> str:
    """The registered font that draws ``ch`` for ``role``: the role's own font, else a fallback."""
    primary = pdf_font(role).name
    if ch.isspace() or has_glyph(primary, ch):
        return primary
    return next((f.name for f in fallback_fonts() if has_glyph(f.name, ch)), primary)


def font_segments(text: str, role: str) -> list[tuple[str, str]]:
    """``text`` cut into (registered font name, text) runs, so every glyph comes from a font that has it."""
    out: list[tuple[str, str]] = []
    for ch in text:
        name = font_for_char(role, ch)
        if out and out[-1][0] == name:
            out[-1] = (name, out[-1][1] + ch)
        else:
            out.append((name, ch))
    return out


# Word files name fonts; Word on the clerk's PC renders them (domain §7).
WORD_BODY_FONT = "仿宋_GB2312"
WORD_BODY_FALLBACK = "仿宋"
WORD_TITLE_FONT = "方正小标宋简体"
WORD_HEADING_FONT = "黑体"
WORD_PAGE_NUMBER_FONT = "宋体"
