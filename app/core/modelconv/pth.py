"""Read a PyTorch state dict (.pth) into numpy arrays WITHOUT torch, refusing anything but tensors.

Two on-disk formats exist:

* the zip format (torch >= 1.6): a zip holding ``<root>/data.pkl`` whose pickle references tensor storages
  through persistent ids ``("storage", StorageClass, key, location, numel)``; each storage's raw little-endian
  bytes sit in ``<root>/data/<key>``;
* the legacy format (torch < 1.6, e.g. the MiniFASNet weights): a stream of pickles — magic number, protocol
  version, sys info, the object (persistent ids ``("storage", StorageClass, key, location, numel, view)``),
  the list of storage keys — then, per key, an int64 element count followed by the raw bytes.

The unpickler resolves only ``collections.OrderedDict``, ``torch._utils._rebuild_tensor_v2`` (and the
parameter variant) and the ``torch.*Storage`` classes; any other global makes it fail, so a malicious
.pth cannot run code here.
"""

from __future__ import annotations

import collections
import io
import logging
import pickle
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from app.core.errors import ModelError

log = logging.getLogger(__name__)

LEGACY_MAGIC = 0x1950A86A20F9469CFC6C
LEGACY_PROTOCOL = 1001
MAX_FILE_BYTES = 512 * 1024 * 1024  # a state dict larger than this is not a small anti-spoof model

# torch storage class name -> numpy dtype (little-endian, as torch writes them)
STORAGE_DTYPES: dict[str, np.dtype[Any]] = {
    "FloatStorage": np.dtype("<f4"),
    "DoubleStorage": np.dtype("<f8"),
    "HalfStorage": np.dtype("<f2"),
    "LongStorage": np.dtype("<i8"),
    "IntStorage": np.dtype("<i4"),
    "ShortStorage": np.dtype("<i2"),
    "CharStorage": np.dtype("i1"),
    "ByteStorage": np.dtype("u1"),
    "BoolStorage": np.dtype("?"),
}

FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True)
class _StorageType:
    name: str

    @property
    def dtype(self) -> np.dtype[Any]:
        return STORAGE_DTYPES[self.name]


@dataclass
class _StorageRef:
    key: str
    dtype: np.dtype[Any]
    numel: int
    view: tuple[str, int, int] | None = None  # legacy: (view key, offset, size)


@dataclass
class _LazyTensor:
    storage: _StorageRef
    offset: int
    size: tuple[int, ...]
    stride: tuple[int, ...]


def _rebuild_tensor_v2(
    storage: _StorageRef,
    storage_offset: int,
    size: tuple[int, ...],
    stride: tuple[int, ...],
    *_ignored: object,
) -> _LazyTensor:
    if not isinstance(storage, _StorageRef):
        raise pickle.UnpicklingError("tensor without a storage")
    return _LazyTensor(
        storage, int(storage_offset), tuple(int(s) for s in size), tuple(int(s) for s in stride)
    )


def _rebuild_parameter(data: _LazyTensor, *_ignored: object) -> _LazyTensor:
    if not isinstance(data, _LazyTensor):
        raise pickle.UnpicklingError("parameter without a tensor")
    return data


class _RestrictedUnpickler(pickle.Unpickler):
    """Unpickler that knows only the handful of globals a plain state dict needs."""

    def __init__(self, stream: io.BufferedIOBase | io.BytesIO) -> None:
        super().__init__(stream)
        self.storages: dict[str, _StorageRef] = {}

    def find_class(self, module: str, name: str) -> Any:
        if module == "collections" and name == "OrderedDict":
            return collections.OrderedDict
        if module == "torch._utils" and name == "_rebuild_tensor_v2":
            return _rebuild_tensor_v2
        if module == "torch._utils" and name == "_rebuild_parameter":
            return _rebuild_parameter
        if module == "torch" and name in STORAGE_DTYPES:
            return _StorageType(name)
        raise pickle.UnpicklingError(
            f"refusing to load global {module}.{name} (not part of a plain state dict)"
        )

    def persistent_load(self, pid: Any) -> _StorageRef:
        if not isinstance(pid, tuple) or len(pid) < 5 or pid[0] != "storage":
            raise pickle.UnpicklingError(f"unexpected persistent id {pid!r}")
        storage_type = pid[1]
        if not isinstance(storage_type, _StorageType):
            raise pickle.UnpicklingError(f"unexpected storage type {storage_type!r}")
        view = None
        if len(pid) >= 6 and pid[5] is not None:
            view_key, view_offset, view_size = pid[5]
            view = (str(view_key), int(view_offset), int(view_size))
        ref = _StorageRef(key=str(pid[2]), dtype=storage_type.dtype, numel=int(pid[4]), view=view)
        self.storages.setdefault(ref.key, ref)
        return ref


def _restricted_load(stream: io.BufferedIOBase | io.BytesIO) -> Any:
    return _RestrictedUnpickler(stream).load()


def _materialise(tensor: _LazyTensor, buffers: dict[str, npt.NDArray[Any]]) -> npt.NDArray[Any]:
    ref = tensor.storage
    base = buffers.get(ref.key)
    if base is None:
        raise ModelError(f"tensor storage {ref.key} is missing from the file")
    if ref.view is not None:  # legacy storage views: a slice of a bigger storage
        _view_key, view_offset, view_size = ref.view
        base = base[view_offset : view_offset + view_size]
    if not tensor.size:
        if tensor.offset >= base.size:
            raise ModelError("tensor offset past the end of its storage")
        return np.array(base[tensor.offset])
    extent = tensor.offset + sum((n - 1) * s for n, s in zip(tensor.size, tensor.stride, strict=True)) + 1
    if any(n == 0 for n in tensor.size):
        return np.zeros(tensor.size, dtype=base.dtype)
    if tensor.offset < 0 or extent > base.size or any(s < 0 for s in tensor.stride):
        raise ModelError("tensor extends past its storage: the file is corrupt")
    item = base.dtype.itemsize
    view = np.lib.stride_tricks.as_strided(
        base[tensor.offset :],
        shape=tensor.size,
        strides=tuple(s * item for s in tensor.stride),
        writeable=False,
    )
    return np.ascontiguousarray(view)


def _resolve(obj: Any, buffers: dict[str, npt.NDArray[Any]]) -> dict[str, npt.NDArray[Any]]:
    if isinstance(obj, dict) and "state_dict" in obj and isinstance(obj["state_dict"], dict):
        obj = obj["state_dict"]  # a training checkpoint wrapping the state dict
    if not isinstance(obj, dict):
        raise ModelError(f"the file holds a {type(obj).__name__}, not a state dict")
    result: dict[str, npt.NDArray[Any]] = {}
    for key, value in obj.items():
        if isinstance(value, _LazyTensor):
            result[str(key)] = _materialise(value, buffers)
    if not result:
        raise ModelError("the file holds no tensors")
    return result


def _load_zip(data: bytes) -> dict[str, npt.NDArray[Any]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        pickles = [n for n in names if n.endswith("/data.pkl") or n == "data.pkl"]
        if len(pickles) != 1:
            raise ModelError("the zip holds no single data.pkl: not a PyTorch file")
        root = pickles[0][: -len("data.pkl")]
        byteorder = root + "byteorder"
        if byteorder in names and archive.read(byteorder).strip() not in (b"little", b""):
            raise ModelError("big-endian PyTorch files are not supported")
        unpickler = _RestrictedUnpickler(io.BytesIO(archive.read(pickles[0])))
        obj = unpickler.load()
        refs = unpickler.storages
        buffers: dict[str, npt.NDArray[Any]] = {}
        for key, ref in refs.items():
            member = f"{root}data/{key}"
            if member not in names:
                raise ModelError(f"storage {member} is missing from the zip")
            raw = archive.read(member)
            if len(raw) < ref.numel * ref.dtype.itemsize:
                raise ModelError(f"storage {member} is truncated")
            buffers[key] = np.frombuffer(raw, dtype=ref.dtype, count=ref.numel)
    return _resolve(obj, buffers)


def _load_legacy(data: bytes) -> dict[str, npt.NDArray[Any]]:
    stream = io.BytesIO(data)
    magic = _restricted_load(stream)
    if magic != LEGACY_MAGIC:
        raise ModelError("not a PyTorch file (wrong magic number)")
    protocol = _restricted_load(stream)
    if protocol != LEGACY_PROTOCOL:
        raise ModelError(f"unsupported legacy PyTorch protocol {protocol}")
    sys_info = _restricted_load(stream)
    if isinstance(sys_info, dict) and not sys_info.get("little_endian", True):
        raise ModelError("big-endian PyTorch files are not supported")
    unpickler = _RestrictedUnpickler(stream)
    obj = unpickler.load()
    refs = unpickler.storages
    keys = _restricted_load(stream)
    if not isinstance(keys, list):
        raise ModelError("legacy PyTorch file without a storage key list")
    buffers: dict[str, npt.NDArray[Any]] = {}
    for key in keys:
        key = str(key)
        header = stream.read(8)
        if len(header) != 8:
            raise ModelError("the file is truncated (storage header)")
        (numel,) = struct.unpack("<q", header)
        ref = refs.get(key)
        if ref is None:
            raise ModelError(f"storage {key} is not referenced by any tensor")
        nbytes = numel * ref.dtype.itemsize
        raw = stream.read(nbytes)
        if numel < 0 or len(raw) != nbytes:
            raise ModelError("the file is truncated (storage data)")
        buffers[key] = np.frombuffer(raw, dtype=ref.dtype, count=numel)
    return _resolve(obj, buffers)


def load_state_dict(path: Path) -> dict[str, npt.NDArray[Any]]:
    """Tensors of a .pth state dict as numpy arrays (keys as stored, e.g. with a "module." prefix)."""
    path = Path(path)
    if not path.is_file():
        raise ModelError(f"File not found: {path}")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ModelError(f"{path.name} is larger than {MAX_FILE_BYTES >> 20} MiB: not an anti-spoof model")
    data = path.read_bytes()
    try:
        tensors = _load_zip(data) if zipfile.is_zipfile(io.BytesIO(data)) else _load_legacy(data)
    except ModelError as exc:
        raise ModelError(f"Cannot read {path.name} as a PyTorch state dict: {exc}") from exc
    except (
        pickle.UnpicklingError,
        EOFError,
        ValueError,
        TypeError,
        KeyError,
        IndexError,
        AttributeError,
        struct.error,
        zipfile.BadZipFile,
        OverflowError,
        MemoryError,
    ) as exc:
        raise ModelError(f"Cannot read {path.name} as a PyTorch state dict: {exc}") from exc
    log.debug("read %d tensors from %s", len(tensors), path.name)
    return tensors


def strip_data_parallel(tensors: dict[str, npt.NDArray[Any]]) -> dict[str, npt.NDArray[Any]]:
    """Drop the "module." prefix nn.DataParallel puts on every key."""
    if tensors and all(k.startswith("module.") for k in tensors):
        return {k[len("module.") :]: v for k, v in tensors.items()}
    return dict(tensors)
