"""Balanced is not converged (gan_game.balance) and the seed study behind lesson 3's section 8."""

from __future__ import annotations

import numpy as np
import pytest

from datagen_lab.checks import InputError
from datagen_lab.gan_game import balance, seed_study, toy_gan
from datagen_lab.gan_game import minimax as gan_math

NOISE_1D = np.random.default_rng(1).standard_normal((300, 2))
NOISE_2D = np.random.default_rng(1).standard_normal((200, 2))


@pytest.fixture(scope="module")
def gan_1d():
    return toy_gan.make_gan(data="bimodal", hidden=8, seed=2).step(30)


@pytest.fixture(scope="module")
def gan_ring():
    return toy_gan.make_gan(hidden=8, seed=2).step(30)


def test_a_discriminator_at_one_half_scores_minus_log_4_against_any_generator():
    """The converse the lesson warns about: D = 1/2 gives V = -log 4 whatever p_g is."""
    x = gan_math.grid()
    p_data = gan_math.DATA.pdf(x)
    half = np.full_like(x, 0.5)
    for generator in (gan_math.two_mode(-1.5, 1.2, 0.2), gan_math.two_mode(0.0, 0.2, 1.0)):
        p_g = generator.pdf(x)
        assert gan_math.value_exact(half, p_data, p_g, x) == pytest.approx(-gan_math.LOG4)
        assert gan_math.optimal_value(p_data, p_g, x) > -gan_math.LOG4 + 0.1


def test_balance_check_reports_the_curves_and_the_densities(gan_1d):
    result = balance.balance_check(gan_1d, NOISE_1D, last=10)
    history = gan_1d.history
    assert result.steps == 30 and result.last == 10
    assert result.d_loss == pytest.approx(np.mean(history["d_loss"][-10:]))
    assert result.d_real == pytest.approx(np.mean(history["d_real"][-10:]))
    assert result.support == pytest.approx((-3.4, 3.4))
    assert result.support_mass == pytest.approx(0.97725, abs=1e-4)  # two modes, +-2 std each
    assert 0 <= result.d_range[0] <= result.d_range[1] <= 1
    assert 0 <= result.d_star_range[0] <= result.d_star_range[1] <= 1
    # D* is the best discriminator for the same densities: no network beats it.
    assert result.value_d_star >= result.value_d
    assert result.value_d_star == pytest.approx(-gan_math.LOG4 + 2 * result.jsd)
    # Real samples smoothed the same way stay close to the data: the floor of the distance.
    assert 0 <= result.jsd_real < 0.01
    assert len(result.generator_means) == len(result.generator_stds) == 2
    assert result.data_std == pytest.approx(0.7)
    text = str(result)
    assert "after 30 steps" in text and "log 4 = 1.386" in text and "D* there" in text


def test_balance_check_is_deterministic(gan_1d):
    assert balance.balance_check(gan_1d, NOISE_1D, last=10) == balance.balance_check(
        gan_1d, NOISE_1D, last=10
    )


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"last": 0}, "last"),
        ({"last": 31}, "last"),
        ({"support_sigmas": 0.0}, "support_sigmas"),
        ({"view_noise": np.zeros((5, 3))}, "view_noise"),
        ({"view_noise": np.zeros((1, 2))}, "view_noise"),
        ({"view_noise": np.full((5, 2), np.nan)}, "view_noise"),
        ({"view_noise": "noise"}, "view_noise"),
    ],
)
def test_balance_check_refuses_bad_arguments(gan_1d, kwargs, name):
    arguments = {"view_noise": NOISE_1D, "last": 10, **kwargs}
    with pytest.raises(InputError) as error:
        balance.balance_check(gan_1d, **arguments)
    assert error.value.name == name


def test_balance_check_wants_the_1d_game_and_ring_state_the_ring(gan_1d, gan_ring):
    with pytest.raises(InputError, match="bimodal"):
        balance.balance_check(gan_ring, NOISE_2D)
    with pytest.raises(InputError, match="ring"):
        balance.ring_state(gan_1d, NOISE_1D)
    with pytest.raises(InputError) as error:
        balance.balance_check("a gan", NOISE_1D)
    assert error.value.name == "gan"


def test_ring_state_measures_surface_samples_and_curves(gan_ring):
    state = balance.ring_state(gan_ring, NOISE_2D, last=10, far=0.5)
    assert state.steps == 30 and state.last == 10
    assert state.d_loss == pytest.approx(np.mean(gan_ring.history["d_loss"][-10:]))
    assert 0 <= state.d_box[0] <= state.d_box[1] <= 1
    assert len(state.d_modes) == 8
    fake = gan_ring.generator(NOISE_2D)
    distance = np.linalg.norm(fake[:, None] - gan_ring.data.centres[None], axis=2).min(axis=1)
    assert state.far_share == pytest.approx(np.mean(distance > 0.5))
    radius = np.linalg.norm(fake - fake.mean(axis=0), axis=1)
    assert state.spread == pytest.approx(np.percentile(radius, 90))


def test_ring_state_refuses_bad_arguments(gan_ring):
    for kwargs, name in (({"far": 0}, "far"), ({"last": 100}, "last")):
        with pytest.raises(InputError) as error:
            balance.ring_state(gan_ring, NOISE_2D, **{"last": 10, **kwargs})
        assert error.value.name == name
    with pytest.raises(InputError) as error:
        balance.ring_state(gan_ring, np.zeros((4, 1)), last=10)
    assert error.value.name == "view_noise"


def test_coverage_run_checks_at_even_steps_and_times_a_step():
    config = toy_gan.ToyGANConfig(hidden=8)
    run = seed_study.coverage_run(config, steps=12, every=5, name="tiny", seed=3)
    assert run.checks == (5, 10, 12) and len(run.covered) == 3
    assert all(0 <= c <= 8 for c in run.covered)
    assert run.seed == 3 and run.name == "tiny" and run.seconds_per_step > 0
    again = seed_study.coverage_run(config, steps=12, every=5, name="tiny", seed=3)
    assert again.covered == run.covered


def test_study_and_report_cover_every_config_and_seed():
    configs = {"a": toy_gan.ToyGANConfig(hidden=8), "b": toy_gan.ToyGANConfig(hidden=8, d_steps=2)}
    runs = seed_study.study(configs, [0, 1], steps=4, every=2)
    assert [(run.name, run.seed) for run in runs] == [("a", 0), ("a", 1), ("b", 0), ("b", 1)]
    table = seed_study.report(runs).splitlines()
    assert len(table) == 5 and "covered modes at steps 2, 4" in table[0]


def test_seed_study_refuses_bad_arguments():
    with pytest.raises(InputError) as error:
        seed_study.coverage_run(toy_gan.ToyGANConfig(data="bimodal"), steps=4, every=2)
    assert error.value.name == "config"
    with pytest.raises(InputError) as error:
        seed_study.coverage_run(toy_gan.ToyGANConfig(), steps=4, every=5)
    assert error.value.name == "every"
    with pytest.raises(InputError) as error:
        seed_study.study({}, [0], steps=4, every=2)
    assert error.value.name == "configs"
    with pytest.raises(InputError) as error:
        seed_study.study({"a": toy_gan.ToyGANConfig()}, [], steps=4, every=2)
    assert error.value.name == "seeds"
    with pytest.raises(InputError) as error:
        seed_study.report([])
    assert error.value.name == "runs"


def test_seed_study_command_prints_the_table(capsys):
    seed_study.main(["seeds", "--seeds", "0", "--steps", "2", "--every", "1"])
    out = capsys.readouterr().out
    assert "collapse (k = 1)" in out and "remedy (k = 5)" in out and "times a k = 1 step" in out


def test_the_reports_and_the_errors_the_lesson_shows_speak_chinese(monkeypatch, gan_1d):
    """Lesson 3's printed report, mode coverage and the density error it shows on purpose are
    Chinese under DATAGEN_LAB_LANG=zh, and English stays as it was."""
    from datagen_lab.gan_game import toy_data

    check = balance.balance_check(gan_1d, NOISE_1D, last=10)
    ring = toy_data.ring()
    coverage = toy_data.mode_coverage(ring.centres, ring)
    x = gan_math.grid()
    english = str(check), str(coverage)
    assert english[0].startswith("after 30 steps, means over the last 10:")
    assert english[1] == "8/8 modes covered, 100% of samples within 3 std of a mode"
    monkeypatch.setenv("DATAGEN_LAB_LANG", "zh")
    lines = str(check).splitlines()
    assert lines[0] == "训练30步后，最后10步的均值：" and lines[1].startswith("  曲线显示：D损失")
    assert str(coverage) == "覆盖了8/8个模式，100%的样本落在某个模式的3个标准差以内"
    with pytest.raises(ValueError, match="p_data在\\[-12, 12\\]上的积分是2.000000"):
        gan_math.check_density(2 * gan_math.DATA.pdf(x), x, name="p_data")
    assert balance.pad("生成器", 8) == "生成器  " and balance.pad("generator", 12) == "generator   "
    monkeypatch.setenv("DATAGEN_LAB_LANG", "en")
    assert (str(check), str(coverage)) == english
