"""Benchmark: 数据分析 of a year holding 50,000 cases, and the grouping's (集中申请事项) share of it.

The cases carry varied Chinese wordings (place × subject × phrasing, with person names), so the
grouping segments thousands of distinct texts, as it would in a big city's year, not a handful of
demo templates. Reported: the whole ``AnalysisService.analyse`` (SQL, figures, grouping), the grouping
alone, the .xlsx and .docx exports, each the median of a few runs (the first, cold run shown apart:
it loads jieba's dictionary).
Run: python benches/bench_analysis.py [N]
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from app.models import Department, Request, ReviewCase  # noqa: E402
from app.services.reports.analysis_service import AnalysisService  # noqa: E402
from app.workflow.vocabulary import Role  # noqa: E402
from tests.conftest import login_as  # noqa: E402
from app.services.uow import Database  # noqa: E402

PLACES = [f"{a}{b}" for a in ("东", "西", "南", "北", "新", "老", "城")
          for b in ("湖村", "塘镇", "山街道", "桥社区", "港片区")]
SUBJECTS = ("房屋征收补偿安置方案", "征收补偿标准", "国有土地上房屋征收决定", "拆迁补偿协议", "规划许可证及附图",
            "建设工程规划许可证", "控制性详细规划调整批复", "环境影响评价批复", "行政处罚决定书", "宅基地审批材料",
            "集体土地征收批复", "土地出让合同", "道路改造工程立项批复", "学校扩建工程规划设计条件", "竣工验收备案表",
            "部门预算", "招商引资优惠政策", "河道整治工程验收报告", "垃圾处理设施选址论证报告", "停车场建设项目审批",
            "棚户区改造项目征收补偿款发放明细", "违法建设查处记录", "不动产登记资料", "公交线路调整听证记录")
PHRASES = ("申请公开{p}{s}", "请提供{p}{s}文件", "关于{p}{s}的情况", "我要求查阅{p}{s}", "申请获取{n}所在{p}的{s}",
           "{p}{s}复印件一份")
NAMES = ("张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴霞", "徐明", "孙丽")
DEPTS = ("办公室", "规划科", "用地科", "执法监察支队", "不动产登记中心", "法规科")


def fill(db: Database, n: int, seed: int = 12) -> None:
    rng = random.Random(seed)
    now = datetime(2026, 1, 20, 9)
    with db.uow() as uow:
        s = uow.session
        s.execute(insert(Department), [dict(id=i + 1, name=d, active=True) for i, d in enumerate(DEPTS)])
        rows = []
        for i in range(n):
            receipt = date(2025, 1, 1) + timedelta(days=int(364 * i / n))
            reply = receipt + timedelta(days=rng.randint(5, 40)) if rng.random() < 0.95 else None
            text = rng.choice(PHRASES).format(p=rng.choice(PLACES), s=rng.choice(SUBJECTS), n=rng.choice(NAMES))
            rows.append(dict(
                id=i + 1, number=f"B{i + 1}", status="已答复" if reply else "办理中",
                channel=rng.choice(("当面", "网络", "邮寄")), applicant_type="自然人",
                applicant_name=f"申请人{rng.randint(1, n // 3)}", description=text, arrival_date=receipt,
                receipt_date=receipt, reply_date=reply, reply_due=receipt + timedelta(days=28),
                outcome="一.0" if reply else None, department_id=rng.randint(1, len(DEPTS)),
                created_at=now, updated_at=now, version=1))
        for k in range(0, n, 10_000):
            s.execute(insert(Request), rows[k:k + 10_000])
        s.execute(insert(ReviewCase), [dict(kind="行政复议", filed_on=date(2025, 6, 1), result="纠正",
                                            decided_on=date(2025, 8, 1), notes="")] * 30)
        uow.commit()


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    tmp = Path(tempfile.mkdtemp(prefix="bench_analysis."))
    db = Database.open(str(tmp / "b.sqlite3"))
    t = time.perf_counter()
    fill(db, n)
    print(f"{n} cases written in {time.perf_counter() - t:.1f} s")
    svc = AnalysisService(db, lambda: date(2026, 1, 20))
    start, end = date(2025, 1, 1), date(2025, 12, 31)
    t = time.perf_counter()
    reader = login_as(svc._db, "bench_admin", "管理员", Role.ADMIN)
    cold = svc.analyse(reader, start, end)
    print(f"cold (jieba dictionary loaded, every text segmented): {time.perf_counter() - t:.2f} s, "
          f"grouping {cold.grouping_seconds:.2f} s")
    from app.workflow.subjects import keywords
    totals, groupings = [], []
    for _ in range(3):
        keywords.cache_clear()           # segment again: a new session's cost, without the dictionary load
        r = svc.analyse(reader, start, end)
        totals.append(r.seconds)
        groupings.append(r.grouping_seconds)
    total, grouping = statistics.median(totals), statistics.median(groupings)
    print(f"analysis of {r.figures.received} cases received in 2025: {total:.2f} s (median of 3), "
          f"grouping {grouping:.2f} s = {grouping / total:.0%}; {len(r.subjects)} concentrated subjects, "
          f"largest {r.subjects[0].label} ({r.subjects[0].count})")
    for suffix in ("xlsx", "docx"):
        t = time.perf_counter()
        svc.export(reader, start, end, tmp / f"a.{suffix}")
        print(f"export .{suffix} (analysis included, segmentation cached): {time.perf_counter() - t:.2f} s")
    db.dispose()


if __name__ == "__main__":
    main()
