"""The office settings form (机关信息, 文号, 期限与预警, 救济途径, 统计口径, 文书模板), built from data."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QSpinBox, QVBoxLayout, QWidget,
)

from app.errors import DomainError, ValidationError
from app.services.counters import format_number
from app.services.dto import Actor
from app.services.settings_service import OfficeSettings, SettingsService
from app.ui.common import prompts
from app.ui.settings.settings_field_errors import FieldErrors
from app.workflow.outcomes import Outcome


@dataclass(frozen=True)
class SettingField:
    key: str        # attribute of OfficeSettings
    label: str
    kind: str       # text | int | bool | outcome | folder
    group: str
    hint: str = ""
    suffix: str = " 个工作日"                   # int fields: the unit shown after the number
    bounds: tuple[int, int] = (0, 60)           # int fields: as the service checks them


FIELDS: tuple[SettingField, ...] = (
    SettingField("agency_name", "机关名称", "text", "机关信息", "文书落款、年度报告标题使用的全称"),
    SettingField("agency_short", "机关简称", "text", "机关信息", "用于文号中的{机关简称}"),
    SettingField("number_pattern", "答复书文号格式", "text", "文号", "可用{机关简称}、{年}、{序号}"),
    SettingField("request_number_pattern", "申请编号格式", "text", "文号", "登记时自动编号所用格式"),
    SettingField("amber_days", "黄色预警（工作日）", "int", "期限与预警", "距答复期限不足该天数时标黄"),
    SettingField("red_days", "红色预警（工作日）", "int", "期限与预警", "距答复期限不足该天数时标红"),
    SettingField("draft_lead_days", "承办处室提前报送（工作日）", "int", "期限与预警",
                 "承办处室须在答复期限前几个工作日报送初稿"),
    SettingField("correction_period_days", "补正期限（工作日）", "int", "期限与预警", "申请人补正的期限"),
    SettingField("agency_code", "机关代码", "text", "机关信息",
                 "省级平台数据交换文件中的机关代码，建议填写统一社会信用代码"),
    SettingField("report_site", "年度报告发布位置", "text", "机关信息", "年度报告序言：电子版可在何处查阅"),
    SettingField("report_contact", "年度报告联系方式", "text", "机关信息", "例如：地址……，邮编……，电话……"),
    SettingField("review_body", "复议机关", "text", "救济途径", "答复书中“向……申请行政复议”"),
    SettingField("court", "人民法院", "text", "救济途径", "答复书中“向……提起行政诉讼”"),
    SettingField("not_responsible_outcome", "非本机关负责的申请计入", "outcome", "统计口径"),
    SettingField("special_rules_outcome", "特别规定（第三十六条第（七）项）计入", "outcome", "统计口径",
                 "无统一口径：默认（六）3其他；不少机关将不动产、工商登记资料计入（三）8行政查询事项"),
    SettingField("proactive_min_applicants", "转主动公开候选（申请人数）", "int", "统计口径",
                 "期间内同一事项的申请人达到该人数，列为依申请转主动公开候选（第四十四条）",
                 suffix=" 人", bounds=(2, 100)),
    SettingField("template_dir", "文书模板文件夹", "folder", "文书模板", "留空则使用程序自带模板"),
    SettingField("collection_place", "自行领取地点", "text", "文书内容", "答复书中“到……领取”，每份答复可另填"),
    SettingField("collection_hours", "自行领取时间", "text", "文书内容", "答复书中“于……领取”，每份答复可另填"),
    SettingField("fee_payment", "信息处理费缴纳方式", "text", "文书内容", "非税收入账户或缴费窗口、财政票据"),
    SettingField("fee_time_basis", "缴费期间不计入期限的依据", "text", "文书内容",
                 "如《政府信息公开信息处理费管理办法》第×条"),
    SettingField("reasons_period_days", "说明理由期限（工作日）", "int", "文书内容", "第三十五条要求说明理由的期限"),
    SettingField("withdrawal_notice", "撤回时出具终止办理告知书", "bool", "文书内容"),
)
LEFT_GROUPS = ("机关信息", "文号", "救济途径", "文书内容")
RIGHT_GROUPS = ("期限与预警", "统计口径", "文书模板")
NOT_RESPONSIBLE_CHOICES = (Outcome.NOT_HELD, Outcome.OTHER)
OUTCOME_CHOICES = {"not_responsible_outcome": NOT_RESPONSIBLE_CHOICES,
                   "special_rules_outcome": (Outcome.OTHER, Outcome.INQUIRY)}


class OfficeSettingsForm(QWidget):
    """Loads ``SettingsService``; only an administrator gets a save button."""

    saved = Signal(object)   # the OfficeSettings now stored

    def __init__(self, settings: SettingsService, actor: Actor, editable: bool, parent=None):
        super().__init__(parent)
        self._service, self._actor, self._editable = settings, actor, editable
        self.errors = FieldErrors()
        self.widgets: dict[str, QWidget] = {}
        self.status = QLabel()
        self.status.setObjectName("settings_status")
        self.save_button = QPushButton("保存设置")
        self.save_button.clicked.connect(self.save)
        self.example = QLabel()
        self._build()
        self.load()

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        grid = QGridLayout()
        for col, groups in enumerate((LEFT_GROUPS, RIGHT_GROUPS)):
            column = QVBoxLayout()
            for group in groups:
                column.addWidget(self._group(group))
            column.addStretch(1)
            grid.addLayout(column, 0, col)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        self.save_button.setVisible(self._editable)
        outer = QVBoxLayout(self)
        outer.addLayout(grid)
        outer.addLayout(buttons)
        outer.addStretch(1)

    def _group(self, title: str) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        for f in FIELDS:
            if f.group == title:
                widget = self._widget(f)
                self.widgets[f.key] = widget
                shown = self._with_browse(widget) if f.kind == "folder" else widget
                form.addRow(f.label, self.errors.wrap(f.key, shown))
                if f.key == "number_pattern":
                    form.addRow("", self.example)
        return box

    def _widget(self, f: SettingField) -> QWidget:
        if f.kind == "int":
            w = QSpinBox()
            w.setRange(*f.bounds)
            w.setSuffix(f.suffix)
            w.setReadOnly(not self._editable)
        elif f.kind == "bool":
            w = QCheckBox()
            w.setEnabled(self._editable)
        elif f.kind == "outcome":
            w = QComboBox()
            for o in OUTCOME_CHOICES[f.key]:
                w.addItem(f"（{o.group}）{o.row_label}", o.code)
            w.setEnabled(self._editable)
        else:
            w = QLineEdit()
            w.setReadOnly(not self._editable)
            w.setPlaceholderText(f.hint)
            if f.key in ("number_pattern", "agency_short"):
                w.textChanged.connect(self._show_example)
        w.setObjectName(f.key)
        w.setToolTip(f.hint)
        return w

    def _with_browse(self, edit: QWidget) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        browse = QPushButton("浏览…")
        browse.clicked.connect(self._browse)
        browse.setVisible(self._editable)
        row.addWidget(browse)
        return box

    # -- values ------------------------------------------------------------------------------
    def load(self) -> None:
        self._loaded = self._service.load()
        for f in FIELDS:
            self._set(f, getattr(self._loaded, f.key))
        self.errors.clear()
        self._show_example()

    def _set(self, f: SettingField, value) -> None:
        w = self.widgets[f.key]
        if isinstance(w, QSpinBox):
            w.setValue(int(value))
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QComboBox):
            w.setCurrentIndex(max(0, w.findData(value)))
        else:
            w.setText(str(value))

    def values(self) -> OfficeSettings:
        changes = {}
        for f in FIELDS:
            w = self.widgets[f.key]
            if isinstance(w, QSpinBox):
                changes[f.key] = w.value()
            elif isinstance(w, QCheckBox):
                changes[f.key] = w.isChecked()
            elif isinstance(w, QComboBox):
                changes[f.key] = w.currentData()
            else:
                changes[f.key] = w.text().strip()
        return replace(self._loaded, **changes)

    def has_changes(self) -> bool:
        return self._editable and self.values() != self._loaded

    def save(self) -> None:
        new = self.values()
        changed = [f.label for f in FIELDS if getattr(new, f.key) != getattr(self._loaded, f.key)]
        try:
            self._loaded = self._service.save(self._actor, new)
        except ValidationError as e:
            if not self.errors.show(e):
                prompts.error(self, "设置未保存", e.message)
            self.status.setText("设置未保存，请按提示修改。")
            return
        except DomainError as e:
            prompts.error(self, "设置未保存", e.message)
            return
        self.errors.clear()
        self.status.setText(f"已保存：{'、'.join(changed)}。" if changed else "没有修改。")
        self.saved.emit(self._loaded)

    def _show_example(self) -> None:
        pattern = self.widgets["number_pattern"].text()
        short = self.widgets["agency_short"].text()
        self.example.setText("示例：" + format_number(pattern, short, date.today().year, 1))

    def _browse(self) -> None:
        edit = self.widgets["template_dir"]
        path = prompts.choose_folder(self, "选择文书模板文件夹", edit.text())
        if path:
            edit.setText(path)
