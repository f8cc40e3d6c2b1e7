"""The enrolment workstation UI (pytest-qt, offscreen): every screen rendered and saved as a screenshot, a
demo enrolment through the UI, bad input, a camera unplugged mid-capture, the duplicate dialog, people,
and the event-loop latency while the pipeline runs in the worker."""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer

from app.core.camera.sources import DemoSource, Frame, FrameSource, VideoFileSource
from app.core.context import AppContext
from app.core.enrolment.session import LivenessStatus
from app.core.errors import SourceError
from app.ui.common.widgets import load_stylesheet
from app.ui.common.workers import Analysed, FrameWorker
from app.ui.enrol.view import DUPLICATE_CANCEL, DUPLICATE_UPDATE, EnrolView
from app.ui.main_window import PAGES, MainWindow
from tests.conftest import shared_path


@pytest.fixture
def window(qtbot, qapp, ctx: AppContext) -> Iterator[MainWindow]:
    qapp.setStyleSheet(load_stylesheet())
    admin = ctx.create_first_admin("admin", "583920")  # the first-run wizard's action (signed in)
    win = MainWindow(ctx, probe_cameras=False, source_spec="demo", session=admin, run_retention=False)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    win.close()


def fill(view: EnrolView, name: str, ident: str, consent: bool = True) -> None:
    view.name_edit.setText(name)
    view.id_edit.setText(ident)
    view.dept_edit.setText("Flight")
    view.consent.setChecked(consent)


def test_demo_enrolment_screens_duplicate_and_people(
    qtbot, window: MainWindow, ctx: AppContext, tmp_path: Path
):
    view = window.enrol_view
    qtbot.waitUntil(lambda: view.preview.frames_painted > 5, timeout=20_000)
    assert view.preview.demo and "demo — not checked" in view.liveness_label.text()
    window.grab().save(str(tmp_path / "1_enrol_idle.png"))

    # Bad input: nothing starts, a clear message.
    fill(view, "", "A100")
    assert not view.start_capture() and "name" in view.message.text()
    fill(view, "Eileen Collins", "A100", consent=False)
    assert not view.start_capture() and "consent" in view.message.text()
    window.grab().save(str(tmp_path / "2_enrol_no_consent.png"))

    fill(view, "Eileen Collins", "A100")
    started = time.perf_counter()
    assert view.start_capture()
    qtbot.waitUntil(lambda: view.preview.progress is not None and view.preview.progress > 0.3, timeout=20_000)
    window.grab().save(str(tmp_path / "3_enrol_capturing.png"))
    with qtbot.waitSignal(view.enrolled, timeout=30_000):
        pass
    wall = time.perf_counter() - started
    window.grab().save(str(tmp_path / "4_enrol_saved.png"))
    assert "saved" in view.message.text() and view.last_saved_s is not None and view.last_saved_s < wall + 0.1
    print(f"\ndemo Start→Saved {view.last_saved_s:.2f} s; preview {view.worker.stats.preview_fps:.1f} fps")  # type: ignore[union-attr]
    assert len(ctx.list_persons()) == 1

    # The same face with another ID: the duplicate dialog says who; cancel saves nothing.
    asked = []
    view.ask_duplicate = lambda info: asked.append(info) or DUPLICATE_CANCEL  # type: ignore[method-assign, func-returns-value]
    fill(view, "Impostor", "A200")
    assert view.start_capture()
    qtbot.waitUntil(lambda: bool(asked) and view.session is None, timeout=30_000)
    assert (
        asked[0].person.external_id == "A100" and "already enrolled as Eileen Collins" in view.message.text()
    )
    assert [p.external_id for p in ctx.list_persons()] == ["A100"]
    # …update replaces that person's template.
    view.ask_duplicate = lambda info: DUPLICATE_UPDATE  # type: ignore[method-assign]
    fill(view, "Impostor", "A200")
    assert view.start_capture()
    with qtbot.waitSignal(view.enrolled, timeout=30_000):
        pass
    person = ctx.list_persons()[0]
    assert len(ctx.list_persons()) == 1 and len(ctx.templates_for(person.uuid)) == 1

    # People: template quality shown; deactivate, edit, delete with confirmation.
    window.select_page("People")
    people = window.people_view
    assert people.model.rowCount() == 1 and people.model.item(0, 4).text().endswith("%")
    people.select(person.uuid)
    window.grab().save(str(tmp_path / "5_people.png"))
    people.toggle_active()
    assert not ctx.get_person(person.uuid).active and len(ctx._matcher) == 0  # type: ignore[union-attr]
    people.select(person.uuid)
    people.toggle_active()
    assert len(ctx._matcher) == 1
    edited = ctx.get_person(person.uuid)
    edited.name = "Eileen M. Collins"  # type: ignore[union-attr]
    assert people.save_edit(edited) and ctx.get_person(person.uuid).name == "Eileen M. Collins"  # type: ignore[arg-type, union-attr]
    people.select(person.uuid)
    people.confirm_delete = lambda p: False  # type: ignore[method-assign, assignment]
    people.delete_selected()
    assert len(ctx.list_persons()) == 1
    people.confirm_delete = lambda p: True  # type: ignore[method-assign, assignment]
    people.delete_selected()  # GDPR erasure: pseudonymised row (for attendance law), no template
    assert [p.name for p in ctx.list_persons()] == ["[erased]"] and len(ctx._matcher) == 0
    assert ctx.templates_for(person.uuid) == [] and people.model.rowCount() == 0

    for i, name in enumerate(PAGES):
        if name in ("Enrol", "People"):
            continue
        window.select_page(name)
        qtbot.wait(300)
        window.grab().save(str(tmp_path / f"6_{i}_{name.lower()}.png"))
    assert (tmp_path / "6_3_reports.png").exists()


class UnpluggedCamera(FrameSource):
    """A camera that delivers `frames` frames of the demo portrait, then fails like an unplugged webcam."""

    name = "camera:9"

    def __init__(self, frames: int) -> None:
        self.inner = DemoSource()
        self.left = frames

    def read(self) -> Frame:
        if self.left <= 0:
            raise SourceError("Camera 9 stopped sending frames (unplugged?).")
        self.left -= 1
        return self.inner.read()


class NeverLive:
    def update(self, rgb, face, t_s, faces_in_view=1):
        return LivenessStatus(prompt="Blink your eyes.")

    def reset(self) -> None:
        pass


def test_camera_unplugged_mid_capture_aborts_cleanly(qtbot, qapp, ctx: AppContext, tmp_path: Path) -> None:
    view = EnrolView(ctx, "camera:9", source_factory=lambda spec: UnpluggedCamera(45))
    view.liveness_factory = NeverLive
    qtbot.addWidget(view)
    view.resize(1200, 720)
    view.show()
    view.activate()
    fill(view, "Ana Example", "E1")
    qtbot.waitUntil(lambda: view.preview.frames_painted > 2, timeout=20_000)
    assert view.start_capture()
    qtbot.waitUntil(lambda: view.session is None, timeout=20_000)
    view.grab().save(str(tmp_path / "camera_unplugged.png"))
    assert "unplugged" in view.message.text() and "Nothing was saved" in view.message.text()
    assert view.start_button.isEnabled() and ctx.list_persons() == []
    view.deactivate()


def test_event_loop_stays_responsive_while_the_pipeline_runs(qtbot, qapp, ctx: AppContext) -> None:
    video = shared_path("data/video/real2.webm")
    worker = FrameWorker(lambda: VideoFileSource(video), ctx.new_pipeline)
    results: list[Analysed] = []
    frames: list[Frame] = []
    worker.analysed.connect(results.append)
    worker.frame_ready.connect(frames.append)
    worker.start()
    qtbot.waitUntil(lambda: len(results) >= 3, timeout=30_000)  # the pipeline is loaded and running
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick() -> None:
        now = clock.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6)
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    n0, a0, t0 = len(frames), len(results), time.perf_counter()
    timer.start()
    qtbot.wait(3000)
    timer.stop()
    seconds = time.perf_counter() - t0
    assert worker.stop()
    late = sorted(g - 10.0 for g in gaps)
    p50, p95, worst = statistics.median(late), late[int(0.95 * (len(late) - 1))], late[-1]
    preview_fps, infer_fps = (len(frames) - n0) / seconds, (len(results) - a0) / seconds
    print(
        f"\nevent loop: {len(gaps)} ticks of 10 ms, lateness p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
        f"max {worst:.1f} ms;"
        f" preview {preview_fps:.1f} fps, inference {infer_fps:.1f} fps, dropped {worker.stats.dropped}"
    )
    # The file plays at its own clock (real2.webm has a variable frame rate, ~18-30 fps): the preview keeps
    # up with the video's time and does not wait for inference.
    video_seconds = (frames[-1].timestamp_ms - frames[n0].timestamp_ms) / 1000
    assert video_seconds >= 0.8 * seconds and preview_fps >= 12, (video_seconds, seconds, preview_fps)
    assert worker.stats.dropped > 0 or infer_fps >= 25  # stale frames are dropped, not queued
    # The machine is shared (load above the core count is common): the median tick must be on time and the
    # slow ticks rare; a single OS hiccup (max) is reported, not asserted.
    assert p50 < 5 and p95 < 60, (p50, p95, worst)
