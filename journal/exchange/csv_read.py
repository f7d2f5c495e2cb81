"""Reading a CSV file of ours, whichever table it holds: the header checked, each record's
line, its cells with the spreadsheet-injection guard removed, and one clear line when the
file is not UTF-8 (naming the line, or that it was saved as UTF-16) or is not CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from journal.errors import FileProblem, InvalidValue
from journal.exchange.csv_format import unprotect


class RowProblem(InvalidValue):
    """A row that cannot be imported; ``str()`` names the file and line."""


def cells(path: Path, header: tuple[str, ...]) -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, its cells) of every record of ``path``; blank lines
    skipped. RowProblem for another header, a wrong number of fields or text that is not CSV
    or not UTF-8; FileProblem when the file cannot be read."""
    name = path.name
    try:
        fh = open(path, encoding="utf-8-sig", newline="")
    except OSError as err:
        raise FileProblem(f"cannot read {path} ({err.strerror})") from None
    with fh:
        reader = csv.reader(fh, strict=True)
        line = 1
        try:
            found = next(reader, None)
            if found is None:
                raise RowProblem(f"{name} is empty; expected the header {','.join(header)}")
            if tuple(found) != header:
                if _utf16("".join(found[:1]).encode("utf-8", "surrogatepass")[:4]):
                    raise RowProblem(_UTF16.format(name=name))
                raise RowProblem(
                    f"{name} line 1: not the layout rehab-tui exports; expected the header "
                    f"{','.join(header)}"
                )
            line = reader.line_num + 1
            for values in reader:
                start, line = line, reader.line_num + 1
                if not values:
                    continue  # a blank line
                if len(values) != len(header):
                    raise RowProblem(f"{name} line {start}: {len(values)} fields, expected {len(header)}")
                yield start, [unprotect(v) for v in values]
        except UnicodeDecodeError:
            raise RowProblem(_not_utf8(path)) from None
        except csv.Error as err:
            raise RowProblem(f"{name} line {line}: {err}") from None


def _not_utf8(path: Path) -> str:
    """Where a file stops being UTF-8, by line as an editor counts them, and what to do.

    The text reader decodes ahead in chunks, so its line count says nothing about where the
    bad byte is; the file is scanned again as bytes (on this error path only, chunk by chunk).
    """
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    try:
        with open(path, "rb") as fh:
            if _utf16(fh.read(4)):
                return _UTF16.format(name=path.name)
            fh.seek(0)
            while chunk := fh.read(1 << 16):
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as err:
                    # err.start counts from what the decoder still held back from the last chunk
                    held = len(err.object) - len(chunk)
                    at = max(0, err.start - held)
                    line += chunk.count(b"\n", 0, at)
                    return f"{path.name} line {line}: not UTF-8 text (byte 0x{err.object[err.start]:02x}); {_SAVE_AS_UTF8}"
                line += chunk.count(b"\n")
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:  # the file ends inside a character
        return f"{path.name} line {line}: not UTF-8 text (it ends mid-character); {_SAVE_AS_UTF8}"
    except OSError as err:
        return f"cannot read {path} ({err.strerror})"
    return f"{path.name}: not UTF-8 text; {_SAVE_AS_UTF8}"


_SAVE_AS_UTF8 = "save it as UTF-8 (in a spreadsheet: CSV UTF-8) and import again"
_UTF16 = "{name} line 1: saved as UTF-16; " + _SAVE_AS_UTF8


def _utf16(head: bytes) -> bool:
    """The first bytes of a UTF-16 file: its byte-order mark, or ASCII with NULs between."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    return len(head) >= 4 and (head[1::2] == b"\0\0" or head[0::2] == b"\0\0")
