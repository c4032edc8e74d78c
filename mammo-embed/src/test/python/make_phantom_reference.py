#!/usr/bin/env python3
"""PyTorch reference features for EndToEndPhantomParityTest: three integer-defined phantoms of real detector
sizes (3328x2560, 2294x1914, 4096x3328), 12-bit MONOCHROME2, run through the independent reference pipeline
(examples/python/reference_pipeline.py: numpy percentiles, torch antialiased bilinear resize, ImageNet
normalisation, torchvision resnet50 after torch.manual_seed(42) with fc = Identity, i.e. the network of
resnet50-random-seed42.onnx). The Java test builds the same pixels with the same integer formula, writes them
as DICOM and runs mammo-embed's default pipeline on them.

    /usr/bin/python3 mammo-embed/src/test/python/make_phantom_reference.py
Needs Debian's python3-numpy python3-torch python3-torchvision python3-pydicom.
"""
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "examples", "python"))
import reference_pipeline as ref  # noqa: E402

SIZES = [(3328, 2560), (2294, 1914), (4096, 3328)]
OUT = os.path.join(HERE, "..", "resources", "org", "mammoembed", "embed", "phantom-reference-features.npy")


def phantom(rows, cols):
    """Integer-only formula (mirrored exactly in EndToEndPhantomParityTest.phantom)."""
    y, x = np.mgrid[0:rows, 0:cols].astype(np.int64)
    a = cols * 3 // 4            # half-ellipse reaching 3/4 of the width from the chest wall at x = 0
    b = rows * 9 // 20
    cy = rows // 2
    inside = x * x * b * b + (y - cy) * (y - cy) * a * a <= a * a * b * b
    tissue = 1000 + (x * 37 + y * 11) % 1500 + ((x // 64 + y // 64) % 2) * 800
    return np.where(inside, tissue, 0).astype(np.int64)


def main():
    model = ref.backbone("random", 42)
    feats = []
    with torch.no_grad():
        for rows, cols in SIZES:
            x = phantom(rows, cols).astype(np.float64)
            t = ref.preprocess(x, "MONOCHROME2", 224)
            feats.append(model(t[None]).numpy()[0])
    arr = np.stack(feats).astype(np.float32)
    np.save(OUT, arr)
    print(OUT, arr.shape, arr[:, :3])


if __name__ == "__main__":
    main()
