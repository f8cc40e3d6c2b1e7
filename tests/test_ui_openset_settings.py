"""The Settings page shows the open-set target, the threshold in use and the expected strangers accepted."""

from __future__ import annotations

import numpy as np

from app.core.context import AppContext
from app.core.matcher import l2_normalise
from app.core.recognition.calibration import calibrator_for
from app.ui.main_window import PAGES, MainWindow


def test_settings_page_shows_the_calibrated_threshold(qtbot, qapp, ctx: AppContext) -> None:
    admin = ctx.create_first_admin("admin", "583920")
    win = MainWindow(ctx, probe_cameras=False, source_spec="demo", session=admin, run_retention=False)
    qtbot.addWidget(win)
    texts = [label.text() for label in win.threshold_labels]
    threshold = calibrator_for(ctx._matcher).threshold(ctx.settings.recognition.target_fpir)
    assert texts[0] == "0.001"
    assert f"similarity {threshold.similarity:.3f} (distance {threshold.distance:.3f})" in texts[1]
    assert texts[2] == "10"  # 1e-3 per decision = 10 strangers per 10,000 attempts
    # 300 people imported: the page shows the stricter threshold when it is opened again
    rng = np.random.default_rng(0)
    ctx._matcher.add_many([f"p{i}" for i in range(300)], l2_normalise(rng.standard_normal((300, 128))))
    win.show_page(PAGES.index("Settings"))
    stricter = calibrator_for(ctx._matcher).threshold(ctx.settings.recognition.target_fpir)
    assert stricter.similarity > threshold.similarity
    assert f"similarity {stricter.similarity:.3f}" in win.threshold_labels[1].text()
    assert "people enrolled: 300" in win.threshold_labels[1].text()
    # a stricter target, saved on the page: persisted, audited, and the threshold in use follows
    win.fpir_box.setCurrentIndex(win.fpir_box.findData(1e-5))
    assert win.save_settings()
    assert ctx.settings.recognition.target_fpir == 1e-5
    assert ctx._store.get_setting("ui.recognition.target_fpir") == 1e-5
    assert win.threshold_labels[0].text() == "1e-05" and win.threshold_labels[2].text() == "0.1"
    assert ctx.min_similarity > stricter.similarity  # the duplicate check follows the target too
    win.close()
