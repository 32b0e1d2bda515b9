"""docs/summary-window.png: the 汇总 window over 12 distinct unit workbooks made from the county report,
with its options set: a roster of 13 units (one has not reported) and the summing county's name;
and, given a second path, the summed report opened in the main window at 1366×768 with the
数据来源 dock showing the units behind 表二's 本年新收·总计.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_summary_screenshot.py docs/summary-window.png docs/summary-sources.png
"""
import copy, json, os, sys, tempfile
from pathlib import Path
from PySide6.QtWidgets import QApplication
from govreport_desktop.io import files, jsondoc
from govreport_desktop.ui.settings import Settings
from govreport_desktop.ui.summary_window import SummaryWindow
if os.environ.get("QT_QPA_PLATFORM") == "offscreen":      # an office screen: 1366×768 at 100 %
    screen = Path(tempfile.mkdtemp()) / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "office", "x": 0, "y": 0, "width": 1366, "height": 768,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
app = QApplication([])
d = Path(tempfile.mkdtemp())
base = jsondoc.read(str(Path(__file__).resolve().parents[2] / "shared/fixtures/truth/shuyang-county-2025.json"))
for i in range(12):
    r = copy.deepcopy(base); r.unit = f"沭阳县第{i+1}局"
    import random
    rnd = random.Random(i)
    words = "规范公开平台政务信息申请办理答复监督考核培训网站栏目专题解读回应发布目录清单标准流程制度"
    for k in ("s1", "s5"):
        r.sections[k] = "。".join("".join(rnd.choice(words) for _ in range(24)) for _ in range(6)) + "。"
    for p in ("t2.R1.C1", "t2.R3.C1", "t2.L1.C1", "t2.R1.CT", "t2.R3.CT", "t2.L1.CT"):
        r.cells[p] += i * 2
    files.save_report(r, d / f"u{i:02d}.xlsx")
roster = d / "2025年应报送单位名单.txt"
roster.write_text("\n".join([f"沭阳县第{i+1}局" for i in range(12)] + ["沭阳县审计局"]), encoding="utf-8")
# the options go to a throw-away INI; a main window only for the second picture
main = None
if len(sys.argv) > 2:
    from govreport_desktop.app import create_window
    main = create_window(None, settings=Settings(d.parent / f"{d.name}-main.ini"))
w = SummaryWindow(main.session if main else None, main, settings=Settings(d.parent / f"{d.name}-settings.ini"))
w.options.set_roster(str(roster))
w.options.unit.setText("沭阳县人民政府")
w.options.unit_kind.setCurrentIndex(w.options.unit_kind.findData("county_gov"))
w.resize(1280, 760); w.show()
done = []
w.finished.connect(done.append)
w.start([d])
while not done:
    app.processEvents()
for _ in range(20): app.processEvents()
w.results.setCurrentIndex(1)
for _ in range(5): app.processEvents()
w.grab().save(sys.argv[1])
print(done)
if main is not None:
    w.hide()
    main.resize(1366, 768); main.show()
    w.open_summed_report()
    for _ in range(10): app.processEvents()
    main.tabs.setCurrentIndex(3)                    # 三、依申请公开（表二）
    main._select_in_grid("t2", ["t2.R1.CT"])       # as a click on the cell would
    main.sources_dock.show()
    main.sources_panel.show_cell("t2.R1.CT")
    for _ in range(10): app.processEvents()
    main.grab().save(sys.argv[2])
