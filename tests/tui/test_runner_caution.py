"""The before-session caution's rules, as pure functions."""

from __future__ import annotations

from dataclasses import dataclass

from tui.runner.caution import baselines, cautions


@dataclass
class C:
    region: str
    context: str
    recorded_at: str
    pain: int = 0
    numbness: int = 0
    tingling: int = 0
    weakness: int = 0


def entry(region="neck", **r):
    return {"region": region, "pain": 0, "numbness": 0, "tingling": 0, "weakness": 0, **r}


def test_baseline_is_the_median_of_the_last_seven_mornings_else_befores():
    mornings = [C("neck", "next_morning", f"2026-11-{d:02d}", pain=p) for d, p in zip(range(1, 10), [9, 9, 1, 2, 2, 3, 3, 3, 4])]
    befores = [C("left_hand", "before", "2026-11-01", tingling=4), C("left_hand", "before", "2026-11-02", tingling=2)]
    base = baselines(mornings + befores + [C("neck", "before", "2026-11-20", pain=8)], ["neck", "left_hand", "right_hand"])
    assert base["neck"]["pain"] == 3  # the two 9s are older than the last seven
    assert base["left_hand"]["tingling"] == 3
    assert "right_hand" not in base


def test_pain_seven_or_a_rise_of_two_cautions():
    base = {"neck": {"pain": 2, "numbness": 0, "tingling": 1, "weakness": 0}}
    assert cautions([entry(pain=3, tingling=2)], base) == []
    assert cautions([entry(pain=4)], base) == ["neck: pain 4, usually 2"]
    assert cautions([entry(tingling=3)], base) == ["neck: tingling 3, usually 1"]
    assert cautions([entry("left_hand", pain=7)], {}) == ["left hand: pain 7 (7 or more)"]  # no baseline: 7 still counts
    assert cautions([entry("left_hand", pain=6)], {}) == []


def test_after_a_symptom_stop_the_next_exercise_cautions_that_speak_to_it():
    from dataclasses import replace

    from catalogue import load_catalogue
    from tui.runner.caution import after_stop

    ex = load_catalogue().exercises
    curl, extension = ex["wrist-flexion-curl"], ex["wrist-extension-curl"]
    said = after_stop(curl, extension, "tingling")
    assert said == ("Skip it on days the hand is already tingling, and stop if symptoms rise.",)
    assert after_stop(curl, extension, "fatigue") == ()  # not a symptom stop
    # no caution names numbness, but it works the same hand: all its cautions are shown
    assert after_stop(curl, replace(extension, cautions=("Keep the weight light.",)), "numbness") == ("Keep the weight light.",)
    assert after_stop(curl, replace(extension, cautions=()), "tingling") == ()
