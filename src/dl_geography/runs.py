"""Atomic saves and the run ledger: no file half-written, no output without its run.

One mechanism for every dataset (``RunLedgerHook`` in ``hooks.py`` wires it):

- **Atomic saves.** Before a run, each file dataset the run will write (any dataset with a
  local ``_filepath``: pandas, geopandas, pickle, json, text, figures) has its ``save``
  wrapped: the dataset writes to a hidden temporary name beside the file, which is then
  renamed over it (``os.replace``, atomic on one filesystem). A killed save leaves the old
  file or the new one, never a truncated one (the next save of the dataset removes the
  temporary file a killed one left).
- **Run ids.** The ledger ``<data_root>/run_ledger.json`` maps each dataset to the id of
  the run that wrote it (Kedro's session id) and each run to its pipelines, the datasets it
  was to write and its status (``running``, ``finished``, ``failed``). A run is recorded as
  ``running`` before its first save and ``finished`` after its last node; a dataset is
  recorded against the run *before* its file is renamed into place, so whatever the moment
  of a kill, every file that changed is attributed to the unfinished run.
- **The rule.** Before a run starts, the datasets it reads, and every dataset upstream of
  them in the full pipeline, must come from finished runs. A partial run
  (``--pipelines geography``) reusing the outputs of earlier *finished* runs is allowed;
  a dataset written by a run that was killed or failed stops the run with
  :class:`MixedRunsError`, naming that run, what it rewrote and what it left as it was. A
  run that died before its first rename changed nothing and is ignored.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

logger = logging.getLogger(__name__)

LEDGER_NAME = "run_ledger.json"
# Runs kept in the ledger besides those that still own a dataset.
KEEP_RUNS = 20


class MixedRunsError(RuntimeError):
    """A run's inputs include datasets written by a run that did not finish."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


class RunLedger:
    """The ledger file of one data root (``<data_root>/run_ledger.json``)."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def read(self) -> dict:
        if not self.path.exists():
            return {"datasets": {}, "runs": {}}
        return json.loads(self.path.read_text())

    def _write(self, ledger: dict) -> None:
        owners = set(ledger["datasets"].values())
        runs = ledger["runs"]
        recent = sorted(runs, key=lambda r: runs[r]["started"])[-KEEP_RUNS:]
        ledger["runs"] = {r: v for r, v in runs.items() if r in owners or r in recent}
        _write_atomically(self.path, json.dumps(ledger, indent=1, sort_keys=True))

    def start(self, run_id: str, pipelines: Iterable[str], outputs: Iterable[str]) -> None:
        ledger = self.read()
        ledger["runs"][run_id] = {
            "pipelines": sorted(pipelines),
            "outputs": sorted(outputs),
            "status": "running",
            "started": _now(),
        }
        self._write(ledger)

    def record(self, dataset: str, run_id: str) -> None:
        ledger = self.read()
        ledger["datasets"][dataset] = run_id
        self._write(ledger)

    def close(self, run_id: str, status: str) -> None:
        ledger = self.read()
        if run_id in ledger["runs"]:
            ledger["runs"][run_id].update(status=status, ended=_now())
            self._write(ledger)

    def check(self, datasets: Iterable[str]) -> None:
        """Raise :class:`MixedRunsError` if one of ``datasets`` comes from an unfinished run."""
        ledger = self.read()
        owners: dict[str, list[str]] = {}
        for name in sorted(set(datasets)):
            run_id = ledger["datasets"].get(name)
            run = ledger["runs"].get(run_id)
            if run is not None and run["status"] != "finished":
                owners.setdefault(run_id, []).append(name)
        if not owners:
            return
        parts = []
        for run_id, names in owners.items():
            run = ledger["runs"][run_id]
            rewritten = sorted(n for n in run["outputs"] if ledger["datasets"].get(n) == run_id)
            untouched = sorted(set(run["outputs"]) - set(rewritten))
            parts.append(
                f"run {run_id} (pipelines {', '.join(run['pipelines']) or 'all'}; "
                f"{run['status']}, never finished) rewrote {len(rewritten)} of its "
                f"{len(run['outputs'])} outputs ({_sample(rewritten)}) and left "
                f"{len(untouched)} from earlier runs ({_sample(untouched)}); this run reads "
                f"{_sample(names)}"
            )
        pipelines = sorted({p for r in owners for p in ledger["runs"][r]["pipelines"]})
        again = f"kedro run --pipelines {','.join(pipelines)}" if pipelines else "kedro run"
        raise MixedRunsError(
            f"refusing to mix runs in {self.path.parent}: "
            + "; ".join(parts)
            + f". Run `{again}` again to completion first."
        )


def _sample(names: list[str], limit: int = 4) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f", ... {len(names) - limit} more" if len(names) > limit else "")


def local_filepath(dataset) -> Path | None:
    """The local file a dataset writes, or None (memory, remote, versioned datasets)."""
    filepath = getattr(dataset, "_filepath", None)
    if filepath is None or getattr(dataset, "_protocol", "file") not in ("file", None):
        return None
    if getattr(dataset, "_version", None):
        return None
    return Path(str(filepath))


def make_save_atomic(dataset, name: str, run_id: str, ledger: RunLedger) -> bool:
    """Wrap ``dataset.save``: write to a temporary name, record the run, rename into place.

    Returns False (and leaves the dataset alone) when it writes no local file.
    """
    final = local_filepath(dataset)
    if final is None:
        return False
    original = dataset.save
    original_path = dataset._filepath

    def save(data) -> None:
        tmp = final.with_name(f".{final.name}.{run_id}.tmp")
        final.parent.mkdir(parents=True, exist_ok=True)
        for stale in final.parent.glob(f".{final.name}.*.tmp"):  # left by a killed run
            stale.unlink()
        dataset._filepath = type(original_path)(str(tmp))
        try:
            original(data)
        except BaseException:
            if tmp.is_file():
                tmp.unlink()
            raise
        finally:
            dataset._filepath = original_path
        ledger.record(name, run_id)  # before the rename: a kill after it is attributed
        os.replace(tmp, final)
        invalidate = getattr(dataset, "_invalidate_cache", None)
        if invalidate is not None:
            invalidate()

    dataset.save = save
    return True
