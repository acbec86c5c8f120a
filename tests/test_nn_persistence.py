"""Tests for autograd_nn.nn.persistence: .npz save/load without pickle, refusing bad files."""

import zipfile

import numpy as np
import pytest

from autograd_nn.nn import Model, ParameterFileError, load_parameters, save_parameters


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
