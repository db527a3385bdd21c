#!/usr/bin/env bash
# Set everything up, then run every pipeline on the built-in demo world (generated when absent).
# The report is written to data/08_reporting/report.html.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/offline.sh
.venv/bin/kedro run "$@"
