"""Writes notebooks/00_start_here.ipynb (unexecuted); run `python3 course.py execute` afterwards."""

import nbformat as nbf

md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
cells = [
    md("""# Making new training data: start here

Models are hungry; labelled data is scarce, expensive and sometimes private. This course is about the
other way to get more of it: **making new training data** from the data you have. You will

* **transform** real samples so a model sees more variety (image and text augmentation),
* **combine and interpolate** samples (text on images, mixup, SMOTE, filling gaps in a series),
* **learn a generator** that produces new samples (GANs and VAEs), and
* **measure** whether any of it actually helps, and whether generated data leaks the originals.

Every lesson is a notebook: markdown that teaches, short code cells that call helpers from the
`datagen_lab` package, a picture after each step, widgets to play with, and exercises with instant
feedback at the end.

**This notebook** gives you the map of the course, checks that your environment works, and shows
the conventions every lesson follows. *Time: 2 minutes.*"""),
    md("""## The course map

| # | notebook | what you learn | prerequisites | laptop CPU | Binder | helpers |
|---|---|---|---|---|---|---|
| 0 | `00_start_here` | the map, an environment check, conventions | none | < 1 min | < 1 min | core: `datagen_lab` |
| 1 | `01_image_augmentation` | imgaug pipelines (geometric, colour, noise); labels that follow geometry; when augmentation breaks the label | NumPy arrays as images | 2 min | 2 min | `datagen_lab.image` |
| 2 | `02_text_augmentation` | WordNet synonyms, insertion, swap, deletion, typos, reordering, passive voice, EDA; how much change a label survives | Python strings | < 1 min | < 1 min | `datagen_lab.text` |
| 3 | `03_gan_minimax` | the GAN objective $V(D, G)$, the optimal discriminator, Jensen–Shannon, saturating losses, mode collapse | probability densities, derivatives | 1 min | 1 min | `datagen_lab.gan_game` |
| 4 | `04_dcgan_mnist` | training a DCGAN on MNIST on a CPU; checkpoints; measuring a generator; latent space; writing a synthetic dataset | lessons 1 and 3, Keras basics | < 6½ min | 6½ min | `datagen_lab.dcgan` |
| 5 | `05_fusion_and_interpolation` | text rendered on images, synthetic labelled datasets; interpolation, mixup, SMOTE; privacy | lesson 1 | < 1 min | < 1 min | `datagen_lab.synthesis` |
| 6 | `06_does_synthetic_data_help` | a measured experiment: few labels, plus augmentation, mixup or GAN digits; memorisation checks | lessons 1, 4, 5 | 2 min | 2 min | `datagen_lab.capstone` |
| 7 | `07_vae_vs_gan` | the VAE, the ELBO and the reparameterisation trick; an honest GAN vs VAE comparison | lesson 4 | 5 min | 8½ min | `datagen_lab.vae` |

Times are measured for a normal run of the whole notebook (laptop: 2 CPU cores; Binder: one CPU),
with the data cached; reading and doing the exercises takes longer. Details in the README.

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
print("same seed, same numbers:", np.array_equal(first, second))"""),
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
  (lessons 3, 4, 7) and to measuring whether it helps (lesson 6).
* Each notebook: setup cell, parameters cell (`SEED`, sizes, `FAST`), then markdown → short code →
  picture, widgets after static plots, exercises with a checker at the end.
* `DATAGEN_LAB_FAST=1` shrinks everything for a quick check.

Next: **`01_image_augmentation.ipynb`**."""),
]
nb = nbf.v4.new_notebook(cells=cells)
nb.metadata = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}
nbf.write(nb, "notebooks/00_start_here.ipynb")
