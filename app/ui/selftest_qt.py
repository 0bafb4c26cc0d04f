"""The selftest's Qt check: the styled application starts offscreen, speaks Chinese and draws a chart."""

from __future__ import annotations

import os
from pathlib import Path


def qt_offscreen_check(folder: Path) -> str:
    """Start Qt on the offscreen platform (unless an application already runs) and render a page."""
    from PySide6.QtCore import QLibraryInfo, QTranslator
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from app.ui.startup import make_application

    app = make_application([])
    translator = QTranslator(app)
    folder_qm = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load("qtbase_zh_CN", folder_qm):
        raise RuntimeError(f"缺少Qt中文翻译 qtbase_zh_CN.qm（{folder_qm}）")
    # Chinese sorting (the file dialog's, QCollator's) comes from Qt's ICU data, which the Linux bundle trims:
    # pinyin order puts 李 (lǐ) before 张 (zhāng), code point order the other way round.
    from PySide6.QtCore import QCollator, QLocale

    if QCollator(QLocale(QLocale.Chinese, QLocale.China)).compare("李", "张") >= 0:
        raise RuntimeError("缺少中文排序数据（ICU），“李”未排在“张”之前")
    from app.services.cases.query_service import MonthlyFigures
    from app.ui.common.monthly_chart import MonthlyChartView

    view = MonthlyChartView()
    view.resize(640, 320)
    view.show_figures(MonthlyFigures(2025, tuple(range(12)), {"一": tuple(range(12))}))
    image = view.grab()
    out = folder / "qt-offscreen.png"
    if image.isNull() or not image.save(str(out)):
        raise RuntimeError("离屏绘制界面失败")
    view.deleteLater()
    return f"Qt {app.platformName()} 平台启动，中文翻译和拼音排序已载入，图表绘制为 {out.name}"
