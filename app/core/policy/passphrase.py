"""How strong a new database passphrase is, in words for the first-run dialog and the CLI (Qt-free).

A rough estimate — the length and the kinds of characters — that catches the weak choices (short, one
kind of character, a well-known word); the hard rule is the storage's minimum length."""

from __future__ import annotations

import math
from dataclasses import dataclass

from app.core.storage.keys import MIN_PASSPHRASE_LEN

_COMMON = frozenset({"password", "passwort", "faceattend", "12345678", "123456789", "qwertyuiop", "letmein1"})


@dataclass(frozen=True)
class Strength:
    bits: float  # rough entropy estimate
    acceptable: bool  # long enough for the storage to accept it
    label: str  # "too short" | "weak" | "fair" | "strong"
    hint: str  # what to do about it ("" when strong)


def strength(passphrase: str) -> Strength:
    if len(passphrase) < MIN_PASSPHRASE_LEN:
        return Strength(0.0, False, "too short", f"Use at least {MIN_PASSPHRASE_LEN} characters.")
    pool = 0
    pool += 26 if any(c.islower() for c in passphrase) else 0
    pool += 26 if any(c.isupper() for c in passphrase) else 0
    pool += 10 if any(c.isdigit() for c in passphrase) else 0
    pool += 33 if any(not c.isalnum() for c in passphrase) else 0
    distinct = len(set(passphrase))
    bits = min(len(passphrase), distinct * 2) * math.log2(max(pool, 2))
    if passphrase.lower() in _COMMON or distinct <= 3:
        return Strength(bits, True, "weak", "This passphrase is easy to guess: choose another.")
    if bits < 50:
        return Strength(bits, True, "weak", "Make it longer: several words are easier to remember.")
    if bits < 80:
        return Strength(bits, True, "fair", "A few more words make it strong.")
    return Strength(bits, True, "strong", "")
