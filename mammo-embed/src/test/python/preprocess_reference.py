#!/usr/bin/python3
"""Independent PyTorch/numpy reference for org.mammoembed.embed.Preprocessing (fixtures for its parity tests).

Uses only numpy (percentile), pydicom (decoding the corpus) and torch (interpolate), never the Java code.
Run:  /usr/bin/python3 preprocess_reference.py OUT_DIR [CORPUS_DIR]
Writes OUT_DIR/<case>.npy.gz: gzip-compressed .npy, float32 network inputs: [3, H, W] for synth_3328x2560.default
(the one that checks all three channels' normalisation), [1, H, W] (channel 0 only) for the others to keep the
fixtures small (channels 1 and 2 hold the same plane with other ImageNet constants).

Synthetic inputs are not stored: both sides generate them from synthetic_image() (integer hash, exact in
float32), which PreprocessingParityTest re-implements.
"""
import gzip
import io
import sys

import numpy as np
import torch
import torch.nn.functional as F

MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


def synthetic_image(rows, cols, seed):
    """Gradient + ring + hash noise, integers in [0, 4095] (12-bit detector-like), as float32."""
    y, x = np.meshgrid(np.arange(rows, dtype=np.uint32), np.arange(cols, dtype=np.uint32), indexing="ij")
    h = (y * np.uint32(cols) + x) ^ np.uint32(seed)
    h = (h ^ (h >> np.uint32(16))) * np.uint32(0x45D9F3B)
    h = (h ^ (h >> np.uint32(16))) * np.uint32(0x45D9F3B)
    h = h ^ (h >> np.uint32(16))
    noise = (h & np.uint32(511)).astype(np.int64)
    grad = (x.astype(np.int64) * 3000) // cols + (y.astype(np.int64) * 600) // rows
    ring = (((x.astype(np.int64) // 64) + (y.astype(np.int64) // 64)) % 2) * 300
    return np.minimum(grad + ring + noise, 4095).astype(np.float32)


def window_percentile(img, lo_q=0.5, hi_q=99.5):
    a = img.astype(np.float64)
    lo, hi = np.percentile(a, [lo_q, hi_q])
    if hi <= lo:
        return np.zeros(a.shape, dtype=np.float64)
    return np.clip((a - lo) / (hi - lo), 0.0, 1.0)


def to_unit(img, monochrome1):
    x = window_percentile(img)
    if monochrome1:
        x = 1.0 - x
    return x.astype(np.float32)


def normalise(plane):
    t = torch.from_numpy(plane)[None].expand(3, -1, -1)
    mean = torch.from_numpy(MEAN)[:, None, None]
    std = torch.from_numpy(STD)[:, None, None]
    return ((t - mean) / std).contiguous().numpy()


def default_recipe(img, monochrome1=False, size=(224, 224)):
    x = torch.from_numpy(to_unit(img, monochrome1))[None, None]
    r = F.interpolate(x, size=size, mode="bilinear", antialias=True, align_corners=False)
    return normalise(r[0, 0].numpy())


def seed_compatible(img, monochrome1=False, short=512, crop=224):
    """torchvision Resize(512, BICUBIC, antialias=False) on a float tensor, then CenterCrop(224)."""
    x = torch.from_numpy(to_unit(img, monochrome1))[None, None]
    h, w = img.shape
    if w <= h:
        nh, nw = int(short * h / w), short
    else:
        nh, nw = short, int(short * w / h)
    r = F.interpolate(x, size=(nh, nw), mode="bicubic", antialias=False, align_corners=False)[0, 0]
    top = int(round((nh - crop) / 2.0))
    left = int(round((nw - crop) / 2.0))
    return normalise(r[top:top + crop, left:left + crop].contiguous().numpy())


def letterbox(img, monochrome1=False, size=224):
    """Fit inside size x size keeping the aspect ratio (round(side * scale), at least 1), centred, pad 0."""
    h, w = img.shape
    scale = min(size / h, size / w)
    nh, nw = max(1, min(size, int(np.floor(h * scale + 0.5)))), max(1, min(size, int(np.floor(w * scale + 0.5))))
    x = torch.from_numpy(to_unit(img, monochrome1))[None, None]
    r = F.interpolate(x, size=(nh, nw), mode="bilinear", antialias=True, align_corners=False)[0, 0].numpy()
    canvas = np.zeros((size, size), dtype=np.float32)
    top, left = (size - nh) // 2, (size - nw) // 2
    canvas[top:top + nh, left:left + nw] = r
    return normalise(canvas)


def save(path, arr, all_channels=False):
    buf = io.BytesIO()
    np.save(buf, np.ascontiguousarray(arr if all_channels else arr[:1], dtype=np.float32))
    with gzip.GzipFile(path, "wb", mtime=0) as f:
        f.write(buf.getvalue())


def main():
    out = sys.argv[1]
    synth = {"synth_3328x2560": (3328, 2560, 1), "synth_2294x1914": (2294, 1914, 2),
             "synth_4096x3328": (4096, 3328, 3), "synth_300x7": (300, 7, 4)}
    for name, (r, c, seed) in synth.items():
        save(f"{out}/{name}.default.npy.gz", default_recipe(synthetic_image(r, c, seed)),
             all_channels=name == "synth_3328x2560")
    img = synthetic_image(3328, 2560, 1)
    save(f"{out}/synth_3328x2560.mono1.default.npy.gz", default_recipe(img, monochrome1=True))
    save(f"{out}/synth_3328x2560.seed.npy.gz", seed_compatible(img))
    save(f"{out}/synth_3328x2560.letterbox.npy.gz", letterbox(img))
    save(f"{out}/synth_100x60.upsample.default.npy.gz", default_recipe(synthetic_image(100, 60, 5)))
    if len(sys.argv) > 2:
        import pydicom
        corpus = sys.argv[2]
        for name in ["nyu_1_L_CC_deflate", "nyu_2_R_CC_mono1"]:
            ds = pydicom.dcmread(f"{corpus}/nyukat-derived/{name}.dcm")
            arr = ds.pixel_array.astype(np.float64) * float(ds.get("RescaleSlope", 1)) \
                + float(ds.get("RescaleIntercept", 0))
            mono1 = ds.PhotometricInterpretation == "MONOCHROME1"
            save(f"{out}/{name}.default.npy.gz", default_recipe(arr.astype(np.float32), monochrome1=mono1))


if __name__ == "__main__":
    main()
