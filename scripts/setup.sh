#!/usr/bin/env bash
# Create .venv with Python 3.11 and install the locked dependencies and the package.
# Re-running is cheap: nothing is reinstalled unless requirements.lock or pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null || PYTHON=python3
"$PYTHON" -c 'import sys; assert sys.version_info[:2] == (3, 11), f"Python 3.11 needed, found {sys.version}"'

stamp=.venv/.installed
want=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
# uv installs the lock in seconds; pip is the fallback where uv cannot be had.
if .venv/bin/python -m pip install -q --disable-pip-version-check uv; then
  uv=(.venv/bin/python -m uv pip install -q --python .venv/bin/python)
else
  uv=(.venv/bin/python -m pip install -q --disable-pip-version-check)
fi
"${uv[@]}" -r requirements.lock
"${uv[@]}" --no-deps -e .
echo "$want" > "$stamp"
