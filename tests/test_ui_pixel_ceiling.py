"""The Settings page's pixel ceiling (Settings.images.max_pixels, in megapixels): admins only, saved with the
other settings and audited like them, in force at once for photos (import) and video files, and after a
restart."""

# ruff: noqa: F811  (pytest fixtures imported from tests/ui_access_support.py)
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from app.core.camera.sources import VideoTooLargeError, open_source
from app.core.context import AppContext
from app.core.errors import ImageLoadError
from app.core.policy.access import Audit, Role, Session
from app.core.settings import Settings
from app.core.vision.images import load_rgb
from app.ui.main_window import MainWindow
from tests.hostile_corpus import flat_jpeg, mjpeg_avi
from tests.ui_access_support import make_window, sessions  # noqa: F401 (fixtures)


def test_pixel_ceiling_is_saved_audited_and_in_force(
    qtbot,
    ctx: AppContext,
    sessions: dict[Role, Session],
    make_window: Callable[..., MainWindow],
    data_dir: Path,
    tmp_path: Path,
) -> None:
    win = make_window(sessions[Role.ADMIN])
    assert win.select_page("Settings")
    assert win.pixels_spin.isEnabled() and win.pixels_spin.value() == 50  # the default, 50 MP
    win.pixels_spin.setValue(2)
    assert win.save_settings() and "1 changed" in win.settings_message.text()
    entry = next(e for e in ctx.audit_entries() if e.action == Audit.SETTINGS_CHANGE)
    assert entry.actor == "admin" and entry.details["images.max_pixels"] == [50_000_000, 2_000_000]
    ceiling = ctx.settings.images.max_pixels
    assert ceiling == 2_000_000
    photo = tmp_path / "wide.png"
    Image.new("RGB", (2000, 1500)).save(photo)
    with pytest.raises(ImageLoadError, match="above the 2-megapixel limit"):
        load_rgb(photo, max_pixels=ceiling)
    video = mjpeg_avi(tmp_path / "wide.avi", [flat_jpeg(2000, 1500)], (2000, 1500))
    with pytest.raises(VideoTooLargeError, match="above the 2-megapixel limit"):
        open_source(str(video), max_pixels=ceiling)
    win.close()
    ctx.close()
    with AppContext(Settings(data_dir=data_dir)) as again:
        assert again.settings.images.max_pixels == 2_000_000


def test_only_administrators_see_the_ceiling(
    qtbot, sessions: dict[Role, Session], make_window: Callable[..., MainWindow]
) -> None:
    for role in (Role.HR, Role.ENROLLER, Role.KIOSK):
        win = make_window(sessions[role])
        assert not win.page_visible("Settings") and not win.select_page("Settings")
        win.close()
