"""One JSON document from a ``.json``, ``.json.gz`` or ``.zip`` file (e.g. the ROR dump)."""

import io
import zipfile
from typing import Any

import orjson
from kedro.io import AbstractDataset, DatasetError

from dl_geography.datasets._files import read_bytes, resolve


class JSONDocumentDataset(AbstractDataset[None, Any]):
    """Loads one JSON document, whatever the container.

    - ``.json``: the file itself; ``.json.gz``: gunzipped;
    - ``.zip`` (the ROR data dump's release archive): the member named ``member`` when
      given, else the one ending ``_schema_v2.json``, else the only ``.json`` member.
    Read-only.
    """

    def __init__(
        self, *, filepath: str, member: str | None = None, metadata: dict[str, Any] | None = None
    ):
        self._filepath = str(filepath)
        self._member = member
        self.metadata = metadata

    def _zip_member(self, archive: zipfile.ZipFile) -> str:
        names = [n for n in archive.namelist() if n.lower().endswith(".json")]
        if self._member:
            if self._member not in archive.namelist():
                raise DatasetError(f"{self._filepath} has no member {self._member!r}")
            return self._member
        v2 = [n for n in names if n.lower().endswith("_schema_v2.json")]
        if len(v2) == 1:
            return v2[0]
        if len(names) == 1:
            return names[0]
        raise DatasetError(
            f"{self._filepath}: cannot choose a JSON member among {names}; "
            "set `member` in the catalog"
        )

    def load(self) -> Any:
        data = read_bytes(self._filepath)
        if self._filepath.lower().endswith(".zip"):
            try:
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    data = archive.read(self._zip_member(archive))
            except zipfile.BadZipFile as exc:
                raise DatasetError(f"raw file unreadable: {self._filepath} ({exc})") from exc
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            raise DatasetError(f"raw file is not valid JSON: {self._filepath} ({exc})") from exc

    def save(self, data: Any) -> None:
        raise DatasetError(f"{self._filepath} is a raw source: read-only")

    def _exists(self) -> bool:
        fs, path = resolve(self._filepath)
        return fs.exists(path)

    def _describe(self) -> dict[str, Any]:
        return {"filepath": self._filepath, "member": self._member}
