"""Shared helpers: open a local or fsspec path, failing with a message that names the file."""

from pathlib import PurePosixPath

import fsspec
from kedro.io.core import DatasetError, get_filepath_str, get_protocol_and_path


def resolve(filepath: str) -> tuple[fsspec.AbstractFileSystem, str]:
    """The filesystem and the protocol-qualified path string of ``filepath``."""
    protocol, path = get_protocol_and_path(str(filepath))
    return fsspec.filesystem(protocol), get_filepath_str(PurePosixPath(path), protocol)


def read_bytes(filepath: str) -> bytes:
    """The file's bytes, gunzipped when the name ends in ``.gz``; a missing file is an error."""
    fs, path = resolve(filepath)
    if not fs.exists(path):
        raise DatasetError(f"raw file not found: {filepath}")
    compression = "gzip" if path.endswith(".gz") else None
    try:
        with fs.open(path, "rb", compression=compression) as stream:
            return stream.read()
    except (OSError, EOFError) as exc:
        raise DatasetError(f"raw file unreadable: {filepath} ({exc})") from exc
