"""Render every page of the real window, the letter preview and the manual offscreen, at 1366×768 and
1920×1080, into docs/screenshots/<W>x<H>/ (python docs/screenshots/take_screenshots.py).

Each size runs in its own process, on an offscreen screen of that size (so dialogs fit it as they
would on a laptop); the window fills the screen less a 40 px taskbar."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = ((1366, 768), (1920, 1080))
TASKBAR = 40


def _screen_size() -> tuple[int, int]:
    arg = next((a for a in sys.argv[1:] if "x" in a), "1366x768")
    w, h = arg.split("x")
    return int(w), int(h)


SCREEN = _screen_size()
SIZE = (SCREEN[0], SCREEN[1] - TASKBAR)
OUT = HERE / f"{SCREEN[0]}x{SCREEN[1]}"
if "--size" in sys.argv:
    _config = Path(tempfile.gettempdir()) / f"dd_screen_{SCREEN[0]}x{SCREEN[1]}.json"
    _config.write_text('{"screens": [{"name": "screen", "x": 0, "y": 0, "width": %d, "height": %d, '
                       '"logicalDpi": 96}]}' % SCREEN)
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_config}"
sys.path.insert(0, str(HERE.parents[1]))

from PySide6.QtCore import QSettings  # noqa: E402

from app.ui.startup import build_window, make_application  # noqa: E402
from app.services.container import Services  # noqa: E402
from app.services.demos.demo import fill_demo  # noqa: E402
from app.services.cases.query_service import RequestQuery  # noqa: E402
from app.services.uow import Database  # noqa: E402
from app.ui.common.form_dialog import to_qdate  # noqa: E402

TODAY = date(2025, 11, 20)     # fixed, so the pictures do not change from day to day
SLUGS = {"首页": "workbench", "申请列表": "request-list", "登记": "registration", "管理": "settings",
         "数据": "data", "年度报告": "annual-report", "数据分析": "analysis", "督办": "supervision",
         "会商记录": "deliberations", "案例库": "library"}


LIVE = (  # (arrival, name, type, channel, subject) — recent cases still open on TODAY
    (date(2025, 10, 17), "陈立新", "自然人", "当面", "某安置小区分配方案及分配结果"),
    (date(2025, 10, 22), "某某环保公益协会", "社会公益组织", "网络", "某垃圾焚烧发电项目环境影响评价批复"),
    (date(2025, 10, 23), "刘芳", "自然人", "邮寄", "某路段拓宽工程征收红线图"),
    (date(2025, 10, 24), "某某律师事务所", "法律服务机构", "当面", "某地块国有土地使用权出让合同"),
    (date(2025, 10, 27), "周建国", "自然人", "当面", "某村集体土地征收补偿款发放明细"),
    (date(2025, 10, 28), "某某置业有限公司", "商业企业", "电子邮件", "某地块控制性详细规划调整批复"),
    (date(2025, 10, 31), "孙晓梅", "自然人", "网络", "某小学新建工程规划设计方案批复"),
    (date(2025, 11, 4), "吴海", "自然人", "当面", "某工业园区道路工程竣工验收资料"),
    (date(2025, 11, 6), "某某大学城市规划研究院", "科研机构", "网络", "本市2024年度建设用地供应计划执行情况"),
    (date(2025, 11, 10), "郑强", "自然人", "邮寄", "某小区规划条件核实意见书"),
    (date(2025, 11, 13), "王丽华", "自然人", "当面", "某河道整治工程占用土地审批材料"),
    (date(2025, 11, 17), "某某村民委员会", "其他", "当面", "本村土地征收听证会记录"),
    (date(2025, 11, 19), "冯敏", "自然人", "平信", "某停车场建设项目规划许可证"),
)


def _login(services, username: str):
    return services.office.login(username, "demo1234")


def _add_live_cases(services) -> int:
    """Recent cases registered and worked through the services; returns the richest case's id."""
    from app.services.dto import RequestInput
    from app.workflow.deadline import PauseKind

    clerk, handler, chief = (_login(services, u) for u in ("wangdj", "licb", "zhaokz"))
    depts = services.requests.departments()
    rich = None
    for i, (arrival, name, kind, channel, subject) in enumerate(LIVE):
        confirmation = arrival if channel in ("网络", "电子邮件") else None
        d = services.requests.register(clerk, RequestInput(
            applicant_name=name, applicant_type=kind, channel=channel, description=f"申请公开{subject}",
            arrival_date=arrival, confirmation_date=confirmation, requested_form="纸质", delivery="邮寄"))
        if i == 0:          # 补正, then assigned, consulted, extended: the case the detail shot shows
            d = services.cases.request_correction(clerk, d.id, d.version, date(2025, 10, 21),
                                                  "请写明安置小区名称及所需信息的年份。")
            d = services.cases.receive_correction(clerk, d.id, d.version, date(2025, 10, 24))
            d = services.cases.assign(clerk, d.id, d.version, depts[1][0], handler.user_id)
            d = services.cases.start_consultation(handler, d.id, d.version, PauseKind.THIRD_PARTY,
                                                  "某某房地产开发有限公司", date(2025, 10, 29), date(2025, 10, 30))
            d = services.cases.end_consultation(handler, d.id, d.version, date(2025, 11, 12), "同意公开")
            d = services.cases.approve_extension(chief, d.id, d.version, date(2025, 11, 14), 15,
                                                 "涉及多个安置批次，需调取历史档案核对。")
            rich = d.id
        elif i < 11 and channel != "平信":
            d = services.cases.assign(clerk, d.id, d.version, depts[i % len(depts)][0],
                                      handler.user_id if i % 2 else None)
            if i in (3, 6):      # drafted 予以公开 with the reasons the letter prints; one signed off
                d = services.cases.submit(handler, d.id, d.version, decision="予以公开",
                                          reasons="经查，您申请的信息属于本机关制作并保存的政府信息，可以公开。",
                                          opinion="拟予以公开")
                if i == 6:
                    services.cases.sign_off(chief, d.id, d.version)
    return rich


def _shoot(app, window, name: str, folder: Path | None = None) -> None:
    folder = folder or OUT
    folder.mkdir(exist_ok=True)
    for _ in range(3):
        app.processEvents()
    path = folder / name
    window.grab().save(str(path))
    if path.stat().st_size > 250_000:                # keep the repository light: 256 colours
        from PIL import Image

        with Image.open(path) as im:
            im.convert("RGB").quantize(256, dither=Image.Dither.NONE).save(path, optimize=True)
    print("wrote", path, f"{path.stat().st_size // 1024} KB")


def _fill_registration(window) -> None:
    """A half-typed application: a wrong check digit and a likely repeat of an earlier request."""
    reg = window.registration
    reg.new()
    first = window.services.queries.page(RequestQuery(text="张伟"), 0, 1)[0]
    form = reg.form
    form.set_value("applicant_name", first.applicant_name)
    form.set_value("id_number", "110105194912310021")
    form.set_value("phone", "0571-87654321")
    form.set_value("address", "某某市某某区文一路100号")
    form.set_value("postcode", "310012")
    form.set_value("channel", "邮寄")
    form.widgets["arrival_date"].setDate(to_qdate(date(2025, 11, 18)))
    form.set_value("description", first.description + "（含附图）")
    form.set_value("requested_form", "纸质")
    form.set_value("delivery", "邮寄")
    for key in ("id_number", "applicant_name", "description"):
        form.check(key)
    reg.refresh_similar()


def _show_bad_import(data_view, services, admin, tmp: Path) -> None:
    """Export the demo ledger, spoil three cells, import it: the page lists the row-level problems."""
    import openpyxl

    good, bad = tmp / "good.xlsx", tmp / "bad.xlsx"
    services.ledger.export_file(good, 2025)
    wb = openpyxl.load_workbook(good)
    ws = wb.active
    ws["B3"], ws["M5"], ws["A7"] = "2025/13/40", "公开了", ws["A6"].value
    wb.save(bad)
    data_view._imported(services.ledger.import_file(admin, bad))


def _wait(app, condition, seconds: float = 60) -> None:
    import time

    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)


def _admin(services):
    """The demo's administrator (created here when the demo has none)."""
    from app.errors import DomainError
    from app.workflow.vocabulary import Role

    try:
        return services.office.login("admin", "demo1234")
    except DomainError:
        services.office.create_user(None, "admin", "管理员", Role.ADMIN, "demo1234")
        return services.office.login("admin", "demo1234")


def _shoot_admin_pages(app, services, tmp: Path) -> None:
    """Every page the administrator has (管理 on the calendar tab, 数据 after a spoilt import …)."""
    window = build_window(services, _admin(services), QSettings(str(tmp / "ui-admin.ini"), QSettings.IniFormat))
    window.resize(*SIZE)
    window.show()
    for title, holder in zip(window.page_titles(), window._nav_pages):
        if title in ("首页", "申请列表", "登记"):
            continue                                   # shot as the clerk, with a half-typed form
        window.show_page(holder)
        page = getattr(holder, "page", holder)
        slug = SLUGS.get(title, f"page-{window.page_titles().index(title)}")
        if title == "管理":
            _shoot(app, window, "settings.png")
            page.tabs.setCurrentIndex(next(i for i in range(page.tabs.count())
                                           if page.tabs.tabText(i) == "节假日安排"))
            editor = page.calendar_editor
            editor.year.setValue(TODAY.year)          # a built-in year, shown read-only
            _shoot(app, window, "settings-calendar.png")
            continue
        if title == "数据":
            _show_bad_import(page, services, window.actor, tmp)
        if title == "年度报告":
            _wait(app, lambda: page.data is not None and not page.busy)
        if title == "数据分析":
            _run_analysis(app, page)
        if title == "案例库":
            _mark_typical_case(services, window.actor)
            page.search()
            page.table.selectRow(0)
        _shoot(app, window, f"{slug}.png")
    window.close()


def _mark_typical_case(services, actor) -> None:
    """One replied demo case in the 案例库 (its anonymised copy, as the review dialog proposes it)."""
    from dataclasses import replace

    from app.errors import DomainError

    for row in services.queries.page(RequestQuery(statuses=("已答复",)), 0, 30):
        try:
            draft = services.library.draft(actor, row.number)
            services.library.save(actor, replace(draft, title=f"{draft.outcome[:12]}的答复（{row.number}）",
                                                 tags="演示", summary="演示数据中的已答复案件。"))
            return
        except DomainError as e:
            print(f"{row.number}: not in the library ({e.message})")


def _run_analysis(app, page) -> None:
    """数据分析 over the demo year, once its background run has come back."""
    page.start_edit.setDate(to_qdate(date(2024, 10, 1)))
    page.end_edit.setDate(to_qdate(TODAY))
    page.run()
    _wait(app, lambda: page.result is not None)


def _shoot_letter_preview(app, services, window) -> None:
    """A demo 待答复 case's full reply letter, as the clerk previews it before printing."""
    from app.ui.letter.letter_preview_dialog import LetterPreviewDialog

    from app.errors import DomainError

    rid = None
    waiting = services.queries.page(RequestQuery(statuses=("待答复",)), 0, 50)
    for row in sorted(waiting, key=lambda r: not r.number.startswith("演示")):   # the demo's own first
        try:
            services.letters.preview(row.id)
        except DomainError as e:
            print(f"demo 待答复 case {row.number}: no reply letter ({e.message})")
            continue
        rid = row.id
        break
    if rid is None:
        print("no demo 待答复 case opens a reply letter: letter preview not shot")
        return
    dialog = LetterPreviewDialog(window, services.letters, window.actor, rid)
    dialog.show()
    _wait(app, lambda: dialog.preview is not None and not dialog.busy)
    _shoot(app, dialog, "letter-preview.png")
    dialog.closed = True
    dialog.close()


def _shoot_manual(app, window) -> None:
    window.show_manual()
    _shoot(app, window.manual, "manual.png")
    window.manual.close()


def shoot(size_arg: str) -> None:
    from app.ui.common import prompts

    prompts.set_answer("unsaved", lambda *_: "discard")       # closing drops the half-typed form
    for kind in ("info", "warn", "error"):                     # a message would block: print it
        prompts.set_answer(kind, lambda title, text, kind=kind: print(f"[{kind}] {title}: {text}"))
    tmp = Path(tempfile.mkdtemp(prefix="dd_shots."))
    db = Database.open(str(tmp / "demo.sqlite3"))
    services = Services.build(db, lambda: TODAY)
    _admin(services)                                          # before the demo: the first user
    print(fill_demo(db, today=TODAY))
    rich = _add_live_cases(services)
    app = make_application([])
    clerk = _login(services, "wangdj")
    window = build_window(services, clerk, QSettings(str(tmp / "ui.ini"), QSettings.IniFormat))
    window.resize(*SIZE)
    window.show()
    _shoot(app, window, "workbench.png")
    window.show_list()
    _shoot(app, window, "request-list.png")
    window.new_registration()
    _fill_registration(window)
    _shoot(app, window, "registration.png")
    window.open_request(rich)
    _shoot(app, window, "request-detail.png")
    window.detail.tabs.setCurrentIndex(2)
    _shoot(app, window, "request-detail-deadline.png", tmp)      # for review, not committed
    window.detail.tabs.setCurrentIndex(1)
    _shoot(app, window, "request-detail-timeline.png", tmp)
    _shoot_letter_preview(app, services, window)
    _shoot_manual(app, window)
    window.close()
    _shoot_admin_pages(app, services, tmp)
    db.dispose()
    if not os.environ.get("KEEP_SHOTS"):      # KEEP_SHOTS=1 keeps the extra review shots and database
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    if "--size" in sys.argv:
        shoot(sys.argv[-1])
        return
    import subprocess

    for w, h in SIZES:
        subprocess.run([sys.executable, __file__, "--size", f"{w}x{h}"], check=True)


if __name__ == "__main__":
    main()
