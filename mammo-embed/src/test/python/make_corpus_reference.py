#!/usr/bin/env python3
"""Writes the end-to-end reference of the default pipeline for three corpus mammograms: PyTorch features
(examples/python/reference_pipeline.py's decode, preprocess and seed-42 ResNet50 backbone, reused, not copied)
for EndToEndParityTest.

Run from the repository root with Debian's python3-torch/torchvision/pydicom/numpy:
    /usr/bin/python3 mammo-embed/src/test/python/make_corpus_reference.py /work/shared/dicom-corpus
Output: mammo-embed/src/test/resources/org/mammoembed/embed/corpus-reference-features.npy ([3,2048] float32,
rows in the order of FILES below).
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join("examples", "python"))
import reference_pipeline as ref  # noqa: E402

# files pydicom decodes without plugins; the Java test also runs their twins in other encodings
FILES = ["nyukat-derived/nyu_1_L_CC_deflate.dcm",
         "nyukat-derived/nyu_2_R_CC_mono1.dcm",
         "gh-notZaki-DICOMSamples/MG_Explicit_Little.dcm"]
OUT = os.path.join("mammo-embed", "src", "test", "resources", "org", "mammoembed", "embed",
                   "corpus-reference-features.npy")


def main():
    corpus = sys.argv[1]
    torch.set_num_threads(2)
    model = ref.backbone("random", 42)
    batch = []
    for f in FILES:
        x, photometric = ref.decode(os.path.join(corpus, f), 0)
        batch.append(ref.preprocess(x, photometric, 224))
    with torch.no_grad():
        features = model(torch.stack(batch)).numpy().astype(np.float32)
    np.save(OUT, features)
    print(OUT, features.shape, features[:, :3])


if __name__ == "__main__":
    main()
