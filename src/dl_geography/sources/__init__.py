"""Connectors that fetch the real sources into ``data/01_raw/real`` for ``kedro run --env real``.

Each is resumable, polite and tested against a local replay server; run them with
``python -m dl_geography.sources <source> ...`` (see docs/real_data.md).
"""
