"""Where a 汇总 keeps the units' data, so that the coordinator holds only the unit table.

`SummaryBuilder.add()` hands each record to a store as it arrives and keeps one small `UnitRow`;
`build()` reads the records back one at a time, writes each included unit's values in the
summary's cell order as one fixed-width int64 row (money and other values that do not fit in
an int64 in a dict beside it), then lets the records go. `Summary.trace()` reads one column of
those rows, `Summary.contributions()` reads them in order.

`MemoryStore` (here, for tests and small runs) keeps all of it in Python objects;
`io/summary_store.FileStore` keeps the same in a temporary folder (records spooled, rows
memory-mapped) so that memory does not grow with the number of units. Both have this interface:

    put(record)                 the record's data, by record.index (add phase)
    get(index) -> UnitRecord    that data back: format, year, values, odd, foreign, t1_units, hashes
    drop_records()              build() has read every record it needs
    start_rows(width); add_row(values, odd); finish_rows()
    n_rows; column(j) -> list[int]; row(k) -> (values, odd); odd(k) -> dict; rows() -> iterator
    close()                     the Summary is no longer shown; idempotent
"""

from __future__ import annotations

from array import array
from typing import Iterator

from .summary_record import UnitRecord
from .values import Value

Data = tuple      # (format, year, values bytes, odd, foreign, t1_units, hashes)


def record_data(record: UnitRecord) -> Data:
    """What the store keeps of a record (the unit table's fields stay in the builder)."""
    return (record.format, record.year, record.values.tobytes(), record.odd, record.foreign,
            record.t1_units, record.hashes)


def record_from(index: int, data: Data) -> UnitRecord:
    fmt, year, values, odd, foreign, t1_units, hashes = data
    a = array("q")
    a.frombytes(values)
    return UnitRecord(index=index, file="", format=fmt, year=year, values=a, odd=odd, foreign=foreign,
                      t1_units=t1_units, hashes=hashes)


class MemoryStore:
    """Everything in memory: the default of SummaryBuilder (tests, a handful of units)."""

    def __init__(self) -> None:
        self._records: dict[int, Data] = {}
        self._width = 0
        self._values = array("q")          # the rows one after another
        self._odd: list[dict[int, Value]] = []

    def put(self, record: UnitRecord) -> None:
        self._records[record.index] = record_data(record)

    def get(self, index: int) -> UnitRecord:
        return record_from(index, self._records[index])

    def drop_records(self) -> None:
        self._records = {}

    def start_rows(self, width: int) -> None:
        self._width, self._values, self._odd = width, array("q"), []

    def add_row(self, values: array, odd: dict[int, Value]) -> None:
        self._values.extend(values)
        self._odd.append(dict(odd))

    def finish_rows(self) -> None:
        pass

    @property
    def n_rows(self) -> int:
        return len(self._odd)

    def column(self, j: int) -> list[int]:
        return self._values[j::self._width].tolist() if self._width else []

    def row(self, k: int) -> tuple[array, dict[int, Value]]:
        w = self._width
        return self._values[k * w:(k + 1) * w], self._odd[k]

    def odd(self, k: int) -> dict[int, Value]:
        return self._odd[k]

    def rows(self) -> Iterator[tuple[array, dict[int, Value]]]:
        for k in range(self.n_rows):
            yield self.row(k)

    def close(self) -> None:
        self._records, self._values, self._odd = {}, array("q"), []


__all__ = ["MemoryStore", "record_data", "record_from"]
