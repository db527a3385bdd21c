"""kedro-viz shows the whole lineage: raw sources -> Table 3 -> the report."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import defaultdict, deque
from pathlib import Path

import pytest
import requests

from tests.conftest import PROJECT_ROOT

KEDRO = Path(sys.executable).with_name("kedro")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _free_port(start: int = 41410, attempts: int = 200) -> int:
    """A free port on 127.0.0.1 below 49152: kedro-viz refuses the ephemeral range the
    system would hand out for port 0."""
    for port in range(start, start + attempts):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {start}-{start + attempts - 1}")


@pytest.fixture(scope="module")
def viz_url():
    """A kedro-viz server on 127.0.0.1, started and ended by this test module."""
    port = _free_port()
    env = {**os.environ, "KEDRO_DISABLE_TELEMETRY": "true", "DO_NOT_TRACK": "1"}
    # A session of its own: kedro viz starts a child server, and the whole group must go.
    server = subprocess.Popen(
        [str(KEDRO), "viz", "run", "--host", "127.0.0.1", "--port", str(port), "--no-browser"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if server.poll() is not None:
                pytest.fail(f"kedro viz exited: {server.stderr.read().decode()[-2000:]}")
            try:
                if requests.get(f"{url}/api/main", timeout=5).ok:
                    break
            except requests.ConnectionError:
                time.sleep(1)
        else:
            pytest.fail("kedro viz did not answer within 180 s")
        yield url
    finally:
        stop_process_group(server)
        assert not port_is_open(port), f"a kedro viz server still listens on port {port}"


def stop_process_group(process: subprocess.Popen, timeout: float = 20) -> None:
    """End ``process`` and every process of its group (SIGTERM, then SIGKILL)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            continue
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                os.killpg(process.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.2)


def port_is_open(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _descendants(edges: list[dict], start: str) -> set[str]:
    children = defaultdict(list)
    for edge in edges:
        children[edge["source"]].append(edge["target"])
    seen, queue = {start}, deque([start])
    while queue:
        for child in children[queue.popleft()]:
            if child not in seen:
                seen.add(child)
                queue.append(child)
    return seen


def test_graph_connects_every_raw_dataset_to_table_3_and_report(viz_url):
    graph = requests.get(f"{viz_url}/api/main", timeout=30).json()
    nodes = {node["id"]: node for node in graph["nodes"]}
    by_name = {node["name"]: node_id for node_id, node in nodes.items()}
    raw = [n for n in nodes.values() if n["type"] == "data" and n.get("layer") == "raw"]
    assert raw, "no dataset is in the raw layer"
    for node in raw:
        reached = _descendants(graph["edges"], node["id"])
        # the hand-labelled sets score the chain (label and matching quality in the report);
        # every source of data reaches Table 3 as well
        names = ["report"] if node["name"].startswith("labelled_") else ["table_3", "report"]
        missing = [name for name in names if by_name[name] not in reached]
        assert not missing, f"raw dataset {node['name']} does not lead to {missing}"
    data_nodes = [n for n in nodes.values() if n["type"] == "data"]
    without_layer = [n["name"] for n in data_nodes if not n.get("layer")]
    assert not without_layer, f"datasets without a kedro-viz layer: {without_layer}"


@pytest.mark.browser
def test_page_renders_the_flowchart(viz_url):
    if CHROMIUM is None:
        message = "Chromium is not installed (Debian package chromium; .ci/run installs it)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{message}: in CI the browser test must run")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(viz_url, wait_until="networkidle", timeout=120_000)
            page.wait_for_selector(".pipeline-node", timeout=120_000)
            n_nodes = page.locator(".pipeline-node").count()
        finally:
            browser.close()
    assert not errors, f"page errors: {errors}"
    assert n_nodes > 20, f"only {n_nodes} nodes drawn"
