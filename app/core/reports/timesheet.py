"""The timesheet computation: events -> per person per working day, summaries, totals and daily series.

Vectorised with numpy: events are sorted once by (person, working day, time) and every figure is a segmented
reduction over that order. Rules:

* a working day is named after the local date its shift starts (core/schedule/shifts.py): for a day shift the
  calendar day in the organisation's zone (a DST day has 23 or 25 hours); for a night shift (end <= start,
  e.g. 22:00-06:00) the 24 h from `start - early_margin_minutes`, so its check-out the next morning belongs
  to the day it started;
* voided events are ignored, manual (corrected) events count like any other;
* a check-in directly followed by a check-out the same working day is a pair; worked time is the sum of pairs
  in real elapsed seconds. A check-in not followed by a check-out is a *missing check-out* (flagged, nothing
  is invented); a check-out not preceded by a check-in is a *missing check-in*. Pairs never cross the
  working-day boundary (midnight for a day shift);
* late: the working day's first check-in is after shift start + grace on a working day; late minutes count
  from shift start in wall-clock time, a started minute counts (09:05:01 with 5 min grace is 6 min late);
* absent: an active person with no event at all in a working day of their shift that is not a holiday
  (holidays and weekdays refer to the start day).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np

from app.core.records import Person
from app.core.reports.model import (
    I32,
    I64,
    B,
    DailySeries,
    DayTable,
    EventColumns,
    PersonSummary,
    Report,
    ReportError,
    ReportQuery,
    Totals,
    period_dates,
)
from app.core.reports.source import ColumnarEventSource, EventSource
from app.core.schedule.shifts import DAY_SECONDS, day_cut_seconds, seconds_of, shift_for
from app.core.settings import ReportSettings, Shift

log = logging.getLogger(__name__)

_EPOCH = date(1970, 1, 1)
_DAY = DAY_SECONDS


def resolve_zone(settings: ReportSettings, hint: str = "") -> ZoneInfo:
    """The organisation's zone: settings, else the zone the devices report, else UTC."""
    name = settings.timezone or hint or "UTC"
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ReportError(f"Unknown time zone '{name}'; use an IANA name such as Europe/Berlin.") from exc


def local_midnight_utc(day: date, zone: ZoneInfo) -> int:
    return int(datetime.combine(day, time(0), tzinfo=zone).timestamp())


def utc_offset_table(zone: ZoneInfo, start_s: int, end_s: int) -> tuple[I64, I64]:
    """(instants, offsets): offset(t) = offsets[searchsorted(instants, t, 'right')] for start_s <= t <= end_s.

    Offsets are sampled hourly and each change is located to the second by bisection.
    """

    def off(s: int) -> int:
        delta = datetime.fromtimestamp(s, UTC).astimezone(zone).utcoffset()
        return int(delta.total_seconds()) if delta is not None else 0

    instants: list[int] = []
    offsets = [off(start_s)]
    s = start_s
    while s < end_s:
        nxt = min(s + 3600, end_s)
        o = off(nxt)
        if o != offsets[-1]:
            lo, hi = s, nxt
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if off(mid) == offsets[-1]:
                    lo = mid
                else:
                    hi = mid
            instants.append(hi)
            offsets.append(o)
        s = nxt
    return np.asarray(instants, np.int64), np.asarray(offsets, np.int64)


def fetch_window(query: ReportQuery) -> tuple[datetime, datetime]:
    """A UTC window that surely holds every working day of the period in any zone (UTC-14 … UTC+14): a night
    shift's working day ends up to a day after the local day."""
    start = datetime.combine(query.start - timedelta(days=1), time(0), tzinfo=UTC)
    end = datetime.combine(query.end + timedelta(days=3), time(0), tzinfo=UTC)
    return start, end


def build_report(
    source: EventSource,
    settings: ReportSettings,
    query: ReportQuery,
    shifts: Mapping[str, Shift] | None = None,
) -> Report:
    """Fetch the period's people and events from `source` and compute the report."""
    start, end = fetch_window(query)
    if isinstance(source, ColumnarEventSource):
        columns = source.event_columns_between(start, end)
    else:
        columns = EventColumns.from_events(source.events_between(start, end))
    return compute_report(columns, source.persons(active_only=False), settings, query, shifts)


def compute_report(
    columns: EventColumns,
    persons: Sequence[Person],
    settings: ReportSettings,
    query: ReportQuery,
    shifts: Mapping[str, Shift] | None = None,
) -> Report:
    """The report for `query` from events in columnar form (pure; no I/O)."""
    zone = resolve_zone(settings, columns.zone_hint)
    dates = period_dates(query)
    n_d = len(dates)
    sel = sorted((p for p in persons if query.matches(p)), key=lambda p: (p.name.casefold(), p.external_id))
    n_p = len(sel)
    person_shift = [shift_for(p, settings, shifts) for p in sel]
    uniq: list[Shift] = []
    shift_idx = np.zeros(n_p, np.int64)
    for i, sh in enumerate(person_shift):
        j = next((k for k, u in enumerate(uniq) if u is sh), -1)
        if j < 0:
            uniq.append(sh)
            j = len(uniq) - 1
        shift_idx[i] = j

    # Working days per shift (weekday in the shift, not a holiday) and shift start in wall-clock seconds.
    holidays = set(settings.holidays)
    work_mask = np.array(
        [[d.weekday() in sh.weekdays and d not in holidays for d in dates] for sh in uniq]
        or np.zeros((0, n_d)),
        dtype=bool,
    ).reshape(len(uniq), n_d)
    start_s = np.array([seconds_of(sh.start) for sh in uniq], np.int64)
    cut_s = np.array([day_cut_seconds(sh) for sh in uniq], np.int64)
    grace_s = np.array([sh.grace_minutes * 60 for sh in uniq], np.int64)
    active = np.array([p.active for p in sel], bool)
    expected = work_mask[shift_idx] & active[:, None] if n_p else np.zeros((0, n_d), bool)

    # Select: not voided, a selected person, in a working day of the period (a night shift's working day
    # ends after local midnight: fetch one local day more, then keep the events by working day).
    lo_s = local_midnight_utc(query.start, zone)
    hi_s = local_midnight_utc(query.end + timedelta(days=2 if cut_s.any() else 1), zone)
    lut = np.full(len(columns.person_ids), -1, np.int64)
    index = {p.uuid: i for i, p in enumerate(sel)}
    for code, uuid in enumerate(columns.person_ids):
        lut[code] = index.get(uuid, -1)
    p_all = lut[columns.person] if len(columns) else np.zeros(0, np.int64)
    mask = (~columns.voided) & (columns.t >= lo_s) & (columns.t < hi_s) & (p_all >= 0)
    t = columns.t[mask]
    p = p_all[mask]
    is_in = columns.is_in[mask]
    manual = columns.manual[mask]

    instants, offsets = utc_offset_table(zone, lo_s, hi_s)
    local = t + offsets[np.searchsorted(instants, t, side="right")]
    if cut_s.any():  # working day = (wall clock - the shift's day cut) // day; the cut is 0 for day shifts
        work_day = (local - cut_s[shift_idx[p]]) // _DAY
        day = work_day - (query.start - _EPOCH).days
        keep = (day >= 0) & (day < n_d)
        t, p, is_in, manual, local = t[keep], p[keep], is_in[keep], manual[keep], local[keep]
        work_day, day = work_day[keep], day[keep]
    else:
        work_day = local // _DAY
        day = work_day - (query.start - _EPOCH).days
    n = len(t)
    # Wall-clock seconds after the working day's midnight (>= 1 day for a night shift's next morning).
    tod = local - work_day * _DAY
    key = p * n_d + day

    # One sort by (person, day, time, in-before-out).
    span = hi_s - lo_s + 1
    if max(n_p * n_d, 1) * span * 2 < 2**62:
        order = np.argsort((key * span + (t - lo_s)) * 2 + (~is_in))  # keys are unique but for exact ties
    else:  # pragma: no cover - only for absurdly large periods
        order = np.lexsort((~is_in, t, key))
    ks, ts, ins, tods, mans = key[order], t[order], is_in[order], tod[order], manual[order]

    if n:
        new_grp = np.ones(n, bool)
        new_grp[1:] = ks[1:] != ks[:-1]
        starts = np.flatnonzero(new_grp)
        pair_start = np.zeros(n, bool)
        pair_start[:-1] = ins[:-1] & ~ins[1:] & ~new_grp[1:]
        pair_end = np.zeros(n, bool)
        pair_end[1:] = pair_start[:-1]
        dur = np.zeros(n, np.int64)
        dur[:-1] = np.where(pair_start[:-1], ts[1:] - ts[:-1], 0)
        idx = np.arange(n)
        fi_idx = np.minimum.reduceat(np.where(ins, idx, n), starts)
        lo_idx = np.maximum.reduceat(np.where(ins, -1, idx), starts)
        g_first_in = np.where(fi_idx < n, tods[np.minimum(fi_idx, n - 1)], -1).astype(np.int32)
        g_last_out = np.where(lo_idx >= 0, tods[np.maximum(lo_idx, 0)], -1).astype(np.int32)
        g_worked = np.add.reduceat(dur, starts)
        g_pairs = np.add.reduceat(pair_start.astype(np.int32), starts)
        g_mco = np.add.reduceat((ins & ~pair_start).astype(np.int32), starts)
        g_mci = np.add.reduceat((~ins & ~pair_end).astype(np.int32), starts)
        g_events = np.diff(np.append(starts, n)).astype(np.int32)
        g_manual = np.add.reduceat(mans.astype(np.int32), starts)
        gkey = ks[starts]
    else:
        g_first_in = g_last_out = g_pairs = g_mco = g_mci = g_events = g_manual = np.zeros(0, np.int32)
        g_worked = gkey = np.zeros(0, np.int64)
    gp, gd = gkey // max(n_d, 1), gkey % max(n_d, 1)
    g_sh = shift_idx[gp]
    g_working = work_mask[g_sh, gd] if len(gp) else np.zeros(0, bool)
    g_late = g_working & (g_first_in >= 0) & (g_first_in > start_s[g_sh] + grace_s[g_sh])
    g_late_min = np.where(g_late, (g_first_in - start_s[g_sh] + 59) // 60, 0).astype(np.int32)
    # The day table shows wall-clock times of day (a night shift's 06:10 check-out is 06:10, not 30:10).
    g_first_in = np.where(g_first_in >= 0, g_first_in % _DAY, -1).astype(np.int32)
    g_last_out = np.where(g_last_out >= 0, g_last_out % _DAY, -1).astype(np.int32)

    present = np.zeros((n_p, n_d), bool)
    present[gp, gd] = True
    absent_grid = expected & ~present
    ap, ad = np.nonzero(absent_grid)
    days = _merge_rows(
        gp,
        gd,
        g_first_in,
        g_last_out,
        g_worked,
        g_pairs,
        g_mco,
        g_mci,
        g_events,
        g_manual,
        g_working,
        g_late,
        g_late_min,
        ap,
        ad,
        n_d,
    )

    def per_person(values: np.ndarray) -> I64:
        return np.bincount(gp, weights=values, minlength=n_p).round().astype(np.int64)

    working_days = expected.sum(axis=1)
    days_present = np.bincount(gp, minlength=n_p)
    absences = absent_grid.sum(axis=1)
    late_days, late_minutes = per_person(g_late), per_person(g_late_min)
    worked, mco, mci = per_person(g_worked), per_person(g_mco), per_person(g_mci)
    man, evs = per_person(g_manual), per_person(g_events)
    summaries = [
        PersonSummary(
            person=sel[i],
            shift=person_shift[i].name,
            working_days=int(working_days[i]),
            days_present=int(days_present[i]),
            absences=int(absences[i]),
            late_days=int(late_days[i]),
            late_minutes=int(late_minutes[i]),
            worked_hours=round(int(worked[i]) / 3600, 4),
            missing_checkouts=int(mco[i]),
            missing_checkins=int(mci[i]),
            manual_events=int(man[i]),
        )
        for i in range(n_p)
    ]
    totals = Totals(
        persons=n_p,
        working_days=int(working_days.sum()),
        days_present=int(days_present.sum()),
        absences=int(absences.sum()),
        late_days=int(late_days.sum()),
        late_minutes=int(late_minutes.sum()),
        worked_hours=round(int(worked.sum()) / 3600, 4),
        missing_checkouts=int(mco.sum()),
        missing_checkins=int(mci.sum()),
        manual_events=int(man.sum()),
        events=int(evs.sum()),
    )
    daily = DailySeries(
        dates=dates,
        expected=expected.sum(axis=0).astype(np.int32),
        present=present.sum(axis=0).astype(np.int32),
        absent=absent_grid.sum(axis=0).astype(np.int32),
        late=np.bincount(gd, weights=g_late, minlength=n_d).astype(np.int32),
    )
    log.debug("report %s: %d people, %d events, %d day rows", query, n_p, n, len(days))
    return Report(
        query=query,
        organisation=settings.organisation_name,
        timezone=zone.key,
        persons=sel,
        shifts=person_shift,
        dates=dates,
        days=days,
        summaries=summaries,
        totals=totals,
        daily=daily,
    )


def _merge_rows(
    gp: I64,
    gd: I64,
    first_in: I32,
    last_out: I32,
    worked: I64,
    pairs: I32,
    mco: I32,
    mci: I32,
    events: I32,
    manual: I32,
    working: B,
    late: B,
    late_min: I32,
    ap: I64,
    ad: I64,
    n_d: int,
) -> DayTable:
    """Rows for days with events plus absence rows, ordered by person then day."""
    m = len(ap)
    z32 = np.zeros(m, np.int32)
    order = np.argsort(np.concatenate([gp * n_d + gd, ap * n_d + ad]))  # unique keys

    def cat(a: np.ndarray, b: np.ndarray, dtype: type) -> np.ndarray:
        return np.concatenate([a.astype(dtype), b.astype(dtype)])[order]

    return DayTable(
        person=cat(gp, ap, np.int32),
        day=cat(gd, ad, np.int32),
        first_in=cat(first_in, z32 - 1, np.int32),
        last_out=cat(last_out, z32 - 1, np.int32),
        worked=cat(worked, np.zeros(m, np.int64), np.int64),
        pairs=cat(pairs, z32, np.int32),
        missing_checkout=cat(mco, z32, np.int32),
        missing_checkin=cat(mci, z32, np.int32),
        events=cat(events, z32, np.int32),
        manual=cat(manual, z32, np.int32),
        working_day=cat(working, np.ones(m, bool), np.bool_),
        late=cat(late, np.zeros(m, bool), np.bool_),
        late_minutes=cat(late_min, z32, np.int32),
        absent=cat(np.zeros(len(gp), bool), np.ones(m, bool), np.bool_),
    )
