"""``rehab-tui report -o FILE.pdf``: the clinician summary as one or two A4 pages, made with
fpdf2 (imported on this path only): the profile, adherence by week, the symptom trend and the
affected ÷ unaffected side as charts drawn with fpdf2's lines and rectangles, every dose change
with its reason, red flags and the outcome measures. The same ``ReportData`` as the Markdown
report; text in the core Helvetica font (Latin-1: other characters are spelt out or replaced).
"""

from __future__ import annotations

import os
import statistics
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from journal.errors import FileProblem
from journal.exchange import pdf_charts as charts
from journal.exchange.report import CONTEXT_LABELS, REGION_LABELS, symptom_trend
from journal.rules.doses import to_dose
from journal.rules.dosing import show_dose
from journal.rules.redflags import label

if TYPE_CHECKING:
    from fpdf import FPDF

    from journal.records import CheckinRec
    from journal.rules.outcomes import OutcomesView
    from journal.store.gather import ReportData

MARGIN = 14.0
WIDTH = 210 - 2 * MARGIN
_SPELT = str.maketrans({"→": "->", "≤": "<=", "≥": ">=", "÷": "/", "–": "-", "—": "-", "‘": "'",
                        "’": "'", "“": '"', "”": '"', "…": "...", "×": "x", "−": "-", "•": "-"})  # fmt: skip


def latin(text: str) -> str:
    """``text`` in what the core fonts can draw: common symbols spelt out, anything else ``?``."""
    return text.translate(_SPELT).encode("latin-1", "replace").decode("latin-1")


def weekly_symptoms(checkins: list["CheckinRec"], since: date, today: date) -> dict[str, list[tuple[date, float]]]:
    """Symptom → (Monday, mean over the week's days of the worst region's rating). Next-morning
    ratings when there are any (what a session left behind), else every check-in."""
    rows = [c for c in checkins if c.context == "next_morning"] or list(checkins)
    worst: dict[tuple[str, date], int] = defaultdict(int)
    for c in rows:
        if since <= c.local_day <= today:
            for s in ("pain", "numbness", "tingling"):
                worst[(s, c.local_day)] = max(worst[(s, c.local_day)], getattr(c, s))
    weeks: dict[tuple[str, date], list[int]] = defaultdict(list)
    for (s, day), value in worst.items():
        weeks[(s, day - timedelta(days=day.weekday()))].append(value)
    out: dict[str, list[tuple[date, float]]] = {"pain": [], "numbness": [], "tingling": []}
    for (s, monday), values in sorted(weeks.items(), key=lambda kv: kv[0][1]):
        out[s].append((monday, statistics.fmean(values)))
    return out


class _Doc:
    def __init__(self) -> None:
        from fpdf import FPDF

        self.pdf: FPDF = FPDF(format="A4", unit="mm")
        self.pdf.set_auto_page_break(True, margin=MARGIN)
        self.pdf.set_margins(MARGIN, MARGIN, MARGIN)
        self.pdf.set_creator("rehab-tui")
        self.pdf.add_page()

    def heading(self, text: str) -> None:
        pdf = self.pdf
        if pdf.get_y() > 297 - MARGIN - 20:
            pdf.add_page()
        pdf.ln(2)
        pdf.set_font("Helvetica", "B", 10)
        pdf.set_text_color(30, 30, 30)
        pdf.cell(0, 5, latin(text), new_x="LMARGIN", new_y="NEXT")

    def para(self, text: str, size: float = 8, colour: tuple[int, int, int] = (40, 40, 40)) -> None:
        self.pdf.set_font("Helvetica", size=size)
        self.pdf.set_text_color(*colour)
        self.pdf.multi_cell(0, size * 0.45, latin(text), new_x="LMARGIN", new_y="NEXT")

    def space(self, height: float) -> float:
        """Room for a chart of ``height`` (a new page if needed); returns its top."""
        if self.pdf.get_y() + height > 297 - MARGIN:
            self.pdf.add_page()
        top = self.pdf.get_y()
        self.pdf.set_y(top + height)
        return top


def _d(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _pct(ratio: float | None) -> str:
    return "-" if ratio is None else f"{round(ratio * 100)} %"


def _profile(doc: _Doc, data: "ReportData") -> None:
    p = data.profile
    onset = p.onset_date.isoformat() if p.onset_date else {"over-6-weeks": "over 6 weeks ago"}.get(p.onset_kind, "not recorded")
    areas = ", ".join(sorted(p.symptom_areas)) or "not recorded"
    doc.para(f"Affected side: {p.affected_side}  ·  symptoms in: {areas}  ·  symptoms began: {onset}  ·  "
             f"cleared for strength work: {'yes' if p.cleared_for_strength else 'no'}")  # fmt: skip
    if not p.setup_done:
        doc.para("The patient has not answered the setup questions yet: the values above are the app's defaults.",
                 size=7, colour=(150, 60, 0))  # fmt: skip


def _adherence(doc: _Doc, data: "ReportData") -> None:
    weeks = [w for w in data.weeks if not w.before]
    done, prescribed = sum(w.done for w in weeks), sum(w.prescribed for w in weeks)
    doc.heading("Adherence by week")
    doc.para(f"Adherence: completed {done} of {prescribed} routines due "
             f"({_pct(done / prescribed if prescribed else None)}). Day streak {data.day_streak.current} "
             f"(longest {data.day_streak.longest}). Rest days and days the app advised rest are not "
             "counted as missed.")  # fmt: skip
    if not weeks:
        return  # nothing was prescribed yet: no empty chart
    bars = [(f"{w.start:%d %b}", None if w.ratio is None else w.ratio * 100,
             f"{w.done}/{w.prescribed}") for w in weeks]  # fmt: skip
    top = doc.space(34) + 4
    charts.bar_chart(doc.pdf, MARGIN + 10, top, WIDTH - 12, 24, bars, hi=100, ticks=(0, 50, 80, 100),
                     unit=" %", reference=80)  # fmt: skip


def _symptoms(doc: _Doc, data: "ReportData") -> None:
    doc.heading("Symptom trend")
    series = weekly_symptoms(data.symptoms, data.since, data.today)
    if not any(series.values()):
        doc.para("No check-ins in this period.")
        return
    doc.para("Self-rated 0-10: the worst region each day, averaged over each week (next-morning "
             "ratings when there are any).", size=7, colour=(90, 90, 90))  # fmt: skip
    top = doc.space(38) + 5
    charts.line_chart(doc.pdf, MARGIN + 10, top, WIDTH - 12, 26,
                      [(s, pts) for s, pts in series.items()], lo=0, hi=10, ticks=(0, 5, 10),
                      first=data.since, last=data.today)  # fmt: skip
    trend = symptom_trend(data.symptoms, data.since, data.today)
    lines = []
    for region, label in REGION_LABELS.items():
        for context, when in CONTEXT_LABELS.items():
            values = trend.get((region, context))
            if values:
                cells = ", ".join(f"{s} {_n(a)} -> {_n(b)}" for s, (a, b) in values.items())
                lines.append(f"{label}, {when}: {cells}")
    if lines:
        doc.para("First two weeks -> last two weeks:  " + ";  ".join(lines), size=6.5, colour=(70, 70, 70))


def _n(value: float | None) -> str:
    """A mean rating: ``2.5``, ``3`` (no needless ``.0``); ``not rated`` when there is none."""
    return "not rated" if value is None else f"{round(value, 1):g}"


def _sides(doc: _Doc, data: "ReportData") -> None:
    affected, other = data.profile.affected_side, data.profile.unaffected_side
    doc.heading("Affected / unaffected side")
    if other is None or not data.sides:
        doc.para("Not shown: " + ("no single affected side in the profile." if other is None else "no per-side sets."))
        return
    doc.para(f"{affected.capitalize()} / {other} reps, first week with data (light) and last week "
             "(dark); 100 % means both sides did the same.", size=7, colour=(90, 90, 90))  # fmt: skip
    rows = []
    for exercise_id, weeks in data.sides.items():
        values = [w.reps for w in weeks if w.reps is not None]
        if values:
            rows.append((latin(data.names.get(exercise_id, exercise_id)), values[0], values[-1]))
    height = len(rows) * 6 + 6
    top = doc.space(height) + 2
    charts.paired_bars(doc.pdf, MARGIN, top, WIDTH, rows)


def _outcomes(doc: _Doc, outcomes: "OutcomesView | None", since: date, today: date, units: str = "kg") -> None:
    from journal.rules.outcomes import grip_in, grip_meaningful

    unit = "lb" if units == "lb" else "kg"
    doc.heading("Outcome measures")
    if outcomes is None or outcomes.empty:
        doc.para("No PSFS ratings or grip readings in this period.")
        return
    if any(a.points for a in outcomes.activities):
        first = min(d for a in outcomes.activities for d, _ in a.points)
        top = doc.space(36) + 5
        charts.line_chart(doc.pdf, MARGIN + 10, top, WIDTH / 2 - 16, 24,
                          [(latin(a.name)[:28], [(d, float(s)) for d, s in a.points]) for a in outcomes.activities],
                          lo=0, hi=10, ticks=(0, 5, 10), first=first, last=today)  # fmt: skip
        if outcomes.grips:
            grips = [(f"grip {g.side}", [(d, grip_in(v, units)) for d, v in g.points]) for g in outcomes.grips]
            firstg = min(d for _, pts in grips for d, _ in pts)
            vals = [v for _, pts in grips for _, v in pts]
            hi = max(10.0, (max(vals) // 10 + 1) * 10)
            charts.line_chart(doc.pdf, MARGIN + WIDTH / 2 + 10, top, WIDTH / 2 - 10, 24, grips,
                              lo=0, hi=hi, ticks=(0, hi / 2, hi), first=firstg, last=today, unit=f" {unit}")  # fmt: skip
    from journal.exchange.report import outcome_lines

    for line in outcome_lines(outcomes, units, arrow="->", bold=""):
        doc.para(line, size=7.5)
    for drop in outcomes.drops:
        doc.para(drop.sentence(units), size=7.5, colour=(170, 40, 40))
    doc.para("First -> latest reading in this period; the baseline is the first ever, when older. Meaningful: "
             f"a PSFS change of 2 points or more; a grip change of {grip_meaningful(units)} or more.", size=6.5,
             colour=(90, 90, 90))  # fmt: skip


def _doses(doc: _Doc, data: "ReportData") -> None:
    doc.heading("Dose changes, with reasons")
    if not data.changes:
        doc.para("No dose changes in this period.")
        return
    for change in data.changes:
        name = data.names.get(change.exercise_id, change.exercise_id)
        doc.para(f"{change.since[:10]}  {name} -> {show_dose(to_dose(change))}: {change.reason}", size=7)


def _flags(doc: _Doc, data: "ReportData") -> None:
    doc.heading("Red flags reported")
    if not data.flags:
        doc.para("None in this period.")
        return
    for f in data.flags:
        state = f"reviewed {f.resolved_at[:10]}" if f.resolved_at else "NOT YET REVIEWED"
        note = f" - {f.note}" if f.note else ""
        doc.para(f"{f.reported_at[:10]}: {label(f.flag)} ({f.severity}), {state}{note}", size=7.5)


def build(data: "ReportData", outcomes: "OutcomesView | None") -> bytes:
    doc = _Doc()
    pdf = doc.pdf
    pdf.set_title(f"Rehab summary {data.since} to {data.today}")
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 7, latin(f"Rehab summary: {_d(data.since)} - {_d(data.today)}"), new_x="LMARGIN", new_y="NEXT")
    doc.para("Prepared by rehab-tui from the patient's own journal: self-reported, not a clinical "
             "record, and not medical advice.", size=6.5, colour=(100, 100, 100))  # fmt: skip
    if data.stop is not None:  # the first thing a clinician reads, as in the Markdown report
        pdf.set_font("Helvetica", "B", 9)
        pdf.set_text_color(180, 0, 0)
        pdf.multi_cell(0, 4.5, latin(f"STOP - {data.stop}"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(40, 40, 40)
        doc.space(2)
    _profile(doc, data)
    _adherence(doc, data)
    _symptoms(doc, data)
    _sides(doc, data)
    _outcomes(doc, outcomes, data.since, data.today, data.profile.units)
    _flags(doc, data)
    _doses(doc, data)
    return bytes(pdf.output())


def check_target(target: str | Path) -> Path:
    """The PDF's path, refused in one line when its folder does not exist or it is a folder."""
    from journal.store.files import require_folder

    target = Path(target).expanduser()
    folder = target.parent
    require_folder(target)
    if target.is_dir():
        raise FileProblem(f"{target} is a directory")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise FileProblem(f"cannot write {target}: the folder {folder} is not writable")
    return target


def write_pdf(target: str | Path, data: "ReportData", outcomes: "OutcomesView | None") -> Path:
    """Build the PDF and put it at ``target`` (0600) only once complete; the folder must exist."""
    target = check_target(target)
    content = build(data, outcomes)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise FileProblem(f"cannot write {target} ({err.strerror or err})") from None
    return target
