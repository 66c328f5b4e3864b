"""GBK/GB18030 exports rewritten as UTF-8 for DuckDB, on every core, with the first bad byte located.

DuckDB's CSV reader knows UTF-8 (and Latin-1, UTF-16) only; its ``encodings``
extension would have to be downloaded, which okrkit never does. So a GBK file
is decoded by Python's own codec — the one :mod:`okrkit.textfile` uses, so a
character reads the same everywhere in okrkit — and written to a temporary
UTF-8 file that DuckDB then reads in parallel.

Python's GB18030 decoder manages about 40 MB/s (its CPU time alone is more
than DuckDB's parsing of the UTF-8 result), so on a machine with cores to
spare a large file is cut into pieces at newline bytes (0x0A never occurs inside a GBK or GB18030 character:
trail bytes are 0x30–0x39 and 0x40–0xFE), the pieces are decoded in worker
processes at once and written back in order. Cutting between characters
changes nothing: a piece ends where a character ends, and the pieces joined
are the whole file's decoding byte for byte (even a quoted field holding a
newline: only the text is cut, never the CSV).

Nothing here imports more than the standard library, so a worker process
starts quickly.
"""

from __future__ import annotations

import codecs
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

CHUNK_BYTES = 1 << 22  # the one-process path reads and writes 4 MiB at a time
PARALLEL_BYTES = 16 << 20  # below this, starting worker processes costs more than it saves
MAX_WORKERS = 4
# On two cores shared with DuckDB the workers only take turns with it (measured
# slower than one process: 2.0-3.4 s vs 1.5-2.3 s for a 72 MB file), so they
# are used from four cores on.
MIN_CORES = 4


@dataclass(frozen=True)
class BadBytes:
    """Where decoding first failed: the byte offset in the file, 1-based line and byte in the line."""

    offset: int
    line: int
    column: int
    found: bytes
    reason: str


class TranscodeError(ValueError):
    """The file is not ``encoding`` at ``bad``."""

    def __init__(self, bad: BadBytes, encoding: str):
        self.bad, self.encoding = bad, encoding
        super().__init__(f"not {encoding} at byte {bad.column} of line {bad.line}")


def transcode(source: Path, target: Path, encoding: str, *, workers: int | None = None) -> None:
    """Rewrite ``source`` (in ``encoding``) as UTF-8 in ``target``; TranscodeError at a bad byte."""
    size = source.stat().st_size
    if workers is None:
        cores = os.cpu_count() or 1
        workers = min(MAX_WORKERS, cores) if cores >= MIN_CORES else 1
    if workers < 2 or size < PARALLEL_BYTES:
        error = _decode_range(str(source), 0, size, str(target), encoding)
    else:
        error = _parallel(source, target, encoding, size, workers)
    if error is not None:
        raise TranscodeError(locate(source, *error), encoding)


def _parallel(source: Path, target: Path, encoding: str, size: int, workers: int):
    import subprocess
    import sys

    bounds = _cut(source, size, workers)
    parts = [target.with_name(f"{target.name}.part{i}") for i in range(len(bounds) - 1)]
    try:
        # Plain child processes running this file (-I -S: no site, no user path):
        # unlike multiprocessing they never re-run the caller's script or
        # notebook, and never fork the parent's DuckDB threads.
        children = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-I",
                    "-S",
                    __file__,
                    str(source),
                    str(start),
                    str(end),
                    str(part),
                    encoding,
                ],
                stdout=subprocess.PIPE,
                text=True,
            )
            for start, end, part in zip(bounds, bounds[1:], parts, strict=False)
        ]
        results = [child.communicate()[0] for child in children]
        if any(child.returncode for child in children):
            # a worker could not run (no interpreter to start, out of memory): one process does it
            return _decode_range(str(source), 0, size, str(target), encoding)
        errors = [json.loads(r) for r in results]
        first = next((e for e in errors if e is not None), None)
        if first is not None:  # the earliest piece that failed holds the file's first bad byte
            return first[0], bytes.fromhex(first[1]), first[2]
        with target.open("wb") as out:
            for part in parts:
                with part.open("rb") as inp:
                    shutil.copyfileobj(inp, out, CHUNK_BYTES)
        return None
    finally:
        for part in parts:
            part.unlink(missing_ok=True)


def _cut(source: Path, size: int, pieces: int) -> list[int]:
    """Offsets that cut the file into about ``pieces`` pieces, each just after a newline."""
    bounds = [0]
    with source.open("rb") as handle:
        for i in range(1, pieces):
            handle.seek(max(size * i // pieces, bounds[-1]))
            handle.readline()  # to the end of the line the cut falls in
            at = handle.tell()
            if bounds[-1] < at < size:
                bounds.append(at)
    return [*bounds, size]


def _decode_range(source: str, start: int, end: int, target: str, encoding: str):
    """Decode bytes [start, end) of ``source`` into UTF-8 ``target``; (offset, found, reason) on failure."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    offset = start
    with open(source, "rb") as inp, open(target, "w", encoding="utf-8", newline="") as out:
        inp.seek(start)
        while offset < end:
            chunk = inp.read(min(CHUNK_BYTES, end - offset))
            if not chunk:
                break
            try:
                out.write(decoder.decode(chunk))
            except UnicodeDecodeError as exc:
                return _failure(exc, offset, chunk)
            offset += len(chunk)
        try:
            out.write(decoder.decode(b"", final=True))  # a character cut short by the end
        except UnicodeDecodeError as exc:
            return _failure(exc, offset, b"")
    return None


def _failure(exc: UnicodeDecodeError, offset: int, chunk: bytes):
    # The decoder may hold the first bytes of a character from the previous chunk:
    # exc.start then counts from those, before this chunk's first byte.
    held = len(exc.object) - len(chunk)
    at = offset + exc.start - held
    return at, bytes(exc.object[exc.start : max(exc.end, exc.start + 1)][:4]), exc.reason


def locate(source: Path, offset: int, found: bytes, reason: str) -> BadBytes:
    """The line and byte within the line of ``offset`` (counting newlines before it, in chunks)."""
    lines, last_newline, position = 0, -1, 0
    with source.open("rb") as handle:
        while position < offset:
            chunk = handle.read(min(CHUNK_BYTES, offset - position))
            if not chunk:
                break
            lines += chunk.count(b"\n")
            if (at := chunk.rfind(b"\n")) >= 0:
                last_newline = position + at
            position += len(chunk)
    return BadBytes(offset, lines + 1, offset - last_newline, found, reason)


def stream(source: Path, pipe: Path, encoding: str):
    """Decode ``source`` into the named pipe ``pipe`` in a thread, while a reader parses it.

    Returns the thread's :meth:`finish`: call it once the reader is done (or
    failed); it unblocks a writer left waiting (a reader that never opened the
    pipe, or stopped early), joins the thread and returns a TranscodeError at
    the first bad byte, or None. The decoder is the one :func:`transcode` uses,
    so the text is byte for byte the same.
    """
    import threading

    size = source.stat().st_size
    outcome: dict = {}

    def produce() -> None:
        try:
            outcome["error"] = _decode_range(str(source), 0, size, str(pipe), encoding)
        except OSError:  # the reader stopped (broken pipe): its own error is reported
            outcome["error"] = None

    thread = threading.Thread(target=produce, daemon=True)
    thread.start()

    def finish() -> TranscodeError | None:
        import time

        reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # lets a blocked open() go on
        try:
            while thread.is_alive():  # drain what a writer still sends after the reader stopped
                try:
                    if not os.read(reader, 1 << 16):
                        time.sleep(0.005)
                except BlockingIOError:
                    time.sleep(0.005)
        finally:
            os.close(reader)
        thread.join()
        error = outcome.get("error")
        return None if error is None else TranscodeError(locate(source, *error), encoding)

    return finish


if __name__ == "__main__":  # a worker of _parallel: decode one piece, print the failure or null
    import sys

    _source, _start, _end, _target, _encoding = sys.argv[1:6]
    _error = _decode_range(_source, int(_start), int(_end), _target, _encoding)
    print(json.dumps(None if _error is None else [_error[0], _error[1].hex(), _error[2]]))
