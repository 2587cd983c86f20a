"""DP-SGD's cost: a DP-SGD step against a normal step, and the accountant's time for a full run.

Both steps run on the same model (lesson 8's small CNN) and the same batch, compiled, timed by
CPU time of this process over ``--repeats`` steps after a warm-up, in one run; the result is
their ratio (goal: at most 3x on CPU). A DP-SGD step computes one gradient per example
(``tf.vectorized_map``), clips each and adds noise; a normal step computes one batch gradient.
The accountant (``dp-accounting``'s RDP accountant) is timed for the epsilon of a whole run of
``--steps`` steps (goal: well under a second).

    .venv/bin/python bench/dp_sgd_speed.py                 # batch 64, one CPU thread
    .venv/bin/python bench/dp_sgd_speed.py --batch 128 --threads 2
"""

from __future__ import annotations

import argparse
import os
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=40)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--steps", type=int, default=300, help="steps of the accounted run")
    args = parser.parse_args()
    os.environ.setdefault("TF_NUM_INTRAOP_THREADS", str(args.threads))
    os.environ.setdefault("TF_NUM_INTEROP_THREADS", "1")

    import numpy as np

    from datagen_lab.privacy.accounting import dp_sgd_epsilon
    from datagen_lab.privacy.dp_sgd import DPSGDStep, build_model

    rng = np.random.default_rng(0)
    images = rng.random((args.batch, 28, 28, 1), dtype=np.float32)
    labels = rng.integers(0, 10, args.batch).astype(np.int32)
    weights = np.ones(args.batch, np.float32)
    step = DPSGDStep(build_model(0), 1.0, 1.0, float(args.batch), 0.1)

    def timed(call) -> float:
        call(0)  # compile
        call(1)
        start = time.process_time()
        for index in range(args.repeats):
            call(index + 2)
        return (time.process_time() - start) / args.repeats

    normal = timed(lambda i: step.normal(images, labels))
    private = timed(lambda i: step(images, labels, weights, (0, i)))
    dp_sgd_epsilon(1.0, 0.128, 10, 1e-5)  # load the library before timing
    start = time.process_time()
    epsilon = dp_sgd_epsilon(1.0, 0.128, args.steps, 1e-5)
    accountant = time.process_time() - start
    print(
        f"batch {args.batch}, {args.threads} thread(s), CPU time per step over {args.repeats} steps"
    )
    print(f"normal step   {normal * 1e3:8.1f} ms")
    print(f"DP-SGD step   {private * 1e3:8.1f} ms")
    print(f"ratio         {private / normal:8.2f}x  (goal: at most 3x)")
    print(
        f"accountant    {accountant * 1e3:8.1f} ms for the epsilon of {args.steps} steps "
        f"(= {epsilon:.2f} at q 0.128, sigma 1, delta 1e-5; goal: well under a second)"
    )


if __name__ == "__main__":
    main()
