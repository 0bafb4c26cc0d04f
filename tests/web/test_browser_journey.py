"""A real browser (Debian's chromium, headless, driven by Selenium) against ``python -m app serve`` in a
subprocess on a free loopback port. The applicant's whole way, with the clerk acting through the desk's
services in between:

submit (after one refused attempt) → 查询码 → 提交凭证 PDF downloaded → the clerk confirms → the status
shows the due date → the clerk issues a 补正告知书 → answered online with a file → the clerk accepts it and
the 答复书 is issued → downloaded in the browser → the desk sees it 已送达 (电子送达).

The browser runs with JavaScript switched off for pages (the site has none and needs none).
Screenshots of each page at 390×844 and 1366×768 go to /work/shots/online-web/ (or $DD_SHOTS).
"""

from __future__ import annotations

import os
import shutil
from datetime import date
import time
from pathlib import Path

import pytest

from app.services.uow import Database
from tests.conftest import configure_test_office
from tests.services.online.support import PNG, SECRET
from tests.web.desk_steps import CORRECTION_TEXT, Desk
from tests.web.servers import Uvicorn

CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
# Pictures go where a person will look at them: $DD_SHOTS, or the workplace's shots folder when there is one
# (CI has none: the pages are walked at their default size and nothing is written outside the test's folder).
SHOTS = Path(os.environ["DD_SHOTS"]) if os.environ.get("DD_SHOTS") else (
    Path("/work/shots/online-web") if Path("/work/shots").is_dir() else None)
SIZES = ((390, 844), (1366, 768))

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and DRIVER.exists()) and not os.environ.get("CI"),
    reason="chromium and chromium-driver not installed (apt-get install chromium chromium-driver)")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def served(request, tmp_path):
    """(server, desk database): the service as its own process; the desk in this one, on the same data."""
    if request.param == "sqlite":
        path = str(tmp_path / "desk.sqlite3")
        db = configure_test_office(Database.open(path))
        web_url = path
    else:
        from tests.web.conftest import pg_pair

        owner_url, web_url = pg_pair(request.getfixturevalue("pg_server"))
        db = configure_test_office(Database.open(owner_url))
    server = Uvicorn(web_url, {"DD_ONLINE_SECRET": SECRET.hex()}, log_path=tmp_path / "server.log")
    try:
        yield server, db, request.param
    finally:
        server.stop()
        db.dispose()


@pytest.fixture
def browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--disable-gpu", "--lang=zh-CN", "--window-size=1366,768",
                "--disable-dev-shm-usage"):
        options.add_argument(arg)
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")          # chromium refuses to run as root with its sandbox
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    # JavaScript off for the pages (the site has none and must not need any)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False,
                                              "profile.managed_default_content_settings.javascript": 2})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    driver.get("data:text/html,<title>off</title><script>document.title='on'</script>")
    assert driver.title == "off"                      # page scripts really do not run
    try:
        yield driver
    finally:
        driver.quit()


def shoot(driver, name: str, db_kind: str, focus: str | None = None) -> None:
    """The current page at each size (a phone, an old desktop): nothing wider than the screen (no sideways
    scrolling), and a screenshot, scrolled to the element with id ``focus`` when given."""
    from selenium.webdriver.common.by import By

    for width, height in SIZES:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 500})
        wide = driver.execute_script("return document.documentElement.scrollWidth")
        assert wide <= width, f"{name}: {wide} px wide on a {width} px screen"
        if focus:
            driver.find_element(By.ID, focus).location_once_scrolled_into_view  # noqa: B018 (scrolls)
        if db_kind == "sqlite" and SHOTS is not None:     # one set of pictures is enough
            SHOTS.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(SHOTS / f"{name}-{width}x{height}.png"))
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def wait_download(folder: Path, suffix: str, before: set[str], seconds: float = 20) -> Path:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done = [p for p in folder.iterdir() if p.name not in before and p.name.endswith(suffix)]
        if done and not any(p.name.endswith(".crdownload") for p in folder.iterdir()):
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} downloaded into {folder}: {[p.name for p in folder.iterdir()]}")


def present(driver, by, value: str, seconds: float = 10):
    """The element once the page that has it is loaded (a click on a submit button does not wait)."""
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds).until(ec.presence_of_element_located((by, value)))


def fill(driver, values: dict[str, str]) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.select import Select

    for name, value in values.items():
        el = driver.find_element(By.NAME, name) if name not in ("applicant_type", "form", "delivery") else None
        if el is None:
            driver.find_element(By.CSS_SELECTOR, f'input[name="{name}"][value="{value}"]').click()
        elif el.tag_name == "select":
            Select(el).select_by_value(value)
        else:
            el.clear()
            el.send_keys(value)


def test_the_applicants_journey_in_a_real_browser(served, browser, tmp_path):
    from selenium.webdriver.common.by import By

    server, db, kind = served
    desk = Desk(db, date.today)
    d = browser
    d.get(server.url + "/")
    assert d.current_url.endswith("/apply/local") and d.title.startswith("向")
    opened = time.monotonic()
    shoot(d, "01-apply", kind)
    citizen = {"applicant_type": "公民", "name": "张三", "phone": "13812345678", "id_type": "居民身份证",
               "id_number": "110105194912310021", "address": "某某市某某路2号", "postcode": "100000",
               "email": "zs@example.com", "form": "电子", "delivery": "在线获取",
               "description": "申请公开某路拓宽工程的规划许可证及附图"}
    fill(d, citizen)
    scan = tmp_path / "身份证.png"
    scan.write_bytes(PNG)
    d.find_element(By.ID, "f-attachments").send_keys(str(scan))
    time.sleep(max(0.0, 3.5 - (time.monotonic() - opened)))   # a person takes longer than the form clock's 3 s
    d.find_element(By.CSS_SELECTOR, "form.apply button[type=submit]").click()
    # the ID's check digit is wrong (…0021; the right one is X): the error beside the field and on top
    err = present(d, By.ID, "err-id_number").text
    assert "校验位" in err and "有 1 处需要修改" in d.find_element(By.ID, "summary").text
    assert d.find_element(By.NAME, "name").get_attribute("value") == "张三"
    shoot(d, "02-apply-errors", kind)
    opened = time.monotonic()
    fill(d, {"id_number": "11010519491231002X"})
    d.find_element(By.ID, "f-attachments").send_keys(str(scan))   # a browser never keeps a file across pages
    time.sleep(max(0.0, 3.5 - (time.monotonic() - opened)))
    d.find_element(By.CSS_SELECTOR, "form.apply button[type=submit]").click()

    present(d, By.ID, "query-code")
    groups = [g.text for g in d.find_elements(By.CSS_SELECTOR, "#query-code .group")]
    assert len(groups) == 5 and all(len(g) == 4 for g in groups)
    code = "-".join(groups)
    assert "1101**********002X" in d.page_source
    shoot(d, "03-submitted", kind)
    before = {p.name for p in d.downloads.iterdir()}
    d.find_element(By.ID, "receipt-pdf").click()
    receipt = wait_download(d.downloads, ".pdf", before)
    assert receipt.read_bytes().startswith(b"%PDF")

    # the clerk confirms: received today, due 20 working days on (the status shows it)
    detail = desk.confirm_first()
    d.find_element(By.ID, "to-status").click()
    assert present(d, By.ID, "received-on").text == f"{detail.receipt_date.year}年{detail.receipt_date.month}月" \
                                                         f"{detail.receipt_date.day}日"
    due = detail.deadline.reply_due
    assert d.find_element(By.ID, "due-on").text.startswith(f"{due.year}年{due.month}月{due.day}日")
    assert ("暂定" in d.find_element(By.ID, "due-on").text) == bool(detail.deadline.provisional)
    shoot(d, "04-status-confirmed", kind)

    # a fresh look-up with the code and the phone's last four, as from another computer
    d.find_element(By.CSS_SELECTOR, 'form[action="/status/leave"] button').click()
    present(d, By.NAME, "query_code").send_keys(code.lower().replace("-", " "))
    d.find_element(By.NAME, "last4").send_keys("5678")
    shoot(d, "05-lookup", kind)
    d.find_element(By.CSS_SELECTOR, 'form[action="/status"] button').click()
    assert present(d, By.ID, "stage").text

    # the clerk asks for a 补正; the applicant answers it on the page with a file
    desk.ask_correction(detail.id)
    d.refresh()
    assert CORRECTION_TEXT in present(d, By.ID, "correction").text
    d.find_element(By.ID, "f-answer").send_keys("某某路，自A路口至B路口。")
    sketch = tmp_path / "路段示意.png"
    sketch.write_bytes(PNG)
    d.find_element(By.ID, "f-answer-files").send_keys(str(sketch))
    shoot(d, "06-correction", kind, focus="correction")
    d.find_element(By.ID, "send-answer").click()
    assert "补正材料已提交" in present(d, By.CSS_SELECTOR, "p.alert-info[role=status]").text

    # the clerk accepts it; the case is handled, approved and the 答复书 signed
    desk.accept_answer()
    reply = desk.reply(detail.id)
    d.get(server.url + "/status")
    link = present(d, By.ID, f"doc-{reply.id}")
    assert "答复书" in link.text
    shoot(d, "07-documents", kind, focus="documents")
    assert reply.id in {u.letter_id for u in desk.online.unfetched_documents()}
    before = {p.name for p in d.downloads.iterdir()}
    link.click()
    got = wait_download(d.downloads, ".pdf", before)
    assert got.read_bytes().startswith(b"%PDF") and got.stat().st_size > 1000
    # the desk: 已送达 by the first download (电子送达, today), no longer 未查收
    assert reply.id not in {u.letter_id for u in desk.online.unfetched_documents()}
    assert reply.id in desk.online.fetched(detail.id)
    served = [e for e in desk.s.requests.detail(detail.id).events if e.field.startswith("政府信息公开申请答复书")]
    assert [e.new for e in served] == [f"电子送达（在线获取，{date.today().isoformat()}）"]
    d.refresh()
    assert "已查收" in present(d, By.ID, f"doc-{reply.id}").find_element(By.XPATH, "..").text

    # no page broke its own CSP (nothing inline), no script error
    problems = [e["message"] for e in d.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert not [m for m in problems if "Content Security Policy" in m or "Uncaught" in m], problems
    # the server's log holds no 查询码, no name, no full address
    deadline = time.monotonic() + 10
    while "GET /status/documents/{document_id:int}" not in server.log() and time.monotonic() < deadline:
        time.sleep(0.1)                       # the last line is written once its answer has gone out
    log = server.log()
    assert "POST /apply/{code}" in log
    for private in (code, code.replace("-", ""), "张三", "13812345678", "127.0.0.1 "):
        assert private not in log
    if kind == "sqlite" and SHOTS is not None:
        shutil.copy(receipt, SHOTS / "提交凭证.pdf")
        shutil.copy(got, SHOTS / "答复书.pdf")


def test_the_agency_choice_in_a_real_browser(served, browser):
    """On a server of several agencies the applicant first picks one, reading its 申请须知."""
    from selenium.webdriver.common.by import By

    from tests.web.test_apply_pages import add_agency

    server, db, kind = served
    add_agency(db, "一、申请人应如实填写申请表。\n二、所需信息应尽量具体，写明文件名称或文号。")
    browser.get(server.url + "/")
    assert present(browser, By.TAG_NAME, "h1").text == "选择受理单位"
    for summary in browser.find_elements(By.CSS_SELECTOR, "details summary"):
        summary.click()                                   # opens each 申请须知 (no script: <details>)
    assert "写明文件名称或文号" in browser.find_element(By.CSS_SELECTOR, "ul.agencies").text
    shoot(browser, "00-agencies", kind)
    browser.find_element(By.LINK_TEXT, "向甲区政务服务数据管理局提出申请").click()
    assert "甲区政务服务数据管理局" in present(browser, By.CSS_SELECTOR, "p.agency").text


def test_markup_typed_into_the_form_is_shown_as_text_never_run(served, browser):
    """The payload in the name, address, description and purpose: the receipt page shows it as typed,
    the browser raises no alert and builds no element from it."""
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    server, _db, kind = served
    payload = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    browser.get(server.url + "/apply/local")
    opened = time.monotonic()
    fill(browser, {"applicant_type": "公民", "name": "张三" + payload, "phone": "13812345678",
                   "id_type": "居民身份证", "id_number": "11010519491231002X", "address": payload,
                   "postcode": "100000", "form": "电子", "delivery": "在线获取",
                   "description": "申请公开" + payload, "purpose": payload})
    time.sleep(max(0.0, 3.5 - (time.monotonic() - opened)))
    browser.find_element(By.CSS_SELECTOR, "form.apply button[type=submit]").click()
    table = present(browser, By.CSS_SELECTOR, "table.lines")
    assert "张三" + payload in table.text and "申请公开" + payload in table.text
    assert browser.find_elements(By.CSS_SELECTOR, "main script, main img") == []
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text   # noqa: B018
