"""The public command line keeps its options and words (--column, --value, --dry-run) and gains --default,
--row-value and 原列名#n for the new ledger shapes; its messages give command-line fixes, never the window's."""

import pytest

from tests.services.ledger.test_ledger_bad_input import cli
from tests.services.ledger.test_ledger_office import snapshot

pytestmark = pytest.mark.usefixtures("shared_samples")


def test_siteserver_by_command_line(any_db, capsys, shared_samples):
    path = str(shared_samples / "ledger-siteserver.xlsx")
    code, out, err = cli(any_db, capsys, "import-ledger", path, "--column", "办理日期=答复日期",
                         "--value", "申请人类型:法人/其他组织=按申请人名称判断", "--dry-run")
    assert code == 0, err
    lines = out.splitlines()
    assert "试运行（未写入任何数据）：将新增17件，将更新0件，无变化0件，拒绝0处。" in lines
    assert "  新增 第3行 WZRVUQ 某某律师事务所（法律服务机构） 部分公开" in lines
    assert "  新增 第16行 2U9K9G 某某村民委员会（其他）" in lines
    assert "提示：“姓名”（第4列）、“名称”（第13列）都对应“申请人”：每行取其中第一个非空的值" in lines
    assert snapshot(any_db)[0] == 0
    # the reply column may also be named on the command line, and one guess overruled
    code, out, err = cli(any_db, capsys, "import-ledger", path, "--column", "办理日期=答复日期",
                         "--column", "回复内容=办理结果（按关键词判断）", "--column", "联系电话#2=忽略",
                         "--value", "申请人类型:法人/其他组织=按申请人名称判断",
                         "--row-value", "10:办理结果=属于行政查询事项")
    assert code == 0, err
    assert snapshot(any_db)[0] == 17


def test_oa_by_command_line(any_db, capsys, shared_samples):
    path = str(shared_samples / "ledger-oa.xlsx")
    code, out, err = cli(any_db, capsys, "import-ledger", path)
    assert code == 1
    assert ("  第1行“申请人类型”列：表头缺少此列（必填列：申请编号、收到日期、申请人、申请人类型、申请内容）；"
            "如台账用别的列名，请用 --column 原列名=申请人类型 指明") in err.splitlines()
    base = ["--default", "申请人类型=按申请人名称判断", "--value", "办理结果:已答复=逐行选择",
            "--value", "办理结果:申请人撤回=其他"]
    code, out, err = cli(any_db, capsys, "import-ledger", path, *base)
    assert code == 1
    assert ("  第12行“办理结果”列：“已答复”设为逐行选择，本行还没有选择：请用 --row-value 12:办理结果=… 指定"
            in err.splitlines()), err
    assert "④" not in err and "①" not in err and "②" not in err          # the window's words stay there
    code, out, err = cli(any_db, capsys, "import-ledger", path, *base, "--row-value", "12:办理结果=予以公开",
                         "--row-value", "13：办理结果=没有现成信息需要另行制作")
    assert code == 0, err
    assert "导入完成：新增17件，更新0件，无变化0件，拒绝0处。" in out.splitlines()


@pytest.mark.parametrize("args, expected", [
    (["--default", "申请人类型=公司"], "--default “申请人类型=公司”应写成 列名=值"),
    (["--default", "申请内容=某文件"], "--default “申请内容=某文件”应写成 列名=值"),
    (["--row-value", "第七行:办理结果=予以公开"], "--row-value “第七行:办理结果=予以公开”应写成 行号:列名=值"),
    (["--column", "回复内容=办理结果按关键词"], "--column “回复内容=办理结果按关键词”应写成 原列名=列名（同名的第2列写 原列名#2）"),
])
def test_bad_new_options_name_the_fix(any_db, capsys, shared_samples, args, expected):
    code, _, err = cli(any_db, capsys, "import-ledger", str(shared_samples / "ledger-oa.xlsx"), *args)
    assert code == 1 and expected in err, err
    assert snapshot(any_db)[0] == 0
