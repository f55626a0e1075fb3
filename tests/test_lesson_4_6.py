"""Lesson 4.6 "Texte generieren": probes beyond the declared wrong answers, and the kit's generation helpers."""

from __future__ import annotations

import numpy as np
import pytest

from dlkurs.exercises import FALSCH, NICHT_BEARBEITET, RICHTIG, ___
from dlkurs.exercises.lessons import l4_6
from dlkurs.kit.generation import generate, reweight, sample

FENSTER = l4_6.fenster
UMGEWICHTEN = l4_6.umgewichten


def _status(exercise, answer):
    verdict = exercise.evaluate(answer)
    return verdict.status, verdict.message


# -- 1. windows ----------------------------------------------------------------------------


def _fenster_listen(ids, laenge, schritt):
    return ([list(ids[s:s + laenge]) for s in range(0, len(ids) - laenge, schritt)],
            [ids[s + laenge] for s in range(0, len(ids) - laenge, schritt)])


def _fenster_y_als_spalte(ids, laenge, schritt):
    starts = np.arange(0, len(ids) - laenge, schritt)
    return np.stack([ids[s:s + laenge] for s in starts]), ids[starts + laenge][:, None]


def _fenster_vertauscht(ids, laenge, schritt):
    starts = np.arange(0, len(ids) - laenge, schritt)
    return ids[starts + laenge], np.stack([ids[s:s + laenge] for s in starts])


def _fenster_ab_eins(ids, laenge, schritt):
    starts = np.arange(1, len(ids) - laenge, schritt)
    return np.stack([ids[s:s + laenge] for s in starts]), ids[starts + laenge]


@pytest.mark.parametrize("antwort, fragment", [
    (_fenster_y_als_spalte, "Form"),
    (_fenster_vertauscht, "Form"),
    (_fenster_ab_eins, ""),
    (lambda ids, laenge, schritt: None, ""),
])
def test_further_wrong_windows(antwort, fragment):
    status, message = _status(FENSTER, antwort)
    assert status == FALSCH, message
    assert fragment.lower() in message.lower()


def test_windows_as_lists_are_named():
    # the task asks for arrays; lists get the way out in the message
    status, message = _status(FENSTER, _fenster_listen)
    assert status == FALSCH and "np.array" in message, message


@pytest.mark.parametrize("antwort", [None, 3, "fenster", [1, 2], np.zeros(3)])
def test_window_check_answers_wrong_types(antwort):
    assert _status(FENSTER, antwort)[0] == FALSCH


def test_window_placeholder():
    assert _status(FENSTER, ___)[0] == NICHT_BEARBEITET


def test_window_check_leaves_ids_alone():
    ids = np.arange(20, dtype="int32")

    def fenster(ids_, laenge, schritt):
        starts = np.arange(0, len(ids_) - laenge, schritt)
        return np.stack([ids_[s:s + laenge] for s in starts]), ids_[starts + laenge]

    assert _status(FENSTER, fenster)[0] == RICHTIG
    assert np.array_equal(ids, np.arange(20))


# -- 2. temperature ------------------------------------------------------------------------


def _scipy_softmax(p, temperatur):
    from scipy.special import softmax

    with np.errstate(divide="ignore"):
        return softmax(np.log(p) / temperatur)


def _exp2(p, temperatur):
    with np.errstate(divide="ignore"):
        logits = np.log2(p) / temperatur
    e = np.exp2(logits - logits.max())
    return e / e.sum()


@pytest.mark.parametrize("antwort", [_scipy_softmax, _exp2])
def test_correct_temperature_alternatives(antwort):
    status, message = _status(UMGEWICHTEN, antwort)
    assert status == RICHTIG, message


def _mal_temperatur(p, temperatur):
    with np.errstate(divide="ignore"):
        logits = np.log(p) * temperatur
    e = np.exp(logits - logits.max())
    return e / e.sum()


def _argmax_immer(p, temperatur):
    q = np.zeros_like(p)
    q[np.argmax(p)] = 1.0
    return q


def _eps_ohne_null(p, temperatur):
    logits = np.log(p + 1e-3) / temperatur  # a large epsilon gives zero probabilities weight
    e = np.exp(logits - logits.max())
    return e / e.sum()


@pytest.mark.parametrize("antwort", [_mal_temperatur, _argmax_immer, _eps_ohne_null, lambda p, t: p])
def test_further_wrong_temperatures(antwort):
    assert _status(UMGEWICHTEN, antwort)[0] == FALSCH


@pytest.mark.parametrize("antwort", [None, "softmax", 1.0, np.ones(4)])
def test_temperature_check_answers_wrong_types(antwort):
    assert _status(UMGEWICHTEN, antwort)[0] == FALSCH


# -- kit ------------------------------------------------------------------------------------


def test_reweight_cases():
    p = np.array([0.1, 0.6, 0.3])
    before = p.copy()
    assert np.allclose(reweight(p, 1.0), p)
    assert np.array_equal(reweight(p, 0.0), [0.0, 1.0, 0.0])
    assert np.allclose(reweight(p, 1e-6), [0.0, 1.0, 0.0])
    assert np.isclose(reweight(p, 3.0).sum(), 1.0)
    assert np.allclose(reweight(p, 1e6), 1 / 3, atol=1e-5)
    assert np.array_equal(p, before)
    assert reweight([0.5, 0.5, 0.0], 0.5)[2] == 0.0
    with pytest.raises(ValueError):
        reweight(p, -1.0)


def test_sample_and_generate_follow_the_distribution():
    rng = np.random.default_rng(0)
    draws = [sample([0.2, 0.8], 1.0, rng) for _ in range(2000)]
    assert 0.75 < np.mean(draws) < 0.85
    assert all(sample([0.5, 0.3, 0.2], 1.0, rng, top_k=1) == 0 for _ in range(20))
    new = generate(lambda ids: np.eye(3)[(ids[-1] + 1) % 3], [0], 5, temperature=0.5)
    assert new == [1, 2, 0, 1, 2]


def test_text_progress_prints_one_line_per_epoch_and_samples(capsys):
    from dlkurs.kit.generation import text_progress

    callback = text_progress(lambda epoch: f"Probe {epoch}", every=2)
    for epoch in range(2):
        callback.on_epoch_begin(epoch)
        callback.on_epoch_end(epoch, {"loss": 1.25, "val_accuracy": 0.5})
    out = capsys.readouterr().out
    assert "Epoche 1 (0 s) · loss 1,250 · val_accuracy 0,500" in out
    assert "Probe 2" in out and "Probe 1" not in out


def test_plot_temperatures_draws_one_panel_per_temperature():
    import matplotlib

    matplotlib.use("Agg")
    from dlkurs.kit.generation import plot_temperatures

    fig = plot_temperatures([0.5, 0.3, 0.2], ["a", " ", "\n"], [0.2, 1.0, 1.2])
    assert [ax.get_title() for ax in fig.axes] == ["T = 0,2", "T = 1", "T = 1,2"]
    heights = [bar.get_height() for bar in fig.axes[1].patches]
    assert np.allclose(heights, [0.5, 0.3, 0.2])
