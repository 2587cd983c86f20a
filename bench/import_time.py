"""How long `import datagen_lab` takes, against `import numpy` measured in the same run.

Run: .venv/bin/python bench/import_time.py   (goal: datagen_lab under 0.3 s, no TensorFlow)
"""

import statistics
import subprocess
import sys


def import_seconds(module: str, repeats: int = 7) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    runs = [
        float(subprocess.check_output([sys.executable, "-c", code], text=True))
        for _ in range(repeats)
    ]
    return statistics.median(runs)


if __name__ == "__main__":
    numpy_s = import_seconds("numpy")
    package_s = import_seconds("datagen_lab")
    print(f"import numpy        {numpy_s:.3f} s (baseline)")
    print(
        f"import datagen_lab  {package_s:.3f} s  = {package_s / numpy_s:.2f}x numpy  (goal: < 0.3 s)"
    )
