"""Helpers shared by the tests of the training loop and of the models trained with it."""

from __future__ import annotations


class StopAt:
    """A callback that presses the stop button (raises KeyboardInterrupt) at a given step."""

    def __init__(self, step: int):
        self.step = step

    def on_step_end(self, trainer, logs):
        if trainer.step == self.step:
            raise KeyboardInterrupt
