"""Binder resource budget: memory and time of each notebook's normal (not fast) run.

mybinder.org gives a session about 2 GB of memory and little CPU; a kernel over the memory limit is
killed and the learner loses the lesson's state. This runs each notebook top to bottom in a fresh
kernel, once per CPU-thread setting, and prints per notebook:

- peak resident memory of the kernel's process tree (sampled every ``--interval`` s, TensorFlow
  included) and the kernel's own high-water mark (``VmHWM``, exact);
- wall time with 1 and 2 CPU threads: the kernel is pinned to that many CPUs (like ``taskset``)
  and OMP/BLAS/TensorFlow/numba thread pools are sized to match;
- the kernel's CPU time in the 1-thread run: on a machine busy with other work the wall time
  overstates, and the CPU time is a lower bound of the wall time on an idle CPU.

Budget (CONTRIBUTING.md): peak under 1.5 GB and a 1-thread normal run within 10 minutes. Ratios
against the budget, and the 2-thread speed-up against the 1-thread run measured in the same
invocation, are printed; ``--check`` exits 1 when a notebook is over budget. A first row runs an
almost empty notebook as the baseline (kernel + ``import datagen_lab``).

A full run takes long (every notebook, twice): select notebooks and thread counts, e.g.

    .venv/bin/python bench/notebook_budget.py 00 03 --threads 1
    .venv/bin/python bench/notebook_budget.py --threads 1 2 --markdown   # the README table
    .venv/bin/python bench/notebook_budget.py 02 --fast --threads 1      # smoke test, fast mode

Timings on a CPU shared with other work are noisy: run it on an otherwise idle machine.
Outputs are not written back to the notebooks (``python3 course.py execute`` does that).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
BUDGET_FILE = ROOT / "bench" / "budget.json"  # the one source of run times (tools/sync_budget.py)
MEMORY_BUDGET_MB = 1536
TIME_BUDGET_MIN = 10.0
THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "NUMEXPR_NUM_THREADS",
    "NUMBA_NUM_THREADS",
    "TF_NUM_INTRAOP_THREADS",
)
BASELINE = "(baseline: empty kernel + import datagen_lab)"


@dataclass
class Run:
    """One notebook executed once with a given number of CPU threads."""

    notebook: str
    threads: int
    seconds: float
    peak_mb: float  # sampled peak RSS of the kernel's process tree
    hwm_mb: float  # largest VmHWM (kernel-reported peak RSS) of a process in that tree
    cpu_seconds: float  # user + system CPU time of that tree: about the wall time on an idle CPU
    status: str
    # The cells that raised the peak most: (cell index, MB added to the peak, first source line).
    peak_cells: list[tuple[int, float, str]] = field(default_factory=list)

    @property
    def peak(self) -> float:
        return max(self.peak_mb, self.hwm_mb)


class MemorySampler(threading.Thread):
    """Samples the summed RSS of this process's children (the kernel and anything it starts)."""

    def __init__(self, interval: float):
        super().__init__(daemon=True)
        self.interval = interval
        self.peak_bytes = 0
        self.hwm_bytes: dict[int, int] = {}
        self.cpu_seconds: dict[int, float] = {}
        self._stop_event = threading.Event()

    def run(self) -> None:
        me = psutil.Process()
        while not self._stop_event.is_set():
            self.sample(me)
            self._stop_event.wait(self.interval)

    def sample(self, me: psutil.Process) -> None:
        total = 0
        for child in me.children(recursive=True):
            with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                total += child.memory_info().rss
                cpu = child.cpu_times()
                self.cpu_seconds[child.pid] = cpu.user + cpu.system
                hwm = _vm_hwm(child.pid)
                if hwm:
                    self.hwm_bytes[child.pid] = max(self.hwm_bytes.get(child.pid, 0), hwm)
        self.peak_bytes = max(self.peak_bytes, total)

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=5)


def _vm_hwm(pid: int) -> int:
    """Linux: a process's peak resident set (VmHWM) in bytes; 0 where unavailable."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def kernel_env(threads: int, fast: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATAGEN_LAB_FAST"}
    env.update({name: str(threads) for name in THREAD_VARIABLES})
    env.update(TF_NUM_INTEROP_THREADS="1", PYTHONHASHSEED="0", TF_CPP_MIN_LOG_LEVEL="2")
    if fast:
        env["DATAGEN_LAB_FAST"] = "1"
    return env


@contextlib.contextmanager
def pinned_to(threads: int):
    """Pin this process (and so the kernels it starts) to ``threads`` CPUs, like taskset."""
    if not hasattr(os, "sched_setaffinity"):
        yield
        return
    original = os.sched_getaffinity(0)
    os.sched_setaffinity(0, sorted(original)[:threads])
    try:
        yield
    finally:
        os.sched_setaffinity(0, original)


def execute(nb, name: str, threads: int, fast: bool, timeout: int, interval: float) -> Run:
    """Run ``nb`` in a fresh kernel with ``threads`` CPUs; measure wall time and peak memory."""
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    sampler = MemorySampler(interval)
    rises: list[tuple[int, float, str]] = []
    peak_before = [0.0]

    def after_cell(cell, cell_index, **_) -> None:
        # Sample once more so a short allocation at the end of the cell is counted in this cell.
        sampler.sample(psutil.Process())
        peak = max(sampler.peak_bytes, max(sampler.hwm_bytes.values(), default=0)) / 2**20
        if cell.source.strip():
            rises.append((cell_index, peak - peak_before[0], cell.source.strip().splitlines()[0]))
        peak_before[0] = peak

    client.on_cell_executed = after_cell
    status = "ok"
    # The kernel's stderr goes to a file, shown only when something fails.
    with pinned_to(threads), tempfile.TemporaryFile() as stderr:
        sampler.start()
        started = time.perf_counter()
        try:
            client.execute(env=kernel_env(threads, fast), cwd=str(NOTEBOOKS), stderr=stderr)
        except CellExecutionError as error:
            status = f"error: {error.ename}: {str(error.evalue)[:60]}"
        except CellTimeoutError:
            status = f"timeout after {timeout} s in one cell"
        except DeadKernelError:
            status = "kernel died (memory?)"
        seconds = time.perf_counter() - started
        sampler.stop()
        if status != "ok":
            stderr.seek(0)
            print(stderr.read().decode(errors="replace")[-3000:], file=sys.stderr)
    return Run(
        notebook=name,
        threads=threads,
        seconds=seconds,
        peak_mb=sampler.peak_bytes / 2**20,
        hwm_mb=max(sampler.hwm_bytes.values(), default=0) / 2**20,
        cpu_seconds=sum(sampler.cpu_seconds.values()),
        status=status,
        peak_cells=sorted(rises, key=lambda rise: -rise[1])[:3],
    )


def select_notebooks(patterns: list[str]) -> list[Path]:
    """Notebooks matching the patterns (a path, a file name or a prefix like ``03``); default all."""
    available = sorted(NOTEBOOKS.glob("*.ipynb"))
    if not patterns:
        return available
    chosen = []
    for pattern in patterns:
        path = Path(pattern)
        matches = [path.resolve()] if path.is_file() else []
        matches = matches or [nb for nb in available if nb.name.startswith(pattern)]
        if not matches:
            names = ", ".join(nb.name for nb in available)
            raise SystemExit(f"No notebook matches {pattern!r}; there are: {names}")
        chosen += [nb for nb in matches if nb not in chosen]
    return chosen


def baseline_notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import datagen_lab")]
    return nb


def print_table(runs: list[Run], thread_counts: list[int]) -> None:
    names = list(dict.fromkeys(run.notebook for run in runs))
    by_key = {(run.notebook, run.threads): run for run in runs}
    columns = [f"min@{t}" for t in thread_counts]
    if 1 in thread_counts and len(thread_counts) > 1:
        columns.append(f"speed-up@{max(thread_counts)}")
    columns += ["CPU min@1", "peak MB", "of 1.5 GB", "of 10 min", "status"]
    width = max(len(name) for name in names) + 2
    print("\n" + "notebook".ljust(width) + "".join(c.rjust(13) for c in columns))
    for name in names:
        row = [by_key.get((name, t)) for t in thread_counts]
        done = [run for run in row if run]
        cells = [f"{run.seconds / 60:.2f}" if run else "-" for run in row]
        one, most = by_key.get((name, 1)), by_key.get((name, max(thread_counts)))
        if 1 in thread_counts and len(thread_counts) > 1:
            cells.append(f"{one.seconds / most.seconds:.2f}x" if one and most else "-")
        cells.append(f"{one.cpu_seconds / 60:.2f}" if one else "-")
        peak = max(run.peak for run in done)
        cells.append(f"{peak:.0f}")
        cells.append(f"{peak / MEMORY_BUDGET_MB:.0%}")
        cells.append(f"{one.seconds / 60 / TIME_BUDGET_MIN:.0%}" if one else "-")
        statuses = sorted({run.status for run in done})
        cells.append(statuses[0] if len(statuses) == 1 else "; ".join(statuses))
        print(name.ljust(width) + "".join(c.rjust(13) for c in cells[:-1]) + "  " + cells[-1])
    busy = [r.notebook for r in runs if r.threads == 1 and r.cpu_seconds < 0.7 * r.seconds > 30]
    if busy:
        print(
            "\nThe kernel got well under one CPU during the 1-thread runs of "
            f"{', '.join(busy)}: the machine was busy, so their wall times overstate; "
            "'CPU min@1' (the kernel's CPU time) is a lower bound of the wall time on an idle CPU."
        )
    print(
        f"\nBudget: peak < {MEMORY_BUDGET_MB} MB (Binder has ~2 GB), normal run < "
        f"{TIME_BUDGET_MIN:.0f} min on 1 thread. Peak = max(sampled tree RSS, kernel VmHWM)."
    )


def print_markdown(runs: list[Run]) -> None:
    print("\n| notebook | minutes, 1 CPU | minutes, 2 CPUs | peak memory |")
    print("| --- | --- | --- | --- |")
    for name in dict.fromkeys(run.notebook for run in runs):
        if name == BASELINE:
            continue
        one = next((r for r in runs if r.notebook == name and r.threads == 1), None)
        two = next((r for r in runs if r.notebook == name and r.threads == 2), None)
        peak = max(r.peak for r in runs if r.notebook == name)
        fmt = lambda run: f"{run.seconds / 60:.1f}" if run else "-"  # noqa: E731
        print(f"| {name} | {fmt(one)} | {fmt(two)} | {peak / 1024:.2f} GB |")


def over_budget(runs: list[Run]) -> list[str]:
    problems = []
    for run in runs:
        if run.notebook == BASELINE:
            continue
        if run.status != "ok":
            problems.append(f"{run.notebook} ({run.threads} thread(s)): {run.status}")
        if run.peak > MEMORY_BUDGET_MB:
            problems.append(f"{run.notebook}: peak {run.peak:.0f} MB > {MEMORY_BUDGET_MB} MB")
        if run.threads == 1 and run.seconds > TIME_BUDGET_MIN * 60:
            problems.append(f"{run.notebook}: {run.seconds / 60:.1f} min on 1 thread > 10 min")
    return problems


def record(runs: list[Run], path: Path | None = None) -> None:
    """Store each notebook's 1-thread minutes and peak GB in bench/budget.json (the one source)."""
    path = path or BUDGET_FILE
    budget = json.loads(path.read_text(encoding="utf-8"))
    for run in runs:
        if run.notebook != BASELINE and run.threads == 1 and run.status == "ok":
            budget["notebooks"][run.notebook] = {
                "minutes_1cpu": round(run.seconds / 60, 1),
                "peak_gb": round(run.peak / 1024, 2),
            }
    path.write_text(json.dumps(budget, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"recorded in {path}; now run: python3 tools/sync_budget.py")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", help="paths, names or prefixes (default: all)")
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2], help="CPU counts")
    parser.add_argument(
        "--fast", action="store_true", help="fast mode (a smoke test, not the budget)"
    )
    parser.add_argument("--timeout", type=int, default=1800, help="seconds per cell")
    parser.add_argument("--interval", type=float, default=0.2, help="memory sampling period (s)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the empty-kernel row")
    parser.add_argument("--markdown", action="store_true", help="also print a README table")
    parser.add_argument("--json", type=Path, help="write the measurements to this file")
    parser.add_argument("--check", action="store_true", help="exit 1 when over budget")
    parser.add_argument(
        "--record",
        action="store_true",
        help=f"store the 1-thread results in {BUDGET_FILE.relative_to(ROOT)} (then run tools/sync_budget.py)",
    )
    args = parser.parse_args(argv)

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if max(args.threads) > (cpus or 1):
        print(f"warning: {max(args.threads)} threads requested, {cpus} CPU(s) available")
    notebooks = select_notebooks(args.notebooks)
    mode = "fast mode (smoke test)" if args.fast else "normal mode"
    print(f"{len(notebooks)} notebook(s), {mode}, threads {args.threads}, {cpus} CPU(s) here")
    jobs = [] if args.no_baseline else [(BASELINE, baseline_notebook())]
    jobs += [(path.name, None) for path in notebooks]
    runs: list[Run] = []
    for name, nb in jobs:
        for threads in args.threads:
            notebook = nb if nb is not None else nbformat.read(NOTEBOOKS / name, as_version=4)
            run = execute(notebook, name, threads, args.fast, args.timeout, args.interval)
            runs.append(run)
            print(
                f"  {name} @ {threads} thread(s): {run.seconds / 60:.2f} min "
                f"(CPU {run.cpu_seconds / 60:.2f} min), peak "
                f"{run.peak:.0f} MB (sampled {run.peak_mb:.0f}, VmHWM {run.hwm_mb:.0f}), {run.status}",
                flush=True,
            )
            for index, rise, line in run.peak_cells:
                print(f"      cell {index:3d} raised the peak by {rise:5.0f} MB: {line[:70]}")
    print_table(runs, args.threads)
    if args.markdown:
        print_markdown(runs)
    if args.json:
        args.json.write_text(json.dumps([asdict(run) for run in runs], indent=1))
    if args.record and not args.fast:
        record(runs)
    problems = over_budget(runs)
    if problems:
        print("\nOver budget:\n- " + "\n- ".join(problems))
    return 1 if args.check and problems else 0


if __name__ == "__main__":
    sys.exit(main())
