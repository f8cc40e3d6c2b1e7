"""PyInstaller runtime hook: a stub `matplotlib` for MediaPipe, which imports it but is never asked to plot.

`mediapipe.tasks.python.vision` imports its `drawing_utils` module, and that does `import matplotlib.pyplot
as plt` at import time for a 3-D plotting helper FaceAttend never calls. The bundle leaves matplotlib out
(installer/bundle_filter.py, UNUSED_RUNTIME_MODULES: -22 MB with kiwisolver and contourpy, and no font-cache
rebuild at start), so this hook answers `import matplotlib` / `import matplotlib.<anything>` with empty stub
modules; touching any attribute of them raises an error that says why. The finder is appended last, so a
real matplotlib (if one were ever bundled) still wins.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
import types
from collections.abc import Sequence

_ROOT = "matplotlib"


class _StubModule(types.ModuleType):
    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):
            raise AttributeError(name)
        raise AttributeError(f"{self.__name__}.{name}: matplotlib is not included in the FaceAttend bundle")


class _StubLoader(importlib.abc.Loader):
    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        module = _StubModule(spec.name)
        module.__path__ = []  # a package, so `import matplotlib.pyplot` finds its submodules here too
        return module

    def exec_module(self, module: types.ModuleType) -> None:
        return None


class _StubFinder(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != _ROOT and not fullname.startswith(_ROOT + "."):
            return None
        return importlib.machinery.ModuleSpec(fullname, _StubLoader(), is_package=True)


sys.meta_path.append(_StubFinder())
