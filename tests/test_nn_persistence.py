"""Tests for autograd_nn.nn.persistence: .npz save/load without pickle, refusing bad files."""

import os
import stat
import subprocess
import zipfile
from pathlib import Path

import numpy as np
import pytest
from bounded import outcome, raised

from autograd_nn.files import NotRegularFileError
from autograd_nn.nn import Model, ParameterFileError, load_parameters, save_parameters
from autograd_nn.nn.persistence import ParameterFileNotFoundError


def model_and_copy(layer_dims=(3, 4, 1), seed=0):
    model = Model.from_layer_dims(list(layer_dims), hidden_activation="tanh", seed=seed)
    return model, model.get_parameters()


def assert_unchanged(model, before):
    for name, value in before.items():
        np.testing.assert_array_equal(model[name].data, value)


def test_round_trip(tmp_path):
    model, saved = model_and_copy(seed=1)
    path = save_parameters(model, tmp_path / "flower")
    assert path == tmp_path / "flower.npz" and path.is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["flower.npz"]  # no temporary left
    other = Model.from_layer_dims([3, 4, 1], hidden_activation="tanh", seed=2)
    loaded = load_parameters(path, other)
    assert list(loaded) == ["W1", "b1", "W2", "b2"]
    assert_unchanged(other, saved)
    with np.load(path, allow_pickle=False) as archive:  # a plain numpy archive
        assert sorted(archive.files) == ["W1", "W2", "b1", "b2"]


def test_save_a_parameters_dict(tmp_path):
    parameters = {"W1": np.ones((2, 3)), "b1": np.zeros((2, 1))}
    loaded = load_parameters(save_parameters(parameters, tmp_path / "p.npz"))
    for name in parameters:
        np.testing.assert_array_equal(loaded[name], parameters[name])


def test_save_refuses_parameters_that_do_not_chain(tmp_path):
    with pytest.raises(
        ParameterFileError, match=r"W2 must be \(n\[2\], n\[1\]\) = \(1, 4\), got \(1, 3\)"
    ):
        save_parameters({"W1": np.ones((4, 2)), "b1": np.zeros((4, 1)), "W2": np.ones((1, 3)),
                         "b2": np.zeros((1, 1))}, tmp_path / "p.npz")  # fmt: skip
    assert not list(tmp_path.iterdir())


def corrupt(path):
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 16] = b"\xff" * 16
    path.write_bytes(bytes(data))


def truncate(path):
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def not_an_archive(path):
    path.write_bytes(b"W1 = [[1, 2], [3, 4]]\n")


def single_array(path):
    with open(path, "wb") as file:
        np.save(file, np.zeros((4, 3)))


def pickled_objects(path):
    with open(path, "wb") as file:
        np.savez(file, W1=np.array([{"code": "runs"}], dtype=object))


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (corrupt, "not a readable .npz parameters file"),
        (truncate, "not a readable .npz parameters file"),
        (not_an_archive, "not a readable .npz parameters file"),
        (single_array, "holds a single array, not a .npz archive"),
        (pickled_objects, "not a readable .npz parameters file.*pickle"),
    ],
)
def test_damaged_files_are_refused_and_the_model_left_unchanged(tmp_path, damage, message):
    model, before = model_and_copy()
    path = save_parameters(Model.from_layer_dims([3, 4, 1], seed=9), tmp_path / "p.npz")
    damage(path)
    with pytest.raises(ParameterFileError, match=message):
        load_parameters(path, model)
    assert_unchanged(model, before)


@pytest.mark.parametrize(
    ("arrays", "message"),
    [
        ({"W1": np.ones((4, 3)), "b1": np.zeros((4, 1))}, r"missing W2, b2"),
        ({"W1": np.ones((4, 3)), "b1": np.zeros((4, 1)), "W2": np.ones((1, 4)),
          "b2": np.zeros((1, 1)), "W3": np.ones((1, 1)), "b3": np.zeros((1, 1))},
         r"does not fit the model: parameters: unexpected W3, b3"),
        ({"W1": np.ones((4, 2)), "b1": np.zeros((4, 1)), "W2": np.ones((1, 4)),
          "b2": np.zeros((1, 1))},
         r"does not fit the model: W1 must be \(n\[1\], n\[0\]\) = \(4, 3\), got \(4, 2\)"),
        ({"W1": np.ones((4, 3)), "b1": np.zeros((4, 1)), "W2": np.ones((1, 4)),
          "b2": np.full((1, 1), np.inf)}, r"b2 contains NaN or infinity"),
        ({"W1": np.ones((4, 3)), "b1": np.zeros(4), "W2": np.ones((1, 4)),
          "b2": np.zeros((1, 1))}, r"b1 must be 2-D, got shape \(4,\)"),
        ({"weights": np.ones((4, 3))}, r"unexpected entries weights"),
        ({"W1": np.array([["a"]]), "b1": np.zeros((1, 1))}, r"W1 holds <U1, not numbers"),
    ],
)  # fmt: skip
def test_mismatched_files_are_refused_and_the_model_left_unchanged(tmp_path, arrays, message):
    model, before = model_and_copy()
    path = tmp_path / "p.npz"
    np.savez(path, **arrays)
    with pytest.raises(ParameterFileError, match=message):
        load_parameters(path, model)
    assert_unchanged(model, before)


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        load_parameters(tmp_path / "absent.npz")


def test_a_folder_is_named_and_a_missing_folder_refused_before_writing(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"is a folder, not a \.npz file"):
        load_parameters(tmp_path)
    model = Model.from_layer_dims([3, 4, 1], seed=9)
    with pytest.raises(FileNotFoundError, match=r"folder '.*absent' does not exist") as caught:
        save_parameters(model, tmp_path / "absent" / "p.npz")
    assert ".tmp" not in str(caught.value)  # no temporary name leaks into the message


def test_text_is_not_mistaken_for_a_pickle(tmp_path):
    path = tmp_path / "p.npz"
    path.write_bytes(b"garbage, not an archive")
    with pytest.raises(ParameterFileError, match="not a zip archive") as caught:
        load_parameters(path)
    assert "pickle" not in str(caught.value)  # numpy's "load it unsafely" advice is not relayed


def test_a_member_that_is_not_an_array_is_refused(tmp_path):
    """A zip member named like an array but holding a pickle is refused, never unpickled."""
    path = tmp_path / "p.npz"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("W1.npy", b"\x80\x04K\x01.")  # a pickle, not a .npy header
        archive.writestr("b1.npy", b"\x80\x04K\x01.")
    with pytest.raises(ParameterFileError, match=r"member W1 is not a \.npy array"):
        load_parameters(path)


# ------------------------------------------------------------------ untrusted files (issue 11.8)
def hostile_file(path, **arrays):
    """A .npz written with np.savez (the way an attacker would), returned as its path."""
    np.savez(path, **arrays)
    return path


def peak_bytes_of(call):
    """(result or exception, peak bytes traced) of ``call()``: numpy's allocations are traced."""
    import tracemalloc

    tracemalloc.start()
    try:
        try:
            outcome = call()
        except Exception as error:
            outcome = error
        return outcome, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_huge_layer_number_is_refused_at_once_with_a_short_message(tmp_path):
    """The 282-byte file whose only key is W100000000 once built 2 x 10^8 names (over 10 GB)."""
    path = hostile_file(tmp_path / "p.npz", W100000000=np.zeros((1, 1)))
    assert path.stat().st_size < 400
    outcome, peak = peak_bytes_of(lambda: load_parameters(path))
    assert isinstance(outcome, ParameterFileError)
    message = str(outcome)
    assert "W100000000" in message and "layer 100000000" in message and "1 array" in message
    assert len(message) < 300
    assert peak < 2_000_000  # bytes: nothing sized by the layer number was built


def test_missing_names_are_listed_shortly(tmp_path):
    arrays = {f"W{l}": np.ones((1, 1)) for l in range(1, 40)}  # 39 arrays, every b missing
    with pytest.raises(ParameterFileError, match=r"missing b1, b2, b3, b4, b5 and 34 more") as e:
        load_parameters(hostile_file(tmp_path / "p.npz", **arrays))
    assert len(str(e.value)) < 300


@pytest.mark.parametrize("name", ["W1\n", "W01", "W1 ", "w1", "W" + "9" * 5000, "b\u0661"])
def test_names_are_matched_whole(tmp_path, name):
    arrays = {name: np.ones((1, 1)), "W1": np.ones((1, 1)), "b1": np.zeros((1, 1))}
    if name == "W1":  # pragma: no cover
        return
    with pytest.raises(ParameterFileError, match="unexpected entries") as caught:
        load_parameters(hostile_file(tmp_path / "p.npz", **arrays))
    assert len(str(caught.value)) < 300


def test_too_many_arrays_are_refused_before_any_is_read(tmp_path):
    path = tmp_path / "p.npz"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(2001):
            archive.writestr(f"x{i}.npy", b"")
    with pytest.raises(ParameterFileError, match=r"2001 arrays; at most 2000") as caught:
        load_parameters(path)
    assert len(str(caught.value)) < 300


def test_a_member_listed_twice_is_refused(tmp_path):
    path = hostile_file(tmp_path / "p.npz", W1=np.ones((1, 1)), b1=np.zeros((1, 1)))
    with zipfile.ZipFile(path, "a") as archive, pytest.warns(UserWarning, match="Duplicate"):
        archive.writestr("W1.npy", b"")
    with pytest.raises(ParameterFileError, match="W1 is in the file twice"):
        load_parameters(path)


def npy_header(shape, descr="<f8"):
    """The bytes of a version 1.0 .npy header declaring ``shape`` (no data follows)."""
    from numpy.lib import format as npy_format

    out = __import__("io").BytesIO()
    header = {"descr": descr, "fortran_order": False, "shape": shape}
    npy_format.write_array_header_1_0(out, header)
    return out.getvalue()


def test_an_array_declared_huge_is_refused_before_allocating(tmp_path):
    """A header may declare (10^9, 1) float64, 8 GB, over a few bytes of data."""
    path = tmp_path / "p.npz"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("W1.npy", npy_header((10**9, 1)) + b"\0" * 16)
        archive.writestr("b1.npy", npy_header((10**9, 1)) + b"\0" * 16)
    outcome, peak = peak_bytes_of(lambda: load_parameters(path))
    assert isinstance(outcome, ParameterFileError), outcome
    assert "W1 declares (1000000000, 1) float64: 8000000000 bytes" in str(outcome)
    assert peak < 2_000_000


def test_data_shorter_than_the_header_says_is_refused(tmp_path):
    path = tmp_path / "p.npz"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("W1.npy", npy_header((2, 2)) + b"\0" * 16)  # 32 bytes declared
        archive.writestr("b1.npy", npy_header((2, 1)) + b"\0" * 16)
    with pytest.raises(ParameterFileError, match=r"W1 declares \(2, 2\) float64: 32 bytes, but"):
        load_parameters(path)


def test_max_bytes_bounds_what_is_read(tmp_path):
    path = save_parameters({"W1": np.ones((100, 100)), "b1": np.zeros((100, 1))}, tmp_path / "p")
    with pytest.raises(ParameterFileError, match=r"more than max_bytes = 10000"):
        load_parameters(path, max_bytes=10_000)
    assert load_parameters(path, max_bytes=200_000)["W1"].shape == (100, 100)
    with pytest.raises(ValueError, match="max_bytes must be a positive integer"):
        load_parameters(path, max_bytes=-1)


@pytest.mark.parametrize("descr", ["|O", "<c16", "|V8", "<U1"])
def test_arrays_that_are_not_real_numbers_are_refused_before_reading(tmp_path, descr):
    path = tmp_path / "p.npz"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("W1.npy", npy_header((1, 1), descr) + b"\0" * 16)
        archive.writestr("b1.npy", npy_header((1, 1)) + b"\0" * 8)
    with pytest.raises(ParameterFileError, match=r"W1 (holds .*, not numbers|.*pickle)"):
        load_parameters(path)


# ------------------------------------------------------------------ files (issue 11.10)
def test_save_honours_the_umask_and_takes_long_names(tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        model = Model.from_layer_dims([3, 4, 1], seed=9)
        path = save_parameters(model, tmp_path / ("x" * 242 + ".npz"))  # 246 characters
        assert len(path.name) == 246
        assert stat.S_IMODE(path.stat().st_mode) == 0o644  # not mkstemp's 0600
        assert [p.name for p in tmp_path.iterdir()] == [path.name]
        assert load_parameters(path)["W1"].shape == (4, 3)
    finally:
        os.umask(old)


# ------------------------------------------------------------------ issue 11.13
def test_wrong_argument_types_are_named(tmp_path):
    path = save_parameters(Model.from_layer_dims([3, 4, 1], seed=9), tmp_path / "p.npz")
    with pytest.raises(
        TypeError, match=r"load_parameters: model must be a Model or None, got dict"
    ):
        load_parameters(path, model={})
    with pytest.raises(
        TypeError, match=r"load_parameters: path must be a str or a path, got NoneType"
    ):
        load_parameters(None)
    with pytest.raises(TypeError, match=r"save_parameters: parameters must be a Model or a dict"):
        save_parameters([np.ones((1, 1))], tmp_path / "q.npz")
    with pytest.raises(TypeError, match=r"save_parameters: path must be a str or a path, got int"):
        save_parameters(Model.from_layer_dims([3, 4, 1], seed=9), 5)


# --- special files: never read, never replaced ------------------------------------------------


def test_a_pipe_is_refused_before_it_is_opened(tmp_path):
    os.mkfifo(tmp_path / "p.npz")
    os.symlink(tmp_path / "p.npz", tmp_path / "link.npz")
    for name in ("p.npz", "link.npz"):
        result = raised(
            f"load_parameters({str(tmp_path / name)!r})",
            "from autograd_nn.nn import load_parameters",
        )
        assert result == (
            f"ParameterFileError: load_parameters {name}: {tmp_path / name} is a named pipe "
            "(FIFO), not a regular file; give the path of a .npz file"
        )


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/null"])
def test_devices_are_named_not_missing(path):
    with pytest.raises(ParameterFileError) as caught:
        load_parameters(path)
    assert not isinstance(caught.value, FileNotFoundError)
    assert str(caught.value) == (
        f"load_parameters {Path(path).name}: {path} is a character device, not a regular file; "
        "give the path of a .npz file"
    )


def test_a_link_to_a_device_is_named_by_what_it_points_to(tmp_path):
    os.symlink("/dev/zero", tmp_path / "zero.npz")
    with pytest.raises(ParameterFileError) as caught:
        load_parameters(tmp_path / "zero.npz")
    assert str(caught.value) == (
        f"load_parameters zero.npz: {tmp_path / 'zero.npz'} is a character device, not a "
        "regular file; give the path of a .npz file"
    )


def test_standard_input_is_refused_by_name():
    result = outcome(  # the child's standard input is a pipe nobody writes to
        """
        from autograd_nn.nn import load_parameters
        try:
            load_parameters("/dev/stdin")
        except Exception as error:
            print(type(error).__name__, error)
        """,
        stdin=subprocess.PIPE,
    )
    assert result == (
        "ParameterFileError load_parameters stdin: /dev/stdin is a named pipe (FIFO), not a "
        "regular file; give the path of a .npz file"
    )


def test_a_file_that_cannot_be_read_is_named_not_a_raw_os_error(tmp_path):
    model, before = model_and_copy()
    os.symlink("/proc/self/mem", tmp_path / "mem.npz")
    for path in ("/proc/self/mem", tmp_path / "mem.npz"):  # "regular", size 0, reads fail
        with pytest.raises(ParameterFileError) as caught:
            load_parameters(path, model)
        assert "not a readable .npz parameters file: reading " in str(caught.value)
        assert "failed (OSError: [Errno 5] Input/output error)" in str(caught.value)
    assert_unchanged(model, before)
    os.symlink(tmp_path / "loop.npz", tmp_path / "loop.npz")
    with pytest.raises(ParameterFileError, match=r"loop.npz: cannot open .*: Too many levels"):
        load_parameters(tmp_path / "loop.npz")


def test_missing_files_are_parameter_file_errors_too(tmp_path):
    with pytest.raises(ParameterFileNotFoundError, match="no such file") as caught:
        load_parameters(tmp_path / "absent.npz")
    assert isinstance(caught.value, FileNotFoundError)
    assert isinstance(caught.value, ParameterFileError)


def test_save_parameters_never_replaces_a_pipe(tmp_path):
    os.mkfifo(tmp_path / "p.npz")
    model = Model.from_layer_dims([3, 4, 1], seed=9)
    with pytest.raises(
        NotRegularFileError, match=r"save_parameters: '.*p.npz' exists and is a named"
    ):
        save_parameters(model, tmp_path / "p.npz")
    assert stat.S_ISFIFO(os.stat(tmp_path / "p.npz").st_mode)
    assert os.listdir(tmp_path) == ["p.npz"]
