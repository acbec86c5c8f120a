"""Saving and loading a model's parameters as a ``.npz`` archive, without pickle.

The file holds one array per course name: W1, b1, ..., WL, bL. Loading uses
``np.load(..., allow_pickle=False)``, so a file can never run code; a file that is corrupt,
truncated, not an archive, or whose arrays do not fit the model is refused with a
:class:`ParameterFileError`, and the model is left unchanged (every array is checked before any
is written).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from autograd_nn import Tensor
from autograd_nn.errors import AutogradError

from .layers import Model

_NAME = re.compile(r"^([Wb])([1-9][0-9]*)$")


class ParameterFileError(AutogradError, ValueError):
    """A parameters file that cannot be used: corrupt, truncated, wrong content or shapes."""


def _check_parameters(where: str, parameters: dict[str, np.ndarray]) -> None:
    """Check names W1, b1, ..., WL, bL, finite float arrays, and shapes that chain."""
    if not parameters:
        raise ParameterFileError(f"{where}: no arrays (expected W1, b1, ..., WL, bL)")
    bad = [name for name in parameters if not _NAME.match(name)]
    if bad:
        raise ParameterFileError(
            f"{where}: unexpected entries {', '.join(bad)} (expected W1, b1, ..., WL, bL)"
        )
    L = max(int(name[1:]) for name in parameters)
    expected = [f"{kind}{l}" for l in range(1, L + 1) for kind in "Wb"]
    missing = [name for name in expected if name not in parameters]
    if missing:
        raise ParameterFileError(
            f"{where}: missing {', '.join(missing)} (the file goes up to layer L = {L})"
        )
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


def save_parameters(parameters: Model | dict[str, Any], path: str | os.PathLike) -> Path:
    """Save W1, b1, ..., WL, bL to a ``.npz`` file (numpy's archive format, no pickle).

    The file is written to a temporary name first and then renamed, so an interrupted save
    never leaves a truncated file under ``path``.

    Args:
        parameters: a Model, or the course's ``parameters`` dict of numpy arrays.
        path: where to write; ".npz" is appended when missing (as ``np.savez`` does).

    Returns:
        The path written.

    Raises:
        ParameterFileError: if the parameters are not W1, b1, ..., WL, bL of fitting shapes.
    """
    if isinstance(parameters, Model):
        arrays = parameters.get_parameters()
    else:
        arrays = {
            str(k): (v.data if isinstance(v, Tensor) else np.asarray(v))
            for k, v in parameters.items()
        }
    target = Path(path)
    if target.suffix != ".npz":
        target = target.with_name(target.name + ".npz")
    _check_parameters(f"save_parameters {target.name}", arrays)
    if not target.parent.is_dir():
        raise FileNotFoundError(
            f"save_parameters {target.name}: folder {str(target.parent)!r} does not exist "
            "(create it first)"
        )
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=target.name, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            np.savez(file, **arrays)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def load_parameters(path: str | os.PathLike, model: Model | None = None) -> dict[str, np.ndarray]:
    """Load W1, b1, ..., WL, bL from a ``.npz`` file, and optionally set them into a model.

    Args:
        path: a file written by :func:`save_parameters` (or ``np.savez`` with the course's
            keys).
        model: if given, its parameters are replaced by the file's (shapes checked first).

    Returns:
        The course's ``parameters`` dict of numpy arrays.

    Raises:
        FileNotFoundError: no such file.
        ParameterFileError: the file is corrupt, truncated, not a ``.npz`` archive, holds
            pickled objects or other names, or does not fit ``model``. Nothing is changed.
    """
    path = Path(path)
    where = f"load_parameters {path.name}"
    if path.is_dir():
        raise FileNotFoundError(f"{where}: {path} is a folder, not a .npz file")
    if not path.is_file():
        raise FileNotFoundError(f"{where}: no such file: {path}")
    parameters: dict[str, np.ndarray] = {}
    with open(path, "rb") as file:  # ours to close, whatever np.load makes of the content
        magic = file.read(6)
        file.seek(0)
        if not (magic.startswith(b"PK\x03\x04") or magic == b"\x93NUMPY"):
            # np.load would take any other bytes for a pickle and suggest loading it unsafely
            raise ParameterFileError(
                f"{where}: not a readable .npz parameters file: it is not a zip archive (a .npz "
                f"file starts with the bytes PK; this one starts with {magic!r})"
            )
        try:
            archive = np.load(file, allow_pickle=False)
        except Exception as error:
            raise ParameterFileError(
                f"{where}: not a readable .npz parameters file (corrupt, truncated or holding "
                f"pickled objects): {type(error).__name__}: {error}"
            ) from None
        if not isinstance(archive, np.lib.npyio.NpzFile):
            raise ParameterFileError(
                f"{where}: holds a single array, not a .npz archive of W1, b1, ..."
            )
        with archive:
            for name in archive.files:
                try:
                    # Reading every array now checks each member completely (zip CRCs included).
                    value = archive[name]
                except Exception as error:
                    raise ParameterFileError(
                        f"{where}: not a readable .npz parameters file (corrupt, truncated or "
                        f"holding pickled objects): {name}: {type(error).__name__}: {error}"
                    ) from None
                if not isinstance(value, np.ndarray):  # numpy returns non-.npy members as bytes
                    raise ParameterFileError(
                        f"{where}: not a readable .npz parameters file: member {name} is not a "
                        ".npy array"
                    )
                parameters[name] = value
    _check_parameters(where, parameters)
    if model is not None:
        try:
            model.set_parameters(parameters)
        except (ValueError, TypeError) as error:
            raise ParameterFileError(f"{where}: does not fit the model: {error}") from None
    return parameters
