"""Text augmentation speed: cold WordNet load, then sentences per second per operation and for EDA.

    .venv/bin/python bench/text_augment_throughput.py              # everything (about a minute)
    .venv/bin/python bench/text_augment_throughput.py --no-build   # skip the from-scratch lexicon build

Goals (issue 5): cold load under 3 s; EDA with 4 variants at >= 2,000 sentences/s on 2 cores.

The corpus is fixed: the first 1,200 example sentences of at least 8 words in WordNet's verb and
adjective glosses (everyday English, about 10 words each), read offline. The baseline, measured in the same run on the same corpus, is EDA as
the paper's reference code does it: whitespace split, ``wordnet.synsets(word)`` looked up on every
call, no inflection. Rates are given in CPU time of this process (what the code costs) and in wall
time (what you waited, which on a shared machine includes other people's work).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time

CORPUS_SIZE = 1200


def cold_seconds(code: str, env: dict | None = None, repeats: int = 3) -> float:
    """Median wall seconds of ``code`` in fresh interpreters (the import of numpy etc. excluded)."""
    script = f"import time, datagen_lab.config\nt = time.perf_counter()\n{code}\nprint(time.perf_counter() - t)"
    runs = [
        float(
            subprocess.check_output([sys.executable, "-c", script], text=True, env=env).split()[-1]
        )
        for _ in range(repeats)
    ]
    return sorted(runs)[len(runs) // 2]


def corpus(min_words: int = 8) -> list[str]:
    """The first CORPUS_SIZE example sentences of at least ``min_words`` words in WordNet's glosses."""
    from datagen_lab.corpora import wordnet

    found = []
    for name in ("data.verb", "data.adj", "data.noun"):
        for line in wordnet().open(name):
            for example in re.findall(r'"([^"]+)"', line.partition("|")[2]):
                if len(example.split()) >= min_words:
                    found.append(example.strip())
            if len(found) >= CORPUS_SIZE:
                return found[:CORPUS_SIZE]
    return found


def rate(function, sentences: list[str], passes: int = 1) -> tuple[float, float]:
    """(CPU, wall) sentences per second of ``function(sentence)`` over ``passes`` passes."""
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(passes):
        for sentence in sentences:
            function(sentence)
    n = len(sentences) * passes
    return n / (time.process_time() - cpu), n / (time.perf_counter() - wall)


def baseline_eda(
    sentence: str, rng: random.Random, n_aug: int = 4, alpha: float = 0.1
) -> list[str]:
    """EDA as in the paper's reference code (eda.py): synsets looked up per word, every call."""
    from datagen_lab.corpora import stopwords, wordnet

    wn, stop = wordnet(), stopwords()
    words = re.sub(r"[^a-z ]", "", sentence.lower()).split()
    n = max(1, int(alpha * len(words)))

    def synonyms(word):
        return [
            lemma.name().replace("_", " ")
            for s in wn.synsets(word)
            for lemma in s.lemmas()
            if lemma.name() != word
        ]

    def sr():
        new, candidates = list(words), [w for w in dict.fromkeys(words) if w not in stop]
        rng.shuffle(candidates)
        for word in candidates[:n]:
            if options := synonyms(word):
                choice = rng.choice(options)
                new = [choice if w == word else w for w in new]
        return new

    def ri():
        new = list(words)
        for _ in range(n):
            options = synonyms(rng.choice(new)) if new else []
            if options:
                new.insert(rng.randint(0, len(new)), rng.choice(options))
        return new

    def rs():
        new = list(words)
        for _ in range(n if len(new) > 1 else 0):
            a, b = rng.sample(range(len(new)), 2)
            new[a], new[b] = new[b], new[a]
        return new

    def rd():
        kept = [w for w in words if rng.random() > alpha]
        return kept or [rng.choice(words)] if words else []

    made = [" ".join(op()) for op in (sr, ri, rs, rd) for _ in range(n_aug // 4 + 1)]
    rng.shuffle(made)
    return made[:n_aug]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--no-build", action="store_true", help="skip timing a from-scratch lexicon build"
    )
    args = parser.parse_args(argv)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (1 min)")

    print("\n== cold load (fresh interpreter, median of 3)")
    reader = cold_seconds("from datagen_lab.corpora import wordnet; wordnet()")
    cached = cold_seconds("from datagen_lab.text.lexicon import lexicon; lexicon()")
    print(f"NLTK WordNet reader, corpora.wordnet():        {reader:6.2f} s   (baseline)")
    print(
        f"augmentation lexicon from its disk cache:      {cached:6.2f} s   = {reader / cached:.1f}x faster (goal < 3 s)"
    )
    if not args.no_build:
        with tempfile.TemporaryDirectory() as empty:
            env = dict(os.environ, DATAGEN_LAB_CACHE=empty)
            build = cold_seconds(
                "from datagen_lab.text.lexicon import lexicon; lexicon()", env, repeats=1
            )
        print(f"first run ever (reader + build + save cache):  {build:6.2f} s")

    from datagen_lab.text import augment as at
    from datagen_lab.text.tokens import split

    sentences = corpus()
    words = sum(len(s.split()) for s in sentences)
    print(
        f"\n== throughput on {len(sentences)} WordNet example sentences ({words / len(sentences):.1f} words each)"
    )
    at.lexicon()
    cpu, wall = rate(lambda s: at.eda(s, n=4, seed=0), sentences)
    print(
        f"{'EDA, 4 variants, first pass (caches cold)':44s} {cpu:8,.0f} sentences/s CPU {wall:8,.0f} sentences/s wall"
    )
    eda_cpu, eda_wall = rate(lambda s: at.eda(s, n=4, seed=0), sentences, passes=3)
    print(
        f"{'EDA, 4 variants, warm':44s} {eda_cpu:8,.0f} sentences/s CPU {eda_wall:8,.0f} sentences/s wall"
    )
    rng = random.Random(0)
    base_cpu, base_wall = rate(lambda s: baseline_eda(s, rng), sentences[:300])
    print(
        f"{'baseline: reference-code EDA, 4 variants':44s} {base_cpu:8,.0f} sentences/s CPU {base_wall:8,.0f} sentences/s wall"
    )
    print(f"{'':44s} EDA warm = {eda_cpu / base_cpu:.0f}x the baseline (CPU)")
    floor_cpu, floor_wall = rate(lambda s: str(split(s)), sentences, passes=3)
    print(
        f"{'tokenize + rebuild only (the floor)':44s} {floor_cpu:8,.0f} sentences/s CPU {floor_wall:8,.0f} sentences/s wall"
    )
    operations = {
        "synonym_replacement": at.synonym_replacement,
        "random_insertion": at.random_insertion,
        "lemmatize": at.lemmatize,
        "random_swap": at.random_swap,
        "random_deletion": at.random_deletion,
        "reorder_sentences": at.reorder_sentences,
        "to_passive": at.to_passive,
        "spelling_noise": at.spelling_noise,
        "grammar_noise": at.grammar_noise,
    }
    for name, function in operations.items():
        rate(lambda s, f=function: f(s, alpha=0.1, seed=0), sentences[:200])  # warm its caches
        cpu, wall = rate(lambda s, f=function: f(s, alpha=0.1, seed=0), sentences)
        print(
            f"{name + ' (alpha 0.1)':44s} {cpu:8,.0f} sentences/s CPU {wall:8,.0f} sentences/s wall"
        )
    verdict = "meets" if eda_cpu >= 2000 else "misses"
    print(
        f"\nEDA goal (>= 2,000 sentences/s): {verdict} it at {eda_cpu:,.0f} sentences/s of CPU in one process."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
