"""The Settings page shows the open-set target, the threshold in use and the expected strangers accepted."""

from __future__ import annotations

from app.core.context import AppContext
from app.core.recognition.calibration import calibrator_for
from app.ui.main_window import MainWindow


def test_settings_page_shows_the_calibrated_threshold(qtbot, qapp, ctx: AppContext) -> None:
    admin = ctx.create_first_admin("admin", "583920")
    win = MainWindow(ctx, probe_cameras=False, source_spec="demo", session=admin, run_retention=False)
    qtbot.addWidget(win)
    texts = [label.text() for label in win.threshold_labels]
    threshold = calibrator_for(ctx.matcher).threshold(ctx.settings.recognition.target_fpir)
    assert texts[0] == "0.001"
    assert f"similarity {threshold.similarity:.3f} (distance {threshold.distance:.3f})" in texts[1]
    assert texts[2] == "10"  # 1e-3 per decision = 10 strangers per 10,000 attempts
    win.close()
