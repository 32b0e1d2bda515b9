"""Start-up: stdio guard, logging, Qt translations, excepthook, create_window(), main().

    govreport-desktop [FILE]            open FILE (default: a new report for last year)
    govreport-desktop --smoke OUT       open the bundled sample offscreen, check, save to OUT, exit
    govreport-desktop --screenshot PNG  save a picture of the window after start-up, exit
"""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import os
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

from . import APP_ID, APP_NAME, __version__
from .paths import log_dir, set_app_names
from .resources import is_frozen, resource_path, sample_path
from .stdio import guard_stdio

log = logging.getLogger("govreport")
_log_file: Path | None = None


# ---------------------------------------------------------------- stdio, logging

def setup_logging() -> Path:
    """A rotating log in the user's data folder; falls back to the temp folder if unwritable."""
    global _log_file
    for folder in (log_dir(), Path(tempfile.gettempdir()) / APP_ID):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(
                folder / "govreport.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8")
            break
        except OSError:
            continue
    else:
        return Path(os.devnull)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    root.addHandler(handler)
    _log_file = Path(handler.baseFilename)
    from PySide6 import __version__ as qt_version

    log.info("%s %s start, python %s, PySide6 %s, frozen=%s", APP_NAME, __version__,
             sys.version.split()[0], qt_version, is_frozen())
    return _log_file


def route_qt_messages() -> None:
    """Qt's warnings go to the log, not to a console the user never sees."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    levels = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}
    qt_log = logging.getLogger("qt")
    qInstallMessageHandler(lambda kind, ctx, msg: qt_log.log(levels.get(kind, logging.WARNING), "%s", msg))


def install_excepthook() -> None:
    """Log unexpected exceptions and tell the user in Chinese, instead of vanishing."""
    showing = threading.Lock()

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.critical("unexpected error\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        try:
            print("".join(traceback.format_exception(exc_type, exc, tb)), file=sys.stderr)
        except Exception:
            pass
        _show_crash_dialog(exc_type, showing)

    sys.excepthook = hook
    threading.excepthook = lambda args: hook(args.exc_type, args.exc_value, args.exc_traceback)


def _show_crash_dialog(exc_type, showing: threading.Lock) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance()
    if app is None or app.platformName() in ("offscreen", "minimal") or \
            threading.current_thread() is not threading.main_thread():
        return
    if not showing.acquire(blocking=False):
        return  # one dialog at a time, even if the error repeats
    try:
        where = _log_file or log_dir()
        box = QMessageBox(QMessageBox.Critical, f"{APP_NAME} — 程序错误",
                          "程序遇到意外错误。当前操作可能未完成，建议立即“另存为”一份报告。")
        box.setInformativeText(f"错误详情已记录在日志文件中：\n{where}\n\n请将该文件发给技术支持。")
        box.setDetailedText(f"{exc_type.__name__}")
        box.setStandardButtons(QMessageBox.Ok)
        box.button(QMessageBox.Ok).setText("确定")
        box.exec()
    finally:
        showing.release()


# ---------------------------------------------------------------- Qt application

# Strings whose source text changed in Qt 6 while qtbase_zh_CN.qm still has the old one
# (seen in Qt's own file and print dialogs when the native dialog is not used).
QT_ZH_EXTRA = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "File"): "文件",
    ("QPrintDialog", "Page &Set:"): "打印范围(&S)：",
    ("QPrintPropertiesWidget", "Page &Set:"): "打印范围(&S)：",
}


def install_translations(app) -> bool:
    """Qt's own dialogs and context menus in Chinese (qtbase_zh_CN, plus a few gaps)."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    class Extra(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):
            return QT_ZH_EXTRA.get((context, source))   # None → a null string: ask the next translator

        def isEmpty(self):
            return False

    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China))
    folders = [QLibraryInfo.path(QLibraryInfo.TranslationsPath), str(resource_path("translations"))]
    if getattr(sys, "_MEIPASS", None):
        folders.append(str(Path(sys._MEIPASS) / "PySide6" / "Qt" / "translations"))
        folders.append(str(Path(sys._MEIPASS) / "PySide6" / "translations"))
    translator = QTranslator(app)
    for folder in folders:
        if translator.load("qtbase_zh_CN", folder):
            app.installTranslator(translator)
            extra = Extra(app)
            app.installTranslator(extra)   # asked first: the most recently installed wins
            app._govreport_translators = (translator, extra)  # keep them alive with the app
            return True
    log.warning("Qt zh_CN translations not found in %s", folders)
    return False


def ensure_app(argv: list[str] | None = None):
    """The QApplication, created and set up once (names, translations, icon, font)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        set_app_names()
        app = QApplication([sys.argv[0] if sys.argv else APP_ID] + list(argv or []))
    if not getattr(app, "_govreport_ready", False):
        set_app_names()
        app.setApplicationDisplayName(APP_NAME)
        install_translations(app)
        # The installer's icon (installer/make_icon.py): window, taskbar and dialogs.
        icon = next((p for p in (resource_path("icon.ico"), resource_path("icon.png")) if p.exists()), None)
        if icon is not None:
            from PySide6.QtGui import QIcon
            app.setWindowIcon(QIcon(str(icon)))
        app._govreport_ready = True
    return app


def create_window(path: str | Path | None = None, settings=None, defer_grids: bool = False):
    """The main window with FILE; without one, the last file (if it still exists and the user
    has not turned that off), else the start page over a new report for last year. Does not
    enter the event loop.

    defer_grids (main() only): build the three grids just after the first paint, which shows
    基本信息 anyway; everyone else gets every widget, grid_t1 … grid_t3 included, at once.
    """
    ensure_app()
    from .ui.main_window import MainWindow

    window = MainWindow(settings=settings)
    window.defer_grids = defer_grids
    if path is not None and window.session.open_file(path, ask=False):
        return window
    last = window.session.last_file() if path is None else None
    if last is not None and window.session.open_file(last, ask=False):
        return window
    window.session.new_default()
    window.show_start_page()
    return window


# ---------------------------------------------------------------- modes

def smoke(out: str) -> int:
    """The installers' smoke test: sample → window → check → save → reopen; one summary line."""
    t0 = time.perf_counter()
    from .core.rules import check, counts
    from .io import files
    from .ui.settings import Settings

    sample = sample_path()
    if not sample.exists():
        print(f"smoke FAILED: sample not found: {sample}", file=sys.stderr)
        return 1
    out_path = Path(out)
    if out_path.suffix.lower() not in files.writable():
        # Exit non-zero: a bundle without its Excel stack must not pass the smoke test.
        reason = ""
        if out_path.suffix.lower() in (".xlsx", ".xls"):
            try:
                from .io import xlsx  # noqa: F401
            except Exception as e:  # the import error is the useful part
                reason = f" (Excel support failed to load: {type(e).__name__}: {e})"
        print(f"smoke FAILED: cannot save {out_path.suffix or 'without a suffix'}{reason}; "
              f"writers: {' '.join(files.writable())}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        window = create_window(sample, settings=Settings(Path(tmp) / "settings.ini"))
        report = window.doc.report
        if window.doc.path is None and not report.unit:
            raise RuntimeError("the sample did not open")
        window.show()
        window.grab()           # paints every widget once
        c = counts(check(report))
        window.session.save_to(out_path)
        if window.doc.modified or window.doc.path != out_path:
            raise RuntimeError(f"could not save {out_path}")
        again = files.open_report(out_path).report
        lost = [p for p in report.fmt.cell_paths if report.cells.get(p) != again.cells.get(p)]
        lost += [k for k in report.sections if report.sections[k] != again.sections.get(k)]
        if lost:
            raise RuntimeError(f"round trip lost {len(lost)} values, e.g. {lost[:3]}")
        imported = smoke_published(window, report)
        summed = smoke_summary(report, Path(tmp))
        window.close()
    line = (f"smoke ok: {report.unit} {report.year}年 {report.format}年格式: {c['error']} errors, "
            f"{c['warning']} warnings, {c['info']} infos; saved {out_path} "
            f"({out_path.stat().st_size} bytes); {imported}; {summed}; {time.perf_counter() - t0:.2f}s; "
            f"version {__version__}")
    log.info(line)
    print(line, flush=True)
    return 0


def smoke_summary(report, folder: Path) -> str:
    """The smoke test's 汇总: three units made from the sample, read by the process pool (spawned
    workers on Windows), their 表二 summed cell by cell. Says how it went."""
    from .io import files, summary_run

    units = folder / "汇总"
    units.mkdir()
    paths = []
    for i in range(3):
        unit = report.copy()
        unit.unit = f"{report.unit}{i + 1}"
        paths.append(units / f"单位{i + 1}.xlsx")
        files.save_report(unit, paths[-1], backup=False)
    summary = summary_run.summarize_files(paths, jobs=2)
    try:
        wrong = [p for p in report.fmt.cell_paths if p.startswith("t2.") and report.cells.get(p) is not None
                 and summary.report.cells.get(p) != 3 * report.cells[p]]
        if len(summary.included) != 3 or wrong:
            raise RuntimeError(f"汇总 of 3 units: {len(summary.included)} included, {len(wrong)} cells wrong")
    finally:
        summary.close()
    return "汇总 of 3 units in 2 worker processes ok"


def smoke_published(window, report) -> str:
    """The smoke test's imports: the sample as published (.docx, .pdf) opened in the window, read
    by the reader process, with the sample's 表二 in the right cells. Says how it went."""
    from .io import sandbox
    from .resources import published_samples
    from .ui import dialogs

    said: list[str] = []
    kept = dialogs.show_info, dialogs.show_error
    dialogs.show_info = dialogs.show_error = lambda parent, title, text: said.append(f"{title}: {text}")
    try:
        out = []
        for path in published_samples():
            if not window.session.open_file(path, ask=False) or window.doc.source != path:
                raise RuntimeError(f"could not import {path.name}: {said[-1] if said else '?'}")
            got = window.doc.report
            wrong = [c.path for c in report.fmt.table["t2"].cells if got.cells.get(c.path) != report.cells.get(c.path)]
            if wrong:
                raise RuntimeError(f"{path.name}: {len(wrong)} cells of 表二 differ, e.g. {wrong[:3]}")
            window.doc.undo_stack.setClean()      # imported = unsaved: closing must not ask
            out.append(path.suffix)
    finally:
        dialogs.show_info, dialogs.show_error = kept
    box = sandbox.default()
    how = "in-process (reader process unavailable)" if box.disabled else f"in the reader process (pid {box.pid})"
    return f"imported {' '.join(out)} {how}"


def _after_first_paint(window, callback) -> None:
    """Run callback once the window has been painted (grids, start-up figure, screenshot)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Watcher(QObject):
        done = False

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Paint and not self.done:
                self.done = True
                QTimer.singleShot(0, callback)
                QTimer.singleShot(0, self.deleteLater)
            return False

    watcher = Watcher(window)
    window.installEventFilter(watcher)


def _window_check(window, out: str) -> None:
    """The installer's look at the real window (installer/build-windows.sh under Xvfb): once it
    is laid out, show 表二 and write where the window is, on which screen area, in which style
    and how many of 表二's rows show, to `out` (JSON); quit a minute later at the latest."""
    import json

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def report():
        window.show_report()
        window.tabs.setCurrentIndex(3)
        QApplication.processEvents()
        screen = (window.screen() or QApplication.primaryScreen()).availableGeometry()
        grid = window.grids["t2"]
        model = grid.model()
        top, bottom = grid.pinned_height(), grid.viewport().height()
        rows = {model.index_of(p).row() for p in model.data_paths
                if (r := grid.visualRect(model.index_of(p))).height() > 0 and r.top() >= top and r.bottom() <= bottom}
        f, g = window.frameGeometry(), window.geometry()
        data = {"frame": [f.x(), f.y(), f.width(), f.height()], "geometry": [g.x(), g.y(), g.width(), g.height()],
                "screen": [screen.x(), screen.y(), screen.width(), screen.height()],
                "maximised": window.isMaximized(), "style": QApplication.style().name(),
                "platform": QApplication.platformName(), "t2_rows": len(rows)}
        Path(out).write_text(json.dumps(data), encoding="utf-8")
        print(f"window-check {json.dumps(data)}", flush=True)
        QTimer.singleShot(60000, QApplication.quit)
    QTimer.singleShot(1500, report)


def build_parser() -> argparse.ArgumentParser:
    from .cli_help import ArgumentParser

    p = ArgumentParser(prog="govreport-desktop", description=f"{APP_NAME}（{__version__}）")
    p.add_argument("file", nargs="?", metavar="FILE", help="要打开的报告文件（.xlsx、.xls 或 .json）")
    p.add_argument("--smoke", metavar="OUT", help="自检：打开示例报告、校验并保存到 OUT 后退出")
    p.add_argument("--screenshot", metavar="PNG", help="启动后保存窗口截图并退出")
    p.add_argument("--startup-time", action="store_true", help=argparse.SUPPRESS)  # benchmarks
    p.add_argument("--window-check", metavar="JSON", help=argparse.SUPPRESS)     # installer checks
    p.add_argument("--version", action="version", version=__version__)
    return p


def main(argv: list[str] | None = None) -> int:
    guard_stdio()
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.smoke or args.startup_time:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = ensure_app()
    setup_logging()
    route_qt_messages()
    install_excepthook()
    if args.smoke:
        try:
            return smoke(args.smoke)
        except Exception as e:
            log.exception("smoke failed")
            print(f"smoke FAILED: {type(e).__name__}: {e}", file=sys.stderr, flush=True)
            return 1

    automated = bool(args.screenshot or args.startup_time or args.window_check)
    instance = None
    if not automated:
        from .ui import single_instance

        instance = single_instance.claim([args.file] if args.file else [])
        if instance is None:           # a running copy took the file (ui/single_instance.py)
            log.info("handed %s to the running copy", args.file or "a start")
            return 0
    from .ui import automation
    from .ui.windows import Windows, open_store

    window = create_window(args.file, defer_grids=True)
    windows = Windows(None if automated else open_store())
    windows.add(window)
    app.aboutToQuit.connect(windows.quit)
    if instance is not None:
        instance.filesRequested.connect(windows.open_paths)
    _after_first_paint(window, window.ensure_grids)
    if not automated:                  # reader process, leftovers, unsaved work of a crash
        _after_first_paint(window, lambda: windows.started(**automation.install(windows, window)))
    if args.screenshot:
        def shoot():
            from PySide6.QtCore import QTimer
            QTimer.singleShot(300, lambda: (window.grab().save(args.screenshot), app.quit()))
        _after_first_paint(window, shoot)
    elif args.window_check:
        _after_first_paint(window, lambda: _window_check(window, args.window_check))
    elif args.startup_time:
        _after_first_paint(window, lambda: (print(f"painted {time.time():.6f}", flush=True), app.quit()))
    window.show()
    code = app.exec()
    log.info("exit %s", code)
    return code


if __name__ == "__main__":
    sys.exit(main())
