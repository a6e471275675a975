"""Deterministic .docx bytes in one pass: each part compressed once, zipped with fixed times.

Saving with python-docx and then re-zipping with fixed times compresses every part twice and
decompresses it once. Here the parts go straight into the container, and a part that is the
same in every report (a template's styles, settings, fonts…) can be compressed once and kept
as an `Entry`. The bytes are exactly those zipfile writes for the same parts in the same order
with fixed times (tests/test_docx_writer.py holds the two side by side).
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from generator.report.write import FIXED_TIME

# What zipfile writes for a deflated member of a seekable file with FIXED_TIME.
_VERSION = 20  # zipfile.DEFAULT_VERSION: version made by and needed to extract
_DEFLATED = zipfile.ZIP_DEFLATED
_CREATE_SYSTEM = zipfile.ZipInfo().create_system  # 0 on Windows, 3 elsewhere, as zipfile
_EXTERNAL_ATTR = 0o600 << 16
_DOSDATE = (FIXED_TIME[0] - 1980) << 9 | FIXED_TIME[1] << 5 | FIXED_TIME[2]
_DOSTIME = FIXED_TIME[3] << 11 | FIXED_TIME[4] << 5 | FIXED_TIME[5] // 2
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_LIMIT = (1 << 32) - 1


@dataclass(frozen=True)
class Entry:
    """One member of the container, already compressed."""

    name: str
    crc: int
    size: int
    data: bytes  # raw deflate stream, as zipfile writes it


def deflate(name: str, data: bytes) -> Entry:
    """The entry for `data`, compressed as zipfile compresses it (zlib's default level)."""
    packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return Entry(name, zlib.crc32(data), len(data), packer.compress(data) + packer.flush())


def _name(name: str) -> tuple[bytes, int]:
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), 0x800


def write_zip(entries: Iterable[Entry]) -> bytes:
    """The zip of the entries in the order given."""
    out = bytearray()
    directory = bytearray()
    count = 0
    for e in entries:
        name, flags = _name(e.name)
        offset = len(out)
        if max(offset, e.size, len(e.data)) > _LIMIT:
            raise ValueError(f"{e.name}: too large for a .docx without ZIP64")
        out += _LOCAL.pack(
            b"PK\x03\x04",
            _VERSION,
            0,
            flags,
            _DEFLATED,
            _DOSTIME,
            _DOSDATE,
            e.crc,
            len(e.data),
            e.size,
            len(name),
            0,
        )
        out += name
        out += e.data
        directory += _CENTRAL.pack(
            b"PK\x01\x02",
            _VERSION,
            _CREATE_SYSTEM,
            _VERSION,
            0,
            flags,
            _DEFLATED,
            _DOSTIME,
            _DOSDATE,
            e.crc,
            len(e.data),
            e.size,
            len(name),
            0,
            0,
            0,
            0,
            _EXTERNAL_ATTR,
            offset,
        )
        directory += name
        count += 1
    start = len(out)
    out += directory
    out += _END.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), start, 0)
    return bytes(out)
