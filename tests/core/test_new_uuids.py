"""`new_uuids` makes uuids in bulk for importers: each a random version-4 uuid written as `new_uuid`
writes one (lower-case, hyphenated), all distinct."""

import uuid

from annotator.core.model import new_uuid, new_uuids


def test_bulk_uuids_are_version_4_and_written_like_single_ones():
    made = new_uuids(5000)
    assert len(made) == len(set(made)) == 5000
    for text in made:
        parsed = uuid.UUID(text)
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122
        assert str(parsed) == text
    assert len(new_uuid()) == len(made[0])
    assert new_uuids(0) == []
