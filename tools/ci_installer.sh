#!/usr/bin/env bash
# CI: build the PyInstaller bundle (dist/FaceAttend + the .tar.gz) and smoke-test the BUILT binary.
# Called from .ci/run after the test suite (the venv with the `installer` extra already exists then).
# Writes only build/ and dist/ (git-ignored). Exit code: the build's, else the smoke test's.
# Measured on the 2-core dev box: 126-160 s wall (build 86-120 s incl. the archive, smoke ~40 s); see
# installer/README.md ("Measurements").
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
if [[ ! -x .venv/bin/pyinstaller ]]; then
    bash tools/setup.sh dev
fi
export QT_QPA_PLATFORM=offscreen
.venv/bin/python installer/build.py
built=$(date +%s)
echo "ci_installer: build took $(( built - started )) s"
set +e
.venv/bin/python installer/smoke_test.py "$@"
code=$?
set -e
echo "ci_installer: smoke test took $(( $(date +%s) - built )) s, total $(( $(date +%s) - started )) s, exit $code"
exit $code
