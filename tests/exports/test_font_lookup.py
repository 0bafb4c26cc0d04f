"""Windows font lookup: 仿宋_GB2312 before 仿宋, the per-user font folder too, and the PDF embeds the font."""

import shutil
from pathlib import Path

import pytest

from app.exports import fonts

KAI = Path("/usr/share/fonts/truetype/arphic/ukai.ttc")
MING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")


@pytest.fixture
def windows(tmp_path, monkeypatch):
    if not (KAI.is_file() and MING.is_file()):
        pytest.skip("fonts-arphic-ukai/uming not installed")
    system, user = tmp_path / "Windows" / "Fonts", tmp_path / "AppData" / "Local" / "Microsoft" / "Windows" / "Fonts"
    system.mkdir(parents=True)
    user.mkdir(parents=True)
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "AppData" / "Local"))
    monkeypatch.delenv("DISCLOSURE_DESK_FONT_FANGSONG", raising=False)
    fonts.pdf_font.cache_clear()
    yield system, user
    fonts.pdf_font.cache_clear()


def test_fangsong_gb2312_installed_for_one_user_wins_over_system_fangsong(windows, tmp_path):
    system, user = windows
    shutil.copyfile(MING, system / "simfang.ttf")              # stands in for Windows' 仿宋
    shutil.copyfile(KAI, user / "仿宋_GB2312.ttf")             # installed "for me only"
    font = fonts.pdf_font("fangsong")
    assert font.path == user / "仿宋_GB2312.ttf"
    assert fonts.embed_check(font, tmp_path / "x.pdf").read_bytes().count(b"/FontFile2") == 1


def test_system_fangsong_when_no_gb2312(windows):
    system, _ = windows
    shutil.copyfile(MING, system / "simfang.ttf")
    assert fonts.pdf_font("fangsong").path == system / "simfang.ttf"


def test_title_font_prefers_fangzheng_xiaobiaosong_then_songti(windows):
    system, _ = windows
    shutil.copyfile(MING, system / "simsun.ttc")
    assert fonts.pdf_font("song").path == system / "simsun.ttc"
    fonts.pdf_font.cache_clear()
    shutil.copyfile(KAI, system / "方正小标宋简体.ttf")
    assert fonts.pdf_font("song").path == system / "方正小标宋简体.ttf"
