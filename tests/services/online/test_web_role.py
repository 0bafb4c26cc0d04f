"""The public web service's PostgreSQL role dd_web (docs/postgresql-roles.sql): every table refused for
SELECT/INSERT/UPDATE/DELETE, the private schema closed, and each dd_web_* function safe with wrong codes."""

from datetime import date

import psycopg
import pytest
from sqlalchemy import text

from app.services.online.dto import OnlineNotFound
from app.services.online.online_service import OnlineService
from app.services.uow import Database
from tests.services.online.support import HOME, SECRET, citizen
from tests.services.trust.test_postgresql_roles import _roles

pytestmark = pytest.mark.pg
STATEMENTS = {"S": "SELECT * FROM {t} LIMIT 1", "I": "INSERT INTO {t} DEFAULT VALUES",
              "U": "UPDATE {t} SET {c} = {c} WHERE false", "D": "DELETE FROM {t} WHERE false"}


@pytest.fixture(scope="module")
def servers(pg_server):
    app_url, _admin = _roles(pg_server)
    owner_url = app_url.replace("dd_app_", "dd_owner_").replace("change-me-app", "change-me-owner")
    web_url = app_url.replace("dd_app_", "dd_web_").replace("change-me-app", "change-me-web")
    return owner_url, web_url


def _plain(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def test_the_web_role_may_touch_no_table(servers):
    owner_url, web_url = servers
    with psycopg.connect(_plain(owner_url)) as conn:
        tables = [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname IN "
                                             "('public', 'dd_private') ORDER BY 1")]
        columns = {t: conn.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                                   "ORDER BY ordinal_position LIMIT 1", (t,)).fetchone()[0] for t in tables}
        private = [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'dd_private'")]
    assert "requests" in tables and "online_submissions" in tables and len(tables) > 30
    allowed = {}
    with psycopg.connect(_plain(web_url), autocommit=True) as conn:
        for t in tables:
            name = f"dd_private.{t}" if t in private else t
            for letter, sql in STATEMENTS.items():
                try:
                    conn.execute(sql.format(t=name, c=columns[t]))
                    allowed.setdefault(t, "")
                    allowed[t] += letter
                except psycopg.errors.InsufficientPrivilege:
                    pass
    # Expected by hand: nothing, on every table (4 statements × every table refused).
    assert allowed == {}


def test_the_web_role_may_not_call_the_desks_functions_internals(servers):
    _owner, web_url = servers
    with psycopg.connect(_plain(web_url), autocommit=True) as conn:
        for sql in ("SELECT dd_private.web_case('x', 'y')", "SELECT * FROM dd_private.web_documents(1)",
                    "SELECT dd_private.chain_append_to(1, 'x', '', NULL, 'k', '', '', '', '')"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)


def test_each_function_with_wrong_codes_gives_nothing(servers):
    owner_url, web_url = servers
    Database.open(owner_url).dispose()
    web = OnlineService(Database.open(web_url, migrate=False), SECRET)
    receipt = web.submit(None, citizen(), [], HOME)       # the one agency: no choice needed
    assert web.status(receipt.query_code, "5678", HOME).stage.startswith("待确认")
    with psycopg.connect(_plain(web_url), autocommit=True) as conn:
        assert conn.execute("SELECT dd_web_status('0' || repeat('a', 63), 'b')").fetchone()[0] is None
        assert conn.execute("SELECT dd_web_status(NULL, NULL)").fetchone()[0] is None
        assert conn.execute("SELECT dd_web_answer('x', '', 'text', '{}', '{}', '{}')").fetchone()[0] == "notfound"
        assert conn.execute("SELECT outcome FROM dd_web_fetch('x', 'y', 1)").fetchone()[0] == "notfound"
        assert conn.execute("SELECT count(*) FROM dd_web_submit('no-such-agency', '{}', '{}', '{}', '{}', '{}')"
                            ).fetchone()[0] == 0
        with pytest.raises(psycopg.errors.InvalidParameterValue):
            conn.execute("SELECT dd_web_throttle('other', 'k', 1, 1, 1, 1, true)")
        # SQL metacharacters travel as values: the wrong code is just wrong.
        assert conn.execute("SELECT dd_web_status($$' OR 1=1 --$$, $$x' OR 'a'='a$$)").fetchone()[0] is None
    for code in ("' OR 1=1 --", receipt.query_code):
        with pytest.raises(OnlineNotFound):
            web.status(code, "1'--", HOME)
    with psycopg.connect(_plain(owner_url)) as conn:
        row = conn.execute("SELECT status, channel, receipt_date FROM requests").fetchone()
    assert row == ("待确认", "网络", None)
    web._db.dispose()


def test_each_agency_sees_and_confirms_only_its_own(servers):
    """A server of two agencies: the web names the agency; A's clerk, on the workstation role dd_app under
    row-level security, lists and confirms only A's submission."""
    from sqlalchemy.orm import Session

    from app.models import User
    from app.services.online.desk_service import OnlineDeskService
    from app.services.trust import server_sessions
    from app.services.trust.office_service import OfficeService
    from app.workflow.vocabulary import Role
    from tests.conftest import TEST_PASSWORD

    owner_url, web_url = servers
    owner = Database.open(owner_url)
    with Session(owner.engine) as s:
        s.execute(text("INSERT INTO agencies (id, code, name) VALUES (2, 'jia', '甲区政务服务数据管理局')"))
        u = User(username="jia_clerk", display_name="甲登记", role=Role.CLERK.value, password_hash="", agency_id=2)
        s.add(u)
        s.flush()
        server_sessions.set_password(s, u.id, TEST_PASSWORD, unattended=True)
        s.commit()
    owner.dispose()
    web = OnlineService(Database.open(web_url, migrate=False), SECRET)
    assert [a.code for a in web.agencies()] == ["jia", "local"]
    mine = web.submit("jia", citizen(name="甲申请人"), [], HOME)
    web.submit("local", citizen(name="本局申请人"), [], HOME)
    app_url = web_url.replace("dd_web_", "dd_app_").replace("change-me-web", "change-me-app")
    desk_db = Database.open(app_url)
    clerk = OfficeService(desk_db).login("jia_clerk", TEST_PASSWORD)
    desk = OnlineDeskService(desk_db)
    [p] = desk.pending()
    assert p.applicant_name == "甲申请人"
    d = desk.confirm(clerk, p.request_id, p.version)
    assert (d.status, d.receipt_date) == ("待审核", date.today())
    assert web.status(mine.query_code, "5678", HOME).received_on == date.today()
    assert desk.pending() == [] and desk.floods() == []       # B's submissions are not A's flood either
    spam = web.submit("jia", citizen(name="广告", description="出售挖掘机"), [], HOME)
    [p] = desk.pending()
    desk.refuse(clerk, p.request_id, p.version, "商业广告")           # dd_app may UPDATE online_submissions
    assert web.status(spam.query_code, "5678", HOME).stage.startswith("未予登记")
    desk_db.dispose()
    web._db.dispose()
