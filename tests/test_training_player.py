"""viz.training_player: the page's data against the History it replays, sizes, errors, live."""

from __future__ import annotations

import base64
import importlib
import json
import zlib

import numpy as np
import pytest

from autograd_nn import viz
from autograd_nn.datasets import load_planar_dataset
from autograd_nn.errors import ShapeError
from autograd_nn.nn import Model, train

# the module (viz.training_player is the function of the same name)
tp = importlib.import_module("autograd_nn.viz.training_player")


def unpack(text: str) -> bytes:
    return zlib.decompress(base64.b64decode(text))


def flower(num_iterations=500, record_every=100, **options):
    X, Y = load_planar_dataset()
    model = Model.from_layer_dims([2, 4, 1], hidden_activation="tanh", seed=2)
    history = train(model, X, Y, num_iterations, 1.2, record_every=record_every, **options)
    return model, history, X, Y


@pytest.fixture(scope="module")
def run():
    return flower()


def test_the_page_data_is_the_history(run):
    _, history, X, Y = run
    data = viz.training_player(history, X, Y, backward="none").data()
    assert data["iterations"] == history.iterations == [0, 100, 200, 300, 400, 500]
    assert data["costs"] == history.costs  # full precision: the page prints 6 digits
    assert data["accuracies"] == history.accuracies
    grid = data["grid"]
    assert (grid["rows"], grid["cols"], grid["classes"]) == (100, 100, 1)
    deltas = np.frombuffer(unpack(grid["outputs"]), np.uint8).reshape(6, 100, 100)
    outputs = np.cumsum(deltas.astype(np.int64), axis=0) % 256  # what the script adds up
    for snapshot, output in zip(history.snapshots, outputs, strict=True):
        np.testing.assert_array_equal(output, snapshot.output)
    detail = json.loads(unpack(data["detail"]))
    assert detail["backward"] == {}
    for snapshot, matrices in zip(history.snapshots, detail["matrices"], strict=True):
        for name, value in [*snapshot.parameters.items(), *snapshot.gradients.items()]:
            shown = matrices[name]
            assert shown["shape"] == list(value.shape)
            np.testing.assert_allclose(shown["values"], value, rtol=1e-5, atol=1e-300)


def test_colour_scales_w_over_the_replay_dw_per_snapshot(run):
    _, history, X, Y = run
    data = viz.training_player(history, X, Y, backward="none", small=1).data()
    detail = json.loads(unpack(data["detail"]))
    W1_scale = max(np.abs(s.parameters["W1"]).max() for s in history.snapshots)
    for snapshot, matrices in zip(history.snapshots, detail["matrices"], strict=True):
        W1, dW1 = matrices["W1"], matrices["dW1"]
        assert W1["scale"] == pytest.approx(W1_scale, rel=1e-3)
        dW1_scale = np.abs(snapshot.gradients["dW1"]).max()
        assert dW1["scale"] == pytest.approx(dW1_scale, rel=1e-3)
        assert W1["block"] == [1, 1] and (W1["rows"], W1["cols"]) == (4, 2)
        expected = np.rint(127 + 127 * snapshot.gradients["dW1"] / dW1["scale"]).ravel()
        assert np.max(np.abs(np.array(dW1["codes"]) - expected)) <= 1  # scale kept to 4 digits


def test_block_means_by_hand():
    means, block = tp.block_means(np.arange(15.0).reshape(3, 5), 2, 2)
    assert block == [2, 3]  # ceil(3 / 2) rows and ceil(5 / 2) columns a block
    # rows 0-1 x cols 0-2: 0 1 2 5 6 7; rows 0-1 x cols 3-4: 3 4 8 9; row 2: 10 11 12 | 13 14
    np.testing.assert_array_equal(means, [[3.5, 6.0], [11.0, 13.5]])


def test_a_cat_shaped_network_shows_colour_grids_and_no_boundary():
    rng = np.random.RandomState(0)
    X = rng.rand(12288, 12)
    Y = (np.arange(12) % 2 == 0).astype(float).reshape(1, 12)
    model = Model.from_layer_dims([12288, 20, 7, 5, 1], seed=1, initialization="scaled")
    history = train(model, X, Y, 20, 0.01, record_every=10)
    assert history.grid is None and history.nbytes == 3 * 16 * 245_973  # W, b, dW, db
    player = viz.training_player(history, X, Y, backward="none")
    data = player.data()
    assert "grid" not in data
    W1 = json.loads(unpack(data["detail"]))["matrices"][0]["W1"]
    assert (W1["rows"], W1["cols"], W1["block"]) == (20, 128, [1, 96])
    means = history.snapshots[0].parameters["W1"].reshape(20, 128, 96).mean(axis=2)
    assert W1["scale"] == pytest.approx(
        max(np.abs(s.parameters["W1"].reshape(20, 128, 96).mean(axis=2)).max()
            for s in history.snapshots), rel=1e-3)  # fmt: skip
    expected = np.rint(127 + 127 * means / W1["scale"]).ravel()
    assert np.max(np.abs(np.array(W1["codes"]) - expected)) <= 1
    assert "drawn for two input features; X has n[0] = 12288" in player.html()
    assert player.nbytes < 200_000  # 3 snapshots: the colour grids, compressed


def test_the_flower_replay_fits_in_2_mb():
    """The issue's figure: 10,000 iterations recorded every 100, with both backward passes."""
    pytest.importorskip("graphviz")
    _, history, X, Y = flower(10000)
    assert len(history.snapshots) == 101 and history.accuracies[-1] == 0.9075
    player = viz.training_player(history, X, Y)
    assert player.nbytes <= 2 * 2**20
    detail = json.loads(unpack(player.data()["detail"]))
    if detail["backward"]:  # Graphviz's dot lays the frames out
        assert set(detail["backward"]) == {"0", "10000"}


def test_save_and_repr(run, tmp_path):
    _, history, X, Y = run
    player = viz.training_player(history, X, Y, backward="none")
    path = player.save(tmp_path / "t.html")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and 'class="agnn-page agnn-training"' in text
    assert "://" not in text.replace("http://www.w3.org/2000/svg", "")  # SVG's namespace only
    assert player._repr_html_().startswith('<div class="agnn-page agnn-training"')
    assert repr(player) == "<TrainingPlayer: 6 snapshots of [2, 4, 1], iterations 0 to 500>"
    with pytest.raises(ValueError, match=r"ending in \.html"):
        player.save(tmp_path / "t.png")


def test_bad_arguments_are_named(run):
    _, history, X, Y = run
    with pytest.raises(TypeError, match="history must be what train"):
        viz.training_player([0.7, 0.6], X, Y)
    _, empty, _, _ = flower(20, snapshots=False)
    with pytest.raises(ValueError, match="no snapshots to replay"):
        viz.training_player(empty, X, Y)
    with pytest.raises(ShapeError, match=r"X \(400, 2\) must be \(n\[0\], m\) = \(2, m\)"):
        viz.training_player(history, X.T, Y)
    with pytest.raises(ShapeError, match=r"Y \(1, 399\) must be \(n\[L\], m\) = \(1, 400\)"):
        viz.training_player(history, X, Y[:, 1:])
    with pytest.raises(ValueError, match="backward must be 'ends' or 'none'"):
        viz.training_player(history, X, Y, backward="all")
    with pytest.raises(ValueError, match=r"interval must be 0\.02 to 60 seconds"):
        viz.training_player(history, X, Y, interval=0)
    with pytest.raises(ValueError, match="small must be an int or"):
        viz.training_player(history, X, Y, small=(0, 2))


class FakeHandle:
    def __init__(self, shown):
        self.shown = shown

    def update(self, obj):
        self.shown.append(obj)


def test_live_updates_at_every_recorded_iteration_then_leaves_the_replay(monkeypatch):
    shown = []

    def display(obj, display_id):
        assert display_id is True
        shown.append(obj)
        return FakeHandle(shown)

    monkeypatch.setattr(tp, "live_view", lambda history, X, Y: tp.LiveView(history, X, Y, display))
    _, history, _, _ = flower(300, live=True)
    assert len(shown) == len(history.snapshots) + 1  # one per recorded iteration, then the end
    for k, page in enumerate(shown[:-1]):
        assert len(page) == k + 1 and page.start == "last" and page.backward == "none"
        assert "training... iteration" in page.note
    final = shown[-1]
    assert len(final) == 4 and final.start == "first" and final.backward == "ends"
    assert final.note == ""


def test_a_long_history_is_shown_at_evenly_spaced_snapshots_and_says_so():
    _, history, X, Y = flower(60, record_every=1)  # 61 snapshots
    player = viz.training_player(history, X, Y, backward="none", most=11)
    data = player.data()
    assert data["iterations"] == list(range(0, 61, 6)) and len(player) == 11
    assert data["costs"] == history.costs[::6]
    assert "showing 11 of the 61 snapshots, evenly spaced" in player.html()
    curve = player.page().body.split('<polyline points="')[1].split('"')[0]
    assert len(curve.split()) == 61  # the cost curve keeps every recorded cost
    assert len(viz.training_player(history, X, Y, backward="none")) == 61  # under 501: all
    with pytest.raises(ValueError, match="most must be an int >= 2"):
        viz.training_player(history, X, Y, most=1)
