"""The Today board: present / late / not yet arrived / left / unknown faces under the shift rules, the group
filter, and the page staying current when ANOTHER process (a kiosk) writes an event to the same database."""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.core.context import AppContext
from app.core.records import AttendanceEvent, Direction, Person
from app.core.reports.today import TodayService, build_today
from app.core.settings import ReportSettings, Settings, Shift
from app.core.storage import KdfParams, Store
from tests.conftest import python_child

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = date(2026, 3, 2)
LIGHT_KDF = KdfParams(time_cost=1, memory_cost_kib=8192, parallelism=1)
DB_PW = "today board passphrase"


def at(day: date, hh: int, mm: int) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=BERLIN).astimezone(UTC)


def event(person: Person, when: datetime, direction: Direction, voided: bool = False) -> AttendanceEvent:
    return AttendanceEvent(
        str(uuid.uuid4()), person.uuid, when, "Europe/Berlin", direction, 0.9, 1.0, "desk", voided=voided
    )


def people() -> dict[str, Person]:
    return {
        "ana": Person("u-ana", "E1", "Ana Lima", "Sales"),
        "bo": Person("u-bo", "E2", "Bo Chen", "Sales"),
        "cy": Person("u-cy", "E3", "Cy Okafor", "Warehouse", ["Night"]),
        "di": Person("u-di", "E4", "Di Novak", "Warehouse"),
        "ed": Person("u-ed", "E5", "Ed Gone", "Sales", active=False),
    }


def settings() -> ReportSettings:
    s = ReportSettings(timezone="Europe/Berlin")
    s.group_shifts["Night"] = Shift("Night", time(22, 0), time(6, 0), grace_minutes=10)
    return s


def test_board_sorts_people_by_the_shift_rules() -> None:
    p = people()
    events = [
        event(p["ana"], at(MONDAY, 8, 55), Direction.IN),  # on time, still in
        event(p["bo"], at(MONDAY, 9, 20), Direction.IN),  # 20 min late (09:00 + 5 min grace) …
        event(p["bo"], at(MONDAY, 12, 30), Direction.OUT),  # … and gone
        event(p["di"], at(MONDAY, 8, 0), Direction.IN, voided=True),  # an HR correction voided it
        event(p["cy"], at(MONDAY - timedelta(days=1), 22, 30), Direction.IN),  # Sunday night's shift …
        event(p["cy"], at(MONDAY, 6, 5), Direction.OUT),  # … ends on Monday morning: that working day is over
        event(p["ed"], at(MONDAY, 9, 0), Direction.IN),  # inactive: not on the board
    ]
    board = build_today(list(p.values()), events, settings(), BERLIN, at(MONDAY, 13, 0))
    names = {
        k: [e.person.name for e in getattr(board, k)] for k in ("present", "late", "not_arrived", "left")
    }
    assert names == {
        "present": ["Ana Lima"],
        "late": ["Bo Chen"],
        "not_arrived": ["Di Novak"],  # the voided event does not count
        "left": ["Bo Chen", "Cy Okafor"],  # the latest to leave first
    }
    assert board.late[0].late_minutes == 20 and not board.present[0].late
    assert not board.left[1].late  # Sunday is not one of the night shift's working days
    assert board.not_arrived[0].expected == datetime.combine(MONDAY, time(9, 0), tzinfo=BERLIN)
    assert board.groups == ["Night", "Sales", "Warehouse"]

    sales = build_today(list(p.values()), events, settings(), BERLIN, at(MONDAY, 13, 0), group="Sales")
    assert [e.person.name for e in sales.present + sales.left + sales.not_arrived] == ["Ana Lima", "Bo Chen"]


def test_night_shift_counts_on_the_day_it_started() -> None:
    p = people()
    tuesday = MONDAY + timedelta(days=1)
    events = [event(p["cy"], at(MONDAY, 22, 25), Direction.IN)]  # 15 min late for 22:00 + 10
    board = build_today([p["cy"]], events, settings(), BERLIN, at(tuesday, 3, 0))  # 03:00: still Monday's
    assert [e.person.name for e in board.present] == ["Cy Okafor"] and board.late[0].late_minutes == 25
    board = build_today([p["cy"]], events, settings(), BERLIN, at(tuesday, 20, 0))  # Tuesday's night begins
    assert board.present == [] and [e.person.name for e in board.not_arrived] == ["Cy Okafor"]
    assert board.not_arrived[0].expected == datetime.combine(tuesday, time(22, 0), tzinfo=BERLIN)


def test_days_off_and_holidays_expect_nobody() -> None:
    p = people()
    saturday = MONDAY + timedelta(days=5)
    board = build_today([p["ana"]], [], settings(), BERLIN, at(saturday, 10, 0))
    assert board.not_arrived == []
    s = settings()
    s.holidays.append(MONDAY)
    assert build_today([p["ana"]], [], s, BERLIN, at(MONDAY, 10, 0)).not_arrived == []
    came = build_today([p["ana"]], [event(p["ana"], at(saturday, 10, 0), Direction.IN)], s, BERLIN,
                       at(saturday, 11, 0))  # fmt: skip
    assert [e.person.name for e in came.present] == ["Ana Lima"] and not came.present[0].late


def test_service_reads_the_store_counts_unknown_faces_and_keeps_thumbnails_only_when_set(
    memory_keyring: object, data_dir: Path
) -> None:
    now = at(MONDAY, 10, 0)
    s = Settings(data_dir=data_dir)
    s.reports.timezone = "Europe/Berlin"
    with AppContext(s, background_sync=False) as ctx:
        ana = ctx._store.add_person(people()["ana"])
        ctx._store.add_event(event(ana, at(MONDAY, 9, 30), Direction.IN))
        ctx._store.add_unknown_face(at(MONDAY, 9, 40), "desk", b"\xff\xd8not-really-a-jpeg")
        ctx._store.add_unknown_face(at(MONDAY, 9, 41), "desk", None)
        ctx._store.add_unknown_face(at(MONDAY - timedelta(days=1), 9, 0), "desk", None)  # yesterday
        service = TodayService(ctx.report_source(), s, clock=lambda: now)
        stamp = service.stamp()
        assert service.stamp() == stamp  # nothing written: the same stamp
        board = service.board()
        assert [e.person.name for e in board.late] == ["Ana Lima"] and board.unknown_count == 2
        assert board.unknown_thumbnails == []  # the unknown-thumbnail setting is off
        s.attendance.save_unknown_thumbnails = True
        assert service.board().unknown_thumbnails == [b"\xff\xd8not-really-a-jpeg"]
        ctx._store.add_event(event(ana, at(MONDAY, 9, 50), Direction.OUT))  # a write on this connection
        assert service.stamp() != stamp
        assert [e.person.name for e in service.board().left] == ["Ana Lima"]


# --- live: another process writes, the page shows it ---------------------------------------------------

_WRITER = """
import sys, uuid
from datetime import UTC, datetime
from pathlib import Path
from app.core.records import AttendanceEvent, Direction
from app.core.storage import KdfParams, Store
store = Store.open(Path(sys.argv[1]), passphrase=sys.argv[2], kdf=KdfParams(time_cost=1, memory_cost_kib=8192,
                   parallelism=1))
for line in sys.stdin:
    store.add_event(AttendanceEvent(str(uuid.uuid4()), line.strip(), datetime.now(UTC), "UTC", Direction.IN,
                                    0.9, 1.0, "kiosk-2", source="kiosk"))
    print("written", flush=True)
store.close()
"""


@pytest.fixture
def shared_ctx(memory_keyring: object, data_dir: Path) -> Iterator[AppContext]:
    """A database protected by a passphrase (a second process can open it; no keyring is shared)."""
    Store.open(data_dir, passphrase=DB_PW, key_source="passphrase", kdf=LIGHT_KDF).close()
    ctx = AppContext(Settings(data_dir=data_dir), passphrase=DB_PW, background_sync=False)
    ctx.open()
    yield ctx
    ctx.close()


def writer(data_dir: Path) -> subprocess.Popen[str]:
    return python_child(_WRITER, str(data_dir), DB_PW)


def test_page_shows_an_event_written_by_another_process(
    qtbot, shared_ctx: AppContext, data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("pytestqt")
    from app.ui.reports.today_view import TodayView

    ana = shared_ctx._store.add_person(Person(str(uuid.uuid4()), "E1", "Ana Lima", "Sales"))
    view = TodayView(TodayService(shared_ctx.report_source(), shared_ctx.settings))
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitUntil(lambda: view.board is not None, timeout=10_000)
    assert view.present_list.texts() == [] and view.tiles["present"].count.text() == "0"
    proc = writer(data_dir)
    try:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(ana.uuid + "\n")
        proc.stdin.flush()
        assert proc.stdout.readline().strip() == "written", "the kiosk process did not write"
        qtbot.waitUntil(lambda: [r[0] for r in view.present_list.texts()] == ["Ana Lima"], timeout=15_000)
        assert view.tiles["present"].count.text() == "1"
    finally:
        if proc.stdin is not None:
            proc.stdin.close()
        proc.wait(timeout=30)
    view.group_box.setCurrentIndex(view.group_box.findData("Sales"))
    qtbot.waitUntil(lambda: view.board is not None and view.board.group == "Sales", timeout=10_000)
    assert [r[0] for r in view.present_list.texts()] == ["Ana Lima"]


def test_main_window_has_the_today_page_and_it_polls_only_while_shown(qtbot, qapp, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("pytestqt")
    from app.ui.main_window import MainWindow

    ana = ctx._store.add_person(Person(str(uuid.uuid4()), "E1", "Ana Lima", "Sales"))
    ctx._store.add_event(event(ana, datetime.now(UTC), Direction.IN))  # today (working day), any hour
    admin = ctx.create_first_admin("admin", "583920")
    win = MainWindow(ctx, probe_cameras=False, source_spec="demo", session=admin, run_retention=False)
    qtbot.addWidget(win)
    win.show()
    assert win.select_page("Today")
    qtbot.waitUntil(lambda: win.today_view is not None and win.today_view.board is not None, timeout=10_000)
    assert win.today_view.tiles["present"].count.text() == "1"
    assert win.today_view._timer.isActive()
    win.select_page("People")
    assert not win.today_view._timer.isActive()  # hidden: no polling
    win.close()
