"""Data sets for experiments, each returned as X (n_x, m) and Y (1, m).

* :func:`load_catvnoncat`: the course's cat pictures (``train_catvnoncat.h5``,
  ``test_catvnoncat.h5``, which the course provides; they are not shipped here), prepared as
  the course does: X (12288, m) scaled to [0, 1].
* :func:`load_planar_dataset`: the course's planar "flower" (two classes in petals), identical
  point for point to the course's with the default arguments.
* :func:`make_circles`, :func:`make_moons`, :func:`make_linearly_separable`: seeded synthetic
  sets for quick checks (a linear model fails on the first two, succeeds on the third).

Every generator draws from its own ``np.random.RandomState(seed)``; the global numpy random
state is left untouched, and the same seed gives the same data. Labels are float64 0.0 / 1.0
(the course's files store them as integers; the values are the same).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

import numpy as np

from .checks import is_int, is_real
from .errors import AutogradError
from .files import NotRegularFileError, check_regular_file, open_regular_file


def _positive_even(name: str, m: int) -> int:
    if not is_int(m) or not 2 <= m < 2**31 or m % 2:
        shown = repr(m)[:40]
        raise ValueError(f"{name}: m must be an even integer >= 2 (two equal classes), got {shown}")
    return int(m)


def _check_numbers(name: str, seed: Any, **numbers: Any) -> None:
    """Refuse a seed outside numpy's 0 .. 2**32 - 1 and numbers that are not finite reals."""
    for label, value in {"seed": seed, **numbers}.items():
        if not (is_int(value) if label == "seed" else is_real(value)):
            raise TypeError(f"{name}: {label} must be a number, got {type(value).__name__}")
        if not (0 <= value < 2**32 if label == "seed" else -1e300 < value < 1e300):
            raise ValueError(
                f"{name}: {label} must be "
                + ("an int from 0 to 2**32 - 1" if label == "seed" else "a finite number")
                + f", got {repr(value)[:40]}"
            )


def load_planar_dataset(
    m: int = 400, a: float = 4.0, noise: float = 0.2, seed: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """The course's planar "flower" data set: two classes of points in the petals of a rose.

    With N = m / 2 points per class, for class j = 0 then 1, drawing in exactly this order::

        t = linspace(3.12 j, 3.12 (j + 1), N) + 0.2 randn(N)      the angle
        r = a sin(4 t) + 0.2 randn(N)                              the radius
        x = (r sin t, r cos t), label j

    from ``np.random.RandomState(seed)``. The defaults (m = 400, a = 4, noise 0.2, seed 1)
    reproduce the course's data exactly: X[:, 0] = [1.20444229, 3.57611415].

    Args:
        m: number of examples (even; m / 2 per class).
        a: the length of the petals (maximum radius).
        noise: the standard deviation of the noise added to t and r (the course: 0.2).
        seed: the seed of the random state.

    Returns:
        X (2, m), one point per column (class 0 in the first m / 2 columns), and Y (1, m).
    """
    m = _positive_even("load_planar_dataset", m)
    _check_numbers("load_planar_dataset", seed, a=a, noise=noise)
    rng = np.random.RandomState(seed)
    N = m // 2
    X = np.zeros((m, 2))
    Y = np.zeros((m, 1))
    for j in range(2):
        rows = slice(N * j, N * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, N) + rng.randn(N) * noise
        r = a * np.sin(4 * t) + rng.randn(N) * noise
        X[rows] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[rows] = j
    return np.ascontiguousarray(X.T), np.ascontiguousarray(Y.T)


def make_circles(
    m: int = 400, noise: float = 0.1, factor: float = 0.5, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Two concentric circles: class 0 on the outer (radius 1), class 1 on the inner.

    Angles are uniform on [0, 2 pi); each point gets Gaussian noise of standard deviation
    ``noise`` on both coordinates.

    Args:
        m: number of examples (even; m / 2 per class).
        noise: standard deviation of the noise.
        factor: radius of the inner circle, in (0, 1).
        seed: the seed of ``np.random.RandomState``.

    Returns:
        X (2, m) and Y (1, m), class 0 in the first m / 2 columns.
    """
    m = _positive_even("make_circles", m)
    _check_numbers("make_circles", seed, noise=noise, factor=factor)
    if not 0 < factor < 1:
        raise ValueError(f"make_circles: factor must be in (0, 1), got {factor}")
    rng = np.random.RandomState(seed)
    N = m // 2
    angles = rng.uniform(0, 2 * np.pi, size=m)
    radius = np.r_[np.ones(N), np.full(N, factor)]
    X = np.vstack([radius * np.cos(angles), radius * np.sin(angles)])
    X += rng.randn(2, m) * noise
    Y = np.r_[np.zeros(N), np.ones(N)].reshape(1, m)
    return X, Y


def make_moons(m: int = 400, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles ("moons").

    Class 0: (cos s, sin s) for s in [0, pi]; class 1: (1 - cos s, 0.5 - sin s); s uniform,
    plus Gaussian noise of standard deviation ``noise`` on both coordinates.

    Args:
        m: number of examples (even; m / 2 per class).
        noise: standard deviation of the noise.
        seed: the seed of ``np.random.RandomState``.

    Returns:
        X (2, m) and Y (1, m), class 0 in the first m / 2 columns.
    """
    m = _positive_even("make_moons", m)
    _check_numbers("make_moons", seed, noise=noise)
    rng = np.random.RandomState(seed)
    N = m // 2
    s = rng.uniform(0, np.pi, size=m)
    x1 = np.r_[np.cos(s[:N]), 1 - np.cos(s[N:])]
    x2 = np.r_[np.sin(s[:N]), 0.5 - np.sin(s[N:])]
    X = np.vstack([x1, x2]) + rng.randn(2, m) * noise
    Y = np.r_[np.zeros(N), np.ones(N)].reshape(1, m)
    return X, Y


def make_linearly_separable(
    m: int = 400, n_x: int = 2, margin: float = 0.5, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Points on both sides of a random hyperplane w^T x + b = 0, with a gap between classes.

    x is standard normal in n_x dimensions; w is a random unit vector, b ~ N(0, 0.25); each
    point is pushed ``margin / 2`` away from the hyperplane along w, so the classes are
    separated by a gap of width ``margin``. Label 1 where w^T x + b > 0.

    Args:
        m: number of examples.
        n_x: number of features.
        margin: width of the empty band between the classes (0 for touching classes).
        seed: the seed of ``np.random.RandomState``.

    Returns:
        X (n_x, m) and Y (1, m).
    """
    if not is_int(m) or m < 1:
        raise ValueError(f"make_linearly_separable: m must be a positive integer, got {m!r}")
    if not is_int(n_x) or n_x < 1:
        raise ValueError(f"make_linearly_separable: n_x must be a positive integer, got {n_x!r}")
    _check_numbers("make_linearly_separable", seed, margin=margin)
    if margin < 0 or m * n_x >= 2**31:
        raise ValueError(
            f"make_linearly_separable: margin must be >= 0 and m * n_x < 2**31, got {margin}, "
            f"{repr(m)[:40]} * {repr(n_x)[:40]}"
        )
    rng = np.random.RandomState(seed)
    w = rng.randn(n_x, 1)
    w /= np.linalg.norm(w)
    b = rng.randn() * 0.5
    X = rng.randn(n_x, m)
    side = np.where(w.T @ X + b > 0, 1.0, -1.0)  # (1, m)
    X += w * side * (margin / 2)
    Y = (side > 0).astype(np.float64)
    return X, Y


# --- The course's cat pictures ------------------------------------------------------------------


class DatasetError(AutogradError, ValueError):
    """A data file that is not what the course provides: wrong keys, shapes, types or labels."""


class DatasetNotFoundError(DatasetError, FileNotFoundError):
    """A data file that is not where it was looked for (the course provides it)."""


class LabelledImages(NamedTuple):
    """Pictures prepared as the course does, one example per column.

    Attributes:
        X: (n_x, m) = (12288, m) float64 in [0, 1]: each 64x64x3 picture unrolled into a column,
            ``images.reshape(m, -1).T / 255``.
        Y: (1, m) float64 labels, 1 for a cat, 0 for a non-cat.
        images: (m, 64, 64, 3) uint8, the pictures as stored (to look at them).
    """

    X: np.ndarray
    Y: np.ndarray
    images: np.ndarray


class CatVsNonCat(NamedTuple):
    """The course's cat data set: ``train``, ``test`` and the class names.

    ``classes[y]`` names label y: ``["non-cat", "cat"]`` in the course's files.
    """

    train: LabelledImages
    test: LabelledImages
    classes: list[str]


CAT_FILES = ("train_catvnoncat.h5", "test_catvnoncat.h5")
"""The course's file names, in the order train, test."""

CAT_IMAGE_SHAPE = (64, 64, 3)
"""Height, width and colour channels of one picture: n_x = 64 * 64 * 3 = 12288."""

MAX_CAT_EXAMPLES = 2000
"""The most pictures a file may hold (the course's hold 209 and 50): X in float64 is then at
most 197 MB. Checked before anything is read."""

_WHERE = (
    "The course provides train_catvnoncat.h5 and test_catvnoncat.h5 (the datasets/ folder of "
    "the week 2 and week 4 programming assignments); they are not shipped with autograd_nn. "
    "Put both files in one folder and pass that folder."
)


def _refuse(path: Path, problem: str) -> DatasetError:
    return DatasetError(f"load_catvnoncat: {path} {problem}. {_WHERE}")


def _shown(names: list[str]) -> str:
    """A file's key names for a message: at most 8, each at most 40 characters."""
    shown = [repr(name[:40]) for name in names[:8]]
    return ", ".join(shown) + (f", ... ({len(names)} keys)" if len(names) > 8 else "")


def _error_text(error: BaseException) -> str:
    """``Kind: message`` of an h5py or OS error, cut to 200 characters (it may quote the file)."""
    try:
        text = str(error)
    except Exception:  # an exception whose __str__ fails still gets named
        text = "(no message)"
    return f"{type(error).__name__}: {text[:200]}{'...' if len(text) > 200 else ''}"


_H5PY_ERRORS = (OSError, RuntimeError, KeyError, ValueError, TypeError, IndexError)
"""What h5py raises for a damaged file (HDF5's errors are mapped onto these)."""


def _plain_dataset(h5py: Any, handle: Any, path: Path, key: str) -> Any:
    """The dataset ``key`` of an open file, refused unless it is plain data inside the file.

    The course's files hold three plain datasets. A link to another file (an external link),
    a soft link, a virtual dataset or external storage would make HDF5 open other files by
    name (a pipe there blocks forever, ``/dev/zero`` or ``/etc/passwd`` would load as pixels),
    so none is followed. Links are read with ``getlink=True``, which does not follow them.
    """
    link = handle.get(key, getlink=True)
    if isinstance(link, h5py.ExternalLink):
        raise _refuse(
            path,
            f"has {key} as an external link (to {link.path[:80]!r} in {link.filename[:80]!r}); "
            "links to other files are not followed (the course's files have none)",
        )
    if isinstance(link, h5py.SoftLink):
        raise _refuse(
            path,
            f"has {key} as a soft link (to {link.path[:80]!r}); links are not followed "
            "(the course's files have none)",
        )
    item = handle[key]
    if not isinstance(item, h5py.Dataset):
        raise _refuse(path, f"has {key} as a group, not an array")
    if item.is_virtual:
        raise _refuse(
            path,
            f"has {key} as a virtual dataset (its data lives in other files); it is not read "
            "(the course's files have none)",
        )
    if item.id.get_create_plist().get_external_count():
        raise _refuse(
            path,
            f"has {key} stored in external files; they are not read (the course's files keep "
            "their data inside the file)",
        )
    return item


def _read_cat_arrays(
    h5py: Any, handle: Any, path: Path, keys: dict[str, str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """The pixels, labels and class names of an open file, each checked before it is read."""
    found = list(handle.keys())
    missing = [key for key in keys.values() if handle.get(key, getlink=True) is None]
    if missing:
        raise _refuse(
            path,
            f"has no {', '.join(missing)}; the course's {path.name} holds "
            f"{', '.join(keys.values())} (this one: {_shown(found) or 'no keys'})",
        )
    data = {role: _plain_dataset(h5py, handle, path, key) for role, key in keys.items()}
    x, y, classes = data["x"], data["y"], data["classes"]
    m = x.shape[0] if x.ndim else 0
    if x.ndim != 4 or x.shape[1:] != CAT_IMAGE_SHAPE or m < 1:
        raise _refuse(path, f"has {keys['x']} of shape {x.shape}; expected (m, 64, 64, 3), m >= 1")
    if m > MAX_CAT_EXAMPLES:
        raise _refuse(
            path,
            f"has {m} pictures in {keys['x']}, more than the {MAX_CAT_EXAMPLES} this loader "
            "reads (the course's files hold 209 and 50)",
        )
    if y.shape != (m,):
        raise _refuse(
            path,
            f"has {keys['y']} of shape {y.shape}; expected ({m},), one label "
            f"per picture of {keys['x']}",
        )
    if classes.shape != (2,):
        raise _refuse(path, f"has list_classes of shape {classes.shape}; expected (2,)")
    if x.dtype != np.uint8:
        raise _refuse(path, f"has {keys['x']} of type {x.dtype}; expected uint8 pixels 0..255")
    if y.dtype.kind not in "iub":
        raise _refuse(path, f"has {keys['y']} of type {y.dtype}; expected integer labels")
    if classes.dtype.kind != "S" or classes.dtype.itemsize > 100:
        raise _refuse(path, f"has list_classes of type {classes.dtype}; expected byte strings")
    return x[()], y[()], classes[()], m


def _read_cat_file(h5py: Any, path: Path, part: str) -> tuple[LabelledImages, list[str]]:
    """The pictures, labels and class names of one of the course's files, checked.

    Only a regular file is opened (:func:`autograd_nn.files.open_regular_file`: a pipe or a
    device is refused before it could block or stream), and h5py reads it through that open
    file. Every error of h5py or of the operating system becomes a :class:`DatasetError`
    naming the file.
    """
    keys = {"x": f"{part}_set_x", "y": f"{part}_set_y", "classes": "list_classes"}
    file = _open_cat_file(path)
    with file:
        try:  # a file that cannot be read at all (/proc/self/mem) is not called "not HDF5"
            file.read(8)
            file.seek(0)
        except OSError as exc:
            raise _cat_file_error(path, exc) from None
        try:
            handle = h5py.File(file, "r")
        except _H5PY_ERRORS as exc:
            raise _refuse(path, f"is not an HDF5 file ({_error_text(exc)})") from None
        try:
            with handle:
                images, labels, names, m = _read_cat_arrays(h5py, handle, path, keys)
        except DatasetError:
            raise
        except _H5PY_ERRORS as exc:
            raise _refuse(path, f"cannot be read: it is damaged ({_error_text(exc)})") from None
    outside = (labels != 0) & (labels != 1)
    if outside.any():
        raise _refuse(
            path,
            f"has {int(outside.sum())} labels in {keys['y']} outside {{0, 1}} "
            f"(e.g. {labels[outside][0]}); expected 1 for a cat, 0 for a non-cat",
        )
    try:
        decoded = [bytes(name).decode("utf-8") for name in names]
    except UnicodeDecodeError:
        raise _refuse(path, "has list_classes that are not text") from None
    X = images.reshape(m, -1).T / 255.0  # unroll each picture into a column: (12288, m)
    Y = labels.reshape(1, m).astype(np.float64)
    return LabelledImages(X, Y, images), decoded


def _cat_file_error(path: Path, error: OSError) -> DatasetError:
    """The DatasetError (DatasetNotFoundError when missing) for an OS error on a cat file."""
    if isinstance(error, FileNotFoundError):
        where = "" if path.parent.is_dir() else " (no such folder)"
        if os.path.islink(path):
            where = f" (only a symbolic link to {os.readlink(path)[:200]!r}, which does not exist)"
        return DatasetNotFoundError(
            f"load_catvnoncat: no {path.name} in {path.parent}{where}. {_WHERE}"
        )
    if isinstance(error, NotRegularFileError):
        return _refuse(path, f"is {error.kind}, not a regular file")
    return _refuse(path, f"cannot be read ({error.strerror or _error_text(error)})")


def _open_cat_file(path: Path) -> BinaryIO:
    """The file opened for reading, or a DatasetError (DatasetNotFoundError) naming it."""
    try:
        return open_regular_file(path, caller="load_catvnoncat")
    except OSError as exc:
        raise _cat_file_error(path, exc) from None


def load_catvnoncat(folder: str | os.PathLike[str]) -> CatVsNonCat:
    """The course's cat pictures, prepared as the course does, from the course's two files.

    Reads ``train_catvnoncat.h5`` (keys train_set_x (209, 64, 64, 3) uint8, train_set_y (209,),
    list_classes (2,) bytes) and ``test_catvnoncat.h5`` (test_set_x (50, 64, 64, 3), ...), which
    the course provides; they are not shipped with autograd_nn. Each picture is unrolled into
    a column and the pixels scaled to [0, 1]::

        X = images.reshape(m, -1).T / 255      (12288, m)
        Y = labels.reshape(1, m)               (1, m), 1 for a cat

    Needs h5py (``pip install "autograd-nn[cat]"``).

    Args:
        folder: the folder that holds both files.

    Returns:
        ``CatVsNonCat(train, test, classes)``: ``train.X`` (12288, 209), ``train.Y`` (1, 209),
        ``train.images`` (209, 64, 64, 3); the same for ``test`` (50 pictures); ``classes``
        ``["non-cat", "cat"]``.

    Raises:
        DatasetNotFoundError: (a FileNotFoundError) a file is not in ``folder``; the message
            says which file and where the course provides it.
        DatasetError: (a ValueError) a file that is not the course's: not HDF5, missing keys,
            wrong shapes or types, labels outside {0, 1}, more than ``MAX_CAT_EXAMPLES``
            pictures, or class names that differ between the two files.
        ModuleNotFoundError: h5py is not installed (the message names the extra).
        TypeError: ``folder`` is not a path.

    Example:
        >>> from autograd_nn.datasets import load_catvnoncat
        >>> load_catvnoncat("no-such-folder")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        autograd_nn.datasets.DatasetNotFoundError: load_catvnoncat: no train_catvnoncat.h5 in ...
    """
    if not isinstance(folder, (str, os.PathLike)):
        raise TypeError(
            f"load_catvnoncat: folder must be a path (str or pathlib.Path) to the folder with "
            f"{CAT_FILES[0]} and {CAT_FILES[1]}, got {type(folder).__name__}"
        )
    directory = Path(folder)
    paths = [directory / name for name in CAT_FILES]
    for path in paths:  # both there and regular files, before h5py is imported
        try:
            check_regular_file(path, caller="load_catvnoncat")
        except OSError as exc:
            raise _cat_file_error(path, exc) from None
    try:
        import h5py
    except ImportError:
        raise ModuleNotFoundError(
            "load_catvnoncat reads the course's HDF5 files with h5py, which is not installed: "
            'pip install "autograd-nn[cat]" (or pip install h5py)',
            name="h5py",
        ) from None
    train, train_classes = _read_cat_file(h5py, paths[0], "train")
    test, test_classes = _read_cat_file(h5py, paths[1], "test")
    if train_classes != test_classes:
        raise _refuse(
            paths[1],
            f"names the classes {test_classes}, but {paths[0].name} names them {train_classes}",
        )
    return CatVsNonCat(train, test, train_classes)
