"""Paint laid-out letter pages with the PDF's own fonts and positions, on screen and on a printer."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPainter, QPen
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.exports.fonts import FontMissing, pdf_font
from app.exports.letters import gbt9704 as g
from app.exports.letters.pages import Page, text_width

_UNIT = 10           # painter units per point, so every font size is a whole pixel size (16 pt → 160)
_GAP = 16            # pixels between pages on screen
_FALLBACK = {"fangsong": "FangSong", "song": "SimSun"}
_families: dict[str, str] = {}


def family_for(role: str) -> str:
    """The family name of the very font file the PDF embeds for ``role``."""
    if role not in _families:
        try:
            font_id = QFontDatabase.addApplicationFont(str(pdf_font(role).path))
        except FontMissing:
            font_id = -1
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _families[role] = families[0] if families else _FALLBACK.get(role, "SimSun")
    return _families[role]


def _font(role: str, size: float) -> QFont:
    font = QFont(family_for(role))
    font.setPixelSize(max(1, round(size * _UNIT)))
    font.setKerning(False)
    font.setHintingPreference(QFont.PreferNoHinting)
    return font


def paint_page(painter: QPainter, page: Page, scale: float) -> None:
    """Draw ``page`` with its top-left corner at the painter's origin; ``scale`` = device pixels per pt."""
    painter.save()
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setRenderHint(QPainter.TextAntialiasing)
    painter.scale(scale / _UNIT, scale / _UNIT)
    for s in page.strokes:
        pen = QPen(QColor("black"))
        pen.setWidthF(s.width * _UNIT)
        painter.setPen(pen)
        painter.drawLine(QPointF(s.x1 * _UNIT, s.y1 * _UNIT), QPointF(s.x2 * _UNIT, s.y2 * _UNIT))
    painter.setPen(QColor("black"))
    for t in page.texts:
        painter.setFont(_font(t.font, t.size))
        # Character by character at the PDF's own advances: letter spacing means different things
        # on screen and on a printer, positions do not.
        x, y = t.x, t.baseline * _UNIT
        for ch in t.text:
            painter.drawText(QPointF(x * _UNIT, y), ch)
            x += text_width(ch, t.font, t.size) + t.char_space
    painter.restore()


def print_pages(printer: QPrinter, pages: tuple[Page, ...]) -> None:
    """Print on A4 at full page, so the GB/T 9704 margins come from the layout, not the printer."""
    painter = QPainter(printer)
    scale = printer.resolution() / 72
    for i, page in enumerate(pages):
        if i:
            printer.newPage()
        paint_page(painter, page, scale)
    painter.end()


class LetterPagesView(QWidget):
    """All pages of a letter, one under the other, on a grey desk."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._pages: tuple[Page, ...] = ()
        self._zoom = 1.0
        self.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Fixed)
        self.setAutoFillBackground(True)
        self.setStyleSheet("background: #8a8a8a;")

    def set_pages(self, pages: tuple[Page, ...]) -> None:
        self._pages = pages
        self._resize()

    def set_zoom(self, zoom: float) -> None:
        self._zoom = zoom
        self._resize()

    def page_count(self) -> int:
        return len(self._pages)

    def page_rect(self, index: int) -> QRectF:
        w, h = g.PAGE_W * self._zoom, g.PAGE_H * self._zoom
        return QRectF(_GAP, _GAP + index * (h + _GAP), w, h)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        w = g.PAGE_W * self._zoom + 2 * _GAP
        n = max(1, len(self._pages))
        return QSize(round(w), round(n * (g.PAGE_H * self._zoom + _GAP) + _GAP))

    def _resize(self) -> None:
        self.resize(self.sizeHint())
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#8a8a8a"))
        for i, page in enumerate(self._pages):
            rect = self.page_rect(i)
            painter.fillRect(rect.translated(3, 3), QColor("#5c5c5c"))
            painter.fillRect(rect, Qt.white)
            painter.save()
            painter.translate(rect.topLeft())
            paint_page(painter, page, self._zoom)
            painter.restore()
        painter.end()
