"""The tags agreement reads: the array read through the covering index holds exactly the live tags of
the chosen annotators in live documents, as the tuple read does, in document order."""

from __future__ import annotations

import numpy as np

from annotator.store import review as store


def test_tag_array_holds_the_live_tags_of_the_chosen_annotators(project):
    a, b, c = (project.annotators.ensure(n) for n in ("甲", "乙", "丙"))
    cat = project.codebook.find("破坏性利用").id
    docs = [
        project.documents.add_text(f"判决 {i}", "本院认为，被告的行为构成不正当竞争。" * 3) for i in range(3)
    ]
    ids = [d.documents_added[0].id for d in docs]
    for doc in reversed(ids):  # written out of document order
        for who, start in ((a, 9), (b, 2), (c, 4), (a, 0)):
            project.annotations.add(doc, start, start + 5, cat, who.id)
    gone = project.annotations.add(ids[0], 20, 24, cat, a.id).annotations_added[0]
    project.annotations.remove(gone.id)
    project.documents.remove(ids[2])

    got = store.tag_array([a.id, b.id])
    assert got.dtype == np.int64 and got.shape == (6, 5)
    assert sorted(map(tuple, got.tolist())) == sorted(store.tag_tuples([a.id, b.id]))
    assert (np.diff(got[:, 0]) >= 0).all()  # in document order
    assert set(got[:, 0].tolist()) == set(ids[:2])  # the removed document's tags are left out
    only_first = store.tag_array([a.id, b.id], [ids[0]])
    assert sorted(map(tuple, only_first.tolist())) == sorted(store.tag_tuples([a.id, b.id], [ids[0]]))
    assert store.tag_array([]).shape == (0, 5)
