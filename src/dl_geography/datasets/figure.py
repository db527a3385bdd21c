"""A figure dataset that the report can read back.

``matplotlib.MatplotlibDataset`` saves figures but cannot load them, so a node that
assembles the report could not take figures as inputs and kedro-viz would show no lineage
from a figure to the report. ``FigureDataset`` saves exactly like it (PNG through fsspec,
with kedro-viz's image preview) and loads the saved file's bytes.
"""

from kedro.io.core import get_filepath_str
from kedro_datasets.matplotlib import MatplotlibDataset


class FigureDataset(MatplotlibDataset):
    """Save a matplotlib Figure as an image file; load it back as the file's bytes."""

    def load(self) -> bytes:
        load_path = get_filepath_str(self._get_load_path(), self._protocol)
        with self._fs.open(load_path, mode="rb") as image:
            return image.read()
