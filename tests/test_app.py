"""okrkit app: the Voilà command it builds, the page's settings, and the page headless."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from okrkit.cases import load_case
from okrkit.cli import main
from okrkit.commands import app as app_command
from okrkit.commands.app import app_notebook, voila_command
from okrkit.errors import OkrkitError
from okrkit.widgets.app import AppView, app_from_environment, app_settings
from okrkit.widgets.drafting import DraftingWidget
from okrkit.widgets.tuner import WeightTuner
from tests.conftest import CASES, replace_in


@pytest.fixture
def no_server(monkeypatch):
    """Record the command okrkit app would start instead of starting Voilà."""
    calls = []

    def fake_call(argv, env=None):
        calls.append((argv, env))
        return 0

    monkeypatch.setattr(app_command.subprocess, "call", fake_call)
    return calls


def test_app_notebook_ships_in_the_package_and_calls_the_app():
    """The app notebook is inside okrkit/ and its one code cell builds the page."""
    notebook = app_notebook()
    assert notebook.is_file() and "okrkit" in notebook.parts
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    code = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    assert "app_from_environment()" in code


def test_voila_command_serves_the_app_notebook_on_loopback_with_code_hidden():
    """The Voilà command runs this Python's voila on the app notebook, 127.0.0.1, sources stripped."""
    argv, env = voila_command("cases/a-company", "sales", lang="en", port=9123, open_browser=False)
    assert argv[:4] == [sys.executable, "-m", "voila", str(app_notebook())]
    assert "--port=9123" in argv and "--Voila.ip=127.0.0.1" in argv
    assert "--strip_sources=True" in argv and "--no-browser" in argv
    assert env == {
        "OKRKIT_CASE_DIR": str((Path("cases/a-company")).resolve()),
        "OKRKIT_TEAM": "sales",
        "OKRKIT_LANG": "en",
    }


def test_voila_command_opens_a_browser_unless_told_not_to():
    """Without --no-browser, Voilà is left to open the page; no team means no team variable."""
    argv, env = voila_command("cases/a-company")
    assert "--no-browser" not in argv and "--port=8866" in argv
    assert "OKRKIT_TEAM" not in env


def test_okrkit_app_starts_voila_with_the_built_command(no_server, capsys):
    """okrkit app checks the case, prints the URL and runs exactly voila_command's command."""
    code = main(
        ["app", str(CASES / "a-company"), "--team", "sales", "--port", "9124", "--no-browser"]
    )
    assert code == 0
    [(argv, env)] = no_server
    expected_argv, extra = voila_command(
        CASES / "a-company", "sales", port=9124, open_browser=False
    )
    assert argv == expected_argv
    assert {k: env[k] for k in extra} == extra
    assert "http://127.0.0.1:9124/" in capsys.readouterr().out


def test_okrkit_app_unknown_team_exits_2_without_starting(no_server, capsys):
    """An unknown --team stops before Voilà starts, naming the known teams."""
    assert main(["app", str(CASES / "a-company"), "--team", "nobody", "--no-browser"]) == 2
    assert no_server == []
    assert "rep-zhang" in capsys.readouterr().err


def test_okrkit_app_broken_case_exits_2_with_located_error(worked_case_dir, no_server, capsys):
    """A case that does not load gives file:line and exit 2, and no server."""
    replace_in(worked_case_dir / "teams/sales.yaml", "weight: 15%", "weight: 十五%")
    assert main(["app", str(worked_case_dir), "--no-browser"]) == 2
    assert no_server == []
    assert "teams/sales.yaml:" in capsys.readouterr().err


def test_app_settings_take_team_and_lang_from_the_query_string():
    """?team=…&lang=… wins over the environment; the case folder only comes from the environment."""
    settings = app_settings(
        {
            "OKRKIT_CASE_DIR": "/cases/x",
            "OKRKIT_TEAM": "gm",
            "QUERY_STRING": "team=rep-li&lang=en&OKRKIT_CASE_DIR=/etc",
        }
    )
    assert (settings.case_dir, settings.team, settings.lang) == (Path("/cases/x"), "rep-li", "en")


def test_app_settings_default_to_the_environment_and_chinese():
    """Without a query string the environment's team is used and the language is Chinese."""
    settings = app_settings({"OKRKIT_CASE_DIR": "/cases/x", "OKRKIT_TEAM": "sales"})
    assert (settings.team, settings.lang) == ("sales", "zh")


def test_app_settings_without_a_case_folder_say_how_to_start():
    """No case folder in the environment is an error naming okrkit app."""
    with pytest.raises(OkrkitError, match="okrkit app CASE_DIR"):
        app_settings({})


def test_page_shows_a_bad_language_as_a_message_not_a_traceback(worked_case_dir):
    """A wrong ?lang= shows the supported languages on the page."""
    page = app_from_environment(
        {"OKRKIT_CASE_DIR": str(worked_case_dir), "QUERY_STRING": "lang=fr"}
    )
    assert page.level == "error" and "zh, en" in page.text


def test_page_shows_an_unknown_team_as_a_message(worked_case_dir):
    """An unknown team from the query string shows the known ids on the page."""
    page = app_from_environment(
        {"OKRKIT_CASE_DIR": str(worked_case_dir), "QUERY_STRING": "team=nobody"}
    )
    assert page.level == "error" and "rep-zhang" in page.text


def test_page_for_a_team_holds_the_notebooks_tuner_and_drafting(worked_case_dir):
    """The page for ?team=sales shows the sales team's tuner, drafting and progress tabs, Chinese title."""
    page = app_from_environment(
        {"OKRKIT_CASE_DIR": str(worked_case_dir), "QUERY_STRING": "team=sales"}
    )
    assert isinstance(page, AppView)
    assert isinstance(page.tuner, WeightTuner) and isinstance(page.drafting, DraftingWidget)
    assert page.tabs.children == (page.tuner, page.drafting, page.checkin)
    assert page.tuner.team.id == "sales" and page.drafting.team.id == "sales"
    assert "销售部OKR计划表" in page.title.value


def test_saving_weights_from_the_page_writes_the_file_and_keeps_the_previous(worked_case_dir):
    """Weights moved and saved on the page land in the team file; the old file is the .bak."""
    team_file = worked_case_dir / "teams/sales.yaml"
    before = team_file.read_text(encoding="utf-8")
    page = AppView(load_case(worked_case_dir), "sales", lang="en")
    tuner = page.tuner
    tuner.sliders["KR1.1"].value -= 1
    tuner.sliders["KR1.3"].value += 1
    tuner.save_button.click()
    assert tuner.message.level == "ok", tuner.message.text
    assert team_file.with_name("sales.yaml.bak").read_text(encoding="utf-8") == before
    saved = load_case(worked_case_dir).team("sales")
    assert (saved.key_result("KR1.1").weight, saved.key_result("KR1.3").weight) == (14, 21)


def test_saving_weights_reloads_the_drafting_tab(worked_case_dir):
    """After the tuner saves, the drafting tab holds the saved weights, so it cannot undo them."""
    page = AppView(load_case(worked_case_dir), "sales", lang="en")
    old_drafting = page.drafting
    page.tuner.sliders["KR1.1"].value -= 1
    page.tuner.sliders["KR1.3"].value += 1
    page.tuner.save_button.click()
    assert page.drafting is not old_drafting
    assert page.drafting.team.key_result("KR1.1").weight == 14
    assert page.message.level == "info" and "Drafting" in page.message.text


def test_saving_a_draft_reloads_the_tuner(worked_case_dir):
    """A weight typed in the drafting tab and saved shows on the tuner's slider."""
    page = AppView(load_case(worked_case_dir), "sales")
    page.tabs.selected_index = 1
    drafting = page.drafting
    drafting.kr_select.value = "KR1.1"
    drafting.fields["weight"].value = "10%"
    drafting.kr_select.value = "KR1.2"
    drafting.fields["weight"].value = "20%"
    drafting.buttons["save"].click()
    assert drafting.message.level == "ok", drafting.message.text
    assert page.drafting is drafting
    assert page.tuner.sliders["KR1.1"].value == 10 and page.tuner.sliders["KR1.2"].value == 20
    assert page.tabs.selected_index == 1  # the manager stays on the tab they were on


def test_a_failed_save_reloads_nothing(worked_case_dir):
    """When the tuner refuses to save (total not 100), the drafting tab is left as it was."""
    page = AppView(load_case(worked_case_dir), "sales")
    drafting = page.drafting
    page.tuner.sliders["KR1.1"].value += 5
    page.tuner.save_button.click()
    assert page.tuner.message.level == "error"
    assert page.drafting is drafting and page.message.text == ""


def test_switching_team_reloads_what_was_saved(worked_case_dir):
    """Saving sales, switching to gm and back shows the saved weights, not the first-loaded ones."""
    page = AppView(load_case(worked_case_dir), "sales")
    page.tuner.sliders["KR1.1"].value -= 1
    page.tuner.sliders["KR1.3"].value += 1
    page.tuner.save_button.click()
    page.team_picker.value = "gm"
    assert page.tuner.team.id == "gm" and page.drafting.team.id == "gm"
    page.team_picker.value = "sales"
    assert page.tuner.sliders["KR1.1"].value == 14


def test_doctests_hold(monkeypatch):
    """The examples in the app page's and the command's docstrings run as written."""
    import doctest

    import okrkit.commands.app
    import okrkit.widgets.app

    monkeypatch.chdir(CASES.parent)  # the examples name cases/a-company from the repo root
    for module in (okrkit.widgets.app, okrkit.commands.app):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__


def test_page_names_an_unknown_team_in_chinese_by_default(worked_case_dir):
    """Without ?lang=, an unknown team is refused in Chinese, listing the known ids."""
    page = app_from_environment(
        {"OKRKIT_CASE_DIR": str(worked_case_dir), "QUERY_STRING": "team=nobody"}
    )
    assert page.level == "error" and page.text.startswith("没有这个团队：nobody（可选：gm")


def test_page_names_an_unknown_team_in_english_under_lang_en(worked_case_dir):
    """With ?lang=en, the same refusal is in English."""
    page = app_from_environment(
        {"OKRKIT_CASE_DIR": str(worked_case_dir), "QUERY_STRING": "team=nobody&lang=en"}
    )
    assert page.level == "error" and page.text.startswith("no such team: nobody (teams: gm")


def test_page_refuses_an_unknown_language_in_chinese(worked_case_dir):
    """?lang=fr cannot be honoured, so the refusal is shown in Chinese, the default."""
    page = app_from_environment(
        {"OKRKIT_CASE_DIR": str(worked_case_dir), "QUERY_STRING": "lang=fr"}
    )
    assert page.text == "不支持语言 'fr'；可选：zh, en"


def test_page_for_a_broken_case_shows_the_chinese_problem(worked_case_dir):
    """A case that does not load shows its located problem in the page's language."""
    replace_in(worked_case_dir / "teams/sales.yaml", "weight: 15%", "weight: 十五%")
    environ = {"OKRKIT_CASE_DIR": str(worked_case_dir)}
    assert "weight: 不是权重" in app_from_environment(environ).text
    environ["QUERY_STRING"] = "lang=en"
    assert "weight: not a weight" in app_from_environment(environ).text


@pytest.mark.parametrize(
    ("lang", "shown"), [("zh", "1 有歧义：一个百分点请写 1%"), ("en", "1 is ambiguous")]
)
def test_widgets_show_a_number_error_in_their_language(lang, shown):
    """A NumberError raised in a widget callback shows its .zh under zh, its English under en."""
    from okrkit.numbers import parse_percent
    from okrkit.widgets._base import MessageArea, reports_errors

    class Widget:
        def __init__(self):
            self.lang, self.message = lang, MessageArea()

        @reports_errors()
        def read(self):
            parse_percent(1)

    widget = Widget()
    widget.read()
    assert widget.message.level == "error" and widget.message.text.startswith(shown)


@pytest.mark.parametrize(
    ("lang", "said"),
    [("zh", "不是只限本机的（回环）地址"), ("en", "is not a loopback address")],
)
def test_okrkit_app_refuses_a_network_address_without_a_token(no_server, capsys, lang, said):
    """--host 0.0.0.0 without --token: exit 2, the reason in --lang, no server."""
    argv = ["app", str(CASES / "a-company"), "--host", "0.0.0.0", "--no-browser", "--lang", lang]
    assert main(argv) == 2
    assert no_server == []
    err = capsys.readouterr().err
    assert said in err and "--token auto" in err and "Traceback" not in err


def test_okrkit_app_on_a_network_address_hands_voila_the_token(no_server, capsys, monkeypatch):
    """--host ADDR --token auto: Voilà keeps jupyter_server's token, given in the environment."""
    monkeypatch.setattr(app_command.socket, "gethostname", lambda: "hr-laptop")
    argv = ["app", str(CASES / "a-company"), "--host", "0.0.0.0", "--port", "9125"]
    assert main([*argv, "--token", "auto", "--no-browser", "--lang", "en"]) == 0
    [(command, env)] = no_server
    token = env["JUPYTER_TOKEN"]
    assert len(token) >= 24 and token not in " ".join(command)  # not visible in `ps`
    assert "--Voila.ip=0.0.0.0" in command and "--Voila.auto_token=True" in command
    out = capsys.readouterr().out
    assert out.count(token) == 1 and f"http://hr-laptop:9125/?token={token}" in out


def test_okrkit_app_uses_the_token_it_is_given(no_server):
    """--token TOKEN is the token; the caller's own JUPYTER_TOKEN is not passed on."""
    argv = ["app", str(CASES / "a-company"), "--host", "10.1.2.3", "--token", "team-sales-2015"]
    assert main([*argv, "--no-browser"]) == 0
    [(_command, env)] = no_server
    assert env["JUPYTER_TOKEN"] == "team-sales-2015"


def test_okrkit_app_refuses_a_short_token(no_server, capsys):
    """A token anyone could guess is refused, in the chosen language."""
    argv = ["app", str(CASES / "a-company"), "--host", "0.0.0.0", "--token", "1234", "--lang", "en"]
    assert main(argv) == 2
    assert no_server == []
    assert "at least 12 characters" in capsys.readouterr().err


def test_okrkit_app_on_loopback_has_no_token_as_before(no_server, monkeypatch):
    """Without --host nothing changes: 127.0.0.1, no token, even if the shell sets JUPYTER_TOKEN."""
    monkeypatch.setenv("JUPYTER_TOKEN", "from-the-shell")
    assert main(["app", str(CASES / "a-company"), "--no-browser"]) == 0
    [(command, env)] = no_server
    assert "--Voila.ip=127.0.0.1" in command and "--Voila.auto_token=True" not in command
    assert "JUPYTER_TOKEN" not in env


@pytest.mark.slow
def test_a_real_server_with_a_token_turns_away_requests_without_it(tmp_path):
    """Voilà on 127.0.0.1 with a token: no page without it (login redirect), 200 with it."""
    import http.client
    import os
    import signal
    import socket
    import subprocess
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    token = "okrkit-test-token-42"
    okrkit = Path(sys.executable).with_name("okrkit")
    argv = [str(okrkit), "app", str(CASES / "a-company"), "--host", "127.0.0.1"]
    server = subprocess.Popen(
        [*argv, "--port", str(port), "--token", token, "--no-browser"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own group: Voilà and its kernel end with it below
    )

    def get(path: str) -> tuple[int, str, str]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        connection.close()
        return response.status, response.getheader("Location") or "", body

    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, "okrkit app exited"
            try:
                status, location, body = get("/")
                break
            except OSError:
                assert time.monotonic() < deadline, "the server never answered"
                time.sleep(0.2)
        assert status in (302, 403) and "/login" in location  # no page without the token
        assert "voila" not in body.lower()
        assert get("/?token=wrong-token-000")[0] != 200
        status, _, body = get(f"/?token={token}")
        assert status == 200 and "voila" in body.lower()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def _someone_else_saves(case_dir) -> None:
    """Another tab on the same team saves KR1.1 at 10% and KR1.2 at 20% first."""
    other = DraftingWidget(load_case(case_dir), "sales", lang="en")
    other.kr_select.value = "KR1.1"
    other.fields["weight"].value = "10%"
    other.kr_select.value = "KR1.2"
    other.fields["weight"].value = "20%"
    other.buttons["save"].click()
    assert other.message.level == "ok", other.message.text


def test_reloading_the_drafting_tab_after_a_refused_save_rebuilds_the_tuner(worked_case_dir):
    """Drafting's save refused as stale, then reload: the tuner shows the file's weights too."""
    page = AppView(load_case(worked_case_dir), "sales", lang="en")
    old_tuner = page.tuner
    _someone_else_saves(worked_case_dir)
    page.drafting.kr_select.value = "KR1.3"
    page.drafting.fields["weight"].value = "21%"
    page.drafting.buttons["save"].click()
    assert page.drafting.stale.visible and page.tuner is old_tuner
    page.drafting.stale.reload_button.click()
    assert page.tuner is not old_tuner and page.tuner.sliders["KR1.1"].value == 10
    assert page.message.level == "info" and "Weights" in page.message.text


def test_reloading_the_tuner_after_a_refused_save_rebuilds_the_drafting_tab(worked_case_dir):
    """The tuner's save refused as stale, then reload: the drafting tab holds the file's weights."""
    page = AppView(load_case(worked_case_dir), "sales", lang="en")
    old_drafting = page.drafting
    _someone_else_saves(worked_case_dir)
    page.tuner.sliders["KR1.1"].value -= 1
    page.tuner.sliders["KR1.3"].value += 1
    page.tuner.save_button.click()
    assert page.tuner.stale.visible and page.drafting is old_drafting
    page.tuner.stale.reload_button.click()
    assert page.drafting is not old_drafting
    assert page.drafting.team.key_result("KR1.1").weight == 10
