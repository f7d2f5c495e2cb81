"""The PDF's charts: no label is drawn across a chart's dashed reference line (a new-user trial
saw "96 %" and "98 %" crossed by the side comparison's 100 % line)."""

from __future__ import annotations

import pytest

from journal.exchange import pdf_charts as charts

fpdf = pytest.importorskip("fpdf")


class Recorder(fpdf.FPDF):
    """An FPDF that remembers every text (its box) and every line it draws."""

    def __init__(self) -> None:
        super().__init__(unit="mm", format="A4")
        self.add_page()
        self.texts: list[tuple[str, float, float, float, float]] = []  # text, x0, x1, top, baseline
        self.lines: list[tuple[float, float, float, float]] = []

    def text(self, x, y, text="", *args, **kwargs):  # noqa: ANN001, ANN201 - FPDF's signature
        self.texts.append((text, x, x + self.get_string_width(text), y - self.font_size, y))
        return super().text(x, y, text, *args, **kwargs)

    def line(self, x1, y1, x2, y2):  # noqa: ANN001, ANN201
        self.lines.append((x1, y1, x2, y2))
        return super().line(x1, y1, x2, y2)


def _crossed(pdf: Recorder, line: tuple[float, float, float, float]) -> list[str]:
    x1, y1, x2, y2 = line
    hit = []
    for text, x0, x_end, top, base in pdf.texts:
        if x1 == x2 and x0 <= x1 <= x_end and min(y1, y2) <= base and top <= max(y1, y2):
            hit.append(text)  # a vertical line through the text
        if y1 == y2 and top <= y1 <= base and min(x1, x2) <= x_end and x0 <= max(x1, x2):
            hit.append(text)  # a horizontal line through the text
    return hit


@pytest.mark.parametrize("ratio", [0.9, 0.92, 0.95, 0.96, 0.98, 0.99, 1.0, 1.01, 1.14])
def test_side_comparison_labels_keep_off_the_100_percent_line(ratio):
    pdf = Recorder()
    rows = [("Grip squeeze", ratio, ratio), ("Wrist flexion curl", 0.88, ratio)]
    charts.paired_bars(pdf, 15, 40, 180, rows)
    reference = pdf.lines[-1]  # the dashed 100 % line, drawn last
    assert reference[0] == reference[2], reference
    assert f"{round(ratio * 100)} %" in [t for t, *_ in pdf.texts]
    assert _crossed(pdf, reference) == []


@pytest.mark.parametrize("share", [70, 76, 78, 79, 80, 81, 83, 100])
def test_adherence_captions_keep_off_the_80_percent_line(share):
    pdf = Recorder()
    bars = [("12 Oct", share, f"{share}/100"), ("19 Oct", 100, "4/4")]
    charts.bar_chart(pdf, 20, 40, 170, 24, bars, hi=100, ticks=(0, 50, 80, 100), unit=" %", reference=80)
    reference = pdf.lines[-1]
    assert reference[1] == reference[3], reference
    assert _crossed(pdf, reference) == []
    assert any(t == f"{share}/100" for t, *_ in pdf.texts)
