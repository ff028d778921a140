"""TensorBoard's own reader on spark-nn's event files.

The golden event file is written byte for byte by the Java test EventRecordsTest (transformers module);
here TensorBoard's EventAccumulator must read the same scalar series and the config text, and
must reject a record whose checksum no longer matches. Needs only `tensorboard` and `pytest`
(no spark-nn Python package): pip install tensorboard pytest.
"""

import pathlib
import shutil

import pytest
from tensorboard.backend.event_processing import event_accumulator

GOLDEN = (
    pathlib.Path(__file__).resolve().parents[2]
    / "transformers/src/test/resources/tensorboard/events.out.tfevents.1700000000.golden"
)


def load(path):
    acc = event_accumulator.EventAccumulator(
        str(path), size_guidance={event_accumulator.SCALARS: 0, event_accumulator.TENSORS: 0}
    )
    acc.Reload()
    return acc


def series(acc, tag):
    return [(e.step, e.value, e.wall_time) for e in acc.Scalars(tag)]


def test_scalars_and_steps_are_the_runs_history():
    acc = load(GOLDEN)
    assert set(acc.Tags()["scalars"]) == {"epoch/loss", "epoch/accuracy", "epoch/learning_rate", "step/loss"}
    assert series(acc, "epoch/loss") == [
        (1, 0.75, 1700000010.0),
        (2, 0.5, 1700000020.0),
        (3, 0.375, 1700000030.0),
    ]
    assert [(s, v) for s, v, _ in series(acc, "epoch/accuracy")] == [(1, 0.625), (2, 0.75), (3, 0.8125)]
    assert [s for s, _, _ in series(acc, "step/loss")] == [50, 150, 250]
    assert [v for _, v, _ in series(acc, "step/loss")] == [0.875, 0.625, 0.5]
    lr = [v for _, v, _ in series(acc, "epoch/learning_rate")]
    assert lr == pytest.approx([0.001] * 3, rel=1e-6)


def test_the_config_is_a_text_summary():
    acc = load(GOLDEN)
    assert "config" in acc.Tags()["tensors"]
    (event,) = acc.Tensors("config")
    text = event.tensor_proto.string_val[0].decode("utf-8")
    assert "name: golden" in text and "maxEpochs: 3" in text
    assert acc.SummaryMetadata("config").plugin_data.plugin_name == "text"


def test_a_corrupted_record_is_rejected(tmp_path):
    broken = tmp_path / GOLDEN.name
    shutil.copy(GOLDEN, broken)
    data = bytearray(broken.read_bytes())
    # Flip one byte inside the last record's data (the footer CRC is the last 4 bytes).
    data[-8] ^= 0xFF
    broken.write_bytes(bytes(data))
    acc = load(broken)
    # The last record is the epoch-3 learning rate: TensorBoard drops it on the bad checksum
    # and keeps everything before it.
    assert [s for s, _, _ in series(acc, "epoch/learning_rate")] == [1, 2]
    assert [s for s, _, _ in series(acc, "epoch/loss")] == [1, 2, 3]
