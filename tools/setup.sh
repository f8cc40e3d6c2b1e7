#!/usr/bin/env bash
# Create .venv and install FaceAttend into it. `tools/setup.sh dev` adds the test/dev extras.
# Everything comes from PyPI; the models ship in models/ (see models/manifest.json).
set -euo pipefail
cd "$(dirname "$0")/.."
extras=""
if [[ "${1:-}" == "dev" ]]; then
    extras="[dev,cloud,cloud-test,installer]"
fi
if [[ ! -x .venv/bin/python ]]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
# sqlcipher3: wheels only (its sdist downloads OpenSSL while building).
.venv/bin/python -m pip install -q --only-binary sqlcipher3 -e ".${extras}"
# The translations (resources/i18n/*.ts -> .qm; build output, not committed).
.venv/bin/python tools/i18n.py compile
