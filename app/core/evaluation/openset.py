"""Open-set benchmark through the real decision code (app/core/recognition/decision.py).

For each gallery size, a random (seeded) set of people is enrolled with E photos each (one averaged
template); their later photos, in disjoint groups of P, are mated probes; every other person (never
enrolled in that gallery) gives stranger probes from all their photos, in groups of P. Every probe is one
track decided by OpenSetDecider at the shipped defaults (target FPIR, margin, calibrated threshold).

A random gallery of 400 leaves few strangers (771 three-photo probes of LFW's 901 people with 3 photos), too
few to resolve a FPIR of 1e-3: every counted rate comes with its Clopper-Pearson interval, and a second
estimate uses every person as a stranger of every gallery that leaves them out (app/core/evaluation/rates.py:
each person's P-photo groups, after their E enrolment photos, scored against every other person's template,
averaged over all galleries of the size). The oracle TPIR at a FPIR (the best any threshold could do on
these people) is read off both: `tpir_at_fpir` from the gallery's own strangers, `tpir_at_fpir_subsets`
from the pooled estimate, without and with the margin rule.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from app.core.evaluation.rates import SubsetEstimator, clopper_pearson
from app.core.matcher import Matcher, l2_normalise
from app.core.recognition.calibration import Calibrator
from app.core.recognition.decision import MATCH, Decision, OpenSetDecider, fuse
from app.core.recognition.refresh import RefreshRule
from app.core.settings import RecognitionSettings

Vector = npt.NDArray[np.float32]
FPIR_POINTS = (1e-2, 1e-3, 1e-4)


@dataclass
class GalleryResult:
    gallery_size: int
    mated_probes: int
    stranger_probes: int
    threshold_similarity: float
    threshold_distance: float
    fpir: float
    strangers_accepted: int
    tpir: float
    wrong_person: float
    wrong_person_count: int
    ambiguous_mated: float
    rank1: float
    refreshes: int = 0  # template updates (with --refresh)
    tpir_at_fpir: dict[str, float | None] = field(default_factory=dict)
    stranger_people: int = 0
    threshold_source: str = ""  # "lfw:<kind>" or "lfw:<kind>+gallery" (the gallery's own tail raised it)
    fpir_ci95: tuple[float, float] = (0.0, 1.0)  # Clopper-Pearson, two-sided
    wrong_person_ci95: tuple[float, float] = (0.0, 1.0)
    # pooled estimate (every person a stranger of every gallery without them), at the threshold in use
    fpir_subsets: float | None = None
    fpir_subsets_probes: int = 0
    fpir_subsets_carriers: int = 0  # probes with a non-zero chance of acceptance: the evidence
    fpir_subsets_carrier_people: int = 0  # distinct people among them
    tpir_at_fpir_subsets: dict[str, dict[str, float]] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        out = asdict(self)
        for key, value in out.items():
            if isinstance(value, float):
                out[key] = round(value, 6)
            elif isinstance(value, tuple):
                out[key] = [float(f"{v:.3g}") for v in value]
        return out


def groups(vectors: list[Vector], size: int) -> list[Vector]:
    """Disjoint consecutive groups of `size` vectors, each as a (size × dim) stack."""
    return [np.stack(vectors[i : i + size]) for i in range(0, len(vectors) - size + 1, size)]


def _tpir_at(
    stranger_top: Vector, mated_top: Vector, mated_correct: npt.NDArray[np.bool_], fpir: float
) -> float | None:
    """TPIR at the empirical threshold letting ≤ fpir of the strangers in (None: too few strangers)."""
    if len(stranger_top) == 0 or fpir * len(stranger_top) < 1:
        return None
    ordered = np.sort(stranger_top)[::-1]
    allowed = int(np.floor(fpir * len(ordered)))
    threshold = float(np.nextafter(ordered[allowed], np.float32(np.inf))) if allowed < len(ordered) else -1.0
    return float(np.mean(mated_correct & (mated_top >= threshold))) if len(mated_top) else 0.0


def evaluate_gallery(
    people: dict[str, list[Vector]],
    enrolled: list[str],
    enrol: int,
    probe: int,
    settings: RecognitionSettings,
    refresh: RefreshRule | None = None,
    pooled: SubsetEstimator | None = None,
) -> GalleryResult:
    """Mated probes are decided one visit at a time (round robin over the people, each person's photos in
    file order: LFW's numbering stands in for time); with `refresh`, confident matches update the template
    before the next visit. Strangers are decided against the final gallery."""
    chosen = set(enrolled)
    matcher = Matcher(next(iter(people.values()))[0].shape[-1], capacity=max(1, len(enrolled)))
    matcher.add_many(enrolled, np.stack([fuse(np.stack(people[k][:enrol])) for k in enrolled]))
    decider = OpenSetDecider(matcher, settings, Calibrator(matcher))
    visits = {key: groups(people[key][enrol:], probe) for key in enrolled}
    mated_owner: list[str] = []
    mated: list[Vector] = []
    for round_ in range(max((len(v) for v in visits.values()), default=0)):
        for key in enrolled:
            if round_ < len(visits[key]):
                mated_owner.append(key)
                mated.append(visits[key][round_])
    strangers = [g for name, vs in people.items() if name not in chosen for g in groups(vs, probe)]
    refreshes = 0
    if refresh is None:
        mated_dec = decider.decide_many(mated)
    else:
        anchors = {k: matcher.vector(k) for k in enrolled}
        mated_dec = []
        for track in mated:
            decision: Decision = decider.decide(track)
            mated_dec.append(decision)
            if decision.key is not None and refresh.eligible(decision, live=True):
                current = matcher.vector(decision.key)
                matcher.add(decision.key, refresh.update(anchors[decision.key], current, fuse(track)))
                refreshes += 1
    stranger_dec = decider.decide_many(strangers)
    owner = np.array(mated_owner)
    m_key = np.array([d.key for d in mated_dec], dtype=object)
    m_match = np.array([d.decision == MATCH for d in mated_dec], dtype=bool)
    m_top = np.array([d.similarity for d in mated_dec], dtype=np.float32)
    correct_top = m_key == owner
    s_match = np.array([d.decision == MATCH for d in stranger_dec], dtype=bool)
    s_top = np.array([d.similarity for d in stranger_dec], dtype=np.float32)
    threshold = decider.threshold(frames=probe)
    n_m, n_s = max(1, len(mated)), max(1, len(strangers))
    accepted, wrong = int(s_match.sum()), int((m_match & ~correct_top).sum())
    m_margin = np.array([d.margin for d in mated_dec], dtype=np.float32)
    pooled_at = pooled.at(threshold.similarity, len(enrolled)) if pooled is not None else None
    return GalleryResult(
        gallery_size=len(enrolled),
        mated_probes=len(mated),
        stranger_probes=len(strangers),
        threshold_similarity=threshold.similarity,
        threshold_distance=threshold.distance,
        fpir=float(s_match.sum() / n_s),
        strangers_accepted=int(s_match.sum()),
        tpir=float((m_match & correct_top).sum() / n_m),
        wrong_person=float((m_match & ~correct_top).sum() / n_m),
        wrong_person_count=int((m_match & ~correct_top).sum()),
        ambiguous_mated=float(np.mean([d.decision == "ambiguous" for d in mated_dec])) if mated_dec else 0.0,
        rank1=float(correct_top.mean()) if len(mated) else 0.0,
        tpir_at_fpir={f"{f:.0e}": _tpir_at(s_top, m_top, correct_top, f) for f in FPIR_POINTS},
        refreshes=refreshes,
        threshold_source=threshold.source,
        stranger_people=len({name for name, vs in people.items() if name not in chosen and len(vs) >= probe}),
        fpir_ci95=clopper_pearson(accepted, len(strangers)),
        wrong_person_ci95=clopper_pearson(wrong, len(mated)),
        fpir_subsets=pooled_at.fpir if pooled_at is not None else None,
        fpir_subsets_probes=pooled_at.probes if pooled_at is not None else 0,
        fpir_subsets_carriers=pooled_at.carriers if pooled_at is not None else 0,
        fpir_subsets_carrier_people=pooled_at.carrier_people if pooled_at is not None else 0,
        tpir_at_fpir_subsets=(
            _pooled_oracle(pooled, len(enrolled), m_top, m_margin, correct_top, settings.margin)
            if pooled is not None
            else {}
        ),
    )


def _pooled_oracle(
    pooled: SubsetEstimator,
    n: int,
    mated_top: Vector,
    mated_margin: Vector,
    mated_correct: npt.NDArray[np.bool_],
    margin: float,
) -> dict[str, dict[str, float]]:
    """TPIR at the lowest threshold whose pooled FPIR estimate holds each target (with its evidence)."""
    out: dict[str, dict[str, float]] = {}
    for target in FPIR_POINTS:
        t = pooled.threshold_for(target, n)
        at = pooled.at(t, n)
        passed = mated_correct & (mated_top >= t)
        out[f"{target:.0e}"] = {
            "threshold": round(t, 4),
            "fpir": float(f"{at.fpir:.3g}"),
            "carriers": at.carriers,
            "carrier_people": at.carrier_people,
            "tpir": round(float(passed.mean()), 4) if len(passed) else 0.0,
            "tpir_with_margin": round(float((passed & (mated_margin >= margin)).mean()), 4)
            if len(passed)
            else 0.0,
        }
    return out


def pooled_strangers(
    people: dict[str, list[Vector]], enrolable: list[str], enrol: int, probe: int
) -> SubsetEstimator:
    """Every person's P-photo groups (after their enrolment photos when enrolable) against the templates of
    every enrolable person but themselves."""
    templates = np.stack([fuse(np.stack(people[k][:enrol])) for k in enrolable])
    index = {k: i for i, k in enumerate(enrolable)}
    owners: list[str] = []
    probes: list[Vector] = []
    for name, vs in people.items():
        for g in groups(vs[enrol:] if name in index else vs, probe):
            owners.append(name)
            probes.append(fuse(g))
    scores = np.stack(probes) @ templates.T if probes else np.zeros((0, len(enrolable)), np.float32)
    excluded = np.zeros(scores.shape, dtype=bool)
    for i, name in enumerate(owners):
        if name in index:
            excluded[i, index[name]] = True
    return SubsetEstimator(scores, owners, excluded)


def evaluate_openset(
    people: dict[str, list[Vector]],
    enrol: int,
    probe: int,
    gallery_sizes: list[int | None],
    settings: RecognitionSettings,
    seed: int = 0,
    refresh: RefreshRule | None = None,
    rosters: int = 1,
) -> dict[str, object]:
    """Per gallery size (None = everyone with enough photos) and the worst case over them; with
    `rosters` > 1, also the counts pooled over that many random rosters (seeds seed, seed + 1, …) of each
    size: one roster's few hundred strangers cannot resolve 1e-3, and a roster's TPIR varies with who is
    on it."""
    people = {k: [l2_normalise(v) for v in vs] for k, vs in people.items()}
    enrolable = sorted(k for k, vs in people.items() if len(vs) >= enrol + probe)
    sizes = [s for s in gallery_sizes if s is None or s <= len(enrolable)]
    if not enrolable or not sizes:
        raise ValueError(f"no one has {enrol + probe} photos: nothing to enrol and probe")
    # refresh moves the templates: the pooled estimate (fixed templates) would not describe that gallery
    pooled = pooled_strangers(people, enrolable, enrol, probe) if refresh is None else None
    runs: list[list[GalleryResult]] = []
    for roster in range(max(1, rosters)):
        rng = random.Random(seed + roster)
        runs.append(
            [
                evaluate_gallery(
                    people,
                    enrolable if size is None else sorted(rng.sample(enrolable, size)),
                    enrol,
                    probe,
                    settings,
                    refresh,
                    pooled if roster == 0 else None,
                )
                for size in sizes
            ]
        )
    results = runs[0]
    out: dict[str, object] = {
        "enrol": enrol,
        "probe_frames": probe,
        "target_fpir": settings.target_fpir,
        "margin": settings.margin,
        "refresh": refresh is not None,
        "fpir_at_default": max(r.fpir for r in results),
        "wrong_person_at_default": max(r.wrong_person for r in results),
        "tpir_at_default": min(r.tpir for r in results),
        "by_gallery_size": {_label(s): r.to_json() for s, r in zip(sizes, results, strict=True)},
    }
    if len(runs) > 1:
        out["over_rosters"] = {
            _label(s): _pool([run[i] for run in runs]) for i, s in enumerate(sizes) if s is not None
        }
    return out


def _label(size: int | None) -> str:
    return "all" if size is None else str(size)


def _pool(results: list[GalleryResult]) -> dict[str, object]:
    """Counts summed over rosters of one size, with exact intervals (strangers recur across rosters, so
    the interval is optimistic about independence)."""
    accepted = sum(r.strangers_accepted for r in results)
    strangers = sum(r.stranger_probes for r in results)
    mated = sum(r.mated_probes for r in results)
    wrong = sum(r.wrong_person_count for r in results)
    passed = sum(round(r.tpir * r.mated_probes) for r in results)
    return {
        "rosters": len(results),
        "strangers_accepted": accepted,
        "stranger_probes": strangers,
        "fpir": round(accepted / max(1, strangers), 6),
        "fpir_ci95": [float(f"{v:.3g}") for v in clopper_pearson(accepted, strangers)],
        "strangers_accepted_by_roster": [r.strangers_accepted for r in results],
        "mated_probes": mated,
        "tpir": round(passed / max(1, mated), 4),
        "tpir_ci95": [float(f"{v:.3g}") for v in clopper_pearson(passed, mated)],
        "tpir_by_roster": [round(r.tpir, 4) for r in results],
        "wrong_person_count": wrong,
        "wrong_person_ci95": [float(f"{v:.3g}") for v in clopper_pearson(wrong, mated)],
    }


def folder_people(root: Path, people_file: Path | None = None) -> dict[str, list[Vector]]:
    """{person: embeddings of their photos in file order} for a Name/photo folder (cached embeddings);
    `people_file` (LFW's peopleDevTest.txt layout: a count line, then "Name<TAB>count") restricts it."""
    from app.core.evaluation.embedding_cache import embed_folder, person_photos

    files = person_photos(root)
    if people_file is not None:
        names = {line.split()[0] for line in people_file.read_text().splitlines()[1:] if line.strip()}
        files = [f for f in files if f.split("/", 1)[0] in names]
    embedded = embed_folder(root, root.name, files)
    return {name: [v for _, v in rows] for name, rows in embedded.by_person().items()}


def parse_gallery_sizes(text: str) -> list[int | None]:
    sizes: list[int | None] = []
    for part in text.split(","):
        part = part.strip().lower()
        if part == "all":
            sizes.append(None)
        elif part.isdigit() and int(part) > 0:
            sizes.append(int(part))
        else:
            raise ValueError(f"gallery sizes are positive numbers or 'all', not {part!r}")
    return sizes
