"""`govreport --help`, every sub-command's help and argparse's errors are Chinese."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from govreport_desktop import cli, cli_help

ROOT = Path(__file__).resolve().parents[1]
ENGLISH = re.compile(r"usage|positional arguments|options:|show this help|show program|error:|required", re.I)


def sub_parsers(parser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def help_of(parser) -> str:
    return parser.format_help()


def test_govreport_help_and_every_sub_command_is_chinese():
    parser = cli.build_parser()
    subs = sub_parsers(parser)
    assert {"check", "convert"} <= set(subs)
    for name, text in [("govreport", help_of(parser))] + [(n, help_of(p)) for n, p in subs.items()]:
        assert not ENGLISH.search(text), (name, ENGLISH.search(text).group(0))
        assert text.startswith("用法：") and "选项：" in text and "显示本帮助并退出" in text, name


def test_a_sub_command_added_later_is_chinese_too():
    parser = cli.build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    later = action.add_parser("later", help="以后添加的命令")
    later.add_argument("folder", metavar="FOLDER", help="报告所在的文件夹")
    later.add_argument("--version", action="version", version="1")
    text = later.format_help()
    assert not ENGLISH.search(text) and "显示版本号并退出" in text and "位置参数：" in text


@pytest.mark.parametrize("argv, says", [
    (["check"], "govreport check：错误：缺少必需的参数：FILE"),
    (["frob"], "无效的选择“frob”（可选：check、convert"),
    (["check", "--previous"], "参数 --previous：需要一个值"),
    (["check", "a.json", "--nonsense"], "无法识别的参数：--nonsense"),
])
def test_errors_are_chinese_and_exit_2(capsys, argv, says):
    with pytest.raises(SystemExit) as stop:
        cli.build_parser().parse_args(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert says in err and err.startswith("用法：") and not ENGLISH.search(err)


def test_an_unknown_wording_is_kept_rather_than_lost():
    assert cli_help.translate_error("something new in Python 3.14") == "something new in Python 3.14"


@pytest.mark.parametrize("module", ["govreport_desktop.cli", "govreport_desktop"])
def test_help_from_the_command_line(module):
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    r = subprocess.run([sys.executable, "-m", module, "--help"], cwd=ROOT, env=env, capture_output=True, timeout=60)
    out = r.stdout.decode("utf-8")
    assert r.returncode == 0 and out.startswith("用法：") and not ENGLISH.search(out)
