"""Inputs and results of the report service: the query, columnar events, and the report tables.

No SQL and no Qt here. The hot path works on `EventColumns` (numpy arrays), never on one Python object per
event; `Report` keeps its per-person-per-day table columnar too and builds row objects only on demand.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import numpy as np
import numpy.typing as npt

from app.core.errors import FaceAttendError
from app.core.records import AttendanceEvent, Direction, Person
from app.core.settings import Shift

log = logging.getLogger(__name__)

# The phrases of a timesheet row's notes (DayRow.notes), translated by the exports and the app.
NOTE_TEXTS = ("absent", "late {minutes} min", "missing check-out", "missing check-in", "corrected")


def same_text(text: str) -> str:
    """No translation: the English phrase as it is."""
    return text


I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]

MANUAL_SOURCE = "manual"
# The days a report may cover: attendance is recorded in the computer era, and one report stays a few seconds
# of work (a 1,100-year period took 20 s and dates near year 1 overflowed).
EARLIEST_DAY = date(1970, 1, 1)
LATEST_DAY = date(2999, 12, 31)
MAX_PERIOD_DAYS = 5 * 366  # 5 years, whichever leap years they hold


class ReportError(FaceAttendError):
    """A report cannot be built or written (bad period, unknown zone, unwritable file)."""


@dataclass(frozen=True)
class ReportQuery:
    """A period of local calendar days (both ends included) and optional filters."""

    start: date
    end: date
    group: str | None = None  # matches a person's department or one of their groups
    person_uuid: str | None = None

    def __post_init__(self) -> None:
        for label, day in (("starts", self.start), ("ends", self.end)):
            if not EARLIEST_DAY <= day <= LATEST_DAY:
                raise ReportError(
                    f"The report period {label} on {day.isoformat()}: reports cover days from "
                    f"{EARLIEST_DAY.isoformat()} to {LATEST_DAY.isoformat()}."
                )
        if self.end < self.start:
            raise ReportError(f"The report period ends ({self.end}) before it starts ({self.start}).")
        if self.days > MAX_PERIOD_DAYS:
            raise ReportError(
                f"The report period has {self.days:,} days; one report covers at most {MAX_PERIOD_DAYS:,} "
                "days (5 years): choose a shorter period or run one report per year."
            )

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def matches(self, person: Person) -> bool:
        if self.person_uuid and person.uuid != self.person_uuid:
            return False
        return not self.group or person.department == self.group or self.group in person.groups


@dataclass
class EventColumns:
    """Events as parallel arrays (one entry per event, any order): the fast input form of the report."""

    person_ids: list[str]  # code -> person uuid
    person: I32  # code into person_ids
    t: I64  # UTC, whole seconds since the epoch
    is_in: B  # True: check-in, False: check-out
    voided: B
    manual: B  # source == "manual" (an HR correction)
    zone_hint: str = ""  # the IANA zone most events' devices reported ("" if unknown)

    def __post_init__(self) -> None:
        n = len(self.t)
        for name in ("person", "is_in", "voided", "manual"):
            if len(getattr(self, name)) != n:
                raise ReportError(
                    f"Event columns differ in length: {name} has {len(getattr(self, name))}, t has {n}."
                )

    def __len__(self) -> int:
        return len(self.t)

    @classmethod
    def empty(cls) -> EventColumns:
        return cls(
            [],
            np.zeros(0, np.int32),
            np.zeros(0, np.int64),
            np.zeros(0, bool),
            np.zeros(0, bool),
            np.zeros(0, bool),
        )

    @classmethod
    def from_events(cls, events: Iterable[AttendanceEvent]) -> EventColumns:
        codes: dict[str, int] = {}
        person: list[int] = []
        t: list[int] = []
        is_in: list[bool] = []
        voided: list[bool] = []
        manual: list[bool] = []
        zones: Counter[str] = Counter()
        for ev in events:
            if ev.at_utc.tzinfo is None:
                raise ReportError(f"Event {ev.uuid} has a naive timestamp; events must be stored in UTC.")
            person.append(codes.setdefault(ev.person_uuid, len(codes)))
            t.append(int(ev.at_utc.timestamp() // 1))
            is_in.append(ev.direction == Direction.IN)
            voided.append(ev.voided)
            manual.append(ev.source == MANUAL_SOURCE)
            zones[ev.tz_name] += 1
        return cls(
            person_ids=list(codes),
            person=np.asarray(person, np.int32),
            t=np.asarray(t, np.int64),
            is_in=np.asarray(is_in, bool),
            voided=np.asarray(voided, bool),
            manual=np.asarray(manual, bool),
            zone_hint=zones.most_common(1)[0][0] if zones else "",
        )

    def select(self, mask: B) -> EventColumns:
        return EventColumns(
            self.person_ids,
            self.person[mask],
            self.t[mask],
            self.is_in[mask],
            self.voided[mask],
            self.manual[mask],
            self.zone_hint,
        )

    def between(self, start_utc: datetime, end_utc: datetime) -> EventColumns:
        """Events with start_utc <= at < end_utc."""
        lo, hi = int(start_utc.timestamp()), int(end_utc.timestamp())
        return self.select((self.t >= lo) & (self.t < hi))

    def to_events(self, tz_name: str = "UTC", device_id: str = "") -> list[AttendanceEvent]:
        """Materialise AttendanceEvent objects (slow; for tests and sources that need objects)."""
        out = []
        for i, (p, ts, din, vo, ma) in enumerate(
            zip(
                self.person.tolist(),
                self.t.tolist(),
                self.is_in.tolist(),
                self.voided.tolist(),
                self.manual.tolist(),
                strict=True,
            )
        ):
            out.append(
                AttendanceEvent(
                    uuid=f"col-{i}",
                    person_uuid=self.person_ids[p],
                    at_utc=datetime.fromtimestamp(ts, UTC),
                    tz_name=self.zone_hint or tz_name,
                    direction=Direction.IN if din else Direction.OUT,
                    match_score=1.0,
                    liveness_score=1.0,
                    device_id=device_id,
                    voided=vo,
                    source=MANUAL_SOURCE if ma else "import",
                )
            )
        return out


@dataclass
class DayTable:
    """One row per person-day that has events or is an absence, ordered by person then day (columnar).

    The day is the working day: the date the person's shift starts (a night shift's 06:00 check-out counts
    on the evening before; core/schedule/shifts.py). Times of day are local wall-clock seconds after midnight
    (-1: none). `worked` is real elapsed time, so a pair that spans a DST change counts what the clock on
    the wall did not show.
    """

    person: I32  # index into Report.persons
    day: I32  # index into Report.dates (the working day)
    first_in: I32
    last_out: I32
    worked: I64  # seconds, from in/out pairs
    pairs: I32
    missing_checkout: I32  # check-ins with no check-out after them that day (flagged, not invented)
    missing_checkin: I32  # check-outs with no check-in before them that day
    events: I32  # non-voided events that day
    manual: I32  # of which manual corrections
    working_day: B  # a working day of the person's shift, not a holiday
    late: B
    late_minutes: I32  # minutes after shift start (0 if not late)
    absent: B

    def __len__(self) -> int:
        return len(self.person)


@dataclass
class DayRow:
    date: date
    person: Person
    shift: str
    first_in: time | None
    last_out: time | None
    worked_hours: float
    pairs: int
    late: bool
    late_minutes: int
    absent: bool
    missing_checkout: int
    missing_checkin: int
    manual: int
    working_day: bool

    @property
    def flags(self) -> str:
        """The notes in English (CSV)."""
        return self.notes()

    def notes(self, text: Callable[[str], str] = same_text) -> str:
        """ "absent, late 19 min, …": `text` translates each phrase of NOTE_TEXTS (XLSX, PDF, the app)."""
        out = []
        if self.absent:
            out.append(text("absent"))
        if self.late:
            out.append(text("late {minutes} min").format(minutes=self.late_minutes))
        if self.missing_checkout:
            out.append(text("missing check-out"))
        if self.missing_checkin:
            out.append(text("missing check-in"))
        if self.manual:
            out.append(text("corrected"))
        return ", ".join(out)


@dataclass
class PersonSummary:
    person: Person
    shift: str
    working_days: int  # scheduled working days in the period (0 for inactive people)
    days_present: int
    absences: int
    late_days: int
    late_minutes: int
    worked_hours: float
    missing_checkouts: int
    missing_checkins: int
    manual_events: int


@dataclass
class Totals:
    persons: int
    working_days: int
    days_present: int
    absences: int
    late_days: int
    late_minutes: int
    worked_hours: float
    missing_checkouts: int
    missing_checkins: int
    manual_events: int
    events: int


@dataclass
class DailySeries:
    """Per working day (the local date shifts start), for the charts: how many were expected, came, were
    absent, came late."""

    dates: list[date]
    expected: I32  # active people on a working day of their shift (holidays excluded)
    present: I32  # people with at least one event (including on their days off)
    absent: I32
    late: I32

    @property
    def presence_rate(self) -> npt.NDArray[np.float64]:
        """Share of the expected people who came (people who came on a day off do not raise it)."""
        came = (self.expected - self.absent).astype(np.float64)
        return np.divide(came, self.expected, out=np.zeros(len(self.dates)), where=self.expected > 0)


@dataclass
class Report:
    query: ReportQuery
    organisation: str
    timezone: str
    persons: list[Person]
    shifts: list[Shift]  # one per person
    dates: list[date]
    days: DayTable
    summaries: list[PersonSummary]
    totals: Totals
    daily: DailySeries
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def period_label(self) -> str:
        return f"{self.query.start.isoformat()} – {self.query.end.isoformat()}"

    def day_rows(self, start: int = 0, stop: int | None = None) -> Iterator[DayRow]:
        """DayRow objects for rows [start, stop) of the day table (built on demand)."""
        d = self.days
        sl = slice(start, stop)
        cols = zip(
            d.person[sl].tolist(),
            d.day[sl].tolist(),
            d.first_in[sl].tolist(),
            d.last_out[sl].tolist(),
            d.worked[sl].tolist(),
            d.pairs[sl].tolist(),
            d.late[sl].tolist(),
            d.late_minutes[sl].tolist(),
            d.absent[sl].tolist(),
            d.missing_checkout[sl].tolist(),
            d.missing_checkin[sl].tolist(),
            d.manual[sl].tolist(),
            d.working_day[sl].tolist(),
            strict=True,
        )
        for p, day, fi, lo, wk, pairs, late, late_min, absent, mco, mci, man, wd in cols:
            yield DayRow(
                date=self.dates[day],
                person=self.persons[p],
                shift=self.shifts[p].name,
                first_in=seconds_to_time(fi),
                last_out=seconds_to_time(lo),
                worked_hours=round(wk / 3600, 4),
                pairs=pairs,
                late=late,
                late_minutes=late_min,
                absent=absent,
                missing_checkout=mco,
                missing_checkin=mci,
                manual=man,
                working_day=wd,
            )


def seconds_to_time(seconds: int) -> time | None:
    """Local wall-clock seconds after midnight -> time (None for -1)."""
    if seconds < 0:
        return None
    seconds = min(seconds, 86399)
    return time(seconds // 3600, seconds // 60 % 60, seconds % 60)


def period_dates(query: ReportQuery) -> list[date]:
    return [query.start + timedelta(days=i) for i in range(query.days)]


def person_lookup(persons: Sequence[Person]) -> dict[str, Person]:
    return {p.uuid: p for p in persons}
