"""The real commands in a subprocess: agency add/list and join-city, success and refusal."""

import os
import shutil
import subprocess
import sys

import pytest

from tests.services.city.support import RELEASE, ROOT, count, new_city, sha

pytestmark = pytest.mark.pg


def _run(*args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True, env=env,
                          timeout=300)


def test_join_city_and_agency_commands(pg_server, tmp_path):
    _app_url, owner_url = new_city(pg_server)
    source = tmp_path / "office.sqlite3"
    shutil.copyfile(RELEASE, source)
    before = sha(source)
    out = _run("--db", owner_url, "join-city", "--from", str(source), "--agency", "某自然资源和规划局", "--code", "zrzy")
    assert out.returncode == 0, out.stderr
    assert "已并入：机关“某自然资源和规划局”（代码 zrzy，编号 2）" in out.stdout
    assert "台账导出（39行）在原数据库与服务器上逐字节一致" in out.stdout
    assert "6份文书、3个附件与材料的校验值与原数据库一致" in out.stdout
    assert "审计链核验通过" in out.stdout
    assert sha(source) == before
    again = _run("--db", owner_url, "join-city", "--from", str(source), "--agency", "另一名称", "--code", "zz")
    assert again.returncode == 2 and "该文件已并入过服务器（机关 zrzy 某自然资源和规划局）" in again.stderr
    added = _run("--db", owner_url, "agency", "add", "--code", "jq", "--name", "甲区政务服务数据管理局")
    assert added.returncode == 0 and "编号 3" in added.stdout, added.stderr
    # The new agency's chain starts with its creation, by the OS account that ran the command.
    assert count(owner_url, "SELECT count(*) FROM events WHERE agency_id = 3 AND seq = 1 AND kind = '新建机关' "
                            "AND new = 'jq 甲区政务服务数据管理局'") == 1
    listed = _run("--db", owner_url, "agency", "list")
    assert listed.returncode == 0
    lines = listed.stdout.strip().splitlines()
    assert [line.split("\t")[1] for line in lines] == ["local", "zrzy", "jq"]
    assert lines[1].endswith("用户4个\t申请39件")
    dup = _run("--db", owner_url, "agency", "add", "--code", "JQ", "--name", "乙")
    assert dup.returncode == 2 and "已有代码“jq”" in dup.stderr


def test_agency_add_is_refused_on_a_one_pc_database(tmp_path):
    out = _run("--db", str(tmp_path / "one.sqlite3"), "agency", "add", "--code", "x", "--name", "某局")
    assert out.returncode == 2 and "单机版数据库只有一个机关" in out.stderr
