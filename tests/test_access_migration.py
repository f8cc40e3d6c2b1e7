"""Schema v1 → v2: the "operator" role becomes "enroller", locks are kept, the audit head starts at the
existing log (so old entries are covered), and a v1 user keeps their PIN."""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher

from app.core.policy import access
from app.core.storage import Store, audit_seal, migrations

pytestmark = pytest.mark.usefixtures("cheap_argon2")  # the rules, not argon2's cost


def test_v1_database_is_migrated(memory_keyring, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
        m.setattr(migrations, "LATEST_VERSION", 1)
        with Store.open(data_dir) as v1:
            assert v1.schema_version() == 1
            v1._conn.execute(
                "INSERT INTO users (name, role, pin_hash, created_at) VALUES "
                "('olga', 'operator', ?, '2025-01-01T00:00:00.000000Z')",
                (PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash("583920"),),
            )
            for i in range(3):
                v1.append_audit("system", "settings.change", {"i": i})
    with Store.open(data_dir) as v2:
        assert v2.schema_version() == migrations.LATEST_VERSION >= 2
        user = v2.get_user("olga")
        assert user is not None and user.role == "enroller"
        assert access.login(v2, "olga", "583920").can(access.Action.ENROL)
        head = v2.audit_head()
        assert (head.entries, head.last_id) == (3, 3)
        assert audit_seal.verify(v2).ok
        assert access.needs_first_admin(v2)
