"""Charts of the analysis as PNG images drawn with Pillow (no Qt, no cairo), for the Word report."""

from __future__ import annotations

import io
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from app.exports.fonts import pdf_font
from app.workflow.analysis import AnalysisResult

_BLUE, _GREEN, _GREY, _INK = (31, 95, 174), (124, 179, 66), (200, 200, 200), (30, 30, 30)
_W = 1200


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(pdf_font("hei").path), size, index=0)


def _png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def _nice(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if top <= step * 5:
            return step * 5
    return top


def monthly_chart_png(result: AnalysisResult) -> bytes:
    """Received (blue) and replied (green) per month, side by side, with a value axis."""
    months = result.figures.by_month or (("", 0, 0),)
    h, left, bottom, top_pad = 560, 90, 110, 70
    img = Image.new("RGB", (_W, h), "white")
    d = ImageDraw.Draw(img)
    d.text((_W // 2, 20), "各月收到与办结申请（件）", font=_font(30), fill=_INK, anchor="mt")
    top = _nice(max(max(m[1], m[2]) for m in months) or 1)
    plot_h, plot_w = h - bottom - top_pad, _W - left - 30
    for i in range(6):
        y = h - bottom - plot_h * i / 5
        d.line((left, y, _W - 30, y), fill=_GREY)
        d.text((left - 10, y), str(top * i // 5), font=_font(20), fill=_INK, anchor="rm")
    slot = plot_w / len(months)
    bar = max(2, slot * 0.35)
    for i, (label, got, done) in enumerate(months):
        x = left + slot * i + slot * 0.15
        for j, (v, colour) in enumerate(((got, _BLUE), (done, _GREEN))):
            y = h - bottom - plot_h * v / top
            d.rectangle((x + j * bar, y, x + (j + 1) * bar - 1, h - bottom), fill=colour)
        if i % -(-len(months) // 12) == 0:      # at most 12 labels, so they never overlap
            d.text((left + slot * (i + 0.5), h - bottom + 10), label[2:], font=_font(18), fill=_INK, anchor="mt")
    for k, (colour, name) in enumerate(((_BLUE, "收到申请"), (_GREEN, "办结答复"))):
        x = _W // 2 - 200 + k * 220
        d.rectangle((x, h - 45, x + 24, h - 25), fill=colour)
        d.text((x + 34, h - 35), name, font=_font(22), fill=_INK, anchor="lm")
    return _png(img)


def bars_png(title: str, pairs: tuple[tuple[str, int], ...], limit: int = 12) -> bytes:
    """A horizontal bar per label (in the order given), at most ``limit`` bars, values written."""
    pairs = tuple(pairs[:limit]) or (("（无）", 0),)
    row, left, head = 44, 380, 80
    h = head + row * len(pairs) + 30
    img = Image.new("RGB", (_W, h), "white")
    d = ImageDraw.Draw(img)
    d.text((_W // 2, 20), title, font=_font(30), fill=_INK, anchor="mt")
    top = max(n for _, n in pairs) or 1
    width = _W - left - 120
    for i, (label, n) in enumerate(pairs):
        y = head + row * i
        text = label if len(label) <= 16 else label[:15] + "…"
        d.text((left - 12, y + row / 2), text, font=_font(22), fill=_INK, anchor="rm")
        d.rectangle((left, y + 8, left + max(1, width * n / top), y + row - 8), fill=_BLUE)
        d.text((left + width * n / top + 8, y + row / 2), str(n), font=_font(20), fill=_INK, anchor="lm")
    return _png(img)


def chart_images(result: AnalysisResult) -> list[tuple[str, bytes]]:
    """(caption, PNG) for each chart of the report."""
    f = result.figures
    subjects = tuple((g.label, g.count) for g in result.subjects)
    return [("图1 各月收到与办结申请", monthly_chart_png(result)),
            ("图2 办结结果分布", bars_png("办结结果（件）", f.by_outcome_group)),
            ("图3 集中申请事项", bars_png("集中申请事项（申请件数）", subjects)),
            ("图4 各承办处室收到申请", bars_png("各承办处室收到申请（件）", f.by_department))]
