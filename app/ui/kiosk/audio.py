"""The kiosk's sound cues (QSoundEffect) and optional spoken greeting (QtTextToSpeech). Either one is silently
off where the machine has no audio device, no multimedia backend or no speech engine. Their Qt objects are
children of the kiosk window: destroyed with it, on the UI thread, never by Python's collector on whichever
thread (a camera or recognition thread) happens to run it."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QUrl

log = logging.getLogger(__name__)

SOUNDS_DIR = Path(__file__).resolve().parents[3] / "resources" / "sounds"


class SoundCues:
    """QSoundEffect per cue; any failure (no QtMultimedia, no audio device) leaves the kiosk silent."""

    def __init__(self, enabled: bool, volume: float, parent: QObject | None = None) -> None:
        self._effects: dict[str, object] = {}
        if not enabled:
            return
        try:
            from PySide6.QtMultimedia import QSoundEffect

            for name in ("checkin", "checkout", "alert"):
                path = SOUNDS_DIR / f"{name}.wav"
                if path.is_file():
                    effect = QSoundEffect(parent)
                    effect.setSource(QUrl.fromLocalFile(str(path)))
                    effect.setVolume(volume)
                    self._effects[name] = effect
        except Exception as exc:  # no multimedia backend on this machine
            log.warning("sound cues disabled: %s", exc)
            self._effects.clear()

    def play(self, name: str) -> None:
        effect = self._effects.get(name)
        if effect is None:
            return
        try:
            effect.play()  # type: ignore[attr-defined]
        except Exception as exc:
            log.warning("cannot play %s: %s", name, exc)


class SpokenGreeting:
    """QTextToSpeech where Qt finds a speech engine; silently off where it does not (or is not wanted)."""

    def __init__(self, enabled: bool, volume: float, parent: QObject | None = None) -> None:
        self._tts: object | None = None
        if not enabled:
            return
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech

            if not QTextToSpeech.availableEngines():
                log.info("spoken greeting off: no speech engine")
                return
            tts = QTextToSpeech(parent)
            if tts.state() == QTextToSpeech.State.Error:
                log.info("spoken greeting off: %s", tts.errorString())
                tts.deleteLater()
                return
            tts.setVolume(volume)
            self._tts = tts
        except Exception as exc:  # no QtTextToSpeech module or no audio libraries on this machine
            log.info("spoken greeting off: %s", exc)

    @property
    def available(self) -> bool:
        return self._tts is not None

    def say(self, text: str) -> None:
        if self._tts is None:
            return
        try:
            self._tts.say(text)  # type: ignore[attr-defined]
        except Exception as exc:
            log.warning("cannot speak: %s", exc)
