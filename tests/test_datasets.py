"""Tests for autograd_nn.datasets: the course's flower, point for point, and synthetic sets."""

import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from bounded import outcome, raised

from autograd_nn.datasets import (
    MAX_CAT_EXAMPLES,
    DatasetError,
    DatasetNotFoundError,
    load_catvnoncat,
    load_planar_dataset,
    make_circles,
    make_linearly_separable,
    make_moons,
)


def course_flower():
    """The course's load_planar_dataset, as the issue specifies it, with the global generator."""
    state = np.random.get_state()
    np.random.seed(1)
    try:
        m, N, a = 400, 200, 4
        X = np.zeros((m, 2))
        Y = np.zeros((m, 1), dtype="uint8")
        for j in range(2):
            ix = range(N * j, N * (j + 1))
            t = np.linspace(j * 3.12, (j + 1) * 3.12, N) + np.random.randn(N) * 0.2
            r = a * np.sin(4 * t) + np.random.randn(N) * 0.2
            X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
            Y[ix] = j
        return X.T, Y.T
    finally:
        np.random.set_state(state)


def test_flower_matches_the_issue_check_values():
    X, Y = load_planar_dataset()
    assert X.shape == (2, 400) and Y.shape == (1, 400)
    np.testing.assert_allclose(X[:, 0], [1.20444229, 3.57611415], atol=5e-9)
    np.testing.assert_allclose(X[:, 399], [0.73078083, 3.06832921], atol=5e-9)


def test_flower_is_the_course_data_point_for_point():
    X, Y = load_planar_dataset()
    X_course, Y_course = course_flower()
    np.testing.assert_array_equal(X, X_course)
    np.testing.assert_array_equal(Y, Y_course)
    assert Y.dtype == np.float64 and set(np.unique(Y)) == {0.0, 1.0}
    assert Y[0, :200].sum() == 0 and Y[0, 200:].sum() == 200


def test_flower_leaves_the_global_random_state_alone():
    np.random.seed(7)
    expected = np.random.rand()
    np.random.seed(7)
    load_planar_dataset()
    assert np.random.rand() == expected


def test_flower_parameters():
    X, Y = load_planar_dataset(m=100, a=2.0, seed=3)
    assert X.shape == (2, 100) and Y.shape == (1, 100)
    assert np.abs(X).max() < 2.0 + 1.0  # radius a plus the noise
    assert not np.array_equal(X[:, :50], load_planar_dataset()[0][:, :50])
    with pytest.raises(ValueError, match="m must be an even integer >= 2"):
        load_planar_dataset(m=401)


@pytest.mark.parametrize(
    "make", [make_circles, make_moons, lambda **kw: make_linearly_separable(n_x=2, **kw)]
)
def test_synthetic_sets_are_seeded_and_shaped(make):
    X, Y = make(m=120, seed=5)
    assert X.shape == (2, 120) and Y.shape == (1, 120)
    assert set(np.unique(Y)) == {0.0, 1.0}
    X2, Y2 = make(m=120, seed=5)
    assert np.array_equal(X, X2) and np.array_equal(Y, Y2)
    assert not np.array_equal(X, make(m=120, seed=6)[0])


def test_circles_radii():
    X, Y = make_circles(m=400, noise=0.0, factor=0.3, seed=0)
    radius = np.sqrt((X**2).sum(axis=0))
    np.testing.assert_allclose(radius[Y[0] == 0], 1.0)
    np.testing.assert_allclose(radius[Y[0] == 1], 0.3)


def test_moons_shapes_without_noise():
    X, Y = make_moons(m=200, noise=0.0, seed=0)
    upper, lower = X[:, Y[0] == 0], X[:, Y[0] == 1]
    np.testing.assert_allclose((upper**2).sum(axis=0), 1.0)
    np.testing.assert_allclose(((lower - [[1.0], [0.5]]) ** 2).sum(axis=0), 1.0)


def test_linearly_separable_set_has_a_gap_between_the_classes():
    X, Y = make_linearly_separable(m=500, n_x=4, margin=0.6, seed=1)
    assert X.shape == (4, 500)
    # the least-squares separating direction exists: recover it from the data
    rng = np.random.RandomState(1)
    w = rng.randn(4, 1)
    w /= np.linalg.norm(w)
    b = rng.randn() * 0.5
    distance = (w.T @ X + b)[0]
    assert distance[Y[0] == 1].min() >= 0.3 - 1e-12
    assert distance[Y[0] == 0].max() <= -0.3 + 1e-12
    with pytest.raises(ValueError, match="margin must be >= 0"):
        make_linearly_separable(margin=-1)


# --- the course's cat pictures: small files of the course's layout, written here ---------------


WHERE = (
    "The course provides train_catvnoncat.h5 and test_catvnoncat.h5 (the datasets/ folder of "
    "the week 2 and week 4 programming assignments); they are not shipped with autograd_nn. "
    "Put both files in one folder and pass that folder."
)


def course_layout(part: str, m: int, seed: int) -> dict[str, np.ndarray]:
    """What the course's {part}_catvnoncat.h5 holds, with m random pictures."""
    rng = np.random.RandomState(seed)
    return {
        f"{part}_set_x": rng.randint(0, 256, size=(m, 64, 64, 3)).astype(np.uint8),
        f"{part}_set_y": (np.arange(m) % 2).astype(np.int64),  # 0, 1, 0, 1, ...
        "list_classes": np.array([b"non-cat", b"cat"], dtype="S7"),
    }


def write_h5(path: Path, datasets: dict[str, np.ndarray]) -> None:
    h5py = pytest.importorskip("h5py")
    with h5py.File(path, "w") as f:
        for key, value in datasets.items():
            f.create_dataset(key, data=value)


@pytest.fixture
def cat_folder(tmp_path: Path) -> Path:
    """A folder with train_catvnoncat.h5 (m = 6) and test_catvnoncat.h5 (m = 3)."""
    write_h5(tmp_path / "train_catvnoncat.h5", course_layout("train", 6, seed=0))
    write_h5(tmp_path / "test_catvnoncat.h5", course_layout("test", 3, seed=1))
    return tmp_path


def test_the_cat_pictures_are_prepared_as_the_course_does(cat_folder: Path) -> None:
    data = load_catvnoncat(cat_folder)
    train, test, classes = data  # a NamedTuple: unpacks as well
    assert classes == ["non-cat", "cat"] and data.classes is classes
    assert train.X.shape == (12288, 6) and test.X.shape == (12288, 3)
    assert train.Y.shape == (1, 6) and test.Y.shape == (1, 3)
    assert train.X.dtype == np.float64 and train.Y.dtype == np.float64
    np.testing.assert_array_equal(train.Y, [[0, 1, 0, 1, 0, 1]])
    images = course_layout("train", 6, seed=0)["train_set_x"]
    np.testing.assert_array_equal(train.images, images)
    # each picture is a column, pixels in reading order (row, column, colour), scaled by 1/255:
    # entry k of picture i is pixel (k // 192, (k // 3) % 64, k % 3)
    for k, (row, col, colour) in [(0, (0, 0, 0)), (2, (0, 0, 2)), (3, (0, 1, 0)),
                                  (192, (1, 0, 0)), (12287, (63, 63, 2))]:  # fmt: skip
        for i in range(6):
            assert train.X[k, i] == images[i, row, col, colour] / 255
    # the course's own preparation gives the same numbers
    course = images.reshape(images.shape[0], -1).T / 255.0
    np.testing.assert_array_equal(train.X, course)
    assert 0.0 <= train.X.min() and train.X.max() <= 1.0


def test_a_missing_file_says_which_and_that_the_course_provides_it(tmp_path: Path) -> None:
    write_h5(tmp_path / "train_catvnoncat.h5", course_layout("train", 6, seed=0))
    with pytest.raises(DatasetNotFoundError, match=r"no test_catvnoncat\.h5 in ") as caught:
        load_catvnoncat(tmp_path)
    assert isinstance(caught.value, FileNotFoundError)
    assert "The course provides train_catvnoncat.h5 and test_catvnoncat.h5" in str(caught.value)
    assert "not shipped with autograd_nn" in str(caught.value)
    with pytest.raises(DatasetNotFoundError, match=r"h5 in .*elsewhere \(no such folder\)"):
        load_catvnoncat(tmp_path / "elsewhere")
    with pytest.raises(TypeError, match="folder must be a path"):
        load_catvnoncat(12)


def _renamed(part: str, old: str, new: str) -> dict[str, np.ndarray]:
    layout = course_layout(part, 6, seed=0)
    layout[new] = layout.pop(old)
    return layout


def _changed(part: str, key: str, value: np.ndarray) -> dict[str, np.ndarray]:
    return {**course_layout(part, 6, seed=0), key: value}


MALFORMED = [
    # (what the train file holds, words of the message)
    (_renamed("train", "train_set_x", "x"),
     r"has no train_set_x; .* \(this one: 'list_classes', 'train_set_y', 'x'\)"),
    (_changed("train", "train_set_x", np.zeros((6, 32, 32, 3), np.uint8)),
     r"train_set_x of shape \(6, 32, 32, 3\); expected \(m, 64, 64, 3\)"),
    (_changed("train", "train_set_x", np.zeros((6, 64, 64, 3))),
     r"train_set_x of type float64; expected uint8"),
    (_changed("train", "train_set_y", np.zeros((1, 6), np.int64)),
     r"train_set_y of shape \(1, 6\); expected \(6,\)"),
    (_changed("train", "train_set_y", np.zeros(5, np.int64)), r"expected \(6,\), one label per"),
    (_changed("train", "train_set_y", np.zeros(6)), r"float64; expected integer labels"),
    (_changed("train", "train_set_y", np.array([0, 1, 2, 1, 0, 7])),
     r"2 labels in train_set_y outside \{0, 1\} \(e.g. 2\)"),
    (_changed("train", "list_classes", np.array([b"a", b"b", b"c"])),
     r"list_classes of shape \(3,\); expected \(2,\)"),
    (_changed("train", "list_classes", np.array([0, 1])), r"expected byte strings"),
    (_changed("train", "list_classes", np.array([b"\xff\xfe", b"cat"])), r"not text"),
    (_changed("train", "list_classes", np.array([b"dog", b"cat"])),
     r"names the classes \['non-cat', 'cat'\], but train_catvnoncat.h5 names them \['dog'"),
]  # fmt: skip


@pytest.mark.parametrize(("train", "message"), MALFORMED)
def test_a_malformed_file_is_refused_by_name(tmp_path: Path, train, message) -> None:
    write_h5(tmp_path / "train_catvnoncat.h5", train)
    write_h5(tmp_path / "test_catvnoncat.h5", course_layout("test", 3, seed=1))
    with pytest.raises(DatasetError, match=message) as caught:
        load_catvnoncat(tmp_path)
    assert isinstance(caught.value, ValueError)
    assert "The course provides train_catvnoncat.h5" in str(caught.value)


def test_files_that_are_not_hdf5_groups_or_too_large_are_refused(cat_folder: Path) -> None:
    h5py = pytest.importorskip("h5py")
    (cat_folder / "test_catvnoncat.h5").write_text("not an HDF5 file")
    with pytest.raises(DatasetError, match=r"test_catvnoncat.h5 is not an HDF5 file"):
        load_catvnoncat(cat_folder)
    with h5py.File(cat_folder / "test_catvnoncat.h5", "w") as f:
        f.create_group("test_set_x")
        f["test_set_y"] = np.zeros(3, np.int64)
        f["list_classes"] = np.array([b"non-cat", b"cat"])
    with pytest.raises(DatasetError, match="has test_set_x as a group, not an array"):
        load_catvnoncat(cat_folder)
    m = MAX_CAT_EXAMPLES + 1  # declared, never written: the file stays small
    with h5py.File(cat_folder / "test_catvnoncat.h5", "w") as f:
        f.create_dataset("test_set_x", shape=(m, 64, 64, 3), dtype=np.uint8, chunks=True)
        f.create_dataset("test_set_y", shape=(m,), dtype=np.int64, chunks=True)
        f["list_classes"] = np.array([b"non-cat", b"cat"])
    assert (cat_folder / "test_catvnoncat.h5").stat().st_size < 100_000
    with pytest.raises(DatasetError, match=f"has {m} pictures in test_set_x, more than the 2000"):
        load_catvnoncat(cat_folder)


def test_without_h5py_the_message_names_the_extra(cat_folder: Path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "h5py", None)  # import h5py now fails
    with pytest.raises(ModuleNotFoundError, match=r'pip install "autograd-nn\[cat\]"'):
        load_catvnoncat(cat_folder)


# --- cat files from strangers: links, pipes, devices, damage ------------------------------------


def _train_with(folder: Path, make_x) -> Path:
    """train_catvnoncat.h5 with train_set_x made by ``make_x(file)``; a plain test file."""
    h5py = pytest.importorskip("h5py")
    write_h5(folder / "test_catvnoncat.h5", course_layout("test", 3, seed=1))
    layout = course_layout("train", 6, seed=0)
    with h5py.File(folder / "train_catvnoncat.h5", "w") as f:
        f["train_set_y"] = layout["train_set_y"]
        f["list_classes"] = layout["list_classes"]
        make_x(f, layout["train_set_x"])
    return folder


def _external_link(target):
    h5py = pytest.importorskip("h5py")
    return lambda f, x: f.__setitem__("train_set_x", h5py.ExternalLink(str(target), "/x"))


def _external_storage(target):
    h5py = pytest.importorskip("h5py")

    def make(f, x):
        f.create_dataset(
            "train_set_x",
            shape=x.shape,
            dtype=x.dtype,
            external=[(str(target), 0, h5py.h5f.UNLIMITED)],
        )

    return make


def _virtual(target):
    h5py = pytest.importorskip("h5py")

    def make(f, x):
        layout = h5py.VirtualLayout(shape=x.shape, dtype=x.dtype)
        layout[:] = h5py.VirtualSource(str(target), "x", shape=x.shape)
        f.create_virtual_dataset("train_set_x", layout)

    return make


def _load_in_a_child(folder: Path) -> str:
    """``Kind: message`` of load_catvnoncat(folder) in a child Python with a time limit."""
    return raised(
        f"load_catvnoncat({str(folder)!r})", "from autograd_nn.datasets import load_catvnoncat"
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_external_link, r"has train_set_x as an external link \(to '/x' in '.*pipe'\); links to"),
        (_external_storage, r"has train_set_x stored in external files; they are not read"),
        (_virtual, r"has train_set_x as a virtual dataset \(its data lives in other files\)"),
    ],
)
def test_links_to_a_pipe_are_refused_without_hanging(tmp_path: Path, make, message) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    folder = _train_with(tmp_path, make(pipe))
    result = _load_in_a_child(folder)
    assert result.startswith("DatasetError: load_catvnoncat: ")
    assert re.search(message, result), result
    assert "train_catvnoncat.h5" in result


def test_external_storage_on_a_system_file_is_not_loaded_as_pixels(tmp_path: Path) -> None:
    _train_with(tmp_path, _external_storage("/etc/passwd"))
    with pytest.raises(
        DatasetError, match=r"train_catvnoncat.h5 has train_set_x stored in external"
    ):
        load_catvnoncat(tmp_path)


def test_soft_links_and_a_loop_of_them_are_refused(tmp_path: Path) -> None:
    h5py = pytest.importorskip("h5py")

    def loop(f, x):
        f["a"], f["b"] = h5py.SoftLink("/b"), h5py.SoftLink("/a")
        f["train_set_x"] = h5py.SoftLink("/a")

    _train_with(tmp_path, loop)
    with pytest.raises(
        DatasetError, match=r"has train_set_x as a soft link \(to '/a'\); links are"
    ):
        load_catvnoncat(tmp_path)

    def harmless(f, x):  # even a soft link to data inside the file: the course's files have none
        f["pixels"] = x
        f["train_set_x"] = h5py.SoftLink("/pixels")

    _train_with(tmp_path, harmless)
    with pytest.raises(DatasetError, match="as a soft link"):
        load_catvnoncat(tmp_path)


def test_a_missing_external_link_is_named_not_a_raw_key_error(tmp_path: Path) -> None:
    _train_with(tmp_path, _external_link(tmp_path / "nowhere.h5"))
    with pytest.raises(DatasetError, match=r"train_catvnoncat.h5 has train_set_x as an external"):
        load_catvnoncat(tmp_path)


def test_corrupt_compressed_chunks_are_named(tmp_path: Path) -> None:
    where = {}

    def compressed(f, x):
        data = f.create_dataset("train_set_x", data=x, compression="gzip", chunks=(1, 64, 64, 3))
        where["chunk"] = data.id.get_chunk_info(1)

    _train_with(tmp_path, compressed)
    assert load_catvnoncat(tmp_path).train.X.shape == (12288, 6)  # intact, it loads
    with open(tmp_path / "train_catvnoncat.h5", "r+b") as file:
        file.seek(where["chunk"].byte_offset + 10)
        file.write(b"\xff" * 40)  # the deflate stream of picture 1 is broken
    with pytest.raises(DatasetError) as caught:
        load_catvnoncat(tmp_path)
    message = str(caught.value)
    assert "train_catvnoncat.h5 cannot be read: it is damaged (OSError: " in message


def test_a_pipe_in_place_of_the_file_is_refused_without_hanging(tmp_path: Path) -> None:
    write_h5(tmp_path / "test_catvnoncat.h5", course_layout("test", 3, seed=1))
    os.mkfifo(tmp_path / "train_catvnoncat.h5")
    assert _load_in_a_child(tmp_path) == (
        f"DatasetError: load_catvnoncat: {tmp_path / 'train_catvnoncat.h5'} is a named pipe "
        f"(FIFO), not a regular file. {WHERE}"
    )
    (tmp_path / "train_catvnoncat.h5").unlink()
    os.mkfifo(tmp_path / "pipe")
    os.symlink(tmp_path / "pipe", tmp_path / "train_catvnoncat.h5")  # a link to a pipe
    assert "is a named pipe (FIFO), not a regular file" in _load_in_a_child(tmp_path)


def test_devices_and_unreadable_files_are_named_never_no_such_file(tmp_path: Path) -> None:
    write_h5(tmp_path / "test_catvnoncat.h5", course_layout("test", 3, seed=1))
    train = tmp_path / "train_catvnoncat.h5"
    for target, words in [
        ("/dev/zero", "is a character device, not a regular file"),
        ("/proc/self/mem", "cannot be read (Input/output error)"),  # "regular", size 0, EIO
    ]:
        os.symlink(target, train)
        with pytest.raises(DatasetError) as caught:
            load_catvnoncat(tmp_path)
        assert not isinstance(caught.value, DatasetNotFoundError), target
        assert f"{train} {words}" in str(caught.value), target
        train.unlink()
    train.mkdir()
    with pytest.raises(DatasetError, match=r"train_catvnoncat.h5 is a folder, not a regular file"):
        load_catvnoncat(tmp_path)
    train.rmdir()
    os.symlink(tmp_path / "gone.h5", train)
    with pytest.raises(DatasetNotFoundError, match=r"only a symbolic link to '.*gone.h5', which"):
        load_catvnoncat(tmp_path)


def test_standard_input_is_refused_by_name(tmp_path: Path) -> None:
    write_h5(tmp_path / "test_catvnoncat.h5", course_layout("test", 3, seed=1))
    os.symlink("/dev/stdin", tmp_path / "train_catvnoncat.h5")
    result = outcome(  # the child's standard input is a pipe nobody writes to
        f"""
        from autograd_nn.datasets import load_catvnoncat
        try:
            load_catvnoncat({str(tmp_path)!r})
        except Exception as error:
            print(type(error).__name__, error)
        """,
        stdin=subprocess.PIPE,
    )
    assert result.startswith("DatasetError load_catvnoncat: ")
    assert "train_catvnoncat.h5 is a named pipe (FIFO), not a regular file" in result
