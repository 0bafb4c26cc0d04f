"""全市案例库 in the 案例库 page on a city server: 甲's chief publishes from the page; 乙's clerk, choosing the
scope 全市案例库, finds it with 甲's name; 甲 withdraws it (reason asked) and 乙's page no longer lists it."""

import pytest

from app.services.container import Services
from app.ui.common import prompts
from app.ui.library.library_view import CITY, LibraryView
from tests.services.city.city_library_support import build_city
from tests.services.city.test_city_library_live import _library_case
from tests.ui.desk_support import answers  # noqa: F401

pytestmark = [pytest.mark.pg, pytest.mark.qt_log_ignore("propagateSizeHints")]


@pytest.fixture(scope="module")
def city(pg_server):
    c = build_city(pg_server)
    yield c
    c.dispose()


def _page(qtbot, bureau, actor) -> LibraryView:
    s = Services.build(bureau.db)
    page = LibraryView(s.library, actor, city=s.city_library)
    qtbot.addWidget(page)
    page.resize(1100, 650)
    page.show()
    return page


def _titles(page) -> list[tuple[str, str]]:
    return [(page.model.row_at(r).title, page.model.row_at(r).origin) for r in range(page.model.rowCount())]


def test_publish_find_withdraw_through_the_page(qtbot, city, answers):  # noqa: F811
    jia, yi = city.bureaus["jia"], city.bureaus["yi"]
    _library_case(jia.db, jia.clerk, jia.handler, jia.chief)
    mine = _page(qtbot, jia, jia.chief)
    mine.table.selectRow(0)
    assert mine.buttons["发布到全市案例库…"].isEnabled()
    mine.buttons["发布到全市案例库…"].click()
    assert answers.messages("info") == ["“征收补偿协议部分公开”已发布到全市案例库。"]
    mine.table.selectRow(0)
    assert not mine.buttons["发布到全市案例库…"].isEnabled()          # published once
    assert "已发布到全市案例库" in mine.detail.toPlainText()

    theirs = _page(qtbot, yi, yi.clerk)
    assert _titles(theirs) == []                                      # 乙's own library is empty
    theirs.scope.setCurrentText(CITY)
    assert _titles(theirs) == [("征收补偿协议部分公开", "甲区住房和城乡建设局")]
    theirs.table.selectRow(0)
    assert "来源：甲区住房和城乡建设局" in theirs.detail.toPlainText()
    assert not theirs.buttons["从全市案例库撤回…"].isEnabled()         # not 乙's to withdraw
    theirs.grab().save("/work/shots/city-library/yi_city_scope.png")

    mine.scope.setCurrentText(CITY)
    mine.table.selectRow(0)
    assert _titles(mine) == [("征收补偿协议部分公开", "甲区住房和城乡建设局（本机关发布）")]
    prompts.set_answer("text", lambda title, label: "案情涉及的协议已被法院撤销")
    mine.buttons["从全市案例库撤回…"].click()
    assert answers.messages("info")[-1] == "“征收补偿协议部分公开”已从全市案例库撤回，各机关不再能检索到。"
    assert _titles(mine) == []
    theirs.search()
    assert _titles(theirs) == []
