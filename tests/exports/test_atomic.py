"""Files are replaced whole or not at all: a failed write leaves the old file and no temporary."""

import pytest

from app.exports.atomic import atomic_path, write_bytes


def test_a_failed_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"old and good")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as temp:
            assert temp.parent == tmp_path and temp.suffix == ".tmp"
            temp.write_bytes(b"half")
            raise RuntimeError("killed")
    assert target.read_bytes() == b"old and good"
    assert [p.name for p in tmp_path.iterdir()] == ["台账.xlsx"]
    write_bytes(target, b"new")
    assert target.read_bytes() == b"new" and len(list(tmp_path.iterdir())) == 1
