"""Saving to Excel tells the user what the workbook could not hold as it was."""

from .window_helpers import dialogs, sample_copy, settings, window  # noqa: F401


def test_save_shows_the_writers_notice(window, dialogs, tmp_path):
    window.doc.set_section("s6", "本年度未收取信息处理费。\x07")
    assert window.session.save_to(tmp_path / "r.xlsx")
    notes = [m for m in dialogs.messages if m[1] == "保存说明"]
    assert len(notes) == 1 and "控制字符" in notes[0][2]
    assert not window.doc.modified


def test_plain_save_shows_no_dialog(window, dialogs, tmp_path):
    assert window.session.save_to(tmp_path / "r.xlsx")
    assert not [m for m in dialogs.messages if m[1] == "保存说明"]
