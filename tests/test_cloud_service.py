"""The cloud service through its HTTP API (in-process), on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from cloud.app import create_app
from cloud.config import CloudSettings
from cloud.db.engine import Database
from cloud.db.migrations import migrate
from wire.schemas import encode_vector

ADMIN = "admin-secret-for-tests"
A = {"X-Admin-Key": ADMIN}


class Api:
    """A test client plus the steps every test needs."""

    def __init__(self, db_url: str, **settings: Any) -> None:
        self.settings = CloudSettings(db_url=db_url, admin_key=ADMIN, **settings)
        self.db = Database(db_url)
        self.client = TestClient(create_app(self.settings, self.db))

    def org(self, name: str = "Acme", end_to_end: bool = False) -> str:
        r = self.client.post(
            "/v1/admin/organisations", json={"name": name, "end_to_end": end_to_end}, headers=A
        )
        assert r.status_code == 201, r.text
        return str(r.json()["id"])

    def device(self, org_id: str, name: str = "kiosk", site: str | None = None) -> tuple[str, dict[str, str]]:
        body: dict[str, Any] = {"name": name}
        if site:
            body["site_id"] = self.client.post(
                f"/v1/admin/organisations/{org_id}/sites", json={"name": site}, headers=A
            ).json()["id"]
        r = self.client.post(f"/v1/admin/organisations/{org_id}/devices", json=body, headers=A)
        assert r.status_code == 201, r.text
        return str(r.json()["device"]["id"]), {"X-API-Key": r.json()["api_key"]}


@pytest.fixture
def api(db_url: str) -> Iterator[Api]:
    api = Api(db_url)
    yield api
    api.client.close()
    api.db.dispose()


def unit(seed: int, dim: int = 128) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal(dim).astype(np.float32)
    return v / np.linalg.norm(v)


def put_person(api: Api, h: dict[str, str], name: str = "Ann", **extra: Any) -> str:
    pid = str(uuid.uuid4())
    r = api.client.put(f"/v1/persons/{pid}", json={"name": name, **extra}, headers=h)
    assert r.status_code == 201, r.text
    return pid


def template_body(pid: str, vec: np.ndarray | list[int]) -> dict[str, Any]:
    """The JSON of a clear (not end-to-end) template of person `pid`."""
    vector = np.asarray(vec)
    return {
        "person_uuid": pid,
        "model_id": "dlib",
        "model_version": "1",
        "dim": int(vector.size),
        "vector_b64": encode_vector(vec),
    }


def put_template(api: Api, h: dict[str, str], pid: str, vec: np.ndarray) -> str:
    tid = str(uuid.uuid4())
    body = template_body(pid, vec)
    r = api.client.put(f"/v1/templates/{tid}", json=body, headers=h)
    assert r.status_code == 201, r.text
    return tid


# --- devices, auth, isolation ---------------------------------------------------------------------------


def test_device_keys_org_isolation_and_revoke(api: Api) -> None:
    org1, org2 = api.org("One"), api.org("Two")
    dev1, h1 = api.device(org1, site="HQ")
    _, h2 = api.device(org2)
    assert api.client.get("/v1/me", headers=h1).json()["organisation"]["id"] == org1
    assert api.client.get("/v1/me", headers={"Authorization": "Bearer " + h1["X-API-Key"]}).status_code == 200

    pid = put_person(api, h1)
    assert api.client.get(f"/v1/persons/{pid}", headers=h1).status_code == 200
    assert api.client.get(f"/v1/persons/{pid}", headers=h2).status_code == 404  # other org sees nothing
    assert api.client.get("/v1/changes", headers=h2).json()["changes"] == []
    tid = put_template(api, h1, pid, unit(1))
    probe = {"model_id": "dlib", "model_version": "1", "dim": 128, "vector_b64": encode_vector(unit(1))}
    assert api.client.post("/v1/search", json=probe, headers=h2).json()["matches"] == []
    assert api.client.post("/v1/search", json=probe, headers=h1).json()["matches"][0]["template_uuid"] == tid

    # the key is stored hashed only
    with api.db.read() as session:
        from sqlalchemy import text

        stored = [row[0] for row in session.execute(text("SELECT key_hash FROM devices"))]
    assert h1["X-API-Key"] not in stored and all(len(s) == 64 for s in stored)

    listed = api.client.get(f"/v1/admin/organisations/{org1}/devices", headers=A).json()
    assert [d["id"] for d in listed] == [dev1] and "api_key" not in listed[0]
    r = api.client.post(f"/v1/admin/devices/{dev1}/revoke", headers=A)
    assert r.status_code == 200 and r.json()["revoked_at"]
    assert api.client.get("/v1/me", headers=h1).status_code == 401


def test_every_route_needs_a_key_and_admin_needs_the_admin_key(api: Api) -> None:
    org = api.org()
    _, h = api.device(org)
    assert api.client.get("/v1/changes").status_code == 401
    assert api.client.get("/v1/changes", headers={"X-API-Key": "fa_wrong"}).status_code == 401
    assert api.client.get("/v1/admin/organisations", headers=h).status_code == 401  # device key is not admin
    assert api.client.get("/v1/admin/organisations").status_code == 401
    assert (
        api.client.get("/v1/admin/organisations", headers={"Authorization": f"Bearer {ADMIN}"}).status_code
        == 200
    )
    assert api.client.get("/healthz").status_code == 200


def test_auth_failures_are_rate_limited_per_address(db_url: str) -> None:
    api = Api(db_url, auth_failures_allowed=3, auth_failure_window_s=60)
    org = api.org()
    _, h = api.device(org)
    for i in range(3):
        assert api.client.get("/v1/changes", headers={"X-API-Key": f"guess{i}"}).status_code == 401
    r = api.client.get("/v1/changes", headers={"X-API-Key": "guess-again"})
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
    # Others' failures behind the same address never lock a valid device key out.
    assert api.client.get("/v1/changes", headers=h).status_code == 200
    api.db.dispose()


# --- incremental sync -----------------------------------------------------------------------------------


def test_cursor_sync_with_tombstones_between_two_devices(api: Api) -> None:
    org = api.org()
    _, ha = api.device(org, "A")
    _, hb = api.device(org, "B")
    page = api.client.get("/v1/changes?since=0", headers=hb).json()
    cursor_b = page["next_cursor"]
    assert page["changes"] == [] and cursor_b == 0

    pid = put_person(api, ha, department="Lab")
    tid = put_template(api, ha, pid, unit(2))
    page = api.client.get(f"/v1/changes?since={cursor_b}", headers=hb).json()
    assert [(c["kind"], c["uuid"], c["deleted"]) for c in page["changes"]] == [
        ("person", pid, False),
        ("template", tid, False),
    ]
    assert page["changes"][1]["template"]["vector_b64"] == encode_vector(unit(2))
    cursor_a = page["next_cursor"]

    assert api.client.delete(f"/v1/persons/{pid}", headers=hb).status_code == 204
    assert api.client.delete(f"/v1/persons/{pid}", headers=hb).status_code == 204  # idempotent
    page = api.client.get(f"/v1/changes?since={cursor_a}", headers=ha).json()
    got = {(c["kind"], c["uuid"]): c for c in page["changes"]}
    assert got[("person", pid)]["deleted"] and got[("template", tid)]["deleted"]
    assert got[("person", pid)]["person"]["name"] == ""  # a tombstone keeps no personal data
    assert got[("template", tid)]["template"]["vector_b64"] is None
    assert page["next_cursor"] > cursor_a
    # deletion wins: a late edit or a new template for the deleted person is refused
    assert api.client.put(f"/v1/persons/{pid}", json={"name": "Ann"}, headers=ha).status_code == 410
    body = template_body(pid, [1, 0, 0, 0])
    assert api.client.put(f"/v1/templates/{uuid.uuid4()}", json=body, headers=ha).status_code == 410


def test_groups_put_is_idempotent_and_the_change_feed_carries_their_names(api: Api) -> None:
    org = api.org()
    _, ha = api.device(org, "A")
    _, hb = api.device(org, "B")
    gid = str(uuid.uuid4())
    first = api.client.put(f"/v1/groups/{gid}", json={"name": "Night crew"}, headers=ha)
    assert first.status_code == 201 and first.json()["name"] == "Night crew"
    again = api.client.put(f"/v1/groups/{gid}", json={"name": "Night crew"}, headers=hb)
    assert again.status_code == 200 and again.json() == first.json()  # a repeat is a no-op
    other = api.client.put(f"/v1/groups/{gid}", json={"name": "night crew"}, headers=hb)
    assert other.status_code == 409 and other.json()["current"]["name"] == "Night crew"
    page = api.client.get("/v1/changes?since=0", headers=hb).json()
    assert [(c["kind"], c["uuid"], c["group"]["name"]) for c in page["changes"]] == [
        ("group", gid, "Night crew")
    ]


def test_changes_paging_is_complete_and_ordered(api: Api) -> None:
    org = api.org()
    _, h = api.device(org)
    made = [put_person(api, h, name=f"P{i}") for i in range(7)]
    seen, cursor = [], 0
    while True:
        page = api.client.get(f"/v1/changes?since={cursor}&limit=3", headers=h).json()
        seen += [c["uuid"] for c in page["changes"]]
        assert page["next_cursor"] >= cursor
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    assert seen == made
    assert api.client.get(f"/v1/changes?since={cursor + 100}", headers=h).status_code == 409  # cursor ahead


def test_conflict_rule_server_version_wins(api: Api) -> None:
    org = api.org()
    _, h = api.device(org)
    pid = put_person(api, h, name="Ann")
    v1 = api.client.get(f"/v1/persons/{pid}", headers=h).json()["version"]
    r = api.client.put(f"/v1/persons/{pid}", json={"name": "Ann B", "base_version": v1}, headers=h)
    assert r.status_code == 200 and r.json()["version"] > v1
    # a second device still editing from v1 loses: 409 with the server's current version
    r = api.client.put(f"/v1/persons/{pid}", json={"name": "Anne", "base_version": v1}, headers=h)
    assert r.status_code == 409 and r.json()["current"]["name"] == "Ann B"
    # re-sending what the server holds is a no-op, whatever the base version
    r = api.client.put(f"/v1/persons/{pid}", json={"name": "Ann B", "base_version": v1}, headers=h)
    assert r.status_code == 200
    # templates are immutable
    tid = put_template(api, h, pid, unit(3))
    body = template_body(pid, unit(4))
    assert api.client.put(f"/v1/templates/{tid}", json=body, headers=h).status_code == 409
    body["vector_b64"] = encode_vector(unit(3))
    assert api.client.put(f"/v1/templates/{tid}", json=body, headers=h).status_code == 200


# --- attendance -----------------------------------------------------------------------------------------


def test_attendance_upload_is_idempotent_and_one_report_holds_both_sites(api: Api) -> None:
    org = api.org()
    _, ha = api.device(org, "A", site="North")
    _, hb = api.device(org, "B", site="South")
    pid = put_person(api, ha)

    def ev(hour: int) -> dict[str, Any]:
        return {
            "uuid": str(uuid.uuid4()),
            "person_uuid": pid,
            "at_utc": f"2026-03-02T{hour:02d}:00:00+01:00",
            "direction": "in",
        }

    e1, e2, e3 = ev(8), ev(9), ev(10)
    r = api.client.post("/v1/attendance", json={"events": [e1, e2, e1]}, headers=ha).json()
    assert sorted(r["accepted"]) == sorted([e1["uuid"], e2["uuid"]]) and r["duplicates"] == []
    r = api.client.post("/v1/attendance", json={"events": [e2, e3]}, headers=hb).json()
    assert r["accepted"] == [e3["uuid"]] and r["duplicates"] == [e2["uuid"]]
    r = api.client.post("/v1/attendance", json={"events": [{**e1, "voided": True}]}, headers=ha).json()
    assert r["voided"] == [e1["uuid"]]
    report = api.client.get("/v1/attendance", headers=hb).json()["events"]
    assert sorted(e["uuid"] for e in report) == sorted([e1["uuid"], e2["uuid"], e3["uuid"]])
    assert len({e["site_id"] for e in report}) == 2
    assert next(e for e in report if e["uuid"] == e1["uuid"])["voided"]
    assert next(e for e in report if e["uuid"] == e1["uuid"])["at_utc"].startswith("2026-03-02T07:00:00")


# --- search ---------------------------------------------------------------------------------------------


def test_search_top_k_threshold_and_verify(api: Api) -> None:
    org = api.org()
    _, h = api.device(org)
    people = [put_person(api, h, name=f"P{i}") for i in range(20)]
    tids = [put_template(api, h, p, unit(100 + i)) for i, p in enumerate(people)]
    noisy = unit(105) + 0.05 * unit(999)
    probe = {
        "model_id": "dlib",
        "model_version": "1",
        "dim": 128,
        "vector_b64": encode_vector(noisy),
        "top_k": 3,
        "threshold": 0.5,
    }
    r = api.client.post("/v1/search", json=probe, headers=h).json()
    assert r["gallery_size"] == 20 and [m["template_uuid"] for m in r["matches"]] == [tids[5]]
    r = api.client.post("/v1/search", json={**probe, "threshold": 4.0}, headers=h).json()
    assert len(r["matches"]) == 3 and r["matches"][0]["distance"] <= r["matches"][1]["distance"]
    # the cache follows deletions and additions
    api.client.delete(f"/v1/templates/{tids[5]}", headers=h)
    extra = put_template(api, h, people[0], unit(105))
    r = api.client.post("/v1/search", json=probe, headers=h).json()
    assert [m["template_uuid"] for m in r["matches"]] == [extra] and r["gallery_size"] == 20
    other_model = {**probe, "model_version": "2"}
    assert api.client.post("/v1/search", json=other_model, headers=h).json()["gallery_size"] == 0

    v = {
        "person_uuid": people[0],
        **{k: probe[k] for k in ("model_id", "model_version", "dim", "vector_b64")},
    }
    r = api.client.post("/v1/verify", json=v, headers=h).json()
    assert r["match"] and r["templates_compared"] == 2
    r = api.client.post("/v1/verify", json={**v, "person_uuid": people[1]}, headers=h).json()
    assert not r["match"] and r["distance"] > 0.5


def test_end_to_end_org_stores_ciphertext_only_and_refuses_search(api: Api) -> None:
    from app.core.sync.client import TemplateSealer

    org = api.org("Private", end_to_end=True)
    _, h = api.device(org)
    pid = put_person(api, h)
    sealer = TemplateSealer(bytes(range(32)))
    tid = str(uuid.uuid4())
    body = template_body(pid, unit(7))
    assert api.client.put(f"/v1/templates/{tid}", json=body, headers=h).status_code == 422  # no clear vectors
    body = {
        **body,
        "vector_b64": None,
        "ciphertext_b64": sealer.seal(tid, "dlib", "1", unit(7)),
        "key_id": "k1",
    }
    assert api.client.put(f"/v1/templates/{tid}", json=body, headers=h).status_code == 201
    probe = {"model_id": "dlib", "model_version": "1", "dim": 128, "vector_b64": encode_vector(unit(7))}
    r = api.client.post("/v1/search", json=probe, headers=h)
    assert r.status_code == 409 and "end-to-end" in r.json()["detail"]
    assert api.client.post("/v1/verify", json={**probe, "person_uuid": pid}, headers=h).status_code == 409
    from wire.schemas import TemplateOut

    got = TemplateOut.model_validate(api.client.get(f"/v1/templates/{tid}", headers=h).json())
    assert got.vector_b64 is None and np.allclose(sealer.open(got), unit(7))
    with api.db.read() as session:
        from sqlalchemy import text

        stored = session.execute(text("SELECT payload FROM templates")).scalar_one()
    assert unit(7).tobytes() not in bytes(stored)


# --- malformed input, migrations ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("put", "/v1/persons/not-a-uuid", {"name": "x"}),
        ("put", "/v1/persons/{u}", {"name": "a\u0000b"}),
        ("put", "/v1/persons/{u}", '{"name": "\\ud800"}'),  # a lone surrogate, as JSON escapes it
        ("put", "/v1/persons/{u}", {"name": "x", "consent_at": "9999-12-31T23:59:59-23:59"}),
        ("put", "/v1/persons/{u}", {"name": "x", "consent_at": "2026-01-01T00:00:00"}),
        ("put", "/v1/persons/{u}", {"name": "x", "unknown": 1}),
        (
            "put",
            "/v1/templates/{u}",
            {"person_uuid": "{u}", "model_id": "m", "model_version": "1", "dim": 2, "vector_b64": "%%%"},
        ),
        (
            "put",
            "/v1/templates/{u}",
            {
                "person_uuid": "{u}",
                "model_id": "m",
                "model_version": "1",
                "dim": 3,
                "vector_b64": "AAAAAAAAAAA=",
            },
        ),
        ("get", "/v1/changes?since=-1", None),
        ("get", "/v1/changes?since=99999999999999999999999", None),
        ("post", "/v1/attendance", {"events": []}),
        ("post", "/v1/search", {"model_id": "m", "model_version": "1", "dim": 1, "vector_b64": "AADAfw=="}),
    ],
)
def test_malformed_requests_are_4xx(
    api: Api, method: str, path: str, body: dict[str, Any] | str | None
) -> None:
    org = api.org()
    _, h = api.device(org)
    u = str(uuid.uuid4())
    path = path.replace("{u}", u)
    if isinstance(body, str):
        r = api.client.request(
            method.upper(), path, content=body, headers={**h, "Content-Type": "application/json"}
        )
        assert 400 <= r.status_code < 500, r.text
        return
    if body is not None:
        body = {k: (v.replace("{u}", u) if isinstance(v, str) else v) for k, v in body.items()}
    r = api.client.request(method.upper(), path, json=body, headers=h)
    assert 400 <= r.status_code < 500, r.text


def test_migrations_are_versioned_and_idempotent(db_url: str) -> None:
    db = Database(db_url)
    assert migrate(db.engine) == migrate(db.engine) == 1
    with db.read() as session:
        from sqlalchemy import text

        assert session.execute(text("SELECT version FROM schema_version")).scalars().all() == [1]
    db.dispose()
