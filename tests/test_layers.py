"""kedro-viz's layer view needs the layers of the datasets to form no cycle.

kedro-viz orders the layers by the edges dataset layer -> node -> dataset layer and turns
its layer view off ("circular dependency detected among layers") when they loop. The same
order is computed here from the catalog's metadata and the pipeline graph, no server.
"""

import graphlib

import pytest
from kedro.config import OmegaConfigLoader
from kedro.framework.project import configure_project
from kedro.pipeline import Node, Pipeline

from dl_geography.pipeline_registry import register_pipelines
from tests.conftest import PROJECT_ROOT

# The layers left to right, as the README promises.
EXPECTED_ORDER = [
    "raw",
    "intermediate",
    "primary",
    "feature",
    "model_input",
    "models",
    "model_output",
    "analysis",
    "reporting",
]


def catalog_layers(env: str) -> dict[str, str]:
    """Each catalog entry's kedro-viz layer in environment ``env``."""
    loader = OmegaConfigLoader(
        conf_source=str(PROJECT_ROOT / "conf"), base_env="base", default_run_env=env
    )
    layers = {}
    for name, entry in loader["catalog"].items():
        if isinstance(entry, dict):
            layer = ((entry.get("metadata") or {}).get("kedro-viz") or {}).get("layer")
            if layer:
                layers[name] = layer
    return layers


def layer_order(pipeline: Pipeline, layers: dict[str, str]) -> list[str]:
    """The layers in dependency order; raises ``graphlib.CycleError`` on a cycle.

    A dataset without a layer passes on the layers of the datasets it was made from, as
    kedro-viz walks through it.
    """
    producers = {output: node for node in pipeline.nodes for output in node.outputs}

    def upstream_layers(dataset: str, seen: frozenset = frozenset()) -> set[str]:
        if dataset in layers:
            return {layers[dataset]}
        node = producers.get(dataset)
        if node is None or dataset in seen:
            return set()
        return set().union(*(upstream_layers(i, seen | {dataset}) for i in node.inputs))

    graph: dict[str, set[str]] = {layer: set() for layer in set(layers.values())}
    for node in pipeline.nodes:
        before = set().union(*(upstream_layers(i) for i in node.inputs))
        for output in node.outputs:
            if output in layers:
                graph[layers[output]] |= before - {layers[output]}
    return list(graphlib.TopologicalSorter(graph).static_order())


def test_layer_cycle_is_detected():
    pipeline = Pipeline([Node(len, "a", "b", name="one"), Node(len, "b", "c", name="two")])
    assert layer_order(pipeline, {"a": "raw", "b": "feature", "c": "reporting"}) == [
        "raw",
        "feature",
        "reporting",
    ]
    with pytest.raises(graphlib.CycleError):
        layer_order(pipeline, {"a": "feature", "b": "intermediate", "c": "feature"})


@pytest.mark.parametrize("env", ["base", "sample", "real"])
def test_default_pipeline_layers_have_no_cycle(env):
    configure_project("dl_geography")
    pipeline = register_pipelines()["__default__"]
    layers = catalog_layers(env)
    try:
        order = layer_order(pipeline, layers)
    except graphlib.CycleError as error:
        pytest.fail(f"kedro-viz would disable its layer view: layers loop {error.args[1]}")
    used = [layer for layer in order if layer in set(layers.values())]
    assert used == [layer for layer in EXPECTED_ORDER if layer in used]
