"""The geography pipeline run through Kedro's runner, as the pipeline and e2e tests run it."""

from kedro.io import DataCatalog, MemoryDataset
from kedro.runner import SequentialRunner
from kedro_datasets.matplotlib import MatplotlibDataset
from kedro_datasets.pandas import ParquetDataset

from dl_geography.pipelines.geography import create_pipeline
from tests.params import conf_parameters


def run_pipeline(folder, inputs, data_params=None):
    """Run the pipeline with every output saved as the catalog saves it (parquet, PNG)."""
    parameters = conf_parameters()
    pipeline = create_pipeline()
    saved = {
        name: (
            MatplotlibDataset(filepath=str(folder / f"{name}.png"))
            if name.startswith("fig_")
            else ParquetDataset(filepath=str(folder / f"{name}.parquet"))
        )
        for name in pipeline.all_outputs()
    }
    catalog = DataCatalog(
        {
            **{name: MemoryDataset(frame) for name, frame in inputs.items()},
            "params:geography": MemoryDataset(parameters["geography"]),
            "params:geography.data": MemoryDataset(data_params or parameters["geography"]["data"]),
            **saved,
        }
    )
    SequentialRunner().run(pipeline, catalog)
    return {
        name: (folder / f"{name}.png" if name.startswith("fig_") else catalog.load(name))
        for name in pipeline.all_outputs()
    }
