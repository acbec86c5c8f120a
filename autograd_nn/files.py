"""Writing files safely: whole or not at all, with the permissions the user's umask asks for.

Every file the library writes (diagrams, backward frames, saved parameters, the command line's
outputs) goes through :func:`write_file`, or its two short forms :func:`write_bytes` and
:func:`write_text`:

1. the content is written to a temporary file in the target's own folder, created with
   ``os.open(..., O_CREAT | O_EXCL, 0o666)``, so the operating system applies the umask (and a
   folder's default ACL) exactly as it does for ``open(path, "w")``: with the usual umask 022 a
   new file is ``rw-r--r--`` (0644), not the 0600 that ``tempfile.mkstemp`` gives. Writing over
   an existing file keeps that file's permission bits, as ``open(path, "w")`` does;
2. the temporary file is renamed onto the target with ``os.replace`` (atomic on one file system):
   a reader sees the old file or the new one, never half of one, and an interrupted or failed
   write leaves the target as it was and no temporary file behind.

The temporary name is never longer than the target's own name (or 24 bytes, for very short
names), so every name the file system accepts for the target also fits the temporary file: a
valid 246-character file name works. (A name of ``.`` + a shortened target name + ``.`` + 8
random hex digits, retried on the rare collision.)

A target that is a symbolic link is written through: the file it points to is replaced and the
link stays, as with ``open(path, "w")``.

Not done: ``fsync``. The rename protects against an interrupted program, not against a power
cut in the following seconds; none of the library's outputs needs that.

Errors name the path given: a missing folder is a :class:`FileNotFoundError`, a folder given
where a file is expected an :class:`IsADirectoryError`, a path through a file a
:class:`NotADirectoryError`; each keeps the OS error number and has ``filename`` set to the path.

Example:
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> write_text(os.path.join(folder, "j.dot"), "digraph { a -> b }\\n").name
    'j.dot'
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

__all__ = ["as_path", "write_bytes", "write_file", "write_text"]

#: The temporary name may use this many bytes even when the target's name is shorter.
SHORT_NAME_BUDGET = 24
_RANDOM_HEX = 8  # secrets.token_hex(4): 4 billion names per shortened prefix
_ATTEMPTS = 100


def write_file(
    path: str | os.PathLike[str], write: Callable[[BinaryIO], object], *, caller: str = ""
) -> Path:
    """Write a file whole or not at all: ``write(file)`` fills a temporary file, then a rename.

    Args:
        path: the file to write (created, or replaced whole).
        write: called once with the temporary file opened for writing bytes, e.g.
            ``lambda file: np.savez(file, W1=W1)``. If it raises, the target is left as it was.
        caller: the public function writing, named at the start of error messages
            (``save_parameters: folder 'out' does not exist (create it first)``); by default
            the function of this module that was called.

    Returns:
        ``path`` as a :class:`~pathlib.Path`.

    Raises:
        TypeError: ``path`` is not a str or path-like, or ``write`` is not callable.
        ValueError: ``path`` is empty.
        FileNotFoundError: the folder does not exist.
        IsADirectoryError: ``path`` is a folder.
        NotADirectoryError: a part of the folder path is a file.
        PermissionError: the folder cannot be written.
    """
    function = caller or "write_file"
    target = as_path(function, path)
    if not callable(write):
        raise TypeError(f"write_file: write must be a function of the file, got {write!r}")
    prefix = f"{function}: "
    real = _real_target(target, prefix)
    folder = real.parent
    mode = _existing_mode(real)
    handle, temporary = _create_temporary(target, folder, prefix)
    try:
        with os.fdopen(handle, "wb") as file:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(file.fileno(), mode)
            write(file)
        os.replace(temporary, real)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
    return target


def write_bytes(
    path: str | os.PathLike[str], data: bytes | bytearray | memoryview, *, caller: str = ""
) -> Path:
    """Write ``data`` to ``path`` whole or not at all (see :func:`write_file`).

    Args:
        path: the file to write.
        data: the bytes.
        caller: the public function writing, named in error messages.

    Returns:
        ``path`` as a :class:`~pathlib.Path`.
    """
    function = caller or "write_bytes"
    as_path(function, path)
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"{function}: data must be bytes, got {type(data).__name__}")
    return write_file(path, lambda file: file.write(data), caller=function)


def write_text(
    path: str | os.PathLike[str], text: str, encoding: str = "utf-8", *, caller: str = ""
) -> Path:
    """Write ``text`` to ``path`` whole or not at all (see :func:`write_file`).

    Line endings are written as they are in ``text`` (no ``\\n`` to ``\\r\\n`` translation).

    Args:
        path: the file to write.
        text: the text.
        encoding: its encoding (UTF-8 unless asked).
        caller: the public function writing, named in error messages.

    Returns:
        ``path`` as a :class:`~pathlib.Path`.
    """
    function = caller or "write_text"
    as_path(function, path)
    if not isinstance(text, str):
        raise TypeError(f"{function}: text must be a str, got {type(text).__name__}")
    try:
        data = text.encode(encoding)
    except (LookupError, TypeError):
        raise ValueError(f"{function}: unknown encoding {encoding!r}") from None
    return write_file(path, lambda file: file.write(data), caller=function)


# ---------------------------------------------------------------------------------------------
def as_path(function: str, path: object) -> Path:
    """``path`` (a str or path-like) as a Path, or an error naming ``function`` and ``path``.

    Raises:
        TypeError: not a str or path-like (bytes paths are refused too).
        ValueError: an empty name, or one with a NUL character.
    """
    if not isinstance(path, (str, os.PathLike)) or isinstance(path, bytes):
        raise TypeError(f"{function}: path must be a str or a path, got {type(path).__name__}")
    text = os.fspath(path)
    if not isinstance(text, str):
        raise TypeError(f"{function}: path must be a str or a path, got {type(text).__name__}")
    if not text:
        raise ValueError(f"{function}: path must be a non-empty file name, got ''")
    if "\0" in text:
        raise ValueError(f"{function}: path {text[:80]!r} contains a NUL character")
    return Path(text)


def _os_error(kind: type[OSError], number: int, explanation: str, path: Path) -> OSError:
    """An OSError whose ``strerror`` explains and whose ``filename`` is the path the user gave."""
    return kind(number, explanation, str(path))


def _real_target(target: Path, prefix: str) -> Path:
    """The file to replace: ``target``, or the file a symbolic link ``target`` points to."""
    real = Path(os.path.realpath(target)) if target.is_symlink() else target
    if real.is_dir():
        raise _os_error(
            IsADirectoryError,
            errno.EISDIR,
            f"{prefix}{str(target)!r} is a folder; give a file name inside it",
            target,
        )
    folder = real.parent
    if not folder.is_dir():
        if folder.exists() or any(p.exists() and not p.is_dir() for p in folder.parents):
            raise _os_error(
                NotADirectoryError,
                errno.ENOTDIR,
                f"{prefix}{str(folder)!r} is not a folder (a file is in the way)",
                target,
            )
        raise _os_error(
            FileNotFoundError,
            errno.ENOENT,
            f"{prefix}folder {str(folder)!r} does not exist (create it first)",
            target,
        )
    return real


def _existing_mode(real: Path) -> int | None:
    """The permission bits of the regular file about to be replaced, or None for a new file."""
    try:
        status = os.stat(real)
    except OSError:
        return None
    return stat.S_IMODE(status.st_mode) & 0o777 if stat.S_ISREG(status.st_mode) else None


def temporary_name(name: str, token: str) -> str:
    """``.`` + the target's name, shortened to fit + ``.`` + ``token``.

    The result takes no more bytes (as the file system counts them) than ``name`` itself, or
    :data:`SHORT_NAME_BUDGET` when ``name`` is shorter.

    >>> temporary_name("j-forward.svg", "0123abcd")
    '.j-forward.svg.0123abcd'
    >>> len(temporary_name("x" * 246, "0123abcd"))
    246
    """
    budget = max(len(os.fsencode(name)), SHORT_NAME_BUDGET)
    stem = name
    while len(os.fsencode(f".{stem}.{token}")) > budget:
        stem = stem[:-1]
    return f".{stem}.{token}"


def _create_temporary(target: Path, folder: Path, prefix: str) -> tuple[int, str]:
    """Create a new empty file next to the target, mode 0o666 less the umask (the OS applies it)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)
    for _ in range(_ATTEMPTS):
        name = temporary_name(target.name, secrets.token_hex(_RANDOM_HEX // 2))
        temporary = os.path.join(folder, name)
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue
        except OSError as error:
            raise _os_error(
                type(error),
                error.errno or 0,
                f"{prefix}cannot create a file in folder {str(folder)!r}: {error.strerror}",
                target,
            ) from None
    raise _os_error(
        FileExistsError,
        errno.EEXIST,
        f"{prefix}no free temporary name in folder {str(folder)!r} after {_ATTEMPTS} tries",
        target,
    )
