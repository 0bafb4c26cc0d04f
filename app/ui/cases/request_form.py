"""The application form (domain §2): every field of RequestInput, checked as the clerk types."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QGridLayout, QGroupBox, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout,
    QWidget,
)

from app.services.dto import RequestDetail, RequestInput
from app.ui.common.form_dialog import OptionalDateEdit, date_edit, from_qdate, to_qdate
from app.ui.cases.registration_checks import field_problem, receipt_text
from app.ui.common.style import repolish
from app.workflow.vocabulary import ApplicantType, Channel, Delivery, IdType, RequestedForm


@dataclass(frozen=True)
class Spec:
    key: str
    label: str
    kind: str = "text"             # text | multiline | choice | date | optional_date
    choices: tuple[str, ...] = ()
    placeholder: str = ""
    required: bool = False
    wide: bool = False             # spans both columns


def _values(enum, blank: bool = True) -> tuple[str, ...]:
    return (("",) if blank else ()) + tuple(e.value for e in enum)


APPLICANT = (
    Spec("applicant_type", "申请人类型", "choice", _values(ApplicantType, False), required=True),
    Spec("applicant_name", "姓名/名称", placeholder="自然人姓名或法人、其他组织名称", required=True),
    Spec("id_type", "证件类型", "choice", _values(IdType)),
    Spec("id_number", "证件号码", placeholder="身份证号码或统一社会信用代码"),
    Spec("phone", "联系电话", placeholder="例如：010-12345678"),
    Spec("email", "电子邮箱"),
    Spec("address", "通信地址"),
    Spec("postcode", "邮政编码", placeholder="6位数字"),
)
APPLICATION = (
    Spec("channel", "申请方式", "choice", _values(Channel, False), required=True),
    Spec("number", "申请编号", placeholder="留空则自动编号"),
    Spec("arrival_date", "到达日期", "date", required=True),
    Spec("confirmation_date", "确认日期", "optional_date"),
    Spec("description", "所需信息描述", "multiline", wide=True, required=True,
         placeholder="所需政府信息的名称、文号或者便于查询的其他特征性描述"),
    Spec("requested_form", "获取形式", "choice", _values(RequestedForm)),
    Spec("delivery", "获取方式", "choice", _values(Delivery)),
    Spec("notes", "备注", "multiline", wide=True),
)
SPECS = APPLICANT + APPLICATION


class RequestForm(QWidget):
    """Emits ``changed(key)`` on every edit; ``to_input()`` builds the RequestInput."""

    changed = Signal(str)

    def __init__(self, today: date, parent=None):
        super().__init__(parent)
        self._today = today
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._touched: set[str] = set()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._group("申请人信息", APPLICANT))
        outer.addWidget(self._group("申请信息", APPLICATION))
        self.receipt_label = QLabel(self)
        self.receipt_label.setObjectName("hint")
        self.layout_app.addWidget(self.receipt_label, 99, 1, 1, 3)
        order = [self.widgets[s.key] for s in SPECS]
        for a, b in zip(order, order[1:]):
            QWidget.setTabOrder(a, b)
        self.widgets["applicant_type"].currentTextChanged.connect(self._type_changed)
        self._type_changed(self.widgets["applicant_type"].currentText())
        self._update_receipt()

    # -- building ---------------------------------------------------------------------------
    def _group(self, title: str, specs: tuple[Spec, ...]) -> QGroupBox:
        box = QGroupBox(title, self)
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        label_width = self.fontMetrics().horizontalAdvance("所需信息描述*：") + 8
        grid.setColumnMinimumWidth(0, label_width)      # both groups line up
        grid.setColumnMinimumWidth(2, label_width)
        row, col = 0, 0
        for spec in specs:
            if spec.wide and col:
                row, col = row + 2, 0
            w = self._make(spec)
            err = QLabel(box)
            err.setObjectName("fieldError")
            err.setWordWrap(True)
            err.hide()
            self.widgets[spec.key], self.errors[spec.key] = w, err
            label = QLabel(spec.label + ("*" if spec.required else "") + "：", box)
            label.setBuddy(w)
            span = 3 if spec.wide else 1
            grid.addWidget(label, row, col)
            grid.addWidget(w, row, col + 1, 1, span)
            grid.addWidget(err, row + 1, col + 1, 1, span)
            col = 0 if spec.wide or col else 2
            row += 2 if col == 0 else 0
        if title == "申请信息":
            self.layout_app = grid
        return box

    def _make(self, spec: Spec) -> QWidget:
        if spec.kind == "choice":
            w = QComboBox(self)
            for c in spec.choices:
                w.addItem(c or "（未填）", c)
            w.currentIndexChanged.connect(lambda *_: self._edited(spec.key))
        elif spec.kind == "date":
            w = date_edit(self._today, self)
            w.dateChanged.connect(lambda *_: self._edited(spec.key))
        elif spec.kind == "optional_date":
            w = OptionalDateEdit(None, self._today, self, check_text="已确认")
            w.changed.connect(lambda: self._edited(spec.key))
        elif spec.kind == "multiline":
            w = QPlainTextEdit(self)
            w.setTabChangesFocus(True)
            w.setFixedHeight(72 if spec.key == "description" else 52)
            w.textChanged.connect(lambda: self._edited(spec.key))
        else:
            w = QLineEdit(self)
            w.textChanged.connect(lambda *_: self._edited(spec.key))
            if spec.key == "id_number":         # shown as it is stored: the check letter X upper-case
                w.textEdited.connect(lambda text, w=w: _upper_case(w, text))
        if spec.placeholder and hasattr(w, "setPlaceholderText"):
            w.setPlaceholderText(spec.placeholder)
        w.setObjectName(f"field_{spec.key}")
        return w

    # -- reading and writing ----------------------------------------------------------------
    def value(self, key: str):
        w = self.widgets[key]
        if isinstance(w, QComboBox):
            return w.currentData() or ""
        if isinstance(w, OptionalDateEdit):
            return w.value()
        if isinstance(w, QDateEdit):
            return from_qdate(w.date())
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText().strip()
        return w.text().strip()

    def values(self) -> dict:
        return {s.key: self.value(s.key) for s in SPECS}

    def set_value(self, key: str, value) -> None:
        w = self.widgets[key]
        if isinstance(w, QComboBox):
            w.setCurrentIndex(max(0, w.findData(value or "")))
        elif isinstance(w, OptionalDateEdit):
            w.set_value(value, self._today)
        elif isinstance(w, QDateEdit):
            w.setDate(to_qdate(value or self._today))
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(value or "")
        else:
            w.setText(value or "")

    def to_input(self) -> RequestInput:
        v = self.values()
        v["id_number"] = v["id_number"].upper()
        return RequestInput(**v)

    def load(self, d: RequestDetail) -> None:
        for s in SPECS:
            self.set_value(s.key, getattr(d, s.key))
        self.clear_errors()

    def clear(self) -> None:
        for s in SPECS:
            self.set_value(s.key, None if s.kind != "choice" else s.choices[0])
        self._type_changed(self.value("applicant_type"))
        self.clear_errors()
        self._update_receipt()

    # -- checking ---------------------------------------------------------------------------
    def _edited(self, key: str) -> None:
        self._touched.add(key)
        related = {"id_type": ("id_number",), "arrival_date": ("confirmation_date",),
                   "channel": ()}.get(key, ())
        for k in (key, *related):
            if k in self._touched or k == key:
                self.check(k)
        if key in ("channel", "arrival_date", "confirmation_date"):
            self._update_receipt()
        self.changed.emit(key)

    def check(self, key: str) -> str | None:
        problem = field_problem(key, self.values(), self._today)
        self.show_error(key, problem)
        return problem

    def check_all(self) -> str | None:
        """Check every field; returns the key of the first problem (and focuses it)."""
        first = None
        for s in SPECS:
            if self.check(s.key) and first is None:
                first = s.key
        if first:
            self.widgets[first].setFocus()
        return first

    def show_error(self, key: str | None, message: str | None) -> None:
        if key not in self.errors:
            return
        label, w = self.errors[key], self.widgets[key]
        label.setText(message or "")
        label.setVisible(bool(message))
        target = w.edit if isinstance(w, OptionalDateEdit) else w
        if bool(target.property("invalid")) != bool(message):
            target.setProperty("invalid", bool(message))
            repolish(target)

    def error_text(self, key: str) -> str:
        label = self.errors[key]
        return "" if label.isHidden() else label.text()

    def clear_errors(self) -> None:
        self._touched.clear()
        for key in self.errors:
            self.show_error(key, None)

    def _type_changed(self, applicant_type: str) -> None:
        person = applicant_type == ApplicantType.PERSON
        if not self.value("id_number"):
            self.set_value("id_type", IdType.RESIDENT_ID if person else IdType.CREDIT_CODE)

    def _update_receipt(self) -> None:
        self.receipt_label.setText(receipt_text(self.value("channel") or Channel.IN_PERSON,
                                                self.value("arrival_date"),
                                                self.value("confirmation_date")))


def _upper_case(edit: QLineEdit, text: str) -> None:
    if text != text.upper():
        cursor = edit.cursorPosition()
        edit.setText(text.upper())
        edit.setCursorPosition(cursor)
