"""Chinese command-line help: argparse's own words (usage, options, -h, errors) in Chinese.

    parser = cli_help.ArgumentParser(prog="govreport", description="…")

Sub-commands made with `add_subparsers().add_parser(...)` are built by the same class
(argparse uses the parent's class), so every sub-command, also those added later, speaks
Chinese without further changes. argparse itself is not patched: the titles and the help of
-h/--version are set on each parser, and error messages are translated as they are raised.
"""

from __future__ import annotations

import argparse
import re
import sys

USAGE = "用法："
POSITIONALS = "位置参数"
OPTIONALS = "选项"
HELP = "显示本帮助并退出"
VERSION = "显示版本号并退出"

# argparse's error messages (Python 3.11–3.13 wordings) → Chinese. The groups carry the
# parts that are names or values and stay as they are.
_ERRORS = [
    (r"the following arguments are required: (.+)", r"缺少必需的参数：\1"),
    (r"unrecognized arguments: (.+)", r"无法识别的参数：\1"),
    (r"argument (.+?): invalid choice: '?([^'(]*?)'? \(choose from (.+)\)", r"参数 \1：无效的选择“\2”（可选：\3）"),
    (r"argument (.+?): expected one argument", r"参数 \1：需要一个值"),
    (r"argument (.+?): expected at least one argument", r"参数 \1：至少需要一个值"),
    (r"argument (.+?): expected (\d+) arguments?", r"参数 \1：需要 \2 个值"),
    (r"argument (.+?): not allowed with argument (.+)", r"参数 \1：不能与参数 \2 同时使用"),
    (r"argument (.+?): ignored explicit argument (.+)", r"参数 \1：不接受值 \2"),
    (r"argument (.+?): invalid (\w+) value: (.+)", r"参数 \1：无效的 \2 值：\3"),
    (r"ambiguous option: (.+?) could match (.+)", r"选项 \1 有歧义，可能是：\2"),
    (r"one of the arguments (.+) is required", r"以下参数必须给出一个：\1"),
    (r"argument (.+?): (.+)", r"参数 \1：\2"),
]


def translate_error(message: str) -> str:
    for pattern, chinese in _ERRORS:
        m = re.fullmatch(pattern, message, re.S)
        if m:
            text = m.expand(chinese)
            # 'check', 'convert' → check、convert
            return re.sub(r"（可选：(.+)）$", lambda c: "（可选：" + "、".join(
                x.strip().strip("'\"") for x in c.group(1).split(",")) + "）", text)
    return message


class HelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, USAGE if prefix is None else prefix)


class ArgumentParser(argparse.ArgumentParser):
    """argparse.ArgumentParser whose help and errors are in Chinese."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = POSITIONALS
        self._optionals.title = OPTIONALS
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = HELP

    def add_argument(self, *args, **kwargs):
        if kwargs.get("action") == "version":
            kwargs.setdefault("help", VERSION)
        return super().add_argument(*args, **kwargs)

    def format_help(self) -> str:
        text = super().format_help()
        for group in self._action_groups:   # “选项:” → “选项：”, as Chinese text writes it
            if group.title:
                text = text.replace(f"\n{group.title}:\n", f"\n{group.title}：\n")
        return text

    def error(self, message: str):
        """Usage, then “govreport check：错误：缺少必需的参数：FILE”; exit code 2 as argparse."""
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{translate_error(message)}\n")
