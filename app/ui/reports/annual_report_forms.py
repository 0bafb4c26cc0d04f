"""What the office types into the annual report: the table 二 form and the texts of sections 一, 五, 六."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox, QGridLayout, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QSpinBox, QVBoxLayout,
    QWidget,
)

from app.workflow.annual_report_data import MONEY_FIELDS, TABLE2_FIELDS, TABLE2_LAYOUT, TEXT_SECTIONS

class AnnualReportTable2Form(QWidget):
    """Table 二 laid out like the printed one; ``save_requested`` carries {field: number}."""

    save_requested = Signal(dict)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.fields: dict[str, QSpinBox | QDoubleSpinBox] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        r = 0
        for block in TABLE2_LAYOUT:
            heading = QLabel(block.heading, self)
            heading.setObjectName("sectionTitle")
            grid.addWidget(heading, r, 0, 1, 4)
            for c, header in enumerate(block.headers):
                label = QLabel(header, self)
                label.setObjectName("hint")
                grid.addWidget(label, r + 1, c)
            r += 2
            for label, keys in block.rows:
                grid.addWidget(QLabel(label, self), r, 0)
                for c, key in enumerate(keys, start=1):
                    grid.addWidget(self._field(key, label, block.headers[c]), r, c)
                r += 1
        self.save_button = QPushButton("保存表二", self)
        self.save_button.setProperty("primary", True)
        self.save_button.clicked.connect(lambda: self.save_requested.emit(self.values()))
        outer = QVBoxLayout(self)
        outer.addLayout(grid)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)
        outer.addStretch(1)

    def _field(self, key: str, label: str, header: str) -> QWidget:
        if key in MONEY_FIELDS:
            w = QDoubleSpinBox(self)
            w.setDecimals(4)
            w.setRange(0, 9_999_999)
            w.setSuffix(" 万元")
        else:
            w = QSpinBox(self)
            w.setRange(0, 9_999_999)
        w.setAccessibleName(f"{label}·{header}")
        w.setMinimumWidth(120)
        self.fields[key] = w
        return w

    def values(self) -> dict[str, float | int]:
        return {key: self.fields[key].value() for key in TABLE2_FIELDS}

    def set_values(self, values: dict) -> None:
        for key in TABLE2_FIELDS:
            self.fields[key].setValue(values.get(key, 0))

    def set_locked(self, locked: bool) -> None:
        for w in self.fields.values():
            w.setReadOnly(locked)
        self.save_button.setEnabled(not locked)


class AnnualReportSectionsEditor(QWidget):
    """Sections 一, 五, 六 as the office writes them, with the generated paragraphs to start from."""

    save_requested = Signal(dict)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.edits: dict[str, QPlainTextEdit] = {}
        outer = QVBoxLayout(self)
        for key in TEXT_SECTIONS:
            title = QLabel(TEXT_SECTIONS[key], self)
            title.setObjectName("sectionTitle")
            outer.addWidget(title)
            if key == "一":
                self.overview = self._generated(outer)
                self.insert_button = QPushButton("以生成的段落开头", self)
                self.insert_button.clicked.connect(self.insert_overview)
                outer.addWidget(self.insert_button, 0, Qt.AlignLeft)
            if key == "六":
                self.fees = self._generated(outer)
            edit = QPlainTextEdit(self)
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(80)
            self.edits[key] = edit
            outer.addWidget(edit, 1)
        self.edits["一"].setPlaceholderText("留空时，导出上面生成的段落。")
        self.edits["六"].setPlaceholderText("导出时，本部分以上面的收费情况开头，其后接这里的文字。")
        self.save_button = QPushButton("保存正文", self)
        self.save_button.setProperty("primary", True)
        self.save_button.clicked.connect(lambda: self.save_requested.emit(self.texts()))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        outer.addLayout(row)

    def _generated(self, layout: QVBoxLayout) -> QLabel:
        label = QLabel(self)
        label.setObjectName("dialogIntro")
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(label)
        return label

    def set_report(self, sections: dict, overview: str, fees: str) -> None:
        for key, edit in self.edits.items():
            edit.setPlainText(sections.get(key, ""))
        self.overview.setText(overview)
        self.fees.setText(fees)

    def insert_overview(self) -> None:
        """Put the generated paragraph at the start of section 一 (the office edits on from there)."""
        edit = self.edits["一"]
        current = edit.toPlainText().strip()
        if not current.startswith(self.overview.text()):
            edit.setPlainText("\n".join(p for p in (self.overview.text(), current) if p))

    def texts(self) -> dict[str, str]:
        return {key: edit.toPlainText() for key, edit in self.edits.items()}

    def set_locked(self, locked: bool) -> None:
        for edit in self.edits.values():
            edit.setReadOnly(locked)
        self.save_button.setEnabled(not locked)
        self.insert_button.setEnabled(not locked)
