"""Regenerate the kiosk's sound cues (16-bit mono 22.05 kHz WAV) with numpy.

python resources/sounds/make_sounds.py
"""

import wave
from pathlib import Path

import numpy as np

RATE = 22050


def tone(freqs: list[float], note_s: float, volume: float = 0.5) -> np.ndarray:
    parts = []
    for f in freqs:
        t = np.arange(int(RATE * note_s)) / RATE
        envelope = np.minimum(1.0, t / 0.01) * np.exp(-t * 6.0)  # 10 ms attack, soft decay: no clicks
        parts.append(volume * envelope * (np.sin(2 * np.pi * f * t) + 0.3 * np.sin(4 * np.pi * f * t)) / 1.3)
    return np.concatenate(parts)


def write(path: Path, samples: np.ndarray) -> None:
    pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(RATE)
        handle.writeframes(pcm.tobytes())


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    write(here / "checkin.wav", tone([784.0, 1046.5], 0.18))  # G5 -> C6, rising: welcome
    write(here / "checkout.wav", tone([1046.5, 784.0], 0.18))  # falling: goodbye
    write(here / "alert.wav", tone([440.0, 440.0], 0.15, 0.4))  # two low beeps: not recognised
