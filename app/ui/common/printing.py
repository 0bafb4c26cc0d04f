"""Print an HTML document (受理回执, deadline explanation) through a print preview, A4 portrait."""

from __future__ import annotations

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from app.ui.common import prompts


def make_document(html: str) -> QTextDocument:
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    return doc


def print_html(parent: QWidget | None, title: str, html: str) -> bool:
    """Open a print preview (with its print button) for ``html``; tests answer kind 'print'."""
    canned = prompts.canned("print")
    if canned is not None:
        return bool(canned(title, html) is not False)
    doc = make_document(html)
    printer = QPrinter(QPrinter.HighResolution)
    printer.setDocName(title)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.A4), QPageLayout.Portrait,
                                      QMarginsF(25, 25, 25, 25), QPageLayout.Millimeter))
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"打印预览 - {title}")
    dialog.paintRequested.connect(doc.print_)
    dialog.resize(900, 1000)
    return dialog.exec() == QPrintPreviewDialog.Accepted
