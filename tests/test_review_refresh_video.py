"""Template refresh on the kiosk's real path: real2.webm → KioskProcessor (landmarker, embedder, the imported
passive anti-spoof model) → a live-verified check-in with a large margin → a NEW template version, within
the drift guard of the enrolment anchor, audited and queued for sync; the matcher uses it at once."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from app.core.attendance import Outcome
from app.core.recognition.refresh import RefreshRule
from app.core.storage import review as review_db
from tests.conftest import shared_path
from tests.test_attendance_video import T0, enrolled_kiosk, make_context, models_home, run_processor

pytestmark = [pytest.mark.shared, pytest.mark.slow]
__all__ = ["models_home"]


def test_a_live_confident_check_in_refreshes_the_template(
    memory_keyring: object, data_dir: Path, models_home: Path
) -> None:
    video = shared_path("data/video/real2.webm")
    ctx, _settings = make_context(data_dir, models_home)
    clock = [T0]
    with ctx:
        ctx._store.set_setting("sync.outbox", True)
        person, backend = enrolled_kiosk(ctx, video, clock)
        anchor = ctx.templates_for(person.uuid)[0].vector
        queued = ctx._store.sync_queue_length()
        events, _stats = run_processor(backend, video, clock)
        (event,) = [e for e in events if e.outcome == Outcome.CHECKED_IN]
        assert event.refreshed and event.doubts == [] and event.margin > RefreshRule().min_margin
        versions = review_db.template_versions(ctx._store, person.uuid)
        assert versions is not None and versions.refreshes == 1
        assert np.allclose(versions.anchor.vector, anchor)
        moved = float(np.linalg.norm(versions.current.vector - anchor))
        assert 0 < moved <= RefreshRule().max_drift + 1e-6
        (hit,) = ctx._matcher.search(versions.current.vector, k=1)
        assert hit.key == person.uuid and hit.similarity > 0.9999  # the kiosk matches the new version
        assert "template.refresh" in [e.action for e in ctx._store.audit_entries(20)]
        assert ctx._store.sync_queue_length() > queued  # the new version and the event wait for the cloud
        assert review_db.list_review_items(ctx._store) == []  # a confident decision: nothing to review
