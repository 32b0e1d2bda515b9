"""docs/summary-window.png: the 汇总 window over 12 distinct unit workbooks made from the county report,
with its options set: a roster of 13 units (one has not reported) and the summing county's name.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_summary_screenshot.py docs/summary-window.png
"""
import copy, sys, tempfile
from pathlib import Path
from PySide6.QtWidgets import QApplication
from govreport_desktop.io import files, jsondoc
from govreport_desktop.ui.settings import Settings
from govreport_desktop.ui.summary_window import SummaryWindow
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
roster = d.parent / f"{d.name}-名单.txt"
roster.write_text("\n".join([f"沭阳县第{i+1}局" for i in range(12)] + ["沭阳县审计局"]), encoding="utf-8")
# no main window: double-click has nothing to open here; the options go to a throw-away INI
w = SummaryWindow(None, settings=Settings(d.parent / f"{d.name}-settings.ini"))
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
