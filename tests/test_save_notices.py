"""What a file type cannot hold as it is gets said to the user when saving, not only logged."""

from govreport_desktop import cli
from govreport_desktop.io import files, jsondoc


def test_excel_save_says_what_it_left_out_and_json_says_nothing(zhaohui, tmp_path):
    zhaohui.sections["s6"] = "本年度未收取信息处理费。\x07"      # a bell pasted from another program
    notices = files.save_report(zhaohui, tmp_path / "r.xlsx")
    assert len(notices) == 1 and "控制字符" in notices[0]
    # …and nothing is lost: the hidden copy brings the text back exactly
    assert files.open_report(tmp_path / "r.xlsx").report.sections["s6"] == zhaohui.sections["s6"]
    assert files.save_report(zhaohui, tmp_path / "r.json") == []


def test_convert_prints_the_notices(zhaohui, tmp_path, capsys):
    zhaohui.sections["s1"] += "\x0b"
    src = tmp_path / "in.json"
    src.write_bytes(jsondoc.encode(zhaohui))
    assert cli.main(["convert", str(src), str(tmp_path / "out.xlsx")]) == 0
    assert "控制字符" in capsys.readouterr().err


def test_a_folder_that_is_not_there_is_said_in_chinese(zhaohui, tmp_path):
    import pytest

    from govreport_desktop.io.errors import WriteError

    blocker = tmp_path / "不是文件夹"
    blocker.write_text("x")
    with pytest.raises(WriteError) as e:
        files.save_report(zhaohui, blocker / "报告.xlsx")
    assert "不存在" in str(e.value) and "未丢失" in str(e.value)
    assert "directory" not in str(e.value).lower()
