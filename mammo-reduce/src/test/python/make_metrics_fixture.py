#!/usr/bin/env python3
"""Writes the scikit-learn oracle for ClusterMetricsTest.

Run from the repository root with Debian's /usr/bin/python3 (apt-get install -y python3-sklearn python3-numpy):
    /usr/bin/python3 mammo-reduce/src/test/python/make_metrics_fixture.py
Each case writes <name>.csv (label, then the features, full float64 precision) and <name>.json with
scikit-learn's silhouette_score (euclidean), davies_bouldin_score and calinski_harabasz_score.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score, silhouette_score

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "org", "mammoembed", "reduce", "metrics")


def blobs(rng, sizes, dim, spread):
    centres = rng.normal(scale=spread, size=(len(sizes), dim))
    rows, labels = [], []
    for label, (size, centre) in enumerate(zip(sizes, centres), start=1):
        rows.append(centre + rng.normal(size=(size, dim)) * rng.uniform(0.5, 2.0))
        labels += [label] * size
    return np.vstack(rows), np.array(labels)


def write(name, x, labels):
    with open(os.path.join(OUT, name + ".csv"), "w") as f:
        for label, row in zip(labels, x):
            f.write(",".join([str(int(label))] + [repr(float(v)) for v in row]) + "\n")
    values = {
        "silhouette_score": float(silhouette_score(x, labels, metric="euclidean")),
        "davies_bouldin_index": float(davies_bouldin_score(x, labels)),
        "calinski_harabasz_score": float(calinski_harabasz_score(x, labels)),
        "sklearn_version": sklearn.__version__,
        "num_samples": int(x.shape[0]),
        "num_features": int(x.shape[1]),
    }
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(values, f, indent=2)
        f.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.RandomState(20240601)
    # 300 x 32, 4 overlapping classes of unequal size and spread
    x, labels = blobs(rng, [90, 60, 100, 50], 32, 1.5)
    write("four_classes", x, labels)
    # a singleton class (silhouette counts it as 0) and labels given out of order
    x, labels = blobs(rng, [15, 1, 12, 12], 5, 4.0)
    order = rng.permutation(len(labels))
    write("with_singleton", x[order], labels[order])


if __name__ == "__main__":
    main()
