"""Writes notebooks/00_start_here.ipynb (unexecuted); run `python3 course.py execute` afterwards."""

import sys
from pathlib import Path

import nbformat as nbf

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sync_budget  # noqa: E402 (the tool beside this one)

md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
cells = [
    md("""# Making new training data: start here

Models are hungry; labelled data is scarce, expensive and sometimes private. This course is about the
other way to get more of it: **making new training data** from the data you have. You will

* **transform** real samples so a model sees more variety (image and text augmentation),
* **combine and interpolate** samples (text on images, mixup, SMOTE, filling gaps in a series),
* **learn a generator** that produces new samples (GANs and VAEs), and
* **measure** whether any of it actually helps, whether generated data leaks the originals, and
  what differential privacy and secure aggregation cost and buy.

Every lesson is a notebook: markdown that teaches, short code cells that call helpers from the
`datagen_lab` package, a picture after each step, widgets to play with, and exercises with instant
feedback at the end.

**This notebook** gives you the map of the course, checks that your environment works, and shows
the conventions every lesson follows: about 10 minutes to read.

<!-- run time: written by tools/sync_budget.py from bench/budget.json -->
**Run time:** set by tools/sync_budget.py."""),
    md("""## The course map

| # | notebook | what you learn | prerequisites | normal run (min, 1 CPU) | memory peak (GB) | helpers |
|---|---|---|---|---:|---:|---|
| 0 | `00_start_here` | the map, an environment check, conventions | none | ? | ? | core: `datagen_lab` |
| 1 | `01_image_augmentation` | imgaug pipelines (geometric, colour, noise); labels that follow geometry; when augmentation breaks the label | NumPy arrays as images | ? | ? | `datagen_lab.image` |
| 2 | `02_text_augmentation` | WordNet synonyms, insertion, swap, deletion, typos, reordering, passive voice, EDA; how much change a label survives; the same on Chinese text (jieba words, Cilin synonyms, pinyin typos, 把/被) | Python strings | ? | ? | `datagen_lab.text` |
| 3 | `03_gan_minimax` | the GAN objective $V(D, G)$, the optimal discriminator, Jensen–Shannon, saturating losses, mode collapse | probability densities, derivatives | ? | ? | `datagen_lab.gan_game` |
| 4 | `04_dcgan_mnist` | training a DCGAN on MNIST on a CPU; checkpoints; measuring a generator; conditioning on labels, and on k-means clusters when there are none; latent space; writing a synthetic dataset | lessons 1 and 3, Keras basics | ? | ? | `datagen_lab.dcgan` |
| 5 | `05_fusion_and_interpolation` | text rendered on images, synthetic labelled datasets; interpolation, mixup, SMOTE; privacy | lesson 1 | ? | ? | `datagen_lab.synthesis` |
| 6 | `06_does_synthetic_data_help` | a measured experiment: few labels, plus augmentation, mixup or GAN digits; memorisation checks | lessons 1, 4, 5 | ? | ? | `datagen_lab.capstone` |
| 7 | `07_vae_vs_gan` | the VAE, the ELBO and the reparameterisation trick; an honest GAN vs VAE comparison | lesson 4 | ? | ? | `datagen_lab.vae` |
| 8 | `08_privacy` | what generated data leaks; Laplace and Gaussian mechanisms; DP-SGD and a privacy accountant; accuracy and attack AUC against ε; DP synthetic data; secure aggregation | lesson 6 | ? | ? | `datagen_lab.privacy` |

Run times are measured for a normal run of the whole notebook in a fresh kernel on one CPU, as on
Binder (`python bench/notebook_budget.py`), with the data cached; two cores are faster, and reading and
doing the exercises takes longer. The same numbers appear in the README and in each lesson's
introduction (all three are written from `bench/budget.json` by `tools/sync_budget.py`).

**Fast mode.** Every notebook reads `DATAGEN_LAB_FAST=1` from the environment and then shrinks
its long computations (fewer training steps, smaller samples). The tests use it; use it yourself
when you only want to see that everything runs: start the course with
`DATAGEN_LAB_FAST=1 python3 course.py start`, or run `%env DATAGEN_LAB_FAST=1` as the first cell
and restart the kernel."""),
    md("""## Setup

Every lesson starts with one cell of imports and one cell of parameters. Importing `datagen_lab`
is cheap: TensorFlow and imgaug load only when a lesson first needs them."""),
    code("""import numpy as np

import datagen_lab
from datagen_lab import fast_mode, set_seed
from datagen_lab.data import load_mnist, load_photo
from datagen_lab.environment import check_environment
from datagen_lab.plotting import show_images
from datagen_lab.widgets import image_browser"""),
    md("""The **parameters cell**: a seed, the sizes, and fast mode. Change `SEED` and re-run to get
different (but again reproducible) random draws."""),
    code("""FAST = fast_mode()  # True when DATAGEN_LAB_FAST=1
SEED = set_seed(0)  # one seed for Python's random, NumPy, imgaug and TensorFlow
N_DIGITS = 16"""),
    md("""## Does everything work?

The check below imports each package the course needs, looks for the data (MNIST digits, the
WordNet and stopwords corpora) and the font used to draw text. Anything red comes with the fix.
Online, missing data is downloaded once and cached; offline, point `DATAGEN_LAB_DATA` at a folder
holding `mnist/` and `nltk_data/`."""),
    code("""# NBVAL_IGNORE_OUTPUT
# versions and paths differ between machines
report = check_environment()
report"""),
    code("""report.ok"""),
    md("""## The data you will work with

MNIST: 28×28 grey-scale handwritten digits, stored as `uint8` arrays with values 0–255. Offline
copies may hold only MNIST's 10,000-digit test split; the loader then divides it into a training
part and a held-out part and says so in `mnist.note`."""),
    code("""mnist = load_mnist()
print(mnist.train_images.dtype, mnist.train_images.shape[1:], "labels:", sorted(set(mnist.train_labels.tolist())))"""),
    code(
        """fig = show_images(mnist.train_images[:N_DIGITS], titles=[f"label {y}" for y in mnist.train_labels[:N_DIGITS]])"""
    ),
    md(
        """Lessons 1 and 5 also use colour photos that ship with installed packages (no downloads):"""
    ),
    code("""photos = [load_photo(name) for name in ("astronaut", "chelsea", "coffee", "quokka")]
print([photo.shape for photo in photos])
fig = show_images(photos, titles=["astronaut", "chelsea", "coffee", "quokka"], ncols=4, scale=3)"""),
    md("""## Reproducibility: one seed

Augmentation and generative models are random. `set_seed` seeds every random number generator the
course uses, so the same seed gives the same pictures, the same text variants and (on the same
machine) the same training run. Helpers also take an explicit `seed=` argument."""),
    code("""set_seed(SEED)
first = np.random.rand(3)
set_seed(SEED)
second = np.random.rand(3)
print("first: ", first.round(4))
print("second:", second.round(4))"""),
    md("""## Conclusions the run checks

A sentence such as "the same seed gives the same numbers" is only true of *this* run if something
checks it against the numbers. So whenever a lesson draws a conclusion from its own results, it
states it in code with `claim(statement, holds, evidence=...)`, right after the figure or table it
rests on. A claim that holds prints **✔ Claim held** with its evidence; a claim that does not
stops the notebook with **✘ Claim failed**, and the course's maintainers cannot store a lesson
whose claims fail. If you change a parameter and a claim fails, you have found something: the
conclusion depends on the setting you changed.

Fast mode shrinks data and training, and some conclusions only hold at full size: those claims
print **○ Claim not checked in fast mode** there and are checked on a normal run."""),
    code("""from datagen_lab.claims import claim

claim("the same seed gives the same numbers", bool(np.array_equal(first, second)), evidence={"first": first, "second": second})"""),
    md("""## Widgets

Lessons have control panels built with ipywidgets. Above each one there is a static picture of the
same thing, so the notebook also reads well on GitHub where widgets are not live. Try it: move the
slider and the digit changes. (If you see *"A Jupyter widget could not be displayed"*, the
environment check above did not pass; restart JupyterLab from `python3 course.py start`.)"""),
    code("""image_browser(mnist.train_images[:100], mnist.train_labels[:100])"""),
    md("""## Exercises and instant feedback

Each lesson ends with exercises; a checker tells you at once whether your answer is right, with a
hint if not. Here is the shape of one:

**Exercise.** How many pixels does one MNIST digit have? It is answered below; put in a wrong number and
re-run the cell to see a hint."""),
    code("""from datagen_lab.exercises import check_close

answer = 28 * 28  # your answer
check_close(answer, mnist.train_images[0].size, "784 = 28 x 28 pixels.", "Multiply the height by the width.")"""),
    md("""## Summary and where next

* The course goes from transforming data you have (lessons 1, 2, 5) to generating new data
  (lessons 3, 4, 7), to measuring whether it helps (lesson 6), and to what it leaks and how to
  protect it (lesson 8).
* Each notebook: setup cell, parameters cell (`SEED`, sizes, `FAST`), then markdown → short code →
  picture, widgets after static plots, exercises with a checker at the end.
* `DATAGEN_LAB_FAST=1` shrinks everything for a quick check.

Next: **`01_image_augmentation.ipynb`**."""),
]
nb = nbf.v4.new_notebook(cells=cells)
# Keep the cell ids of the notebook being replaced (cell by cell, when the cell kinds still line
# up): the Chinese edition's translations are keyed by them (tools/build_zh.py).
PATH = Path("notebooks/00_start_here.ipynb")
if PATH.exists():
    old = nbf.read(PATH, as_version=4).cells
    if [c.cell_type for c in old] == [c.cell_type for c in cells]:
        for new, before in zip(cells, old, strict=True):
            new.id = before.id
nb.metadata = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}
nbf.write(nb, PATH)
# The map's run times and the intro's run-time line come from bench/budget.json.
sync_budget.main([])
