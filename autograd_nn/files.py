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
link stays, as with ``open(path, "w")``. A target that exists and is not a regular file (a named
pipe, a device such as ``/dev/null``, a socket), or a link to one, is refused with a
:class:`NotRegularFileError` before anything is written: a rename would silently put a regular
file in its place.

Reading goes through :func:`open_regular_file`: it reads only regular files. It checks the
file's type before opening it (``os.stat``), so a named pipe never blocks the reader, opens with
``O_NONBLOCK`` and checks the opened file again (``os.fstat``), so a file swapped for a pipe in
between does not block either. ``/dev/zero``, ``/dev/stdin`` (a pipe or a terminal) and links to
them are refused by name, never reported as "no such file".

Not done: ``fsync``. The rename protects against an interrupted program, not against a power
cut in the following seconds; none of the library's outputs needs that.

Errors name the path given: a missing folder is a :class:`FileNotFoundError`, a folder given
where a file is expected an :class:`IsADirectoryError`, a path through a file a
:class:`NotADirectoryError`, a pipe or a device a :class:`NotRegularFileError`; each keeps the
OS error number and has ``filename`` set to the path.

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

from .errors import AutogradError

__all__ = [
    "NotRegularFileError",
    "as_path",
    "check_regular_file",
    "check_target",
    "file_kind",
    "open_regular_file",
    "write_bytes",
    "write_file",
    "write_text",
]


class NotRegularFileError(AutogradError, OSError):
    """A path that exists but is not a regular file: a named pipe (FIFO), a device, a socket.

    Never read (a pipe would block the reader, ``/dev/zero`` never ends) and never replaced by a
    write. Its message names the function, the path and what the path is; ``errno`` is EINVAL
    and ``filename`` the path given.
    """

    #: what the path is, e.g. "a named pipe (FIFO)" or "a character device"
    kind: str = "a special file"

    def __str__(self) -> str:
        return str(self.strerror)


def _not_regular(message: str, kind: str, target: Path) -> NotRegularFileError:
    error = NotRegularFileError(errno.EINVAL, message, str(target))
    error.kind = kind
    return error


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


def _explained(error: OSError, doing: str, path: Path) -> OSError:
    """``error`` again, its message ``doing: the OS's reason``, ``filename`` the path given."""
    return _os_error(type(error), error.errno or 0, f"{doing}: {error.strerror or error}", path)


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
    kind = _special_kind(real)
    if kind:
        raise _not_regular(
            f"{prefix}{str(target)!r} exists and is {kind}, not a regular file; it is not "
            "replaced: give the name of a regular file",
            kind,
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
            doing = f"{prefix}cannot create a file in folder {str(folder)!r}"
            raise _explained(error, doing, target) from None
    raise _os_error(
        FileExistsError,
        errno.EEXIST,
        f"{prefix}no free temporary name in folder {str(folder)!r} after {_ATTEMPTS} tries",
        target,
    )


# --- Reading only regular files -----------------------------------------------------------------
def file_kind(mode: int) -> str:
    """What an ``st_mode`` is, for messages: "a regular file", "a named pipe (FIFO)", ...

    >>> file_kind(stat.S_IFIFO)
    'a named pipe (FIFO)'
    """
    kinds = [
        (stat.S_ISREG, "a regular file"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ]
    return next((kind for test, kind in kinds if test(mode)), "a special file")


def _special_kind(path: Path) -> str:
    """What ``path`` (links followed) is when it exists and is neither a file nor a folder."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return ""
    return "" if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else file_kind(mode)


def check_target(path: str | os.PathLike[str], *, caller: str) -> Path:
    """Refuse, before any work, a file that :func:`write_file` could not write.

    The same checks as :func:`write_file` makes, without writing: the folder exists, the path
    is not a folder, and it is not a pipe, a device or a socket (nor a link to one).

    Returns:
        ``path`` as a :class:`~pathlib.Path`.

    Raises:
        FileNotFoundError, IsADirectoryError, NotADirectoryError: as :func:`write_file`.
        NotRegularFileError: the path is a pipe, a device or a socket.
    """
    target = as_path(caller, path)
    _real_target(target, f"{caller}: ")
    return target


def check_regular_file(path: str | os.PathLike[str], *, caller: str) -> Path:
    """``path`` as a Path if it is a regular file (links followed), without opening it.

    Raises:
        FileNotFoundError: nothing is there (a link to a missing file says so).
        NotRegularFileError: a folder, a named pipe, a device or a socket: "not a regular file".
        OSError: any other reason it cannot be looked at (a link loop, no permission), with a
            message naming ``caller`` and the path.
    """
    target = as_path(caller, path)
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        dangling = os.path.islink(target)
        raise _os_error(
            FileNotFoundError,
            errno.ENOENT,
            f"{caller}: no such file: {str(target)!r}"
            + (" (a symbolic link to a file that does not exist)" if dangling else ""),
            target,
        ) from None
    except OSError as error:
        raise _explained(error, f"{caller}: cannot look at {str(target)!r}", target) from None
    if not stat.S_ISREG(mode):
        raise _not_a_file(caller, target, mode)
    return target


def _not_a_file(caller: str, target: Path, mode: int) -> NotRegularFileError:
    kind = file_kind(mode)
    message = f"{caller}: {str(target)!r} is {kind}, not a regular file; give the path of a file"
    return _not_regular(message, kind, target)


def open_regular_file(path: str | os.PathLike[str], *, caller: str) -> BinaryIO:
    """Open a regular file for reading bytes; never block on a pipe, never read a device.

    The type is checked before opening (:func:`check_regular_file`), the file is opened with
    ``O_NONBLOCK`` and checked again on the open descriptor, so a pipe put in its place in
    between is refused too instead of blocking.

    Args:
        path: the file to read.
        caller: the public function reading, named at the start of error messages.

    Returns:
        The open file (binary, buffered); close it (``with``).

    Raises:
        FileNotFoundError: no such file.
        NotRegularFileError: a folder, a pipe, a device or a socket.
        OSError: the file cannot be opened (no permission, ...), with a message naming
            ``caller`` and the path.
    """
    target = check_regular_file(path, caller=caller)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(target, flags)
    except OSError as error:
        raise _explained(error, f"{caller}: cannot open {str(target)!r}", target) from None
    try:
        mode = os.fstat(handle).st_mode
        if not stat.S_ISREG(mode):
            raise _not_a_file(caller, target, mode)
        return os.fdopen(handle, "rb")
    except BaseException:
        os.close(handle)
        raise
