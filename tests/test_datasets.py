"""Tests for autograd_nn.datasets: the course's flower, point for point, and synthetic sets."""

import sys
from pathlib import Path

import numpy as np
import pytest

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
