#!/usr/bin/env bash
# Build a wheelhouse for installing compliance where there is no network: the wheels of compliance and of every
# dependency in one folder, durable-rules compiled once, here (it ships only as source and needs a C compiler).
#
#   bash scripts/wheelhouse.sh [FOLDER]        # on a connected machine; FOLDER defaults to wheelhouse/
#
# Build it with the same operating system, processor type and Python version (3.11, 3.12, …) as the office
# machine: the compiled durable-rules wheel only runs there. Copy FOLDER across, then, offline:
#
#   python3 -m venv .venv
#   .venv/bin/pip install --no-index --find-links FOLDER compliance
#
# PYTHON names the interpreter to build for (default: python3).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "${1:-wheelhouse}" && cd "${1:-wheelhouse}" && pwd)"
python="${PYTHON:-python3}"
"$python" -m pip wheel --quiet --wheel-dir "$out" "$here"
# the wheels a fresh virtual environment needs to build nothing: no source distribution may be left
if ls "$out" | grep -v '\.whl$' >/dev/null; then
  echo "wheelhouse.sh: not every package is a wheel in $out:" >&2
  ls "$out" | grep -v '\.whl$' >&2
  exit 1
fi
count=$(ls "$out" | wc -l)
echo "$count wheels in $out ($("$python" -c 'import platform; print(platform.python_version(), platform.machine())'))"
