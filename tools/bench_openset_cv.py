"""How well the shipped open-set calibration carries over to people it has never seen (cross-validation).

The impostor table in models/manifest.json is fitted on LFW View 1 training people. Whether the threshold it
gives holds the target FPIR for ANOTHER population cannot be read off the same people, so this tool splits
the training people in two random halves, fits the table on one half exactly as tools/calibrate_openset.py
does (app/core/evaluation/openset_tails.measure), and decides rosters drawn from the OTHER half through the
kiosk's own decision code (OpenSetDecider at the shipped defaults: target FPIR, margin, gallery shift).
Strangers are every person of that half not on the roster. Each split is run in both directions; the shipped
table itself is then checked on the View 1 test people, which no fit has seen.

    python tools/bench_openset_cv.py --lfw ../shared/data/lfw [--splits 3] [--rosters 10]
        [--gallery-sizes 50,100] [--kinds 2x3,3x3,1x1] [--json]

It prints, per template×probe kind and gallery size, the pooled FPIR with its Clopper-Pearson interval, the
strangers accepted in each half (to show how unevenly they fall), and TPIR.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.evaluation.embedding_cache import embed_folder
from app.core.evaluation.openset import groups
from app.core.evaluation.openset_tails import measure, parse_kind
from app.core.evaluation.rates import clopper_pearson
from app.core.matcher import Matcher
from app.core.recognition.calibration import Calibrator, OpensetTable, load_table
from app.core.recognition.decision import MATCH, OpenSetDecider, fuse
from app.core.settings import RecognitionSettings

Vector = npt.NDArray[np.float32]
People = dict[str, list[Vector]]
TABLE_KINDS = ["1x1", "1x3", "2x3", "3x3"]  # as tools/calibrate_openset.py


@dataclass
class Tally:
    accepted: int = 0
    strangers: int = 0
    correct: int = 0
    mated: int = 0
    by_half: list[int] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.accepted += other.accepted
        self.strangers += other.strangers
        self.correct += other.correct
        self.mated += other.mated
        self.by_half.append(other.accepted)

    def to_json(self) -> dict[str, object]:
        low, high = clopper_pearson(self.accepted, self.strangers)
        return {
            "fpir": self.accepted / max(1, self.strangers),
            "fpir_ci95": [float(f"{low:.3g}"), float(f"{high:.3g}")],
            "strangers_accepted": self.accepted,
            "stranger_probes": self.strangers,
            "accepted_by_half": self.by_half,
            "tpir": round(self.correct / max(1, self.mated), 4),
            "mated_probes": self.mated,
        }


def read_people(path: Path) -> list[str]:
    return [line.split()[0] for line in path.read_text().splitlines()[1:] if line.strip()]


def decide_rosters(
    table: OpensetTable, people: People, enrol: int, probe: int, size: int, rosters: int, seed: int
) -> Tally:
    """`rosters` random rosters of `size` people of `people`; everyone else there is a stranger."""
    settings = RecognitionSettings()
    eligible = sorted(k for k, v in people.items() if len(v) >= enrol + probe)
    rng = random.Random(seed)
    tally = Tally()

    def tracks(vectors: list[Vector]) -> list[Vector]:
        return [g if probe > 1 else g[0] for g in groups(vectors, probe)]

    for _ in range(rosters):
        roster = rng.sample(eligible, min(size, len(eligible)))
        chosen = set(roster)
        matcher = Matcher(128, capacity=len(roster))
        matcher.add_many(roster, np.stack([fuse(np.stack(people[k][:enrol])) for k in roster]))
        decider = OpenSetDecider(matcher, settings, Calibrator(matcher, table))
        strangers = [t for k, vs in people.items() if k not in chosen for t in tracks(vs)]
        tally.accepted += sum(d.decision == MATCH for d in decider.decide_many(strangers))
        tally.strangers += len(strangers)
        mated = [(k, t) for k in roster for t in tracks(people[k][enrol:])]
        decisions = decider.decide_many([t for _, t in mated])
        tally.correct += sum(
            d.decision == MATCH and d.key == k for d, (k, _) in zip(decisions, mated, strict=True)
        )
        tally.mated += len(mated)
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lfw", type=Path, required=True, help="LFW folder (lfw-deepfunneled/, people*.txt)")
    parser.add_argument("--splits", type=int, default=3, help="random halvings of the training people")
    parser.add_argument("--rosters", type=int, default=10, help="random rosters per half and size")
    parser.add_argument("--gallery-sizes", default="50,100")
    parser.add_argument("--kinds", default="2x3,3x3,1x1", help="E×P: photos enrolled × photos per probe")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    root = args.lfw / "lfw-deepfunneled"
    if not root.is_dir():
        print(f"error: {root} is not a folder", file=sys.stderr)
        return 2
    embedded = embed_folder(root, "lfw-deepfunneled")
    everyone = {name: [v for _, v in rows] for name, rows in embedded.by_person().items()}
    train = [k for k in read_people(args.lfw / "peopleDevTrain.txt") if k in everyone]
    test = {k: everyone[k] for k in read_people(args.lfw / "peopleDevTest.txt") if k in everyone}
    sizes = [int(s) for s in args.gallery_sizes.split(",")]
    kinds = [parse_kind(k) for k in args.kinds.split(",")]
    cv: dict[str, Tally] = {f"{e}x{p}@{n}": Tally() for e, p in kinds for n in sizes}
    for split in range(args.splits):
        names = train[:]
        random.Random(100 + split).shuffle(names)
        halves = [names[: len(names) // 2], names[len(names) // 2 :]]
        for fit, judge in ((0, 1), (1, 0)):
            tails = measure({k: everyone[k] for k in halves[fit]}, TABLE_KINDS)
            table = OpensetTable({t.kind: t.tail for t in tails if t.tail}, f"half {fit} of split {split}")
            held_out = {k: everyone[k] for k in halves[judge]}
            for e, p in kinds:
                for n in sizes:
                    cv[f"{e}x{p}@{n}"].add(decide_rosters(table, held_out, e, p, n, args.rosters, split))
    shipped = load_table()
    on_test = {
        f"{e}x{p}@{n}": decide_rosters(shipped, test, e, p, n, args.rosters, 1)
        for e, p in kinds
        for n in sizes
    }
    report = {
        "target_fpir": RecognitionSettings().target_fpir,
        "cross_validation": {k: t.to_json() for k, t in cv.items()},
        "shipped_table_on_test_people": {k: t.to_json() for k, t in on_test.items()},
    }
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    for label, rows in (
        ("fit on one half, judged on the other", cv),
        ("shipped table, View 1 test", on_test),
    ):
        print(label)
        for key, tally in rows.items():
            row = tally.to_json()
            print(
                f"  {key:>9}: FPIR {row['fpir']:.2e} {row['fpir_ci95']} "
                f"({tally.accepted}/{tally.strangers}, by half {tally.by_half or '-'})"
                f", TPIR {row['tpir']:.1%}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
