"""Reference baselines for the adherence-model benchmark, with scikit-learn.

Usage:
  baseline_sklearn.py quality FOLDS_CSV
      FOLDS_CSV has columns pair_id, fold, label (0 BAIXA, 1 MEDIA, 2 ALTA), thesis_text, theme_text;
      the folds are the exact thesis-grouped folds the TypeScript model was cross-validated on.
      For each fold, fits TF-IDF on the training part only, then logistic regression, and prints
      the cross-validated macro-F1 and per-level F1 of each baseline variant as one JSON object.
  baseline_sklearn.py speed FEATURES_F32 LABELS_I32 ROWS WIDTH
      Times LogisticRegression on a float32 feature matrix written by bench/train.ts (the lexical
      features), so both sides train on the same features in the same run.
"""

import csv
import json
import sys
import time

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.preprocessing import StandardScaler


def read_folds(path):
    csv.field_size_limit(10**9)
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    folds = np.array([int(r["fold"]) for r in rows])
    labels = np.array([int(r["label"]) for r in rows])
    thesis = [r["thesis_text"] for r in rows]
    theme = [r["theme_text"] for r in rows]
    return folds, labels, thesis, theme


def figures(labels, predicted):
    per_level = f1_score(labels, predicted, labels=[0, 1, 2], average=None, zero_division=0)
    return {
        "macroF1": float(f1_score(labels, predicted, average="macro")),
        "accuracy": float(np.mean(labels == predicted)),
        "f1": {"BAIXA": float(per_level[0]), "MEDIA": float(per_level[1]), "ALTA": float(per_level[2])},
    }


def quality(path):
    folds, labels, thesis, theme = read_folds(path)
    pair_text = [a + " \n " + b for a, b in zip(thesis, theme)]
    variants = {
        "tfidf_concat_lr": {"cosine": False, "class_weight": None},
        "tfidf_concat_lr_balanced": {"cosine": False, "class_weight": "balanced"},
        "tfidf_concat_cosine_lr_balanced": {"cosine": True, "class_weight": "balanced"},
    }
    out = {}
    started = time.perf_counter()
    for name, variant in variants.items():
        predicted = np.zeros_like(labels)
        for fold in sorted(set(folds.tolist())):
            train = folds != fold
            test = folds == fold
            vectorizer = TfidfVectorizer(strip_accents="unicode", lowercase=True, sublinear_tf=True, ngram_range=(1, 2), min_df=2)
            x_train = vectorizer.fit_transform([pair_text[i] for i in np.where(train)[0]])
            x_test = vectorizer.transform([pair_text[i] for i in np.where(test)[0]])
            if variant["cosine"]:
                # The cosine between the thesis and the theme under the same vocabulary, as one extra column.
                def cosine(indices):
                    a = vectorizer.transform([thesis[i] for i in indices])
                    b = vectorizer.transform([theme[i] for i in indices])
                    return csr_matrix(np.asarray(a.multiply(b).sum(axis=1)))
                x_train = hstack([x_train, cosine(np.where(train)[0])]).tocsr()
                x_test = hstack([x_test, cosine(np.where(test)[0])]).tocsr()
            model = LogisticRegression(max_iter=2000, C=4.0, class_weight=variant["class_weight"])
            model.fit(x_train, labels[train])
            predicted[test] = model.predict(x_test)
        out[name] = figures(labels, predicted)
    out["seconds"] = time.perf_counter() - started
    return out


def speed(features_path, labels_path, rows, width):
    x = np.fromfile(features_path, dtype=np.float32).reshape(rows, width)
    y = np.fromfile(labels_path, dtype=np.int32)
    started = time.perf_counter()
    x = StandardScaler().fit_transform(x)
    model = LogisticRegression(max_iter=1000, class_weight="balanced")
    model.fit(x, y)
    seconds = time.perf_counter() - started
    return {"rows": rows, "width": width, "fitSeconds": seconds, "iterations": int(np.max(model.n_iter_))}


def main():
    if sys.argv[1] == "quality":
        result = quality(sys.argv[2])
    elif sys.argv[1] == "speed":
        result = speed(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        raise SystemExit(f"invalid mode {sys.argv[1]!r}: expected quality or speed")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
