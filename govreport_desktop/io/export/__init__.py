"""Publication exports: the report as an official-style Word document, a PDF and a web page.

Each exporter module offers `encode(report, *, problems=None) -> (bytes, notices)` and the
constants `SUFFIX` and `NAME`; the layout they share is in `publication.py`.
"""
