# ruff: noqa: F811  (pytest fixtures imported from tests/ui_access_support.py)
"""Cloud sync in the desktop app: AppContext owns the SyncService (started by open, stopped before the store
closes); the main window's indicator follows the sync thread through a Qt signal; "Sync now"; the admin-only
Settings group configures/disables sync (audited); an enrolment wakes the loop. Real loopback service."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("pytestqt")

from app.core.context import AppContext
from app.core.enrolment.session import EnrolForm, TemplateDraft
from app.core.policy.access import Role, Session
from app.core.sync.client import SyncStatus
from app.ui.main_window import MainWindow
from app.ui.settings.sync_panel import describe_status
from tests.sync_support import FAST, Cloud, setup_org
from tests.ui_access_support import (  # noqa: F401 (fixtures)
    make_window,
    sessions,
)


def add_person(ctx: AppContext, name: str, ident: str, seed: int = 0) -> None:
    """A person without groups: the wire schema wants group uuids, the desktop keeps group names (see
    the report: app/core/sync/client/outbox.py person_put)."""
    import uuid

    from app.core.records import Person, Template

    person = ctx._store.add_person(Person(str(uuid.uuid4()), ident, name, "Flight"))
    vector = np.random.default_rng(seed).normal(size=128).astype(np.float32)
    vector /= np.linalg.norm(vector)
    ctx._store.add_template(Template(person.uuid, ctx.model_id, ctx.model_version, vector, 0.8, 5))


@pytest.fixture
def fast_sync(ctx: AppContext) -> AppContext:
    """Short retries and timeouts: a refused key or a dead service is reported quickly."""
    assert ctx.sync is not None
    ctx.sync.retry = FAST
    ctx.sync.timeout = (1.0, 3.0)
    return ctx


def test_context_starts_and_stops_the_sync_loop(ctx: AppContext) -> None:
    sync = ctx.sync
    assert sync is not None and sync.running  # started after open(), idle while not configured
    assert ctx.sync_status().state == "off"
    ctx.close()
    assert ctx.sync is None and not sync.running  # stopped (before the store closed)
    ctx.open()  # the fixture closes it again


def test_enrolment_wakes_the_sync(ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    assert ctx.sync is not None
    woken: list[int] = []
    monkeypatch.setattr(ctx.sync, "wake", lambda: woken.append(1))
    vector = np.random.default_rng(1).normal(size=128).astype(np.float32)
    draft = TemplateDraft(vector / np.linalg.norm(vector), 0.8, 5, 0, [0.1] * 5, True, 0.9)
    ctx.create_first_admin("admin", "Tr0ub4dor&3")
    ctx.save_enrolment(EnrolForm("Ana Lima", "E1", consent=True), draft, 3.0)
    assert woken == [1]


def test_indicator_settings_group_and_sync_now(
    qtbot: Any,
    fast_sync: AppContext,
    sessions: dict[Role, Session],
    make_window: Callable[..., MainWindow],
    local_cloud: Cloud,
    tmp_path: Path,
) -> None:
    ctx = fast_sync
    key, _other = setup_org(local_cloud.url, local_cloud.admin)
    add_person(ctx, "Ana Lima", "E1")

    hr = make_window(sessions[Role.HR])
    assert not hr.page_visible("Settings") and hr.sync_settings.isHidden()
    assert hr.sync_indicator.label.text() == "Sync: off"
    assert not hr.sync_indicator.sync_now_button.isEnabled()
    hr.close()

    win = make_window(sessions[Role.ADMIN])
    assert win.select_page("Settings") and win.sync_settings.isVisible()
    group = win.sync_settings
    group.url_edit.setText(local_cloud.url)
    group.key_edit.setText("wrong-key")
    seen: list[SyncStatus] = []
    win.sync_indicator.bridge.status_changed.connect(seen.append)
    assert group.configure()
    qtbot.waitUntil(lambda: any(s.state == "auth_failed" for s in seen), timeout=20_000)
    assert "key refused" in win.sync_indicator.label.text()

    group.key_edit.setText(key)
    assert group.configure() and "Sync on" in group.message.text()
    assert group.key_edit.text() == "" and group.url_edit.text() == local_cloud.url.rstrip("/")
    qtbot.waitUntil(lambda: win.sync_indicator.status.state == "idle", timeout=20_000)
    qtbot.waitUntil(lambda: win.sync_indicator.status.queue_length == 0, timeout=20_000)
    text = win.sync_indicator.label.text()
    assert text.startswith("Sync: up to date · 0 queued · last "), text
    persons = local_cloud.admin("GET", "/v1/admin/organisations")  # the service is reachable for the admin
    assert persons

    seen.clear()
    add_person(ctx, "Bo Chen", "E2", seed=2)  # queued by the outbox trigger
    win.sync_indicator.refresh()
    assert win.sync_indicator.status.queue_length >= 1
    win.sync_indicator.sync_now_button.click()  # "Sync now" wakes the loop
    qtbot.waitUntil(lambda: any(s.queue_length == 0 and s.state == "idle" for s in seen), timeout=20_000)
    assert "0 queued" in win.sync_indicator.label.text()

    win.grab().save(str(tmp_path / "sync-settings.png"))
    audit = [(e.actor, e.action) for e in ctx.audit_entries(100)]
    assert ("admin", "sync.key_change") in audit and ("admin", "sync.configure") in audit

    assert group.disable()
    assert win.sync_indicator.label.text() == "Sync: off"
    assert ("admin", "sync.disable") in [(e.actor, e.action) for e in ctx.audit_entries(100)]
    assert ctx.sync_config() is None and group.url_edit.text() == ""


def test_non_admin_cannot_change_the_sync_key(ctx: AppContext, sessions: dict[Role, Session]) -> None:
    from app.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        ctx.configure_sync(sessions[Role.HR], "http://127.0.0.1:9", "k")
    with pytest.raises(PermissionDenied):
        ctx.disable_sync(sessions[Role.ENROLLER])
    assert ctx.sync_config() is None


def test_describe_status() -> None:
    assert describe_status(SyncStatus()) == "Sync: off"
    text = describe_status(SyncStatus(state="offline", queue_length=4))
    assert text == "Sync: offline · 4 queued · never synced"
