"""What the applicant's status shows while the case is handled: consultation (time not counted) and an
extension on the timeline, the due date moved; never a staff name, an internal opinion or the third party."""

from datetime import date, datetime

from app.workflow.deadline import PauseKind
from tests.conftest import login_as
from tests.services.helpers import add_department
from tests.services.online.support import HOME, Clock, citizen, services
from app.workflow.vocabulary import Role


def test_handling_shows_stages_not_people_or_opinions(any_db, clerk, chief):
    clock = Clock(datetime(2025, 3, 3, 9, 0))
    online, desk, svc, clock = services(any_db, clock)
    code = online.submit(None, citizen(), [], HOME).query_code
    [p] = desk.pending()
    d = desk.confirm(clerk, p.request_id, p.version)
    dept = add_department(any_db, "规划科")
    handler = login_as(any_db, "handler9", "孙承办员", Role.HANDLER, dept)
    d = svc.cases.assign(clerk, d.id, d.version, dept, handler.user_id)
    clock.now = datetime(2025, 3, 4, 10, 0)
    d = svc.cases.start_consultation(handler, d.id, d.version, PauseKind.THIRD_PARTY, "某某置业有限公司",
                                     date(2025, 3, 4))
    s = online.status(code, "5678", HOME)
    assert s.stage == "征求意见（暂停计时）"
    clock.now = datetime(2025, 3, 10, 10, 0)
    d = svc.cases.end_consultation(handler, d.id, d.version, date(2025, 3, 10), "内部意见：该公司不同意公开，拟部分公开",
                                   "不同意")
    d = svc.cases.approve_extension(chief, d.id, d.version, date(2025, 3, 10), 20, "需调取档案，内部讨论")
    s = online.status(code, "5678", HOME)
    assert [(t.label, t.on) for t in s.timeline] == [
        ("待确认", s.timeline[0].on), ("已受理", date(2025, 3, 3)), ("征求意见（暂停计时）", date(2025, 3, 4)),
        ("延期", date(2025, 3, 10)), ("已答复", s.due_on)]
    assert s.stage == "延期" and [t.current for t in s.timeline] == [False, False, False, True, False]
    # Hand count (domain §3): 20 + paused + 20 working days after 3 March. paused = working days d with
    # 4 March < d <= 10 March = 5, 6, 7, 10 March = 4. 44 working days: 31 March is the 20th, 3 April the
    # 23rd (4 April 清明), 25 April the 38th, Sunday 27 April (调休) the 39th, 30 April the 42nd (1, 2, 5 May
    # 劳动节), 6 May the 43rd, 7 May the 44th.
    assert s.due_on == date(2025, 5, 7) and not s.due_provisional
    text = repr(s)
    for secret in ("孙承办员", "赵科长", "王登记", "某某置业", "内部意见", "不同意", "拟部分公开", "调取档案", "规划科",
                   "handler9", "clerk1"):
        assert secret not in text, secret
