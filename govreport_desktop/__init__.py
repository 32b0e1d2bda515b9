"""政务公开年报助手 — writing, checking and submitting 政府信息公开工作年度报告."""

# The one version number: pyproject, the 关于 dialog, the Windows version resource and the
# installer all read it from here.
__version__ = "0.1.0"

APP_NAME = "政务公开年报助手"
APP_ID = "govreport-desktop"
