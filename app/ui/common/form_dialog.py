"""A small form dialog built from field specs; it asks only for what an action needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Sequence

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout,
    QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget,
)

from app.errors import DomainError, ValidationError
from app.ui.common import prompts
from app.ui.common.date_field import DateEdit
from app.ui.common.error_line import error_label, hide_error_line, show_error_line

Choices = Sequence[tuple[str, Any]]


@dataclass(frozen=True)
class FormField:
    key: str
    label: str
    kind: str = "text"     # date | optional_date | text | multiline | choice | int | money
    default: Any = None
    choices: Choices | Callable[[dict], Choices] = ()
    depends_on: str = ""   # choice lists recomputed when this field changes
    required: bool = False
    minimum: float = 0
    maximum: float = 9999
    placeholder: str = ""
    check: Callable[[Any], str] | None = None   # the message when the value is out of bounds, "" when fine
    fixed_when_single: bool = False             # a choice with one option is shown, not asked (disabled)


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def date_edit(value: date | None, parent=None) -> QDateEdit:
    """A date field that takes a typed date and pops up the holiday calendar (app/ui/common/date_field.py)."""
    return DateEdit(to_qdate(value or date.today()), parent)


class OptionalDateEdit(QWidget):
    """A date that may be unknown: a check box enables the date editor."""

    changed = Signal()

    def __init__(self, value: date | None, fallback: date, parent=None, check_text: str = "已知"):
        super().__init__(parent)
        self.check = QCheckBox(check_text, self)
        self.edit = date_edit(value or fallback, self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.edit, 1)
        self.setFocusProxy(self.check)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(lambda *_: self.changed.emit())
        self.edit.dateChanged.connect(lambda *_: self.changed.emit())
        self.set_value(value, fallback)

    def value(self) -> date | None:
        return from_qdate(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, value: date | None, fallback: date | None = None) -> None:
        if value is not None or fallback is not None:
            self.edit.setDate(to_qdate(value or fallback))
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)


class FormDialog(QDialog):
    def __init__(self, parent, title: str, fields: Sequence[FormField], submit: Callable[[dict], Any],
                 intro: str = "", preview: Callable[[dict], str] | None = None,
                 today: date | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self._fields, self._submit, self._preview = list(fields), submit, preview
        self._today = today or date.today()
        self._widgets: dict[str, QWidget] = {}
        self._choices: dict[str, list] = {}
        self._errors: dict[str, QLabel] = {}
        self.result_value: Any = None
        self.failure: DomainError | None = None
        self._build(intro)

    # -- building ---------------------------------------------------------------------------
    def _build(self, intro: str) -> None:
        outer = QVBoxLayout(self)
        if intro:
            label = QLabel(intro, self)
            label.setWordWrap(True)
            label.setObjectName("dialogIntro")
            outer.addWidget(label)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignRight | Qt.AlignVCenter)
        for f in self._fields:
            w = self._make(f)
            self._widgets[f.key] = w
            err = error_label(self)
            self._errors[f.key] = err
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(w)
            box.addWidget(err)
            form.addRow(f.label + ("*" if f.required else "") + "：", box)
        outer.addLayout(form)
        self._preview_label = QLabel(self)
        self._preview_label.setObjectName("dialogPreview")
        self._preview_label.setWordWrap(True)
        self._preview_label.setVisible(self._preview is not None)
        outer.addWidget(self._preview_label)
        self._general_error = error_label(self)
        outer.addWidget(self._general_error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText("确定")
        buttons.button(QDialogButtonBox.Cancel).setText("取消")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        for f in self._fields:
            if f.kind == "choice" and f.depends_on:
                self._connect_change(self._widgets[f.depends_on], lambda f=f: self._refill(f))
            self._connect_change(self._widgets[f.key], self._update_preview)
            self._connect_change(self._widgets[f.key], lambda f=f: self._corrected(f))
        self._update_preview()

    def _make(self, f: FormField) -> QWidget:
        if f.kind == "date":
            return date_edit(f.default or self._today, self)
        if f.kind == "optional_date":
            return OptionalDateEdit(f.default, self._today, self)
        if f.kind == "multiline":
            w = QPlainTextEdit(self)
            w.setPlainText(f.default or "")
            w.setPlaceholderText(f.placeholder)
            w.setTabChangesFocus(True)
            w.setFixedHeight(84)
            return w
        if f.kind == "choice":
            w = QComboBox(self)
            self._fill(w, f, self.values() if f.depends_on else {})
            return w
        if f.kind in ("int", "money"):
            w = QSpinBox(self) if f.kind == "int" else QDoubleSpinBox(self)
            if f.kind == "money":
                w.setDecimals(2)
                w.setSuffix(" 元")
            w.setRange(f.minimum, f.maximum)
            w.setValue(f.default if f.default is not None else f.minimum)
            return w
        w = QLineEdit(self)
        w.setText(f.default or "")
        w.setPlaceholderText(f.placeholder)
        return w

    def _fill(self, combo: QComboBox, f: FormField, values: dict) -> None:
        # Qt turns str-based enums into plain str on the way through QVariant, so the combo keeps
        # only positions and the Python values stay here.
        choices = list(f.choices(values) if callable(f.choices) else f.choices)
        self._choices[f.key] = [value for _label, value in choices]
        combo.clear()
        for i, (label, _value) in enumerate(choices):
            combo.addItem(label, i)
        at = next((i for i, (_l, v) in enumerate(choices) if v == f.default), 0)
        combo.setCurrentIndex(at if choices else -1)
        if f.fixed_when_single:
            combo.setEnabled(len(choices) > 1)

    def _refill(self, f: FormField) -> None:
        self._fill(self._widgets[f.key], f, self.values())

    @staticmethod
    def _connect_change(w: QWidget, slot) -> None:
        for signal in ("currentIndexChanged", "dateChanged", "valueChanged", "textChanged"):
            if hasattr(w, signal):
                getattr(w, signal).connect(lambda *_: slot())
                return
        if isinstance(w, OptionalDateEdit):
            w.changed.connect(slot)

    # -- values and submission --------------------------------------------------------------
    def values(self) -> dict:
        out = {}
        for f in self._fields:
            w = self._widgets.get(f.key)
            if w is None:
                continue
            if isinstance(w, OptionalDateEdit):
                out[f.key] = w.value()
            elif isinstance(w, QDateEdit):
                out[f.key] = from_qdate(w.date())
            elif isinstance(w, QPlainTextEdit):
                out[f.key] = w.toPlainText().strip()
            elif isinstance(w, QComboBox):
                i, options = w.currentIndex(), self._choices.get(f.key, [])
                out[f.key] = options[i] if 0 <= i < len(options) else None
            elif isinstance(w, (QSpinBox, QDoubleSpinBox)):
                out[f.key] = w.value()
            else:
                out[f.key] = w.text().strip()
        return out

    def widget(self, key: str) -> QWidget:
        """The editor of field ``key`` (journey tests fill it as a person would)."""
        return self._widgets[key]

    def error_text(self, key: str | None = None) -> str:
        """The message shown under field ``key`` (or under the form), "" when none is shown."""
        label = self._errors.get(key or "", self._general_error)
        return label.text() if not label.isHidden() else ""

    def preview_text(self) -> str:
        return self._preview_label.text()

    def _update_preview(self) -> None:
        if len(self._widgets) != len(self._fields):
            return
        values = self.values()
        for f in self._fields:
            if f.check is not None:
                problem = f.check(values.get(f.key))
                if problem:
                    show_error_line(self._errors[f.key], problem)
                elif not self._errors[f.key].isHidden():
                    self._corrected(f)
        if self._preview is not None:
            self._preview_label.setText(self._preview(values))

    def _corrected(self, f: FormField) -> None:
        """The user changed field ``f``: its error line goes once the field no longer has the fault
        (a required field filled, its own check passed); a service's message goes at the first edit."""
        if not self._general_error.isHidden():
            hide_error_line(self._general_error)
        label = self._errors[f.key]
        value = self.values().get(f.key)
        if label.isHidden() or (f.required and value in (None, "")):
            return
        if f.check is None or not f.check(value):
            hide_error_line(label)

    def show_error(self, message: str, key: str | None = None) -> None:
        for label in (*self._errors.values(), self._general_error):
            hide_error_line(label)
        show_error_line(self._errors.get(key or "", self._general_error), message)
        if key in self._widgets:
            self._widgets[key].setFocus()

    def _accept(self) -> None:
        values = self.values()
        missing = missing_field(self._fields, values)
        if missing:
            self.show_error(f"请填写{missing.label}。", missing.key)
            return
        problem = next(((f, f.check(values.get(f.key))) for f in self._fields
                        if f.check is not None and f.check(values.get(f.key))), None)
        if problem:
            self.show_error(problem[1], problem[0].key)
            return
        try:
            self.result_value = self._submit(values)
        except ValidationError as e:
            self.show_error(e.message, e.field)
            return
        except DomainError as e:      # conflicts and forbidden actions: the caller reports them
            self.failure = e
            self.reject()
            return
        self.accept()

    @classmethod
    def ask(cls, parent, title: str, fields: Sequence[FormField], submit: Callable[[dict], Any],
            intro: str = "", preview: Callable[[dict], str] | None = None,
            today: date | None = None) -> Any:
        """Show the form; return ``submit(values)`` once it succeeds, or None when cancelled.

        Tests answer with ``prompts.set_answer("form", fn(title, defaults) -> dict | None)``.
        """
        canned = prompts.canned("form")
        if canned is not None:
            defaults = {f.key: f.default for f in fields}
            answer = canned(title, defaults)
            if answer is None:
                return None
            values = {**defaults, **answer}
            missing = missing_field(fields, values)
            if missing:
                raise ValidationError(f"请填写{missing.label}。", missing.key)
            for f in fields:
                problem = f.check(values.get(f.key)) if f.check is not None else ""
                if problem:
                    raise ValidationError(problem, f.key)
            return submit(values)
        dialog = cls(parent, title, fields, submit, intro, preview, today)
        accepted = dialog.exec() == QDialog.Accepted
        if dialog.failure is not None:
            raise dialog.failure
        return dialog.result_value if accepted else None


def missing_field(fields: Sequence[FormField], values: dict) -> FormField | None:
    return next((f for f in fields if f.required and values.get(f.key) in (None, "")), None)
