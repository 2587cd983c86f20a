"""Showing text augmentations: highlighted word diffs, tables of variants and a live widget.

Everything here returns an object (HTML-capable table, matplotlib Figure, ipywidgets box) and
displays nothing on import. Tables render as coloured HTML in Jupyter and as plain text with
``[-deleted-]{+inserted+}`` marks elsewhere (consoles, nbval, GitHub's text view).
"""

from __future__ import annotations

import html
from collections import deque
from collections.abc import Sequence

from datagen_lab import checks
from datagen_lab.checks import InputError
from datagen_lab.i18n import joined, t
from datagen_lab.text import augment as augment_text
from datagen_lab.text.diff import change_share, word_diff
from datagen_lab.text.tokens import (
    Tokens,
    check_alpha,
    check_text,
    detokenize,
    no_space_before,
    split,
    split_sentences,
)

NEW_STYLE = "background:#c6f6d5;color:#123;border-radius:3px;padding:0 2px"
OLD_STYLE = "color:#b42318;text-decoration:line-through;opacity:0.75;margin-right:3px"
CELL = "text-align:left;padding:2px 8px;vertical-align:top"
SENTIMENT = {0: "negative", 1: "positive"}


def highlight_html(original: str, variant: str) -> str:
    """``variant`` as HTML with new words on green and removed ones struck through in red.

    When the variant only reorders whole sentences, moved sentences are on green with their old
    position ("was 3") instead: a word diff of moved sentences is hard to read.
    """
    original, variant = check_text(original, "original"), check_text(variant, "variant")
    moves = sentence_moves(original, variant)
    if moves is not None:
        return _SEP[_cjk_text(variant)].join(
            html.escape(sentence)
            if old is None
            else f'<span style="{NEW_STYLE}">{html.escape(sentence)}</span>'
            f'<sup style="color:#666">{t("was {n}", n=old + 1)}</sup>'
            for sentence, old in moves
        )
    pieces = _diff_pieces(original, variant)
    out = []
    for gap, kind, text in pieces:
        text = html.escape(text)
        if kind == "old":
            out.append(f'{html.escape(gap)}<span style="{OLD_STYLE}">{text}</span>')
        elif kind == "new":
            out.append(f'{html.escape(gap)}<span style="{NEW_STYLE}">{text}</span>')
        else:
            out.append(html.escape(gap) + text)
    return "".join(out).strip()


def highlight_text(original: str, variant: str) -> str:
    """Plain-text diff in wdiff style: ``The [-movies-]{+films+} were great.``

    Moved sentences show as ``{+The room was cold.+}(was 2)``.
    """
    original, variant = check_text(original, "original"), check_text(variant, "variant")
    moves = sentence_moves(original, variant)
    if moves is not None:
        return _SEP[_cjk_text(variant)].join(
            s if old is None else f"{{+{s}+}}{t('(was {n})', n=old + 1)}" for s, old in moves
        )
    marks = {"old": "[-{}-]", "new": "{{+{}+}}", "same": "{}"}
    return "".join(
        gap + marks[kind].format(text) for gap, kind, text in _diff_pieces(original, variant)
    ).strip()


def sentence_moves(original: str, variant: str) -> list[tuple[str, int | None]] | None:
    """If ``variant`` is ``original`` with its sentences reordered: each sentence of the variant and its
    old index (None where it did not move). Otherwise None."""
    original, variant = check_text(original, "original"), check_text(variant, "variant")
    before, after = split_sentences(original), split_sentences(variant)
    if len(before) < 2 or before == after or sorted(before) != sorted(after):
        return None
    free: dict[str, deque[int]] = {}  # each sentence's unclaimed old places, first first
    for i, sentence in enumerate(before):
        free.setdefault(sentence, deque()).append(i)
    moves = []
    for k, sentence in enumerate(after):
        old = free[sentence].popleft()
        moves.append((sentence, None if old == k else old))
    return moves


def _cjk_text(text: str) -> bool:
    return not any(c.isspace() for c in text.strip())


_SEP = {True: "", False: " "}


def _diff_pieces(original: str, variant: str) -> list[tuple[str, str, str]]:
    """``(gap, kind, text)`` pieces of the variant with the removed words put where they were.

    ``kind`` is ``"same"``, ``"new"`` (inserted or replacing) or ``"old"`` (removed). Runs of
    changed tokens become one piece, spaced as in the texts they come from.
    """
    tokens = split(variant)
    pieces, j, force_space = [], 0, False
    for tag, old, new in word_diff(original, variant):
        if old and tag != "equal":
            if tag == "replace":
                gap = tokens.gaps[j]
            else:
                gap = "" if j == 0 or no_space_before(old[0]) else " "
                force_space = j == 0 and not no_space_before(old[0])
            pieces.append((gap, "old", detokenize(old)))
        if tag == "equal":
            for k in range(len(new)):
                gap = tokens.gaps[j + k]
                pieces.append((gap or " " if force_space else gap, "same", tokens.texts[j + k]))
                force_space = False
        elif new:
            run = str(
                Tokens(
                    tokens.texts[j : j + len(new)], ["", *tokens.gaps[j + 1 : j + len(new)], ""], []
                )
            )
            pieces.append(("" if tag == "replace" else tokens.gaps[j], "new", run))
        j += len(new)
    return pieces


class VariantTable:
    """Variants of one text, one row each: operation, highlighted text, share of words changed,
    and optionally a classifier's prediction (flips shown in red)."""

    def __init__(
        self,
        original: str,
        variants: Sequence[str],
        classifier=None,
        names: Sequence[str] | None = None,
    ):
        self.original = check_text(original, "original")
        self.variants = _str_list(variants, "variants")
        for k, variant in enumerate(self.variants):  # checked, kept as given (.op, .note)
            check_text(variant, f"variants[{k}]")
        self.names = (
            _str_list(names, "names")
            if names is not None
            else [getattr(v, "op", "") for v in self.variants]
        )
        if len(self.names) != len(self.variants):
            raise InputError(
                "names",
                names,
                f"one name per variant ({len(self.variants)})",
                got_text=f"{len(self.names)} names",
            )
        _check_classifier(classifier)
        self.shares = [change_share(original, v) for v in self.variants]
        self.notes = [getattr(v, "note", "") for v in self.variants]
        self.predictions = None
        if classifier is not None:
            probabilities = classifier.predict_proba([original, *self.variants])
            self.predictions = [(int(p.argmax()), float(p.max())) for p in probabilities]

    def _prediction(self, row: int) -> str:
        label, confidence = self.predictions[row]
        return f"{t(SENTIMENT[label]) if label in SENTIMENT else label} {confidence:.2f}"

    def __repr__(self) -> str:
        lines = [
            joined(t("original:"), self.original)
            + (f"  -> {self._prediction(0)}" if self.predictions else "")
        ]
        for k, (name, variant, share, note) in enumerate(
            zip(self.names, self.variants, self.shares, self.notes, strict=True)
        ):
            extra = f"  -> {self._prediction(k + 1)}" if self.predictions else ""
            lines.append(f"{name:>9} {share:4.0%}: {highlight_text(self.original, variant)}{extra}")
            if note:
                lines.append(f"{'':>15}{t('({note})', note=note)}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        columns = ["operation", "text", "changed"] + ["prediction"] * bool(self.predictions)
        columns = [t(column) for column in columns]
        head = "<tr>" + "".join(f'<th style="{CELL}">{c}</th>' for c in columns) + "</tr>"
        rows = [self._row(t("original:").rstrip(":："), html.escape(self.original), "", 0)]
        for k, (name, variant, share, note) in enumerate(
            zip(self.names, self.variants, self.shares, self.notes, strict=True)
        ):
            cell = highlight_html(self.original, variant)
            if note:
                cell += f'<br><small style="color:#666">{html.escape(note)}</small>'
            rows.append(self._row(name, cell, f"{share:.0%}", k + 1))
        return f"<table>{head}{''.join(rows)}</table>"

    def _row(self, name: str, cell: str, share: str, row: int) -> str:
        prediction = ""
        if self.predictions:
            flipped = self.predictions[row][0] != self.predictions[0][0]
            style = CELL + (";color:#b42318;font-weight:bold" if flipped else "")
            prediction = f'<td style="{style}">{self._prediction(row)}{t(" (flipped)") if flipped else ""}</td>'
        return (
            f'<tr><td style="{CELL}"><code>{name}</code></td><td style="{CELL}">{cell}</td>'
            f'<td style="{CELL}">{share}</td>{prediction}</tr>'
        )


def operations_table(
    text: str, alpha: float = 0.2, seed: int = 0, ops: Sequence[str] | None = None, classifier=None
) -> VariantTable:
    """``text`` through each operation in ``ops`` (default: all of :data:`augment_text.OPERATIONS`) once."""
    text, alpha = check_text(text), check_alpha(alpha)
    ops = list(augment_text.OPERATIONS) if ops is None else _str_list(ops, "ops")
    for op in ops:
        checks.check_choice(op, "ops", augment_text.OPERATIONS)
    if not ops:
        raise InputError("ops", ops, "None (all operations) or a non-empty list of names")
    _check_classifier(classifier)
    variants = [augment_text.augment(text, {op: alpha}, n=1, seed=seed)[0] for op in ops]
    return VariantTable(text, variants, classifier, names=ops)


def augmentation_widget(text: str | None = None, classifier=None, n: int = 4, seed: int = 0):
    """A live panel: a text box, a strength slider per operation, n variants and a seed.

    Variants update as soon as anything changes (a few milliseconds each). Returns the top-level
    ``ipywidgets.VBox``, carrying the CSS class ``datagen-demo``; display it to use it.
    """
    import ipywidgets as w

    if text is not None:
        text = check_text(text)
    _check_classifier(classifier)
    # The controls cannot show other values: a slider would clamp them without a word.
    n = checks.check_int(n, "n", low=1, high=12, what="variants the slider offers")
    seed = checks.check_int(seed, "seed", low=0, high=10**6, what="seeds the box offers")
    start = (
        text or "The hotel staff were friendly and the rooms were clean. We loved the quiet garden!"
    )
    box = w.Textarea(
        value=start, description=t("text"), layout=w.Layout(width="98%", height="60px")
    )
    sliders = {
        op: w.FloatSlider(
            value=0.1 if op in augment_text.EDA_OPERATIONS else 0.0,
            min=0,
            max=0.5,
            step=0.05,
            description=op,
            tooltip=t(about),
            readout_format=".2f",
            continuous_update=False,
            style={"description_width": "70px"},
            layout=w.Layout(width="260px"),
        )
        for op, (_, _, about) in augment_text.OPERATIONS.items()
    }
    count = w.IntSlider(value=n, min=1, max=12, description=t("variants"), continuous_update=False)
    seed_box = w.BoundedIntText(
        value=seed, min=0, max=10**6, description=t("seed"), layout=w.Layout(width="160px")
    )
    mode = w.ToggleButtons(
        options=[(t("one op per variant (EDA)"), "one"), (t("all ops on each variant"), "all")],
        value="one",
        style={"button_width": "200px"},
    )
    output = w.HTML()

    def update(_=None) -> None:
        try:
            made = augment_text.augment(
                box.value,
                {op: s.value for op, s in sliders.items()},
                n=count.value,
                seed=seed_box.value,
                mode=mode.value,
            )
            output.value = VariantTable(box.value, made, classifier)._repr_html_()
        except ValueError as error:
            output.value = f'<span style="color:#b42318">{html.escape(str(error))}</span>'

    for control in [box, count, seed_box, mode, *sliders.values()]:
        control.observe(update, names="value")
    update()
    families = {}
    for op, (_, family, _) in augment_text.OPERATIONS.items():
        families.setdefault(family, []).append(sliders[op])
    columns = w.HBox(
        [w.VBox([w.HTML(f"<b>{t(family)}</b>"), *group]) for family, group in families.items()]
    )
    panel = w.VBox([box, columns, w.HBox([count, seed_box]), mode, output])
    panel.add_class("datagen-demo")
    return panel


def _str_list(values: object, name: str) -> list[str]:
    """``values`` as a list of str; a bare str is refused (it is not a list of names)."""
    if isinstance(values, str | bytes) or not isinstance(values, Sequence | tuple):
        raise InputError(name, values, "a list of str")
    listed = list(values)
    bad = next((i for i, v in enumerate(listed) if not isinstance(v, str)), None)
    if bad is not None:
        got = f"a list holding {listed[bad]!r:.40} at index {bad}"
        raise InputError(name, values, "a list of str", got_text=got)
    return listed


def _check_classifier(classifier: object) -> None:
    if classifier is not None and not callable(getattr(classifier, "predict_proba", None)):
        raise InputError(
            "classifier", classifier, "None or a fitted classifier with predict_proba(texts)"
        )
