#!/usr/bin/env python3
"""Writes the scikit-learn oracle for PcaAgainstScikitLearnTest.

Run from the repository root with Debian's /usr/bin/python3 (apt-get install -y python3-sklearn python3-numpy):
    /usr/bin/python3 mammo-reduce/src/test/python/make_pca_fixture.py
Writes data.csv (120 x 40, correlated columns, float32-representable values) and expected.csv: the first line
holds the explained variance ratios of 3 components (exact LAPACK PCA), then one line per row with its 3
scores, each component's sign set so that its largest-magnitude coefficient is positive (our convention).
"""
import os

import numpy as np
from sklearn.decomposition import PCA

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "org", "mammoembed", "reduce", "pca")


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.RandomState(11)
    mixing = rng.normal(size=(6, 40)) * np.array([5, 3, 2, 1, 0.5, 0.2])[:, None]
    x = rng.normal(size=(120, 6)) @ mixing + 0.1 * rng.normal(size=(120, 40)) + 3.0
    x = x.astype(np.float32).astype(np.float64)
    pca = PCA(n_components=3, svd_solver="full").fit(x)
    components = pca.components_.copy()
    for c in range(3):
        if components[c, np.argmax(np.abs(components[c]))] < 0:
            components[c] = -components[c]
    scores = (x - pca.mean_) @ components.T
    np.savetxt(os.path.join(OUT, "data.csv"), x, delimiter=",", fmt="%.9g")
    with open(os.path.join(OUT, "expected.csv"), "w") as f:
        f.write(",".join(repr(float(v)) for v in pca.explained_variance_ratio_) + "\n")
        for row in scores:
            f.write(",".join(repr(float(v)) for v in row) + "\n")


if __name__ == "__main__":
    main()
