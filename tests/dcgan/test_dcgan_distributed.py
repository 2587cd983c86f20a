"""The trainer under tf.distribute.MirroredStrategy over two logical CPU devices.

TensorFlow can configure logical devices only once per process, before it initialises, so the
distributed run happens in a fresh Python subprocess; the rest of the test session is untouched.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = r"""
import json
import numpy as np
from datagen_lab.tf_runtime import import_tensorflow

tf = import_tensorflow()
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)

from datagen_lab.dcgan import model as dcgan
from datagen_lab.dcgan.task import make_dcgan_trainer

# Dropout 0: dropout masks are drawn per replica, so with dropout the two runs would differ by
# design. Batch norm is synchronized across replicas, so it sees the same global batch.
config = dcgan.DCGANConfig(
    name="tiny", noise_dim=16, generator_widths=(16, 8, 4), discriminator_widths=(4, 8),
    kernel_size=3, dropout=0.0, batch_size=16, learning_rate=1e-3, beta_1=0.5, ema=0.9,
)
images = np.random.default_rng(0).integers(0, 256, (64, 28, 28), dtype=np.uint8)
single = make_dcgan_trainer(images, config, seed=0)
single.fit(steps=4, progress=False)
strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
multi = make_dcgan_trainer(images, config, seed=0, strategy=strategy)
multi.fit(steps=4, progress=False)
with_dropout = make_dcgan_trainer(images, config.replace(dropout=0.3), seed=0, strategy=strategy)
with_dropout.fit(steps=2, progress=False)
names = ("d_loss", "g_loss", "d_real", "d_fake")
weights = lambda t: np.concatenate([w.ravel() for m in (t.task.generator, t.task.average) for w in m.get_weights()])
print("RESULT" + json.dumps({
    "replicas": strategy.num_replicas_in_sync,
    "single": {n: single.metric(n)[1].tolist() for n in names},
    "multi": {n: multi.metric(n)[1].tolist() for n in names},
    "weights_gap": float(np.abs(weights(single) - weights(multi)).max()),
    "weights_moved": float(np.abs(weights(single) - weights(make_dcgan_trainer(images, config, seed=0))).max()),
    "dropout_losses": with_dropout.metric("d_loss")[1].tolist(),
}))
"""


@pytest.fixture(scope="module")
def result():
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", CUDA_VISIBLE_DEVICES="")
    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    lines = [line for line in completed.stdout.splitlines() if line.startswith("RESULT")]
    assert completed.returncode == 0 and lines, (
        f"subprocess failed:\n{completed.stdout}\n{completed.stderr[-3000:]}"
    )
    return json.loads(lines[-1][len("RESULT") :])


def test_two_replicas_were_used(result):
    assert result["replicas"] == 2


def test_losses_match_a_single_device_run(result):
    for name, single in result["single"].items():
        multi = result["multi"][name]
        assert len(single) == len(multi) == 4
        for a, b in zip(single, multi, strict=True):
            assert a == pytest.approx(b, rel=1e-4, abs=1e-5), f"{name}: {single} vs {multi}"


def test_weights_match_after_training(result):
    assert result["weights_moved"] > 1e-4  # training changed the weights ...
    assert result["weights_gap"] < 1e-4  # ... identically on one device and on two


def test_dropout_runs_distributed(result):
    assert len(result["dropout_losses"]) == 2
    assert all(0 < loss < 10 for loss in result["dropout_losses"])
