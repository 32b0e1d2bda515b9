"""The 汇总's store in a temporary folder: what the coordinator would otherwise hold per unit.

Same interface as core/summary_store.MemoryStore. Three files in a folder of its own under the
system's temporary folder:

    records.bin   each record's data, pickled, as it arrives (offset by record index); deleted
                  once build() has read them
    rows.bin      the included units' values in the summary's cell order, int64, one fixed-width
                  row per unit; memory-mapped, so a column (a hover over a summed cell) is a
                  strided slice and costs no Python objects per unit until it is read
    odd.bin       per row, the values that are not int64 (money as Decimal), pickled

`close()` removes the folder; it is also removed when the store is garbage-collected or the
program exits, so a cancelled or failed run leaves nothing behind.
"""

from __future__ import annotations

import mmap
import os
import pickle
import shutil
import tempfile
import threading
import weakref
from array import array
from typing import Iterator

from ..core.summary_record import UnitRecord
from ..core.summary_store import record_data, record_from
from ..core.values import Value

PREFIX = "govreport-summary-"
_PREAD = hasattr(os, "pread")     # not on Windows
BUFFER = 1 << 20
ROWS_READ = 256               # rows per read when they are read in order


class FileStore:
    def __init__(self, dir: str | None = None):
        self.folder = tempfile.mkdtemp(prefix=PREFIX, dir=dir)
        self._open: list = []                       # every handle and map: closed before removal
        self._finalizer = weakref.finalize(self, _remove, self.folder, self._open)
        self._records = self._file("records.bin", "wb")
        self._lock = threading.Lock()
        self._offsets = array("q")                  # record index → offset in records.bin (-1: none)
        self._lengths = array("l")                  # record index → length of its pickle
        self._reader = None                         # records.bin opened for reading, once build() reads it
        self._width = 0
        self._rows = self._odd = self._map = None
        self._odd_at = array("q")                   # row → offset in odd.bin (-1: no odd values)
        self._odd_len = array("l")                  # row → length of its pickle there

    def _file(self, name: str, mode: str, buffering: int = BUFFER):
        f = open(os.path.join(self.folder, name), mode, buffering=buffering)
        self._open.append(f)
        return f

    # ------------------------------------------------------------ records (add phase, build)

    def put(self, record: UnitRecord) -> None:
        data = pickle.dumps(record_data(record), pickle.HIGHEST_PROTOCOL)
        if record.index >= len(self._offsets):
            grow = record.index + 1 - len(self._offsets)
            self._offsets.extend([-1] * grow)
            self._lengths.extend([0] * grow)
        self._offsets[record.index] = self._records.tell()
        self._lengths[record.index] = len(data)
        self._records.write(data)

    def get(self, index: int) -> UnitRecord:
        if self._reader is None:
            self._reader = self._file("records.bin", "rb", 0)
        self._records.flush()                       # cheap when nothing was added since
        data = self._read_at(self._reader, self._offsets[index], self._lengths[index])
        return record_from(index, pickle.loads(data))

    def _read_at(self, f, at: int, n: int) -> bytes:
        """n bytes at an offset, without the file's buffer (a seek would refill a megabyte) and
        without a map (mapped pages would count as this process's memory)."""
        if _PREAD:
            return os.pread(f.fileno(), n, at)
        with self._lock:                            # Windows: seek and read must stay together
            f.seek(at)
            return f.read(n)

    def drop_records(self) -> None:
        """build() is done with the records: free their disk space now."""
        f = self._records
        if f is not None:
            for h in filter(None, (f, self._reader)):
                h.close()
                self._open.remove(h)
            os.remove(f.name)
            self._records = self._reader = None
            self._offsets, self._lengths = array("q"), array("l")

    # ------------------------------------------------------------ aligned rows (build, then shown)

    def start_rows(self, width: int) -> None:
        self._width = width
        self._rows = self._file("rows.bin", "wb")
        self._odd = self._file("odd.bin", "wb")
        self._odd_at, self._odd_len = array("q"), array("l")

    def add_row(self, values: array, odd: dict[int, Value]) -> None:
        self._rows.write(values)
        if odd:
            data = pickle.dumps(odd, pickle.HIGHEST_PROTOCOL)
            self._odd_at.append(self._odd.tell())
            self._odd_len.append(len(data))
            self._odd.write(data)
        else:
            self._odd_at.append(-1)
            self._odd_len.append(0)

    def finish_rows(self) -> None:
        """The rows are mapped read-only (a column is a strided slice); odd values are read by offset."""
        for f in (self._rows, self._odd):
            f.close()
            self._open.remove(f)
        self._map = self._mmap(self._rows.name)
        self._rows, self._odd = None, self._file("odd.bin", "rb", 0)

    def _mmap(self, path: str):
        if not os.path.getsize(path):
            return None                      # an empty file cannot be mapped
        with open(path, "rb") as f:
            m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        self._open.append(m)
        return m

    @property
    def n_rows(self) -> int:
        return len(self._odd_at)

    def column(self, j: int) -> list[int]:
        if self._map is None:
            return []
        with memoryview(self._map) as m, m.cast("q") as q, q[j::self._width] as col:
            return col.tolist()

    def row(self, k: int) -> tuple[array, dict[int, Value]]:
        w = self._width * 8
        values = array("q")
        values.frombytes(self._map[k * w:(k + 1) * w])
        return values, self.odd(k)

    def odd(self, k: int) -> dict[int, Value]:
        at = self._odd_at[k]
        if at < 0:
            return {}
        return pickle.loads(self._read_at(self._odd, at, self._odd_len[k]))

    def rows(self) -> Iterator[tuple[array, dict[int, Value]]]:
        """Every row in order, read in blocks through handles of its own (a thread may do this
        while another reads columns)."""
        if self._map is None:
            return
        w = self._width
        with open(os.path.join(self.folder, "rows.bin"), "rb") as rows, \
                open(os.path.join(self.folder, "odd.bin"), "rb", buffering=BUFFER) as odd:
            k = 0
            while k < self.n_rows:
                block = array("q")
                block.frombytes(rows.read(min(ROWS_READ, self.n_rows - k) * w * 8))
                for r in range(len(block) // w):
                    yield block[r * w:(r + 1) * w], pickle.load(odd) if self._odd_at[k] >= 0 else {}
                    k += 1

    def close(self) -> None:
        self._finalizer()

    @property
    def closed(self) -> bool:
        return not self._finalizer.alive


def _remove(folder: str, handles: list) -> None:
    for h in reversed(handles):
        try:
            h.close()
        except (OSError, BufferError, ValueError):
            pass
    handles.clear()
    shutil.rmtree(folder, ignore_errors=True)


__all__ = ["FileStore", "PREFIX"]
