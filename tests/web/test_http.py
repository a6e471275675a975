"""Every route of the web page, and its errors (400, 403, 404, 405, 413, cross-site), over HTTP."""

from __future__ import annotations

import io
import os
import re
import time

import docx
import pytest

from generator.building.unit import target_for
from generator.evaluate import evaluate

from .conftest import EXAMPLES


def report_of(folder, stem):
    """Where the web page's build writes a unit's report: named by the unit, like `jixiao build`."""
    return target_for(folder / f"{stem}.toml", folder / "output")


def text(response) -> str:
    return response.get_data(as_text=True)


def states(page: str) -> list[str]:
    """The report states the page shows, one per unit (the legend's words are not one)."""
    return re.findall(r'<span class="tag [^"]*"[^>]*>([^<]*)</span>', page)


def test_folder_page_lists_every_unit_with_its_figures(client):
    page = text(client.get("/"))
    assert "全部单位（6 个）" in page
    for f in sorted(EXAMPLES.glob("*.toml")):
        unit = evaluate(f)
        assert unit.report.unit.name in page
        assert f'data-unit="{f.stem}"' in page
        if "总分" in unit.figures:
            assert unit.display("总分") in page
            assert unit.display("等级") in page
        assert unit.display("预算执行率") in page


def test_unit_page_shows_formulas_and_scores(client):
    unit = evaluate(EXAMPLES / "chongqing-bishan.toml")
    page = text(client.get("/unit/chongqing-bishan"))
    s = unit.fmt.settings
    assert unit.figures["预算执行率"].explain(s) in page
    assert "指标得分" in page
    assert unit.report.indicators[0].level3 in page
    assert "尚未生成" in page


def test_build_then_download_a_valid_docx(client, token, folder):
    response = client.post("/unit/standard/build", data={"csrf": token})
    assert response.status_code == 303
    page = text(client.get("/unit/standard"))
    assert "已生成报告" in page and "最新" in page
    got = client.get("/unit/standard/report.docx")
    assert got.status_code == 200
    assert got.mimetype.endswith("wordprocessingml.document")
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(got.data)).paragraphs)
    assert evaluate(EXAMPLES / "standard.toml").report.unit.name in body
    assert report_of(folder, "standard").read_bytes() == got.data


def test_a_report_edited_by_hand_is_never_overwritten(client, token, folder):
    client.post("/unit/standard/build", data={"csrf": token})
    report = report_of(folder, "standard")
    doc = docx.Document(str(report))  # a hand edit changes the text: saving unchanged is no edit
    doc.add_paragraph("（手工补充）")
    doc.save(str(report))
    edited = report.read_bytes()
    page = text(client.get("/unit/standard"))
    assert "手工改过" in page and "不会覆盖" in page
    assert 'id="build" disabled' in page
    client.post("/unit/standard/build", data={"csrf": token})  # as if the button were forced
    assert report.read_bytes() == edited
    assert "没有覆盖" in text(client.get("/unit/standard"))
    assert list((folder / "output").glob("*.bak.docx")) == []


def test_state_goes_stale_when_the_data_changes(client, token, folder):
    assert states(text(client.get("/unit/standard"))) == ["尚未生成"]
    client.post("/unit/standard/build", data={"csrf": token})
    assert states(text(client.get("/unit/standard"))) == ["最新"]
    built_states = states(text(client.get("/")))
    path = folder / "standard.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# 改过\n", encoding="utf-8")
    assert states(text(client.get("/unit/standard"))) == ["已过时"]
    now = states(text(client.get("/")))  # the folder page: that unit's row only
    assert [a for a, b in zip(built_states, now, strict=True) if a != b] == ["最新"]
    assert now.count("已过时") == built_states.count("已过时") + 1


def test_diff_against_the_last_build(client, token, folder):
    assert "还没有在本文件夹生成过报告" in text(client.get("/unit/chongqing-bishan/diff"))
    client.post("/unit/chongqing-bishan/build", data={"csrf": token})
    assert "没有变化" in text(client.get("/unit/chongqing-bishan/diff"))
    path = folder / "chongqing-bishan.toml"
    source = path.read_text(encoding="utf-8")
    path.write_text(source.replace("18580.25", "16258.00", 1), encoding="utf-8")
    page = text(client.get("/unit/chongqing-bishan/diff"))
    assert "18580.25" in page and "16258.00" in page
    assert "70.00%" in page and "80.00%" in page


def test_a_broken_unit_shows_located_errors_and_the_rest_still_work(client, folder):
    (folder / "坏文件.toml").write_text('["单位"]\n"名称" = 北京\n', encoding="utf-8")
    source = (folder / "standard.toml").read_text(encoding="utf-8")
    wrong = source.replace('"年度" = 2023', '"年度" = "二〇二三"', 1)
    (folder / "错账.toml").write_text(wrong, encoding="utf-8")
    (folder / "gbk.toml").write_bytes('"名称" = "单位"\n'.encode("gbk"))
    page = text(client.get("/"))
    assert "全部单位（9 个）" in page
    assert page.count('class="bad"') == 3
    broken = text(client.get("/unit/坏文件"))
    assert "TOML 格式错误" in broken and "第 2 行" in broken
    assert "<code>&#34;名称&#34; = 北京</code>" in broken  # the line itself, quoted
    assert "UTF-8" in text(client.get("/unit/gbk"))
    located = text(client.get("/unit/错账"))
    line = wrong.splitlines().index('"年度" = "二〇二三"') + 1
    assert "单位.年度" in located and f"第 {line} 行" in located and "应为整数" in located


def test_a_crash_in_the_tool_is_shown_not_fatal(client, monkeypatch):
    import generator.examine

    def boom(*args, **kwargs):
        raise ZeroDivisionError("planted")

    monkeypatch.setattr(generator.examine, "evaluate_loaded", boom)
    assert client.get("/").status_code == 200
    page = text(client.get("/unit/standard"))
    assert "内部错误" in page and "planted" in page


def test_build_all_builds_every_unit(client, token, folder):
    assert client.post("/build", data={"csrf": token}).status_code == 303
    site = client.application.extensions["jixiao"]
    for _ in range(600):
        if not site.builder.job.running:
            break
        time.sleep(0.1)
    job = client.get("/api/job").get_json()
    assert job == {"running": False, "done": 6, "total": 6, "failed": 0}
    assert sorted(p.name for p in (folder / "output").glob("*.docx")) == sorted(
        target_for(p, folder / "output").name for p in EXAMPLES.glob("*.toml")
    )
    assert "已生成 6 个" in text(client.get("/"))


def test_stamp_changes_when_the_file_changes(client, folder):
    before = client.get("/api/stamp?unit=standard").get_json()["stamp"]
    whole = client.get("/api/stamp").get_json()["stamp"]
    path = folder / "standard.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))
    assert client.get("/api/stamp?unit=standard").get_json()["stamp"] != before
    assert client.get("/api/stamp").get_json()["stamp"] != whole


def test_formats_page_lists_regions_and_grade_bands(client):
    page = text(client.get("/formats"))
    assert "重庆市璧山区" in page
    assert "优：90 分及以上" in page
    assert "不计分" in page


def test_new_unit_writes_the_init_file(client, token, folder):
    response = client.post(
        "/new", data={"csrf": token, "format": "chongqing-bishan", "name": "新街道-2024"}
    )
    assert response.status_code == 303
    created = folder / "新街道-2024.toml"
    assert '"格式" = "chongqing-bishan"' in created.read_text(encoding="utf-8")
    page = text(client.get(response.headers["Location"]))
    assert "项尚未填写（“待填”）" in page and "第 " in page
    blank = client.get("/formats/standard/新单位.toml")
    assert blank.status_code == 200 and "待填" in text(blank)


@pytest.mark.parametrize(
    "form, message",
    [
        ({"format": "standard", "name": "../逃出去"}, "文件名只能含"),
        ({"format": "standard", "name": "/etc/x"}, "文件名只能含"),
        ({"format": "standard", "name": ".隐藏"}, "文件名只能含"),
        ({"format": "", "name": "好名字"}, "请先选择一个格式"),
        ({"format": "nope", "name": "好名字"}, "请先选择一个格式"),
        ({"format": "standard", "name": "standard"}, "已经存在"),
    ],
)
def test_new_unit_refuses_bad_names_with_400(client, token, folder, form, message):
    before = sorted(os.listdir(folder))
    response = client.post("/new", data={"csrf": token, **form})
    assert response.status_code == 400
    assert message in text(response)
    assert sorted(os.listdir(folder)) == before


@pytest.mark.parametrize(
    "url",
    [
        "/unit/nope",
        "/unit/nope/report.docx",
        "/unit/nope/diff",
        "/unit/standard/report.docx",  # not built yet
        "/formats/nope/新单位.toml",
        "/nothing-here",
    ],
)
def test_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "找不到" in text(response)


@pytest.mark.parametrize(
    "url",
    [
        "/unit/..%2F..%2Fetc%2Fpasswd",
        "/unit/%2Fetc%2Fpasswd",
        "/unit/..",
        "/unit/../standard/report.docx",
        "/unit/standard/..%2F..%2F..%2Fetc%2Fpasswd",
        "/unit/..%5C..%5Cwindows",
    ],
)
def test_traversal_is_refused(client, url):
    response = client.get(url)
    assert response.status_code == 403
    assert "拒绝访问" in text(response)
    assert "root:" not in text(response)


@pytest.mark.parametrize(
    "raw", ["/unit/../../../../etc/passwd", "/../../etc/passwd", "/unit/%2e%2e/%2e%2e/etc/passwd"]
)
def test_traversal_over_a_real_socket_is_refused(server, raw):
    """The path exactly as sent (http.client does not tidy up `..` the way a browser does)."""
    import http.client
    from urllib.parse import urlsplit

    where = urlsplit(server.url)
    conn = http.client.HTTPConnection(where.hostname, where.port, timeout=10)
    conn.request("GET", raw)
    response = conn.getresponse()
    body = response.read().decode("utf-8")
    conn.close()
    assert response.status == 403
    assert "root:" not in body


def test_stop_closes_open_connections_and_ends_the_server_thread(folder):
    """A browser keeps its connection open: stopping the page still ends at once, port closed."""
    import http.client
    import socket
    from urllib.parse import urlsplit

    from generator.web.serve import start

    running = start(folder, "127.0.0.1", 0, jobs=1)
    where = urlsplit(running.url)
    conn = http.client.HTTPConnection(where.hostname, where.port, timeout=10)
    conn.request("GET", "/formats")
    assert conn.getresponse().read() and conn.sock is not None  # kept alive
    started = time.monotonic()
    running.stop()
    assert running.thread is not None and not running.thread.is_alive()
    assert time.monotonic() - started < 5
    assert running.sockets == {}
    assert conn.sock.recv(1) == b""  # the server closed the kept-alive connection
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((where.hostname, where.port), timeout=5).close()


def test_a_link_out_of_the_folder_is_refused(client, folder, tmp_path):
    secret = tmp_path / "secret.toml"
    secret.write_text((EXAMPLES / "standard.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "link.toml").symlink_to(secret)
    assert client.get("/unit/link").status_code == 403
    assert client.get("/unit/link/data.toml").status_code == 403
    assert "指向本文件夹之外" in text(client.get("/"))


def test_an_output_folder_linked_out_is_refused(client, token, folder, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (folder / "output").symlink_to(elsewhere)
    assert client.post("/unit/standard/build", data={"csrf": token}).status_code == 403
    assert list(elsewhere.iterdir()) == []
    assert "无法访问" in text(client.get("/"))
    unit_page = client.get("/unit/standard")
    assert unit_page.status_code == 200 and "指向本文件夹之外" in text(unit_page)


def test_post_without_token_is_refused(client, folder):
    for url in ("/build", "/unit/standard/build", "/new"):
        response = client.post(url, data={"format": "standard", "name": "x"})
        assert response.status_code == 403
        assert "跨站请求被拒绝" in text(response)
    assert client.post("/unit/standard/build", data={"csrf": "forged"}).status_code == 403
    assert not (folder / "output").exists() and not (folder / "x.toml").exists()


def test_post_from_another_site_is_refused(client, token, folder):
    response = client.post(
        "/unit/standard/build",
        data={"csrf": token},
        headers={"Origin": "http://evil.example"},
    )
    assert response.status_code == 403
    response = client.post(
        "/unit/standard/build", data={"csrf": token}, headers={"Referer": "http://evil.example/x"}
    )
    assert response.status_code == 403
    assert not (folder / "output").exists()


def test_foreign_host_header_is_refused(client):
    """A page on another site that rebinds its name to 127.0.0.1 cannot read the folder."""
    response = client.get("/", headers={"Host": "evil.example:8765"})
    assert response.status_code == 403
    assert client.get("/", headers={"Host": "127.0.0.1:8765"}).status_code == 200


def test_get_on_an_action_is_405(client):
    assert client.get("/build").status_code == 405
    assert client.get("/unit/standard/build").status_code in (403, 404, 405)


def test_too_large_a_request_is_413(client, token):
    big = b"x" * (6 * 1024 * 1024)
    response = client.post(
        "/new", data={"csrf": token, "format": "standard", "name": io.BytesIO(big)}
    )
    assert response.status_code == 413
    assert "MB" in text(response)
