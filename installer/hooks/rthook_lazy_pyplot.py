"""PyInstaller runtime hook: load `matplotlib.pyplot` lazily.

MediaPipe's vision package imports `matplotlib.pyplot` at import time for drawing helpers FaceAttend never
calls. In a frozen app PyInstaller points MPLCONFIGDIR at a fresh temp dir on every run, so that import also
rebuilds matplotlib's font cache on every start (seconds on a slow PC). With this hook the module object is
created at import time but only executed when one of its attributes is first used.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types
from collections.abc import Sequence

_LAZY = frozenset({"matplotlib.pyplot"})


class _LazyFinder(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in _LAZY:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is None:
                continue
            if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                spec.loader = importlib.util.LazyLoader(spec.loader)
            return spec
        return None


sys.meta_path.insert(0, _LazyFinder())
