"""The official tables 表一…表三 drawn into a sheet from the format's `Layout`: labels, merges,
values, notes as comments, data validation, the other format's cells of a mixed report, and
conditional formats that redden a total while its relation (the format's `Relation`s) fails.
"""

from __future__ import annotations

from openpyxl.comments import Comment
from openpyxl.formatting.rule import Rule
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation

from .. import APP_NAME
from ..core.formats import foreign_cells
from ..core.schema import Kind, Layout, Table
from ..core.values import expectation
from .marks import FOREIGN_MARK
from .xlsx_style import LINE_PT, ROLE_STYLE, SheetWriter, _height, _rectangles


# The note under a table whose totals the workbook re-checks.
TABLE_HINTS = {
    "t2": "注：红色底纹表示该处合计与各项之和不一致（勾稽关系不符），在 Excel 或 WPS 中修改数字后会自动更新。",
    "t3": "注：行政复议、行政诉讼数量含上年度结转数量；红色底纹表示总计与各项之和不一致。",
}


class TableWriter(SheetWriter):
    """Draws the report's tables; needs `self.report` and `self.fmt` (set by the writer)."""

    def table(self, ws, table: Table, top: int, heading_rows: int) -> None:
        """Draw `table.layout` with its top-left corner at row `top` (1-based), column A."""
        layout: Layout = table.layout
        rep = self.report
        notes = rep.notes
        heights = [LINE_PT + 4] * layout.n_rows
        for box in layout.boxes:
            r, c = top + box.row, 1 + box.col
            cell = ws.cell(row=r, column=c)
            style = "t_group" if box.role == "label" and box.rowspan > 1 else ROLE_STYLE[box.role]
            if box.role == "data":
                value = rep.cells.get(box.path)
                cell.value = value
                spec = self.fmt.cell[box.path]
                unit = rep.t1_units.get(box.path[3:]) if spec.kind is Kind.AMOUNT else None
                self.style(cell, style, f'General"{unit}"' if unit in ("元", "万元") else None)
                note = notes.get(box.path)
                if note:
                    cell.comment = Comment(self.text(f"{spec.name}的备注", note), APP_NAME, width=260, height=110)
            else:
                self.put_text(cell, box.text)
                self.style(cell, style)
            self.merge(ws, r, c, box.last_row + top, box.last_col + 1, style)
            if box.rowspan == 1 and box.text:
                width = sum(layout.col_widths[box.col:box.col + box.colspan])
                heights[box.row] = max(heights[box.row], _height(box.text, width))
        for i, h in enumerate(heights):
            ws.row_dimensions[top + i].height = h
        if table.key == "t2" and layout.header_rows:
            # The 勾稽关系 note spans the header rows; give it room to wrap.
            need = _height(layout.boxes[0].text, sum(layout.col_widths[:3]))
            have = sum(heights[:layout.header_rows])
            if need > have:
                ws.row_dimensions[top].height = heights[0] + need - have
        bottom = top + layout.n_rows
        bottom = self.foreign(ws, table, bottom)
        self.validation(ws, table, top)
        if self.fmt.relations_of(table.key):
            self.reconcile(ws, table, top)
            hint = TABLE_HINTS.get(table.key, TABLE_HINTS["t2"])
            self.merged_text_row(ws, bottom + 1, layout.n_cols, hint, "small", list(layout.col_widths))
        first_data = top + layout.header_rows
        if layout.header_rows:
            ws.print_title_rows = f"{top}:{top + layout.header_rows - 1}"
        # Freeze the headers only when the text above them is short, or the frozen part would
        # fill the screen.
        above = sum((ws.row_dimensions[r].height or LINE_PT) for r in range(1, first_data))
        label_cols = min((b.col for b in layout.boxes if b.role == "data"), default=0)
        if above <= 260:
            ws.freeze_panes = ws.cell(row=first_data, column=1 + (label_cols if table.key == "t2" else 0))
        else:
            ws.freeze_panes = ws.cell(row=heading_rows + 1, column=1)

    def foreign(self, ws, table: Table, row: int) -> int:
        """Cells of the other format kept in this report (a mixed report), shown below the table."""
        foreign = foreign_cells(self.fmt.id)
        paths = [p for p in self.report.cells if p in foreign and p.startswith(table.key + ".")]
        if not paths:
            return row
        other = foreign[paths[0]]
        otable = other.table[table.key]
        ncols = table.layout.n_cols
        row += 1
        text = f"{FOREIGN_MARK}{other.name}，{self.fmt.name}中没有，保留待转换："
        row = self.merged_text_row(ws, row, ncols, text, "small", list(table.layout.col_widths), 15)
        cells = self.report.cells
        if table.key == "t2":
            data_col = {b.path.split(".")[2]: b.col for b in table.layout.boxes if b.role == "data"}
            label_cols = min(data_col.values())
            for rkey in dict.fromkeys(p.split(".")[1] for p in paths):
                label = otable.row[rkey].label
                cell = self.put_text(ws.cell(row=row, column=1), label)
                self.style(cell, "t_label")
                self.merge(ws, row, 1, row, label_cols, "t_label")
                for ckey, col in data_col.items():
                    c = ws.cell(row=row, column=col + 1)
                    c.value = cells.get(f"t2.{rkey}.{ckey}")
                    self.style(c, "t_data")
                ws.row_dimensions[row].height = _height(label, sum(table.layout.col_widths[:label_cols]))
                row += 1
        else:
            for p in paths:
                _t, item, field = p.split(".")
                values = (otable.row[item].label, otable.col[field].label, cells.get(p))
                for j, v in enumerate(values):
                    c = ws.cell(row=row, column=1 + j)
                    if isinstance(v, str):
                        self.put_text(c, v)
                    else:
                        c.value = v
                    self.style(c, "t_data" if j == 2 else "t_label")
                row += 1
        return row

    def validation(self, ws, table: Table, top: int) -> None:
        by_kind: dict[Kind, list[tuple[int, int]]] = {}
        for box in table.layout.boxes:
            if box.role == "data":
                kind = self.fmt.cell[box.path].kind
                by_kind.setdefault(kind, []).append((top + box.row, 1 + box.col))
        for kind, cells in by_kind.items():
            refs = _rectangles(cells)
            if kind is Kind.COUNT:
                dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
            elif kind is Kind.SIGNED:
                dv = DataValidation(type="whole", operator="between", formula1="-2147483647", formula2="2147483647")
            else:
                dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
            dv.allow_blank = True
            dv.error = expectation(kind)
            dv.errorTitle = "数值不符合要求"
            dv.prompt = expectation(kind)
            dv.showErrorMessage = True
            dv.showInputMessage = False
            dv.sqref = MultiCellRange(" ".join(refs))
            ws.add_data_validation(dv)

    def reconcile(self, ws, table: Table, top: int) -> None:
        """Conditional formats that redden a total whose parts do not add up: the format's
        relations of this table (M01–M03, L01), in declared order.

        Each relation family (e.g. M03 for every row) becomes one rule with relative references
        when the layout repeats regularly, which keeps the workbook light and easy to edit.
        """
        families: dict[str, list] = {}
        for rel in self.fmt.relations_of(table.key):
            families.setdefault(rel.rule, []).append((rel.targets, rel.left, rel.right))
        for instances in families.values():
            self.rule(ws, table, top, instances)

    def rule(self, ws, table: Table, top: int, instances) -> None:
        """One rule “SUM(parts) ≠ SUM(totals), unless all blank” over every instance's targets.

        Excel shifts relative references from the top-left target to each other target, so a
        reference is relative along an axis only where the instances differ along it and a single
        instance's targets do not; when the layout does not allow that, one rule per instance.
        """
        pos = table.layout.position

        def at(path: str) -> tuple[int, int]:
            r, c = pos[path]
            return top + r, c + 1

        base = instances[0]
        b = at(base[0][0])
        deltas = [(at(inst[0][0])[0] - b[0], at(inst[0][0])[1] - b[1]) for inst in instances]
        rel_row = any(d[0] for d in deltas)
        rel_col = any(d[1] for d in deltas)
        targets = [at(p) for inst in instances for p in inst[0]]
        regular = (
            all([at(p) for p in inst[k]] == [(r + d[0], c + d[1]) for r, c in (at(p) for p in base[k])]
                for inst, d in zip(instances, deltas) for k in range(3))
            and not (rel_row and len({at(p)[0] for p in base[0]}) > 1)
            and not (rel_col and len({at(p)[1] for p in base[0]}) > 1)
            and b == (min(r for r, _ in targets), min(c for _, c in targets)))
        if not regular and len(instances) > 1:
            for inst in instances:
                self.rule(ws, table, top, [inst])
            return

        def ref(path: str) -> str:
            r, c = at(path)
            return f"{'' if rel_col else '$'}{get_column_letter(c)}{'' if rel_row else '$'}{r}"

        _t, parts, totals = base
        involved = list(dict.fromkeys([*parts, *totals, *base[0]]))
        formula = (f"AND(COUNT({','.join(ref(p) for p in involved)})>0,"
                   f"SUM({','.join(ref(p) for p in parts)})<>SUM({','.join(ref(p) for p in totals)}))")
        sqref = " ".join(f"{get_column_letter(c)}{r}" for r, c in targets)
        ws.conditional_formatting.add(sqref, Rule(type="expression", formula=[formula], dxf=self.bad_style))
