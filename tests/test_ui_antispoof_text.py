"""The Settings page's "Anti-spoof mode" in the user's language: composed from PassiveLoad's fields with the
phrases of app/ui/common/core_texts.py (model names as they are); in English it is PassiveLoad.describe()."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import QCoreApplication

from app.core.context import AppContext
from app.core.liveness.antispoof import PassiveLoad
from app.ui.common import i18n
from app.ui.common.core_texts import antispoof_text
from app.ui.main_window import MainWindow


@pytest.fixture
def language(qapp) -> Iterator[object]:  # type: ignore[no-untyped-def]
    yield lambda code: i18n.install_language(qapp, code)
    i18n.install_language(QCoreApplication.instance(), "system")  # type: ignore[arg-type]


def test_english_is_the_cores_sentence(language, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    assert language("en") == "en"
    load = ctx.antispoof_load()
    assert load.scorer is not None and load.origin == "bundled"
    half = replace(load, imported=load.models[:1])
    for case in (
        load,
        replace(load, imported=list(load.models)),
        half,
        PassiveLoad(None, [], [], "no model installed"),
        PassiveLoad(None, [], []),
    ):
        assert antispoof_text(case) == case.describe()
    assert half.describe() == (
        "passive model on (bundled + imported: minifasnet_v1se, minifasnet_v2) + active challenge"
    )


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("de", "passives Modell an (mitgeliefert: minifasnet_v1se, minifasnet_v2) + aktive Prüfung"),
        ("ja", "パッシブモデル有効（同梱: minifasnet_v1se, minifasnet_v2）+ アクティブチャレンジ"),
    ],
)
def test_settings_page_says_it_in_the_users_language(  # type: ignore[no-untyped-def]
    qtbot, language, ctx: AppContext, code: str, expected: str
) -> None:
    assert language(code) == code
    admin = ctx.create_first_admin("admin", "583920")
    win = MainWindow(ctx, probe_cameras=False, source_spec="demo", session=admin, run_retention=False)
    qtbot.addWidget(win)
    assert win.select_page("Settings")
    assert win.antispoof_label.text() == expected
    off = antispoof_text(PassiveLoad(None, [], [], "no model installed"))
    assert "active challenge" not in off and "no model installed" not in off
    win.close()
