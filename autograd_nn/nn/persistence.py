"""Saving and loading a model's parameters as a ``.npz`` archive, without pickle.

The file holds one array per course name: W1, b1, ..., WL, bL. A file is untrusted input, so
:func:`load_parameters` bounds everything it derives from the file before using it:

- the number of arrays (at most :data:`MAX_ARRAYS`), read from the archive's directory record
  before the archive's list of members is built;
- the names, matched whole (``W1`` is accepted, ``"W1\\n"``, ``W01`` or ``w1`` are not), and the
  layer numbers, which cannot exceed the number of arrays in the file (``W100000000`` alone in a
  file is refused at once, not taken as "layers 1 to 10^8, all missing but one");
- each array's header (shape and dtype) before its data: real numbers only (no objects, hence
  never pickle: ``allow_pickle=False`` as well), 2-D, and the bytes it declares must fit
  ``max_bytes`` (:data:`MAX_BYTES` unless asked) and match the bytes stored;
- messages: a name is shown up to 40 characters, a list of names up to 5 of them.

A file that is corrupt, truncated, not an archive, or whose arrays do not fit the model is
refused with a :class:`ParameterFileError`, and the model is left unchanged (every array is
checked before any is written). :func:`save_parameters` writes through
:func:`autograd_nn.files.write_file`: the whole file or nothing, with the permissions the umask
asks for.
"""

from __future__ import annotations

import math
import os
import re
import struct
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

import numpy as np
from numpy.lib import format as npy_format

from autograd_nn import Tensor
from autograd_nn.checks import is_int
from autograd_nn.errors import AutogradError
from autograd_nn.files import NotRegularFileError, as_path, open_regular_file, write_file

from .layers import Model

MAX_ARRAYS = 2000
"""The most arrays a parameters file may hold: W1, b1, ..., W1000, b1000."""

MAX_BYTES = 2**30
"""The most bytes of array data :func:`load_parameters` reads from one file (1 GiB) unless
given ``max_bytes``; the course's largest network (12288, 20, 7, 5, 1) needs 2 MB."""

_NAME = re.compile(r"\A([Wb])([1-9][0-9]{0,8})\Z")  # \Z, not $: "W1\n" is not W1
_SHOWN_NAMES = 5
_SHOWN_CHARACTERS = 40


class ParameterFileError(AutogradError, ValueError):
    """A parameters file that cannot be used: corrupt, truncated, wrong content or shapes, not
    a regular file (a pipe, a device), or unreadable."""


class ParameterFileNotFoundError(ParameterFileError, FileNotFoundError):
    """No parameters file at the path given (or a folder there)."""


def _shown(name: str) -> str:
    """A name from a file, safe to print: plain if short and printable, else a cut repr."""
    if len(name) <= _SHOWN_CHARACTERS and name.isprintable() and name.strip() == name:
        return name
    cut = repr(name[:_SHOWN_CHARACTERS])
    return cut + ("..." if len(name) > _SHOWN_CHARACTERS else "")


def _listed(names: Iterable[str]) -> str:
    """At most five names, then how many more: ``b1, b2, b3, b4, b5 and 34 more``."""
    names = list(names)
    shown = ", ".join(_shown(name) for name in names[:_SHOWN_NAMES])
    rest = len(names) - _SHOWN_NAMES
    return f"{shown} and {rest} more" if rest > 0 else shown


def _check_names(where: str, names: list[str]) -> int:
    """Check the names W1, b1, ..., WL, bL (nothing else, none missing); return L.

    The layer number L is bounded by the number of names before any list is built from it.
    """
    if not names:
        raise ParameterFileError(f"{where}: no arrays (expected W1, b1, ..., WL, bL)")
    bad = [name for name in names if not _NAME.match(name)]
    if bad:
        raise ParameterFileError(
            f"{where}: unexpected entries {_listed(bad)} (expected W1, b1, ..., WL, bL)"
        )
    layer, highest = max(((int(name[1:]), name) for name in names), key=lambda pair: pair[0])
    if layer > len(names):
        count = f"{len(names)} array{'s' if len(names) != 1 else ''}"
        raise ParameterFileError(
            f"{where}: {highest} names layer {layer}, but the file holds {count}: "
            f"L layers are 2L arrays W1, b1, ..., WL, bL"
        )
    present = set(names)
    expected = [f"{kind}{l}" for l in range(1, layer + 1) for kind in "Wb"]
    missing = [name for name in expected if name not in present]
    if missing:
        raise ParameterFileError(
            f"{where}: missing {_listed(missing)} (the file goes up to layer L = {layer})"
        )
    return layer


def _check_parameters(where: str, parameters: Mapping[str, np.ndarray]) -> None:
    """Check names W1, b1, ..., WL, bL, finite float arrays, and shapes that chain."""
    L = _check_names(where, list(parameters))
    expected = [f"{kind}{l}" for l in range(1, L + 1) for kind in "Wb"]
    for name in expected:
        array = parameters[name]
        if array.dtype.kind not in "biuf":
            raise ParameterFileError(f"{where}: {name} holds {array.dtype}, not numbers")
        if array.ndim != 2:
            raise ParameterFileError(f"{where}: {name} must be 2-D, got shape {array.shape}")
        if not np.all(np.isfinite(array)):
            raise ParameterFileError(f"{where}: {name} contains NaN or infinity")
    for l in range(1, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        if b.shape != (W.shape[0], 1):
            raise ParameterFileError(
                f"{where}: b{l} must be (n[{l}], 1) = ({W.shape[0]}, 1), got {b.shape}"
            )
        if l > 1 and W.shape[1] != parameters[f"W{l - 1}"].shape[0]:
            n_prev = parameters[f"W{l - 1}"].shape[0]
            raise ParameterFileError(
                f"{where}: W{l} must be (n[{l}], n[{l - 1}]) = ({W.shape[0]}, {n_prev}), "
                f"got {W.shape}"
            )


def save_parameters(parameters: Model | Mapping[str, Any], path: str | os.PathLike) -> Path:
    """Save W1, b1, ..., WL, bL to a ``.npz`` file (numpy's archive format, no pickle).

    The file is written whole or not at all (a temporary file in the same folder, renamed onto
    ``path``; see :mod:`autograd_nn.files`), with the permissions a new file gets from the
    umask (0644 with the usual umask 022), and any name the file system accepts works.

    Args:
        parameters: a Model, or the course's ``parameters`` dict of numpy arrays.
        path: where to write; ".npz" is appended when missing (as ``np.savez`` does).

    Returns:
        The path written.

    Raises:
        TypeError: ``parameters`` is neither a Model nor a dict, or ``path`` is not a path.
        ParameterFileError: the parameters are not W1, b1, ..., WL, bL of fitting shapes.
        FileNotFoundError: the folder does not exist (nothing is written).
    """
    if isinstance(parameters, Model):
        arrays = parameters.get_parameters()
    elif isinstance(parameters, Mapping):
        arrays = {
            str(k): (v.data if isinstance(v, Tensor) else np.asarray(v))
            for k, v in parameters.items()
        }
    else:
        raise TypeError(
            "save_parameters: parameters must be a Model or a dict keyed W1, b1, ..., WL, bL, "
            f"got {type(parameters).__name__}"
        )
    target = as_path("save_parameters", path)
    if target.suffix != ".npz":
        target = target.with_name(target.name + ".npz")
    _check_parameters(f"save_parameters {target.name}", arrays)
    return write_file(target, lambda file: np.savez(file, **arrays), caller="save_parameters")


def load_parameters(
    path: str | os.PathLike, model: Model | None = None, *, max_bytes: int = MAX_BYTES
) -> dict[str, np.ndarray]:
    """Load W1, b1, ..., WL, bL from a ``.npz`` file, and optionally set them into a model.

    The file is treated as untrusted: names, counts, shapes, dtypes and sizes are checked
    before anything sized by them is built (see the module's docs), and no pickle is ever
    loaded.

    Args:
        path: a file written by :func:`save_parameters` (or ``np.savez`` with the course's
            keys).
        model: if given, its parameters are replaced by the file's (shapes checked first).
        max_bytes: the most bytes of array data to read (1 GiB by default).

    Returns:
        The course's ``parameters`` dict of numpy arrays.

    Raises:
        ParameterFileNotFoundError: (a FileNotFoundError) no such file, or a folder.
        TypeError: ``model`` is not a Model, or ``path`` is not a path.
        ParameterFileError: the file is corrupt, truncated, not a ``.npz`` archive, holds
            pickled objects or other names, is too big, or does not fit ``model``; or it is
            not a regular file (a named pipe, a device: refused before it is opened, so a pipe
            never blocks) or cannot be read (any error of the operating system, named). Nothing
            is changed.
    """
    path = as_path("load_parameters", path)
    if model is not None and not isinstance(model, Model):
        raise TypeError(
            f"load_parameters: model must be a Model or None, got {type(model).__name__} (to "
            "get the parameters dict, call load_parameters(path) and use what it returns)"
        )
    if not is_int(max_bytes) or max_bytes < 1:
        raise ValueError(
            f"load_parameters: max_bytes must be a positive integer, got {max_bytes!r}"
        )
    where = f"load_parameters {path.name}"
    with _open(where, path) as file:
        try:
            parameters = _read_archive(where, file, int(max_bytes))
        except OSError as error:  # e.g. /proc/self/mem: a "regular" file that cannot be read
            raise _unreadable(where, f"reading {path} failed ({_error_text(error)})") from None
    _check_parameters(where, parameters)
    if model is not None:
        try:
            model.set_parameters(parameters)
        except (ValueError, TypeError) as error:
            raise ParameterFileError(f"{where}: does not fit the model: {error}") from None
    return parameters


def _open(where: str, path: Path) -> IO[bytes]:
    """``path`` opened for reading if it is a regular file, else a ParameterFileError."""
    try:
        return open_regular_file(path, caller="load_parameters")
    except FileNotFoundError:
        raise ParameterFileNotFoundError(f"{where}: no such file: {path}") from None
    except NotRegularFileError as error:
        if error.kind == "a folder":
            raise ParameterFileNotFoundError(
                f"{where}: {path} is a folder, not a .npz file"
            ) from None
        raise ParameterFileError(
            f"{where}: {path} is {error.kind}, not a regular file; give the path of a .npz file"
        ) from None
    except OSError as error:
        raise ParameterFileError(
            f"{where}: cannot open {path}: {error.strerror or _error_text(error)}"
        ) from None


def _unreadable(where: str, detail: str) -> ParameterFileError:
    return ParameterFileError(f"{where}: not a readable .npz parameters file: {detail}")


def _error_text(error: BaseException) -> str:
    """``Kind: message``, cut to 200 characters (a message may quote the file)."""
    text = str(error)
    return f"{type(error).__name__}: {text[:200]}{'...' if len(text) > 200 else ''}"


def _zip_entry_count(file: IO[bytes]) -> int | None:
    """The number of members an archive's end record declares (None: no end record).

    Read from the last 64 KiB of the file, before ``zipfile`` builds one object per member.
    A ZIP64 archive declares 0xFFFF here (65535 or more members).
    """
    size = file.seek(0, os.SEEK_END)
    length = min(size, 22 + 0xFFFF)  # the end record: 22 bytes and a comment of up to 64 KiB
    file.seek(size - length)
    tail = file.read(length)
    file.seek(0)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return None
    (count,) = struct.unpack_from("<H", tail, at + 10)
    return int(count)


def _read_archive(where: str, file: IO[bytes], max_bytes: int) -> dict[str, np.ndarray]:
    """The arrays of a .npz archive, every bound checked before what it bounds is built."""
    magic = file.read(6)
    file.seek(0)
    if magic == b"\x93NUMPY":
        raise ParameterFileError(
            f"{where}: holds a single array, not a .npz archive of W1, b1, ..."
        )
    if not magic.startswith(b"PK\x03\x04"):
        # np.load would take any other bytes for a pickle and suggest loading it unsafely
        raise _unreadable(
            where,
            "it is not a zip archive (a .npz file starts with the bytes PK; this one starts "
            f"with {magic!r})",
        )
    count = _zip_entry_count(file)
    if count is None:
        raise _unreadable(where, "no zip directory at its end (truncated?)")
    if count > MAX_ARRAYS:
        shown = f"{count}" if count < 0xFFFF else "65535 or more"
        raise ParameterFileError(
            f"{where}: holds {shown} arrays; at most {MAX_ARRAYS} (W1, b1, ..., W1000, b1000)"
        )
    try:
        archive = zipfile.ZipFile(file)
    except Exception as error:
        raise _unreadable(where, f"corrupt or truncated ({_error_text(error)})") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ARRAYS:
            raise ParameterFileError(
                f"{where}: holds {len(members)} arrays; at most {MAX_ARRAYS} "
                "(W1, b1, ..., W1000, b1000)"
            )
        names: list[str] = []
        for member in members:
            name = member.filename.removesuffix(".npy")
            if name in names:
                raise ParameterFileError(f"{where}: {_shown(name)} is in the file twice")
            names.append(name)
        total = 0  # each header is at most 10000 bytes, and there are at most MAX_ARRAYS
        for member, name in zip(members, names, strict=True):
            total += _check_header(where, archive, member, name)
            if total > max_bytes:
                raise ParameterFileError(
                    f"{where}: its arrays hold {total} bytes or more, more than max_bytes = "
                    f"{max_bytes} (give load_parameters(..., max_bytes=...) for a bigger file)"
                )
        _check_names(where, names)
        return {
            name: _read_array(where, archive, member, name)
            for member, name in zip(members, names, strict=True)
        }


def _check_header(where: str, archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str) -> int:
    """Check one member's .npy header (dtype, 2-D shape, size); return its data bytes."""
    try:
        with archive.open(member) as stream:
            try:
                version = npy_format.read_magic(stream)
            except ValueError:
                raise _unreadable(where, f"member {name} is not a .npy array") from None
            if version == (1, 0):
                shape, _, dtype = npy_format.read_array_header_1_0(stream)
            elif version == (2, 0):
                shape, _, dtype = npy_format.read_array_header_2_0(stream)
            else:
                raise _unreadable(where, f"member {name} is a .npy file of version {version}")
            header_bytes = stream.tell()
    except ParameterFileError:
        raise
    except Exception as error:
        raise _unreadable(where, f"{name}: corrupt or truncated ({_error_text(error)})") from None
    if dtype.hasobject:
        raise _unreadable(where, f"{name} holds pickled objects (never loaded)")
    if dtype.kind not in "biuf":
        raise ParameterFileError(f"{where}: {name} holds {dtype}, not numbers")
    if len(shape) != 2:
        raise ParameterFileError(f"{where}: {name} must be 2-D, got shape {shape}")
    if min(shape) < 0:
        raise _unreadable(where, f"{name} declares the shape {shape}")
    data_bytes = math.prod(shape) * dtype.itemsize
    stored = member.file_size - header_bytes
    if data_bytes != stored:
        raise _unreadable(
            where,
            f"{name} declares {shape} {dtype}: {data_bytes} bytes, but the file stores {stored}",
        )
    return data_bytes


def _read_array(
    where: str, archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str
) -> np.ndarray:
    """Read one member whose header was checked; the zip CRC is checked at its end."""
    try:
        with archive.open(member) as stream:
            array = npy_format.read_array(stream, allow_pickle=False)
            stream.read()  # to the end: zipfile compares the CRC there
    except Exception as error:
        raise _unreadable(where, f"{name}: corrupt or truncated ({_error_text(error)})") from None
    return array
