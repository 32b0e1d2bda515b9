"""Names and marks the application writes into its own workbooks, shared by the writer and the
readers without importing either (reading must not load openpyxl, which only the writer needs).
"""

from __future__ import annotations

import re

META_SHEET = "_govreport"            # hidden sheet holding the exact report as JSON
MARK = "govreport-xlsx/1"            # its first cell: the version of that hidden copy
# hidden sheet holding last year's report (the `previous` member, as JSON) apart from the main
# copy, so that versions that know no `previous` still read the workbook as before
PREVIOUS_SHEET = "_govreport_previous"
PREVIOUS_MARK = "govreport-previous/1"
NOTES_SHEET = "备注与说明"
REVIEW_SHEET = "审核情况说明"          # errors and warnings at saving (io/xlsx_review.py): not read back
FOREIGN_MARK = "以下栏目属于"       # start of the row that introduces cells of the other format

# Characters XML 1.0 cannot hold (C0 controls except tab/newline/CR, lone surrogates,
# U+FFFE/U+FFFF): Excel would reject the file, so they are left out of visible cells.
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# The hidden sheet's cell D1 holds, per visible sheet, a digest of the texts written there; a
# sheet whose texts still give the same digest was not edited, and its parts are taken from
# the hidden copy as they are (a title that reads “一、总体情况” must not start part 一).
DIGESTS = "texts:"


def text_digest(values) -> str:
    """Digest of a sheet's text cells in row order, whitespace and unsavable characters left
    out (what Excel keeps of a text)."""
    import hashlib

    h = hashlib.sha1()
    for v in values:
        if isinstance(v, str):
            s = re.sub(r"\s", "", ILLEGAL.sub("", v))
            if s:
                h.update(s.encode("utf-8") + b"\x1f")
    return h.hexdigest()[:20]
