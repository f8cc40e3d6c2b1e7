"""Texts that app/core (Qt-free) hands to the UI in English, translated here under the fixed context "Core".

app/core keeps returning plain English (the CLI and the logs stay English); the UI passes what it shows
through `core_text`, which looks the text up in the translation catalogue. Only the texts listed below (with
QT_TRANSLATE_NOOP, so pyside6-lupdate extracts them) are translated; any other core text is shown as it is.
tests/test_i18n.py checks that every report header of app/core/reports/tables.py is listed.

    core_text("Hours worked")   # "Arbeitsstunden" in German
    local_text(value)           # a report cell with the UI locale's dates and numbers
"""

from __future__ import annotations

import functools
import logging
import re
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, QTime

from app.core.context import describe_error as core_describe_error
from app.core.reports.locale import ReportLocale
from app.ui.common.i18n import QT_TRANSLATE_NOOP, current_language, translate

if TYPE_CHECKING:  # a plain record of the core; the UI never loads a model
    from app.core.liveness.antispoof import PassiveLoad

log = logging.getLogger(__name__)

XLSX_DATE_FORMATS = {"en": "yyyy-mm-dd", "de": "dd.mm.yyyy", "ja": "yyyy/mm/dd"}

# The enrolment's guidance and outcome (app/core: vision/quality.INSTRUCTIONS,
# enrolment/session.SESSION_TEXTS, liveness/challenge.PROMPTS + DONE, liveness/decision.GUIDANCE,
# enrolment/liveness.NOT_AVAILABLE).
GUIDANCE_TEXTS = (
    QT_TRANSLATE_NOOP("Core", "Move closer to the camera."),
    QT_TRANSLATE_NOOP("Core", "Hold still: the picture is blurred."),
    QT_TRANSLATE_NOOP("Core", "Move your face fully into the picture."),
    QT_TRANSLATE_NOOP("Core", "Too dark: add light in front of you."),
    QT_TRANSLATE_NOOP("Core", "Too bright: move away from the strong light."),
    QT_TRANSLATE_NOOP("Core", "Strong light behind you: turn away from the window."),
    QT_TRANSLATE_NOOP("Core", "Look straight at the camera."),
    QT_TRANSLATE_NOOP("Core", "Open your eyes."),
    QT_TRANSLATE_NOOP("Core", "Only one person in front of the camera, please."),
    QT_TRANSLATE_NOOP("Core", "Look at the camera."),
    QT_TRANSLATE_NOOP("Core", "Turn your head slightly."),
    QT_TRANSLATE_NOOP("Core", "Enrolment timed out. Check the light and the camera, then try again."),
    QT_TRANSLATE_NOOP("Core", "The captured frames do not agree (more than one person?). Please try again."),
    QT_TRANSLATE_NOOP("Core", "The liveness check failed. Please try again."),
    QT_TRANSLATE_NOOP("Core", "Blink your eyes."),
    QT_TRANSLATE_NOOP("Core", "Turn your head to your left."),
    QT_TRANSLATE_NOOP("Core", "Turn your head to your right."),
    QT_TRANSLATE_NOOP("Core", "Done, thank you."),
    QT_TRANSLATE_NOOP(
        "Core", "More light, please: the camera image is too dark to check that you are really here."
    ),
    QT_TRANSLATE_NOOP("Core", "Turn your head a little (3-D check)."),
    QT_TRANSLATE_NOOP("Core", "Blink (no blink seen yet)."),
    QT_TRANSLATE_NOOP("Core", "Move a little (background check)."),
    QT_TRANSLATE_NOOP("Core", "The liveness check is not available in this installation."),
)

# The sentences app/core builds a failed liveness check's message from (liveness/decision.REASONS and
# liveness/challenge.FAILURES, joined by spaces), with their values: numbers, a prompt, or another sentence.
MESSAGE_SENTENCES = (
    QT_TRANSLATE_NOOP("Core", "Passive model: live probability {score} < {threshold}."),
    QT_TRANSLATE_NOOP("Core", "Flat picture: the face moved like a plane (residual {residual} <= {limit})."),
    QT_TRANSLATE_NOOP(
        "Core",
        "The surroundings move with the face (ratio {ratio} >= {limit}): a hand-held picture or screen, or a "
        "moving camera (the camera must be fixed).",
    ),
    QT_TRANSLATE_NOOP("Core", "No blink and no facial motion for {seconds} s."),
    QT_TRANSLATE_NOOP("Core", "Timed out after {seconds} s."),
    QT_TRANSLATE_NOOP("Core", "The face left the picture."),
    QT_TRANSLATE_NOOP("Core", "Another person came into the picture."),
    QT_TRANSLATE_NOOP("Core", "A different face appeared during the check."),
    QT_TRANSLATE_NOOP("Core", "Too slow: '{prompt}' was not done in time."),
    QT_TRANSLATE_NOOP("Core", "Turned the wrong way."),
    QT_TRANSLATE_NOOP("Core", "Challenge failed: {reason}"),
)

CORE_TEXTS = (
    # report columns (app/core/reports/tables.py)
    QT_TRANSLATE_NOOP("Core", "Date"),
    QT_TRANSLATE_NOOP("Core", "Employee ID"),
    QT_TRANSLATE_NOOP("Core", "Name"),
    QT_TRANSLATE_NOOP("Core", "Department"),
    QT_TRANSLATE_NOOP("Core", "Shift"),
    QT_TRANSLATE_NOOP("Core", "First in"),
    QT_TRANSLATE_NOOP("Core", "Last out"),
    QT_TRANSLATE_NOOP("Core", "Hours worked"),
    QT_TRANSLATE_NOOP("Core", "Pairs"),
    QT_TRANSLATE_NOOP("Core", "Late"),
    QT_TRANSLATE_NOOP("Core", "Late (min)"),
    QT_TRANSLATE_NOOP("Core", "Absent"),
    QT_TRANSLATE_NOOP("Core", "Missing check-out"),
    QT_TRANSLATE_NOOP("Core", "Missing check-in"),
    QT_TRANSLATE_NOOP("Core", "Corrected events"),
    QT_TRANSLATE_NOOP("Core", "Notes"),
    QT_TRANSLATE_NOOP("Core", "Working days"),
    QT_TRANSLATE_NOOP("Core", "Days present"),
    QT_TRANSLATE_NOOP("Core", "Absences"),
    QT_TRANSLATE_NOOP("Core", "Late days"),
    QT_TRANSLATE_NOOP("Core", "Missing check-outs"),
    QT_TRANSLATE_NOOP("Core", "Missing check-ins"),
    QT_TRANSLATE_NOOP("Core", "Expected"),
    QT_TRANSLATE_NOOP("Core", "Present"),
    QT_TRANSLATE_NOOP("Core", "Presence rate"),
    QT_TRANSLATE_NOOP("Core", "yes"),
    QT_TRANSLATE_NOOP("Core", "no"),
    # report titles (XLSX sheets, PDF sections)
    QT_TRANSLATE_NOOP("Core", "Timesheet"),
    QT_TRANSLATE_NOOP("Core", "Summary"),
    QT_TRANSLATE_NOOP("Core", "Daily"),
    QT_TRANSLATE_NOOP("Core", "Summary per person"),
    QT_TRANSLATE_NOOP("Core", "Daily presence and lateness"),
    QT_TRANSLATE_NOOP("Core", "Total"),
    # camera errors (app/core/camera/sources.py, FaceAttendError.said templates)
    QT_TRANSLATE_NOOP("Core", "Video file not found: {path}"),
    QT_TRANSLATE_NOOP("Core", "Cannot open video {name}: not a video, unsupported or corrupt."),
    QT_TRANSLATE_NOOP(
        "Core", "Camera {index} not found or busy. Check that it is plugged in and not in use."
    ),
    QT_TRANSLATE_NOOP("Core", "Camera {index} stopped sending frames (unplugged?)."),
    # network cameras (app/core/camera/network.py, credentials.py)
    QT_TRANSLATE_NOOP("Core", "Network camera lost: {reason}"),
    QT_TRANSLATE_NOOP("Core", "Connecting to {camera}…"),
    QT_TRANSLATE_NOOP("Core", "Connected to {camera}."),
    QT_TRANSLATE_NOOP("Core", "the stream from {camera} stopped; reconnecting."),
    QT_TRANSLATE_NOOP("Core", "no picture from {camera} for {seconds} s."),
    QT_TRANSLATE_NOOP("Core", "{camera} does not answer; next try in {seconds} s."),
    QT_TRANSLATE_NOOP("Core", "{camera} closed."),
    QT_TRANSLATE_NOOP("Core", "The network camera {camera} was closed."),
    QT_TRANSLATE_NOOP("Core", "Cannot open the network camera {camera} ({error})."),
    QT_TRANSLATE_NOOP(
        "Core",
        "Cannot connect to the network camera {camera}: it does not answer, the address is wrong or it "
        "refused the connection.",
    ),
    QT_TRANSLATE_NOOP(
        "Core",
        "Cannot connect to the network camera {camera}: it does not answer, the address is wrong or it "
        "refused the connection (check the user name and password).",
    ),
    QT_TRANSLATE_NOOP(
        "Core",
        "The network camera {camera} needs the password of {user}: enter it under Camera → Network camera… "
        "(kept in the OS keyring), or set {variable}.",
    ),
    QT_TRANSLATE_NOOP("Core", "Not a network camera address: it must start with {schemes}."),
    QT_TRANSLATE_NOOP("Core", "A network camera address cannot contain spaces."),
    QT_TRANSLATE_NOOP("Core", "The port in {address} is not a number from 1 to 65535."),
    QT_TRANSLATE_NOOP("Core", "The network camera address {address} has no host name or IP address."),
    QT_TRANSLATE_NOOP("Core", "Folder not found: {folder}"),
    QT_TRANSLATE_NOOP("Core", "No images in {folder}"),
    QT_TRANSLATE_NOOP("Core", "Attendance report, {period} ({timezone})"),
    QT_TRANSLATE_NOOP(
        "Core",
        "{persons} people, {events} events: {hours} hours worked, {present} days present, "
        "{absences} absences, {late} late arrivals ({late_minutes} min), {missing} missing "
        "check-outs, {manual} corrected events.",
    ),
    QT_TRANSLATE_NOOP("Core", "group {group}"),
    QT_TRANSLATE_NOOP("Core", "person {person}"),
    QT_TRANSLATE_NOOP("Core", "generated {at} UTC"),
    QT_TRANSLATE_NOOP("Core", "Page {page} of {pages}"),
    QT_TRANSLATE_NOOP("Core", "Total ({persons} people)"),
    # a timesheet row's notes (app/core/reports/model.NOTE_TEXTS)
    QT_TRANSLATE_NOOP("Core", "absent"),
    QT_TRANSLATE_NOOP("Core", "late {minutes} min"),
    QT_TRANSLATE_NOOP("Core", "missing check-out"),
    QT_TRANSLATE_NOOP("Core", "missing check-in"),
    QT_TRANSLATE_NOOP("Core", "corrected"),
    # the kiosk's greeting (app/core/attendance/events.py part_of_day)
    QT_TRANSLATE_NOOP("Core", "Good morning"),
    QT_TRANSLATE_NOOP("Core", "Good afternoon"),
    QT_TRANSLATE_NOOP("Core", "Good evening"),
    # the work schedule (app/core/schedule.py)
    QT_TRANSLATE_NOOP("Core", "end before start = night shift, counted on the day it starts"),
    QT_TRANSLATE_NOOP("Core", "mon"),
    QT_TRANSLATE_NOOP("Core", "tue"),
    QT_TRANSLATE_NOOP("Core", "wed"),
    QT_TRANSLATE_NOOP("Core", "thu"),
    QT_TRANSLATE_NOOP("Core", "fri"),
    QT_TRANSLATE_NOOP("Core", "sat"),
    QT_TRANSLATE_NOOP("Core", "sun"),
    # messages of errors the UI shows (the static ones; messages with values stay English)
    QT_TRANSLATE_NOOP("Core", "A PIN or password may not start or end with spaces."),
    QT_TRANSLATE_NOOP("Core", "A correction needs a reason."),
    QT_TRANSLATE_NOOP("Core", "A shift needs at least one working weekday (e.g. mon-fri)."),
    QT_TRANSLATE_NOOP("Core", "An empty passphrase cannot unlock the database."),
    QT_TRANSLATE_NOOP("Core", "End-to-end sync needs the organisation key in the keyring."),
    QT_TRANSLATE_NOOP("Core", "Enter the person's ID (badge or staff number)."),
    QT_TRANSLATE_NOOP("Core", "Enter the person's name."),
    QT_TRANSLATE_NOOP("Core", "Every shift needs a name."),
    QT_TRANSLATE_NOOP("Core", "Face images need the OS keyring for their key; none is available."),
    QT_TRANSLATE_NOOP("Core", "Name and ID cannot be empty."),
    QT_TRANSLATE_NOOP("Core", "No OS keyring is available to hold the database key."),
    QT_TRANSLATE_NOOP("Core", "Not enough good frames were captured."),
    QT_TRANSLATE_NOOP("Core", "The API key is empty."),
    QT_TRANSLATE_NOOP("Core", "The ID must be at most 64 characters on one line."),
    QT_TRANSLATE_NOOP("Core", "The OS keyring did not keep the database key."),
    QT_TRANSLATE_NOOP("Core", "The audit head row is missing: the audit log was tampered with."),
    QT_TRANSLATE_NOOP("Core", "The cloud address must start with https://."),
    QT_TRANSLATE_NOOP("Core", "The cloud address must use https (plain http only for this machine)."),
    QT_TRANSLATE_NOOP("Core", "The cloud refused this device's API key (revoked or wrong)."),
    QT_TRANSLATE_NOOP("Core", "The database is closed."),
    QT_TRANSLATE_NOOP("Core", "The database is not open."),
    QT_TRANSLATE_NOOP("Core", "The person must consent to the storage of their face template."),
    QT_TRANSLATE_NOOP("Core", "The two passphrases differ; nothing was created."),
    QT_TRANSLATE_NOOP("Core", "This PIN is too easy to guess (a repeated digit or a run); choose another."),
    QT_TRANSLATE_NOOP("Core", "This PIN is too easy to guess (a repeated pattern); choose another."),
    QT_TRANSLATE_NOOP("Core", "This password is too easy to guess; choose another."),
    QT_TRANSLATE_NOOP("Core", "This person has attendance records; deactivate them instead of deleting."),
    # the open-set threshold summary on the Settings page (app/core/recognition/decision.py)
    QT_TRANSLATE_NOOP("Core", "Target false matches per decision"),
    QT_TRANSLATE_NOOP("Core", "Threshold in use"),
    QT_TRANSLATE_NOOP("Core", "Expected strangers accepted per 10,000 attempts"),
    QT_TRANSLATE_NOOP("Core", "Margin over the second-best person"),
    # the passphrase strength (app/core/passphrase.py)
    QT_TRANSLATE_NOOP("Core", "too short"),
    QT_TRANSLATE_NOOP("Core", "weak"),
    QT_TRANSLATE_NOOP("Core", "fair"),
    QT_TRANSLATE_NOOP("Core", "strong"),
    QT_TRANSLATE_NOOP("Core", "This passphrase is easy to guess: choose another."),
    QT_TRANSLATE_NOOP("Core", "Make it longer: several words are easier to remember."),
    QT_TRANSLATE_NOOP("Core", "A few more words make it strong."),
    # why a kiosk decision is in the review queue (app/core/attendance/doubt.REASONS)
    QT_TRANSLATE_NOOP("Core", "Small margin over the second-best person"),
    QT_TRANSLATE_NOOP("Core", "Score near the threshold"),
    QT_TRANSLATE_NOOP("Core", "Liveness borderline"),
    QT_TRANSLATE_NOOP("Core", '"Not me" at the kiosk'),
    QT_TRANSLATE_NOOP("Core", 'Close to a "Not me" of this person'),
    QT_TRANSLATE_NOOP("Core", "Unknown face seen again and again"),
    # the Settings page's anti-spoof mode (antispoof_text: app/core/liveness/antispoof.PassiveLoad)
    QT_TRANSLATE_NOOP("Core", "passive model on ({origin}: {names}) + active challenge"),
    QT_TRANSLATE_NOOP("Core", "active challenge only (passive anti-spoof model not available: {problem})"),
    QT_TRANSLATE_NOOP("Core", "active challenge only (passive anti-spoof model not available)"),
    QT_TRANSLATE_NOOP("Core", "bundled"),
    QT_TRANSLATE_NOOP("Core", "imported"),
    QT_TRANSLATE_NOOP("Core", "bundled + imported"),
    QT_TRANSLATE_NOOP("Core", "no model installed"),
    *GUIDANCE_TEXTS,
    *MESSAGE_SENTENCES,
)


def describe_error(exc: BaseException) -> str:
    """app.core.context.describe_error in the UI's language where the message is a known one: a fixed
    sentence from the catalogue, or a FaceAttendError.said() template filled with its values."""
    template = getattr(exc, "template", "")
    if template:
        translated = core_text(template)
        values = {  # a value that is itself a said() error (a reason inside a sentence) is translated too
            key: describe_error(value) if isinstance(value, BaseException) else value
            for key, value in exc.values.items()  # type: ignore[attr-defined]
        }
        try:
            return translated.format(**values)
        except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder: English
            log.warning("translation of %r has a placeholder its values lack", template)
            return str(exc)
    return core_text(core_describe_error(exc))


def core_message(text: str) -> str:
    """A message app/core built from catalogue sentences (GUIDANCE_TEXTS, MESSAGE_SENTENCES), e.g. a failed
    liveness check's "Challenge failed: Too slow: 'Blink your eyes.' was not done in time.", in the UI's
    language sentence by sentence; values inside (numbers, a prompt, a reason) are kept or translated in turn.
    Anything else stays as it is."""
    whole = core_text(text)
    if whole != text or not text:
        return whole
    for template, pattern in _sentence_patterns():
        text = pattern.sub(lambda m, t=template: _filled(t, m), text)  # type: ignore[misc]
    return text


def _filled(template: str, match: re.Match[str]) -> str:
    values = {key: _local_value(value) for key, value in match.groupdict().items()}
    try:
        return core_text(template).format(**values)
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder: English
        return match.group(0)


_NUMBER = r"[-+]?\d+(?:\.\d+)?"
_DECIMAL = re.compile(r"[-+]?\d+\.(\d+)")


def _local_value(value: str) -> str:
    """A value inside a message: a decimal number in the UI locale's notation ("0,42" in German), with as
    many decimals as app/core gave it; anything else translated in turn."""
    decimal = _DECIMAL.fullmatch(value)
    if decimal is None:
        return core_message(value)
    return QLocale().toString(float(value), "f", len(decimal.group(1)))


_VALUE_PATTERNS = {"prompt": r"[^']+", "reason": r".+"}


@functools.cache
def _sentence_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Longest first; "Challenge failed: {reason}" (the rest of the message) last."""
    templates = sorted((*GUIDANCE_TEXTS, *MESSAGE_SENTENCES), key=lambda t: ("{reason}" in t, -len(t)))
    compiled = []
    for template in templates:
        parts = re.split(r"\{(\w+)\}", template)
        regex = "".join(
            re.escape(part) if i % 2 == 0 else f"(?P<{part}>{_VALUE_PATTERNS.get(part, _NUMBER)})"
            for i, part in enumerate(parts)
        )
        compiled.append((template, re.compile(regex)))
    return compiled


def core_text(text: str) -> str:
    """`text` from app/core in the UI's language (as it is when the catalogue does not know it)."""
    return translate("Core", text) if text else text


def antispoof_text(load: PassiveLoad) -> str:
    """PassiveLoad.describe() in the UI's language; model names and a model error's details stay English."""
    if load.scorer is None:
        if not load.problem:
            return core_text("active challenge only (passive anti-spoof model not available)")
        return core_text("active challenge only (passive anti-spoof model not available: {problem})").format(
            problem=core_text(load.problem)
        )
    return core_text("passive model on ({origin}: {names}) + active challenge").format(
        origin=core_text(load.origin), names=", ".join(load.short_names)
    )


def weekdays_text(formatted: str) -> str:
    """'mon-fri' / 'mon,wed,fri' (app/core/schedule.format_weekdays) with translated day names."""
    return ",".join("-".join(core_text(day) for day in run.split("-")) for run in formatted.split(","))


def local_text(value: object) -> str:
    """One report cell in the UI locale: dates short, times HH:mm(:ss), hours with two decimals, yes/no."""
    locale = QLocale()
    if value is None:
        return ""
    if isinstance(value, bool):
        return core_text("yes") if value else core_text("no")
    if isinstance(value, float):
        return locale.toString(value, "f", 2)
    if isinstance(value, int):
        return locale.toString(value)
    if isinstance(value, datetime):
        return f"{short_date(value.date())} {value:%H:%M}"
    if isinstance(value, date):
        return short_date(value)
    if isinstance(value, time):
        return QTime(value.hour, value.minute, value.second).toString("HH:mm:ss" if value.second else "HH:mm")
    return str(value)


def long_date(day: date) -> str:
    """'Saturday, 5 December 2026' / 'Samstag, 5. Dezember 2026' / '2026年12月5日土曜日'."""
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)


def date_pattern() -> str:
    """The Qt date pattern of short_date (for QDateEdit.setDisplayFormat)."""
    if current_language() == "en":
        return "yyyy-MM-dd"
    pattern = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def day_month_pattern() -> str:
    """The Qt pattern of a day without its year (chart axes): 03-02 / 02.03. / 3/2."""
    return {"de": "dd.MM.", "ja": "M/d"}.get(current_language(), "MM-dd")


def short_date(day: date) -> str:
    """English keeps ISO dates (2026-12-05, unambiguous for any reader of English); German 05.12.2026,
    Japanese 2026/12/05: the locale's short format with a four-digit year."""
    if current_language() == "en":
        return day.isoformat()
    return QLocale().toString(QDate(day.year, day.month, day.day), date_pattern())


def period_text(start: date, end: date) -> str:
    """A report's period with the locale's dates: 2026-03-01 – 2026-03-03 / 01.03.2026 – 03.03.2026."""
    return f"{short_date(start)} – {short_date(end)}"


def report_locale() -> ReportLocale:
    """How XLSX and PDF exports speak in the UI's language (labels translated, the locale's dates)."""
    language = current_language()
    return ReportLocale(
        language=language,
        text=core_text,
        date_text=short_date,
        number_text=lambda value: QLocale().toString(value, "f", 2),
        xlsx_date_format=XLSX_DATE_FORMATS.get(language, "yyyy-mm-dd"),
    )
