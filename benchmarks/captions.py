"""Caption parsing: speed on real and generated captions, and agreement with real credits.

Measures in one run, each against baselines timed in the same run:

- ``parse_caption`` on the real captions (``../shared/data/captions-real.tsv``, repeated)
  and on generated captions (1,000,000 by default: every credit form of the captions issue,
  and captions with no credit, some with dates);
- baselines: building the ``Caption`` without parsing (the floor any parser pays), one plain
  ``str.rsplit`` on the caption, and the three-pattern placeholder ``split_credit`` this
  issue replaced (seed forms only);
- dates: ``find_date`` alone, against calling ``dateutil.parser.parse`` on each date the
  guard finds (what "just use dateutil" would cost);
- agreement with the credits pages printed separately (see ``docs/captions.md``), the rows
  that fail, and how separately printed credits (``credits-real.tsv``) are classified;
- agreement with the hand labels of ``../shared/data/captions-labelled.tsv`` (credit text,
  agencies, photographers, date; targets 97/95/95/95%), every miss listed;
- the share of real captions the fast path answers.

Times are CPU time of this process (``time.process_time``), best of ``--repeat`` runs, so
that other work on a shared machine disturbs them less.

Usage: python benchmarks/captions.py [--n 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import collections
import datetime
import random
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from _captions_eval import (  # benchmarks/_captions_eval.py, beside this script
    judge,
    judge_labelled,
    read_tsv,
)
from dateutil.parser import parse as dateutil_parse

from newsdoc import Caption, Credit, CreditKind
from newsdoc.captions import (
    KNOWN_AGENCIES,
    find_date,
    parse_caption,
    parse_credit,
    split_credit,
)
from newsdoc.captions._dates import _matches
from newsdoc.captions._fast import fast_split

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"

# --- generated captions --------------------------------------------------------------------

WORDS = (
    "council minister said on the city harbour new plan talks region growers official "
    "statement forces government election vote week report museum village spokesman visit "
    "border agreement support security economic political process residents gather outside"
).split()
PLACES = ["Riyadh", "Tripoli", "Beirut", "Kyiv", "Lagos", "Tokyo", "Gaza City", "Paris"]
NAMES = ["Ana RIVERA", "Omar Hassan", "Kenji Sato", "Lena Haddad", "Ivan PETRENKO",
         "Sami Youssef", "Maria Lopez", "Jon Kerr"]
AGENCIES = ["AFP", "Reuters", "AP", "EPA", "SPA", "WAM", "dpa", "Getty Images"]
MONTHS = ["January", "March", "May", "July", "October", "December", "Dec.", "Sept."]


def _credit(rng: random.Random) -> str:
    name, agency = rng.choice(NAMES), rng.choice(AGENCIES)
    forms = [
        f"(Photo by {name} / {agency})", f"({agency})", "(Getty Images)", f"Photo: {agency}",
        f"Photo: {name.split()[0]}'s account on X", f"- {agency}", f"- ({agency})",
        "(File/AP)", "(AFP/File)", f"(AP Photo/{name}, File)", f"({agency} Photo/{name})",
        f"REUTERS/{name}", f"{name}/EPA", f"({name} / {agency})", f"{agency} photo",
        f"SPA photo by {name}", f"(photo credit: {agency}/{name})", "(Civil Defence via AFP)",
        f"{name}/AFP via Getty Images", f"Photo: {name}/dpa", f"Credit: {name}/{agency}",
    ]
    return rng.choice(forms)


def _date(rng: random.Random) -> str:
    day, year, month = rng.randint(1, 28), rng.randint(2015, 2025), rng.choice(MONTHS)
    return rng.choice([f"on {month} {day}, {year}", f"{day} {month} {year}", f"on {month} {day}"])


def generated(n: int, seed: int = 3) -> Iterable[str]:
    """``n`` captions: a third without credit, a third with a date, forms mixed at random."""
    rng = random.Random(seed)
    for _ in range(n):
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 24))).capitalize()
        text = f"{words} in {rng.choice(PLACES)}"
        if rng.random() < 0.35:
            text += " " + _date(rng)
        text += "."
        if rng.random() < 0.67:
            text += " " + _credit(rng)
        elif rng.random() < 0.2:
            text += f" in an interview with {rng.choice(['Reuters', 'Asharq Al-Awsat'])}"
        yield text


# --- baselines -----------------------------------------------------------------------------

_PH_PHOTO_BY = re.compile(r"\s*\(Photo by (?P<name>[^()/]+?) / (?P<agency>[^()/]+)\)\s*$")
_PH_AGENCY = re.compile(r"\s*\((?P<agency>Getty Images|AFP|AP|Reuters|EPA|SPA)\)\s*$")
_PH_LABEL = re.compile(r"\s*Photo: (?P<source>[^\n]+?)\s*$")


def placeholder(raw: str) -> Caption:
    """The placeholder this issue replaced: three patterns, the seed files' forms only."""
    m = _PH_PHOTO_BY.search(raw)
    if m:
        return Caption(raw=raw, text=raw[: m.start()], credit=Credit(
            raw=raw[m.start():].strip(), photographers=(m["name"],), agency=m["agency"],
            kind=CreditKind.PHOTOGRAPHER_AGENCY))
    m = _PH_AGENCY.search(raw)
    if m:
        return Caption(raw=raw, text=raw[: m.start()], credit=Credit(
            raw=raw[m.start():].strip(), agency=m["agency"], kind=CreditKind.AGENCY))
    m = _PH_LABEL.search(raw)
    if m:
        return Caption(raw=raw, text=raw[: m.start()], credit=Credit(
            raw=raw[m.start():].strip(), source=m["source"], kind=CreditKind.LABELLED))
    return Caption(raw=raw, text=raw)


def floor(raw: str) -> Caption:
    """No parsing at all: the model object every parser must build."""
    return Caption(raw=raw, text=raw.strip())


def rsplit_floor(raw: str) -> list[str]:
    """One plain string operation on the caption: the cost of merely looking at it."""
    return raw.rsplit(None, 1)


def dateutil_dates(text: str) -> datetime.date | None:
    """What calling dateutil's general parser on each candidate the guard finds costs."""
    for m in _matches(text):
        try:
            return dateutil_parse(m.group(), default=datetime.datetime(2000, 1, 1)).date()
        except (ValueError, OverflowError):
            continue
    return None


# --- measuring -----------------------------------------------------------------------------


def cpu_time(func: Callable[[str], object], items: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for item in items:
            func(item)
        best = min(best, time.process_time() - start)
    return best


def report(title: str, items: list[str], repeat: int,
           funcs: list[tuple[str, Callable[[str], object]]]) -> None:
    print(f"\n{title}: {len(items):,} captions, best of {repeat}")
    times = {name: cpu_time(func, items, repeat) for name, func in funcs}
    reference = times[funcs[0][0]]
    for name, seconds in times.items():
        rate = len(items) / seconds if seconds else float("inf")
        print(f"  {name:34} {rate:>12,.0f} captions/s  {seconds / len(items) * 1e6:8.2f} us"
              f"  x{seconds / reference:6.2f} of {funcs[0][0]}")


def generated_report(n: int, repeat: int) -> None:
    chunk = 100_000
    totals: dict[str, float] = collections.defaultdict(float)
    funcs: list[tuple[str, Callable[[str], object]]] = [
        ("parse_caption", parse_caption), ("floor (Caption, no parsing)", floor),
        ("str.rsplit(None, 1)", rsplit_floor),
        ("placeholder (3 patterns)", placeholder), ("find_date alone", find_date),
    ]
    rng_items = generated(n)
    done = 0
    credits = dates = 0
    while done < n:
        items = [next(rng_items) for _ in range(min(chunk, n - done))]
        for name, func in funcs:
            totals[name] += cpu_time(func, items, repeat)
        caps = [parse_caption(s) for s in items]
        credits += sum(c.credit is not None for c in caps)
        dates += sum(c.date is not None for c in caps)
        done += len(items)
    print(f"\nGenerated: {n:,} captions ({credits / n:.0%} with a credit, {dates / n:.0%} "
          f"with a date found), best of {repeat} per chunk of {chunk:,}")
    reference = totals["parse_caption"]
    for name, seconds in totals.items():
        print(f"  {name:34} {n / seconds:>12,.0f} captions/s  {seconds / n * 1e6:8.2f} us"
              f"  x{seconds / reference:6.2f} of parse_caption")


def agreement() -> None:
    rows = list(read_tsv(SHARED / "captions-real.tsv"))
    labelled = [r for r in rows if r["credit"].strip()]
    verdicts = [judge(r["caption"], r["credit"]) for r in labelled]
    n = len(labelled)
    print(f"\nAgreement on the {n} labelled rows of captions-real.tsv (of {len(rows)}):")
    for what in ("text", "agency", "photographers"):
        share = sum(getattr(v, what) for v in verdicts) / n
        print(f"  {what:14} {share:7.1%}")
    for r, v in zip(labelled, verdicts, strict=True):
        if not (v.text and v.agency and v.photographers):
            got = v.credit.raw if v.credit else None
            print(f"  FAIL text={v.text} agency={v.agency} photographers={v.photographers}: "
                  f"{got!r} vs label {r['credit']!r}")
    unlabelled = [r["caption"] for r in rows if not r["credit"].strip()]
    missing = [c for c in unlabelled if split_credit(c)[1] is None]
    print(f"\nUnlabelled rows: a credit found in {1 - len(missing) / len(unlabelled):.1%} of "
          f"{len(unlabelled)}; none found in:")
    for caption in missing:
        print(f"  ...{caption[-90:]!r}")
    credits = [r["credit"] for r in read_tsv(SHARED / "credits-real.tsv") if r["credit"].strip()]
    parsed = [parse_credit(c) for c in credits]
    kinds = collections.Counter(c.kind.value for c in parsed if c is not None)
    both = sum(1 for c in parsed if c is not None and c.photographers and c.agency)
    print(f"\ncredits-real.tsv: {len(credits)} credits; kinds: {dict(kinds.most_common())}; "
          f"photographer and agency both found in {both}")


TARGETS = {"credit": 0.97, "agency": 0.95, "photographers": 0.95, "date": 0.95}


def labelled_agreement() -> None:
    """Agreement with the hand labels of captions-labelled.tsv, every miss listed."""
    path = SHARED / "captions-labelled.tsv"
    if not path.is_file():
        print(f"\n{path} is absent: skipping the hand-labelled captions")
        return
    rows = list(read_tsv(path))
    verdicts = [judge_labelled(r) for r in rows]
    credited = [v for r, v in zip(rows, verdicts, strict=True) if r["credit"].strip()]
    print(f"\nAgreement with the hand labels of captions-labelled.tsv ({len(rows)} captions, "
          f"{len(credited)} with a credit; the file was in view while the rules were written):")
    for what, target in TARGETS.items():
        share = sum(getattr(v, what) for v in verdicts) / len(rows)
        on_credited = sum(getattr(v, what) for v in credited) / len(credited)
        mark = "ok" if share >= target else "BELOW TARGET"
        print(f"  {what:14} {share:7.1%} of all rows, {on_credited:7.1%} of the credited rows"
              f"  (target {target:.0%}: {mark})")
    unsure = sum(1 for v in verdicts
                 if v.caption.credit is not None and v.caption.credit.kind is CreditKind.UNSURE)
    print(f"  credits marked unsure: {unsure}")
    for r, v in zip(rows, verdicts, strict=True):
        fields = [w for w in TARGETS if not getattr(v, w)]
        if fields:
            print(f"  MISS {'/'.join(fields)}: ...{r['caption'][-70:]!r}")
            print(f"       label: credit={r['credit']!r} agency={r['agency']!r} "
                  f"photographers={r['photographers']!r} date={r['date']!r}")
            print(f"       got:   credit={v.got_credit!r} agency={'; '.join(v.got_agencies)!r} "
                  f"photographers={'; '.join(v.got_photographers)!r} date={v.got_date!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="generated captions")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    real_path = SHARED / "captions-real.tsv"
    if real_path.is_file():
        lines = [r["caption"] for r in read_tsv(real_path)]
        fast = sum(fast_split(line, KNOWN_AGENCIES) is not None for line in lines)
        print(f"The fast path answers {fast} of the {len(lines)} real captions "
              f"({fast / len(lines):.0%}); the general parser the rest.")
        real = lines * 50
        report("Real captions (captions-real.tsv x50)", real, args.repeat, [
            ("parse_caption", parse_caption), ("floor (Caption, no parsing)", floor),
            ("str.rsplit(None, 1)", rsplit_floor),
            ("placeholder (3 patterns)", placeholder), ("find_date alone", find_date),
            ("dateutil.parse on each candidate", dateutil_dates),
        ])
        agreement()
        labelled_agreement()
    else:
        print(f"{real_path} is absent: skipping the real captions")
    generated_report(args.n, args.repeat)


if __name__ == "__main__":
    main()
