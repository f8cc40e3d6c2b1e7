"""`faceattend identify`: photos decided 1:N against the enrolled database with the kiosk's decision code,
after a sign-in (VIEW_PEOPLE), one JSON object per track."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from app.cli import main
from app.core.evaluation.embedding_cache import embed_folder
from app.core.matcher import Matcher
from app.core.policy import access
from app.core.recognition.decision import OpenSetDecider, fuse
from app.core.records import Person, Template
from app.core.settings import RecognitionSettings
from app.core.storage import Store
from app.core.vision.embedder import MODEL_ID, MODEL_VERSION
from tests.conftest import SHARED, shared_path

pytestmark = pytest.mark.usefixtures("cheap_argon2")
PIN = "583920"
ENROLLED = {"Abdullah_Gul": "E1", "Adrien_Brody": "E2", "Alan_Greenspan": "E3"}  # LFW View 1 test people
STRANGER = "Albert_Costa"


def photo(root: Path, name: str, number: int) -> Path:
    return root / name / f"{name}_{number:04d}.jpg"


@pytest.fixture
def enrolled(memory_keyring: object, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three people enrolled with templates averaged from their first two photos; an HR account."""
    root = shared_path("data/lfw/lfw-deepfunneled")
    if "FACEATTEND_CACHE_DIR" not in os.environ and (SHARED.parent / "cache").is_dir():
        monkeypatch.setenv("FACEATTEND_CACHE_DIR", str(SHARED.parent / "cache"))
    files = [f"{n}/{n}_{i:04d}.jpg" for n in [*ENROLLED, STRANGER] for i in range(1, 6)]
    embedded = embed_folder(root, "lfw-deepfunneled", files)
    vectors = dict(zip(embedded.paths, embedded.vectors, strict=True))
    with Store.open(data_dir) as store:
        admin = access.create_first_admin(store, "admin", PIN)
        access.add_user(store, admin, "hr", access.Role.HR, PIN)
        for name, external_id in ENROLLED.items():
            person = store.add_person(Person(f"uuid-{external_id}", external_id, name.replace("_", " ")))
            template = fuse(np.stack([vectors[f"{name}/{name}_{i:04d}.jpg"] for i in (1, 2)]))
            store.add_template(Template(person.uuid, MODEL_ID, MODEL_VERSION, template, 0.9, 2))
    return root


def test_identify_tracks_as_json(
    enrolled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "tracks.csv"
    rows = ["track,photo"]
    for name in ("Abdullah_Gul", "Adrien_Brody", STRANGER):
        rows += [f"{name},{photo(enrolled, name, i)}" for i in (3, 4, 5)]
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.delenv("FACEATTEND_USER", raising=False)
    monkeypatch.setenv("FACEATTEND_PIN", PIN)
    assert main(["identify", "--tracks", str(csv), "--json"]) == 2  # no sign-in
    assert "--user" in capsys.readouterr().err
    assert main(["identify", "--tracks", str(csv), "--json", "--user", "hr"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(o["track"], o["decision"], o["external_id"]) for o in out] == [
        ("Abdullah_Gul", "match", "E1"),
        ("Adrien_Brody", "match", "E2"),
        (STRANGER, "unknown", None),
    ]
    assert all(set(o) >= {"track", "decision", "external_id", "similarity", "margin"} for o in out)
    assert all(o["frames"] == 3 for o in out)
    # the same decision as the core's on the cached embeddings of the same photos (the same code path)
    matcher = Matcher(128)
    files = [f"{n}/{n}_{i:04d}.jpg" for n in ENROLLED for i in (1, 2)]
    cached = embed_folder(enrolled, "lfw-deepfunneled", files).vectors.reshape(3, 2, -1)
    matcher.add_many(list(ENROLLED), np.stack([fuse(v) for v in cached]))
    gul = embed_folder(
        enrolled, "lfw-deepfunneled", [f"Abdullah_Gul/Abdullah_Gul_{i:04d}.jpg" for i in (3, 4, 5)]
    )
    decision = OpenSetDecider(matcher, RecognitionSettings()).decide(gul.vectors)
    assert out[0]["similarity"] == pytest.approx(decision.similarity, abs=0.01)


def test_identify_photos_and_bad_input(
    enrolled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FACEATTEND_USER", "hr")
    monkeypatch.setenv("FACEATTEND_PIN", PIN)
    photos = [str(photo(enrolled, "Alan_Greenspan", i)) for i in (3, 4, 5)]
    assert main(["identify", *photos, "--json"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line)["decision"] == "match" and json.loads(line)["external_id"] == "E3"
    assert main(["identify", *photos]) == 0
    assert capsys.readouterr().out.startswith("photos: E3 (similarity 0.9")
    not_a_photo = tmp_path / "not_a_photo.jpg"
    not_a_photo.write_bytes(b"garbage")
    assert main(["identify", str(not_a_photo)]) == 0  # a clear answer, not a score of -1
    assert capsys.readouterr().out == "photos: unknown (no usable face in 1 photo(s))\n"
    assert main(["identify", str(tmp_path / "missing.jpg")]) == 2
    assert "Photo not found" in capsys.readouterr().err
    bad = tmp_path / "bad.csv"
    bad.write_text("person,file\na,b\n", encoding="utf-8")
    assert main(["identify", "--tracks", str(bad)]) == 2
    assert "track,photo" in capsys.readouterr().err
    assert main(["identify"]) == 2
    assert "either PHOTO" in capsys.readouterr().err
