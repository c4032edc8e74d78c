#!/usr/bin/env python3
"""PyTorch reference of mammo-embed's default pipeline, for parity checks and the speed comparison.

Reads the same inputs as `mammography embed` (a classificacao.csv with AccessionNumber and Classification
columns, and a DICOM root with one folder per AccessionNumber) and does, independently of the Java code:

  1. find every DICOM file (by content: "DICM" at offset 128) under <root>/<AccessionNumber>/, CSV order then
     relative path order;
  2. decode frame 0 with pydicom and apply the modality LUT (colour: mean of the three samples);
  3. window by percentiles: lo, hi = numpy.percentile(x, [0.5, 99.5]) (linear interpolation);
     x = clip((x - lo) / (hi - lo), 0, 1), all zeros when hi <= lo; MONOCHROME1: x = 1 - x;
  4. resize to 224x224 ignoring the aspect ratio with torch interpolate(mode="bilinear", antialias=True,
     align_corners=False), float32;
  5. grey into 3 channels, ImageNet normalisation (mean 0.485 0.456 0.406, std 0.229 0.224 0.225);
  6. ResNet50 backbone in eval mode: torchvision resnet50(weights=None) right after torch.manual_seed(42), fc
     replaced by Identity -- the network of /work/shared/models/resnet50-random-seed42.onnx -- or, with
     --weights IMAGENET1K_V1/V2, the trained one (what examples/export_resnet50.py exports).

Writes to --out: features.npy (float32 [N,2048]), index.csv (row, AccessionNumber, ImagePath), failures.csv and
timing.json (seconds per stage and images per second).

    /usr/bin/python3 examples/python/reference_pipeline.py --csv classificacao.csv --dicom-root dicoms --out ref
Needs numpy, pydicom, torch, torchvision (Debian 12: python3-numpy python3-pydicom python3-torch
python3-torchvision).
"""
import argparse
import csv
import json
import os
import time

import numpy as np
import pydicom
import torch
import torchvision
from pydicom.pixel_data_handlers.util import apply_modality_lut

MEAN = torch.tensor([0.485, 0.456, 0.406]).view(3, 1, 1)
STD = torch.tensor([0.229, 0.224, 0.225]).view(3, 1, 1)


def is_dicom(path):
    try:
        with open(path, "rb") as f:
            head = f.read(132)
        return len(head) == 132 and head[128:132] == b"DICM"
    except OSError:
        return False


def scan(csv_path, root):
    """(accession, relative path, absolute path) for every DICOM, and scan failures."""
    images, failures = [], []
    with open(csv_path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            acc = (row.get("AccessionNumber") or "").strip()
            folder = os.path.join(root, acc)
            if not acc or not os.path.isdir(folder):
                failures.append((acc, "", "scan", "MissingFolder", "no folder for accession"))
                continue
            found = []
            for dirpath, _, files in os.walk(folder):
                for name in files:
                    full = os.path.join(dirpath, name)
                    if is_dicom(full):
                        found.append(os.path.relpath(full, root).replace(os.sep, "/"))
            for rel in sorted(found):
                images.append((acc, rel, os.path.join(root, rel)))
    return images, failures


def decode(path, frame):
    ds = pydicom.dcmread(path)
    arr = ds.pixel_array
    if int(getattr(ds, "NumberOfFrames", 1) or 1) > 1:
        arr = arr[frame]
    x = apply_modality_lut(arr, ds).astype(np.float64)
    if x.ndim == 3:  # colour, samples last
        x = x.mean(axis=2)
    return x, str(ds.get("PhotometricInterpretation", "MONOCHROME2"))


def preprocess(x, photometric, size):
    lo, hi = np.percentile(x, [0.5, 99.5])
    if hi <= lo:
        w = np.zeros_like(x, dtype=np.float32)
    else:
        w = np.clip((x - lo) / (hi - lo), 0.0, 1.0).astype(np.float32)
    if photometric == "MONOCHROME1":
        w = 1.0 - w
    t = torch.from_numpy(np.ascontiguousarray(w))[None, None]
    t = torch.nn.functional.interpolate(t, size=(size, size), mode="bilinear", antialias=True, align_corners=False)
    return (t[0].expand(3, size, size) - MEAN) / STD


def backbone(weights, seed):
    if weights == "random":
        torch.manual_seed(seed)
        model = torchvision.models.resnet50(weights=None)
    else:
        model = torchvision.models.resnet50(weights=torchvision.models.ResNet50_Weights[weights])
    model.fc = torch.nn.Identity()
    return model.eval()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--csv", required=True)
    p.add_argument("--dicom-root", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--weights", default="random", help="'random' (seeded, default) or IMAGENET1K_V1/V2")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--size", type=int, default=224)
    p.add_argument("--frame", type=int, default=0)
    p.add_argument("--threads", type=int, default=os.cpu_count(), help="torch intra-op threads")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    os.makedirs(a.out, exist_ok=True)

    start = time.perf_counter()
    images, failures = scan(a.csv, a.dicom_root)
    model = backbone(a.weights, a.seed)
    t_decode = t_pre = t_infer = 0.0
    feats, index, batch, batch_rows = [], [], [], []

    def flush():
        nonlocal t_infer
        if not batch:
            return
        t0 = time.perf_counter()
        with torch.no_grad():
            out = model(torch.stack(batch)).numpy().astype(np.float32)
        t_infer += time.perf_counter() - t0
        feats.append(out)
        index.extend(batch_rows)
        batch.clear()
        batch_rows.clear()

    for acc, rel, full in images:
        t0 = time.perf_counter()
        try:
            x, photometric = decode(full, a.frame)
        except Exception as e:  # the reference records every failure and goes on, as the Java run does
            failures.append((acc, rel, "decode", type(e).__name__, str(e)))
            continue
        finally:
            t_decode += time.perf_counter() - t0
        t0 = time.perf_counter()
        batch.append(preprocess(x, photometric, a.size))
        batch_rows.append((acc, rel))
        t_pre += time.perf_counter() - t0
        if len(batch) == a.batch_size:
            flush()
    flush()
    wall = time.perf_counter() - start

    matrix = np.concatenate(feats) if feats else np.zeros((0, 2048), np.float32)
    np.save(os.path.join(a.out, "features.npy"), matrix)
    with open(os.path.join(a.out, "index.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["row", "AccessionNumber", "ImagePath"])
        for i, (acc, rel) in enumerate(index):
            w.writerow([i, acc, rel])
    with open(os.path.join(a.out, "failures.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["AccessionNumber", "ImagePath", "stage", "error", "message"])
        w.writerows(failures)
    timing = {"images": len(index), "failed": len(failures), "decode_s": t_decode, "preprocess_s": t_pre,
              "inference_s": t_infer, "wall_s": wall, "images_per_second": len(index) / wall if wall > 0 else 0,
              "batch_size": a.batch_size, "threads": a.threads, "torch": torch.__version__,
              "weights": a.weights if a.weights != "random" else f"random seed {a.seed}"}
    with open(os.path.join(a.out, "timing.json"), "w") as f:
        json.dump(timing, f, indent=2)
    print(json.dumps(timing))


if __name__ == "__main__":
    main()
