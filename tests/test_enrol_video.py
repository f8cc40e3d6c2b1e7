"""A full enrolment through the Qt enrol view with ../shared/data/video/real2.webm as the camera.

The liveness is the real one (app.core.liveness: active challenge + 3-D planarity + context motion + static
scene; no passive model is installed in the fresh data dir). A recorded video cannot follow random prompts,
so the challenge is seeded to the actions the person in real2 happens to perform (turn left, then blink).
The worker runs in lossless mode (inference on every frame) so the blink is not lost on a slow CI machine.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from app.core.context import AppContext
from app.ui.common.widgets import load_stylesheet
from app.ui.enrol.view import EnrolView
from tests.conftest import shared_path

pytestmark = [pytest.mark.shared]
log = logging.getLogger(__name__)

REAL2_CHALLENGE_SEED = 1  # ActiveChallenge(rng=1).actions == [turn_left, blink]


def test_full_enrolment_from_real2_ends_with_one_person_and_one_template(
    qtbot, qapp, ctx: AppContext, tmp_path: Path
) -> None:
    video = shared_path("data/video/real2.webm")
    assert ctx.new_liveness() is not None  # real liveness: no stand-in
    ctx.create_first_admin("admin", "Tr0ub4dor&3")  # the core saves only for a user who may enrol
    qapp.setStyleSheet(load_stylesheet())
    view = EnrolView(ctx, str(video))
    view.liveness_factory = lambda: ctx.new_liveness(challenge_seed=REAL2_CHALLENGE_SEED)
    view.worker_options = {"lossless": True}
    qtbot.addWidget(view)
    view.resize(1200, 720)
    view.show()
    view.name_edit.setText("Ana Example")
    view.id_edit.setText("E001")
    view.dept_edit.setText("Front desk")
    view.consent.setChecked(True)
    statuses = []
    view.status_changed.connect(statuses.append)
    assert view.start_capture()
    shot_taken = []

    def mid_capture_shot(status) -> None:
        if not shot_taken and status.kept >= 2:
            shot_taken.append(True)
            view.grab().save(str(tmp_path / "enrol_capturing_real2.png"))

    view.status_changed.connect(mid_capture_shot)
    with qtbot.waitSignal(view.enrolled, timeout=60_000) as blocker:
        pass
    person_uuid = blocker.args[0]
    view.grab().save(str(tmp_path / "enrol_saved_real2.png"))
    people = ctx.list_persons()
    assert [p.external_id for p in people] == ["E001"]
    templates = ctx.templates_for(person_uuid)
    assert len(templates) == 1 and templates[0].frames_used >= 3
    assert any(s.liveness.checked and s.liveness.passed for s in statuses)  # real liveness, not the demo
    entry = next(e for e in ctx.audit_entries() if e.action == "person.enrol")
    assert entry.details["liveness"] == "checked"
    log.info("real2: Start→Saved %.2f s (video time, lossless inference)", view.last_saved_s)
    print(f"\nreal2 Start→Saved: {view.last_saved_s:.2f} s; screenshots in {tmp_path}")
    view.deactivate()
