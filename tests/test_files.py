"""Tests for autograd_nn.files: whole-or-nothing writes, the umask honoured, names that fit."""

import os
import socket
import stat
import threading
from pathlib import Path

import pytest

from autograd_nn.files import (
    SHORT_NAME_BUDGET,
    NotRegularFileError,
    check_regular_file,
    check_target,
    file_kind,
    open_regular_file,
    temporary_name,
    write_bytes,
    write_file,
    write_text,
)


def mode_of(path):
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask():
    """Set the process umask for one test, and put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    yield lambda value: os.umask(value)
    os.umask(old)


def test_round_trip_of_bytes_and_text(tmp_path):
    assert write_bytes(tmp_path / "a.bin", b"\x00\xffPK") == tmp_path / "a.bin"
    assert (tmp_path / "a.bin").read_bytes() == b"\x00\xffPK"
    write_text(str(tmp_path / "a.txt"), "dJ/da = 3\r\nµ\n")
    assert (tmp_path / "a.txt").read_bytes() == "dJ/da = 3\r\nµ\n".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.bin", "a.txt"]  # nothing left over


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_0666_less_the_umask(tmp_path, umask, mask, expected):
    umask(mask)
    write_text(tmp_path / "j.dot", "digraph {}")
    assert mode_of(tmp_path / "j.dot") == expected  # mkstemp's 0600 whatever the umask before


def test_writing_over_a_file_keeps_its_permissions(tmp_path, umask):
    umask(0o022)
    target = tmp_path / "j.dot"
    target.write_text("old")
    target.chmod(0o640)
    write_text(target, "new")
    assert target.read_text() == "new" and mode_of(target) == 0o640


@pytest.mark.parametrize("name", ["x" * 246 + ".npz", "y" * 255, "é" * 127, "a"])
def test_every_name_the_file_system_accepts_works_and_the_temporary_is_no_longer(tmp_path, name):
    seen = []

    def write(file):
        seen.extend(p.name for p in tmp_path.iterdir())
        file.write(b"data")

    write_file(tmp_path / name, write)
    assert (tmp_path / name).read_bytes() == b"data"
    (temporary,) = seen
    limit = max(len(os.fsencode(name)), SHORT_NAME_BUDGET)
    assert len(os.fsencode(temporary)) <= limit
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_temporary_name_never_exceeds_the_target_name():
    assert temporary_name("j.svg", "0123abcd") == ".j.svg.0123abcd"
    for length in range(1, 256):
        name = "n" * length
        assert len(temporary_name(name, "0123abcd")) <= max(length, SHORT_NAME_BUDGET)
    # multi-byte characters are counted in bytes and never cut in half
    shortened = temporary_name("é" * 100, "0123abcd")
    assert len(os.fsencode(shortened)) <= 200 and shortened.startswith(".é")


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "p.npz"
    target.write_bytes(b"old")

    def fail(file):
        file.write(b"half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        write_file(target, fail)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["p.npz"]


def test_a_missing_folder_is_named(tmp_path):
    target = tmp_path / "absent" / "j.dot"
    with pytest.raises(FileNotFoundError, match=r"folder '.*absent' does not exist") as caught:
        write_text(target, "x")
    assert caught.value.filename == str(target) and caught.value.strerror
    assert ".j.dot." not in str(caught.value)  # no temporary name in the message
    assert not (tmp_path / "absent").exists()


def test_a_folder_given_as_the_file_is_named(tmp_path):
    with pytest.raises(IsADirectoryError, match=r"is a folder; give a file name inside it"):
        write_text(tmp_path, "x")
    with pytest.raises(IsADirectoryError):
        write_text(str(tmp_path) + "/", "x")
    assert not list(tmp_path.iterdir())


def test_a_file_in_the_way_of_the_folder_is_named(tmp_path):
    (tmp_path / "f").write_text("a file")
    with pytest.raises(NotADirectoryError, match=r"is not a folder") as caught:
        write_text(tmp_path / "f" / "j.dot", "x")
    assert caught.value.filename == str(tmp_path / "f" / "j.dot")


def test_a_folder_that_cannot_be_written_is_named(tmp_path, monkeypatch):
    def refuse(path, flags, mode=0o777):
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(os, "open", refuse)  # root may write anywhere: the refusal is simulated
    with pytest.raises(PermissionError, match="cannot create a file in folder") as caught:
        write_text(tmp_path / "j.dot", "x")
    assert caught.value.filename == str(tmp_path / "j.dot")
    assert "Permission denied" in caught.value.strerror


def test_a_symbolic_link_is_written_through(tmp_path):
    real = tmp_path / "real.dot"
    real.write_text("old")
    link = tmp_path / "link.dot"
    link.symlink_to(real)
    write_text(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: write_text(None, "x"), TypeError, "write_text: path must be a str or a path"),
        (lambda: write_text(b"j.dot", "x"), TypeError, "write_text: path must be"),
        (lambda: write_text("", "x"), ValueError, "write_text: path must be a non-empty file"),
        (lambda: write_text("a\0b", "x"), ValueError, "contains a NUL"),
        (lambda: write_text("j.dot", b"x"), TypeError, "write_text: text must be a str"),
        (lambda: write_text("j.dot", "x", "klingon"), ValueError, "unknown encoding"),
        (lambda: write_bytes("j.dot", "x"), TypeError, "write_bytes: data must be bytes"),
        (lambda: write_file("j.dot", "x"), TypeError, "write must be a function"),
    ],
)
def test_wrong_arguments_are_refused_before_touching_the_disk(
    tmp_path, monkeypatch, call, error, message
):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(error, match=message):
        call()
    assert not list(tmp_path.iterdir())


def test_the_caller_is_named_in_messages(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"^\[Errno 2\] save: folder '.*absent' does not"):
        write_text(tmp_path / "absent" / "j.dot", "x", caller="save")
    with pytest.raises(IsADirectoryError, match=r"save: '.*' is a folder"):
        write_bytes(tmp_path, b"x", caller="save")
    with pytest.raises(TypeError, match=r"^save: path must be a str or a path"):
        write_bytes(None, b"x", caller="save")


# --- special files: never replaced, never read ---------------------------------------------------


def special_files(folder):
    """A named pipe, a link to it and a Unix socket in ``folder``: (path, kind) each."""
    pipe = folder / "pipe.svg"
    os.mkfifo(pipe)
    link = folder / "link.svg"
    link.symlink_to(pipe)
    sock = folder / "s.svg"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock))
    server.close()  # the socket file stays
    return [(pipe, "a named pipe (FIFO)"), (link, "a named pipe (FIFO)"), (sock, "a socket")]


@pytest.mark.parametrize("writer", ["write_text", "write_bytes", "check_target"])
def test_a_pipe_a_link_to_it_or_a_socket_is_never_replaced(tmp_path, monkeypatch, writer):
    monkeypatch.chdir(tmp_path)  # a short folder name: Unix sockets allow about 100 bytes
    write = {
        "write_text": lambda p: write_text(p, "x", caller="save"),
        "write_bytes": lambda p: write_bytes(p, b"x", caller="save"),
        "check_target": lambda p: check_target(p, caller="save"),
    }[writer]
    for path, kind in special_files(Path(".")):
        with pytest.raises(NotRegularFileError) as caught:
            write(path)
        assert str(caught.value) == (
            f"save: {str(path)!r} exists and is {kind}, not a regular file; it is not replaced: "
            "give the name of a regular file"
        )
        assert isinstance(caught.value, OSError) and caught.value.filename == str(path)
    assert stat.S_ISFIFO(os.stat("pipe.svg").st_mode) and os.path.islink("link.svg")
    assert stat.S_ISSOCK(os.stat("s.svg").st_mode)
    assert sorted(os.listdir(".")) == ["link.svg", "pipe.svg", "s.svg"]  # no temporary left


def test_reading_takes_only_regular_files(tmp_path):
    (tmp_path / "ok.bin").write_bytes(b"PK")
    with open_regular_file(tmp_path / "ok.bin", caller="load") as file:
        assert file.read() == b"PK"
    os.mkfifo(tmp_path / "pipe")
    os.symlink("/dev/zero", tmp_path / "zero")
    for path, kind in [
        (tmp_path / "pipe", "a named pipe (FIFO)"),  # checked before opening: never blocks
        (tmp_path / "zero", "a character device"),
        ("/dev/zero", "a character device"),
        (tmp_path, "a folder"),
    ]:
        with pytest.raises(NotRegularFileError) as caught:
            open_regular_file(path, caller="load")
        assert caught.value.kind == kind
        assert str(caught.value) == (
            f"load: {str(path)!r} is {kind}, not a regular file; give the path of a file"
        )
    with pytest.raises(FileNotFoundError, match=r"load: no such file: '.*absent'$"):
        open_regular_file(tmp_path / "absent", caller="load")
    os.symlink(tmp_path / "absent", tmp_path / "dangling")
    with pytest.raises(FileNotFoundError, match=r"a symbolic link to a file that does not exist"):
        check_regular_file(tmp_path / "dangling", caller="load")
    os.symlink(tmp_path / "loop", tmp_path / "loop")
    with pytest.raises(OSError, match=r"load: cannot look at '.*loop': Too many levels"):
        check_regular_file(tmp_path / "loop", caller="load")


def test_a_file_swapped_for_a_pipe_after_the_check_is_refused_without_blocking(
    tmp_path, monkeypatch
):
    import autograd_nn.files as files

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    (tmp_path / "file").write_bytes(b"x")
    # the type check sees a regular file, then the open finds the pipe (a race)
    monkeypatch.setattr(files, "check_regular_file", lambda path, caller: pipe)
    result = []
    reader = threading.Thread(target=lambda: result.append(_try_open(files, tmp_path)))
    reader.daemon = True
    reader.start()
    reader.join(30)
    if reader.is_alive():  # a blocked open: let it through, then fail
        with open(pipe, "wb"):
            pass
        pytest.fail("open_regular_file blocked on a named pipe")
    assert result == ["NotRegularFileError: a named pipe (FIFO)"]


def _try_open(files, folder):
    try:
        files.open_regular_file(folder / "file", caller="load").close()
        return "opened"
    except NotRegularFileError as error:
        return f"NotRegularFileError: {error.kind}"


def test_file_kinds_are_named():
    assert file_kind(stat.S_IFREG) == "a regular file"
    assert file_kind(stat.S_IFCHR) == "a character device"
    assert file_kind(stat.S_IFBLK) == "a block device"
    assert file_kind(stat.S_IFSOCK) == "a socket"


def test_every_writer_of_the_library_refuses_a_pipe(tmp_path, monkeypatch, capsys):
    from autograd_nn import Tensor, viz
    from autograd_nn.cli import main
    from autograd_nn.nn import Model, save_parameters

    monkeypatch.chdir(tmp_path)
    for name in ("j.dot", "j.html", "p.npz", "j-forward.dot"):
        os.mkfifo(name)
    a = Tensor(2.0, name="a")
    J = a * a
    J.backward()
    writers = [
        ("save", lambda: viz.save(J, "j.dot")),
        ("Player.save", lambda: viz.player(J).save("j.html")),
        ("save_parameters", lambda: save_parameters(Model.from_layer_dims([2, 1]), "p.npz")),
    ]
    for caller, write in writers:
        with pytest.raises(NotRegularFileError, match=rf"^{caller}: '.*' exists and is a named"):
            write()
    # the command line refuses before any work, with one line on stderr
    for argv, option, name in [
        (["graph", "a*a", "a=2", "-o", "j.dot", "--mode", "forward"], "-o", "j.dot"),
        (["graph", "a*a", "a=2", "-o", "j.dot"], "-o", "j-forward.dot"),
        (["graph", "a*a", "a=2", "--html", "j.html"], "--html", "j.html"),
    ]:
        assert main(argv) == 1
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err == (
            f"autograd-nn: error: {option}: '{name}' exists and is a named pipe (FIFO), not a "
            "regular file; it is not replaced: give the name of a regular file\n"
        )
    assert sorted(os.listdir(".")) == ["j-forward.dot", "j.dot", "j.html", "p.npz"]
    assert all(stat.S_ISFIFO(os.stat(name).st_mode) for name in os.listdir("."))
