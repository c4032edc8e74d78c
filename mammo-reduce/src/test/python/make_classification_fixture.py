#!/usr/bin/env python3
"""Writes the scikit-learn oracle for ClassificationScoresTest.

Run from the repository root with Debian's /usr/bin/python3 (apt-get install -y python3-sklearn python3-numpy):
    /usr/bin/python3 mammo-reduce/src/test/python/make_classification_fixture.py
One line per case in classification_cases.csv: case name, then y_true and y_pred (space-separated BI-RADS
codes 1-4), then scikit-learn's balanced_accuracy, accuracy, macro F1, Cohen's kappa and quadratic kappa.
"""
import os

import numpy as np
from sklearn.metrics import accuracy_score, balanced_accuracy_score, cohen_kappa_score, f1_score

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "org", "mammoembed", "reduce", "baselines")


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.RandomState(7)
    cases = []
    y = rng.randint(1, 5, size=60)
    cases.append(("random", y, rng.randint(1, 5, size=60)))
    noisy = y.copy()
    flip = rng.rand(60) < 0.3
    noisy[flip] = np.clip(noisy[flip] + rng.choice([-1, 1], size=flip.sum()), 1, 4)
    cases.append(("mostly_right_off_by_one", y, noisy))
    # class 4 never predicted, class 1 over-predicted
    skewed = np.where(y == 4, 3, y)
    skewed[:10] = 1
    cases.append(("class4_never_predicted", y, skewed))
    with open(os.path.join(OUT, "classification_cases.csv"), "w") as f:
        for name, t, p in cases:
            values = [
                balanced_accuracy_score(t, p),
                accuracy_score(t, p),
                f1_score(t, p, average="macro"),
                cohen_kappa_score(t, p),
                cohen_kappa_score(t, p, weights="quadratic"),
            ]
            f.write(",".join([name, " ".join(map(str, t)), " ".join(map(str, p))] + [repr(float(v)) for v in values]))
            f.write("\n")


if __name__ == "__main__":
    main()
