#!/usr/bin/env bash
# Regenerates requirements/build.lock and requirements/test.lock (exact versions and hashes) from
# pyproject.toml, with uv, for Linux and Python 3.11+. Run after changing a dependency range.
set -euo pipefail
cd "$(dirname "$0")/.."
UV=(.venv/bin/python -m uv)
.venv/bin/python -m uv --version >/dev/null 2>&1 || .venv/bin/python -m pip install --quiet uv
common=(--generate-hashes --no-header --python-version 3.11 --python-platform x86_64-unknown-linux-gnu --index-url https://pypi.org/simple --quiet)
"${UV[@]}" pip compile pyproject.toml "${common[@]}" -o requirements/build.lock
"${UV[@]}" pip compile pyproject.toml --extra test "${common[@]}" -o requirements/test.lock
