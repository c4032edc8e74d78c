#!/usr/bin/env bash
# GPU readiness check (issue 13 item 5), for a machine with an NVIDIA GPU, CUDA 12 and cuDNN 9 on the library
# path. Not yet run: no GPU was available where this script was written (see README, GPU).
#
#   examples/bench/gpu-check.sh CORPUS_DIR MODEL.onnx [IMAGES=512] [WORKERS=nproc]
#
# 1. builds with -Pcuda (the onnxruntime_gpu jar instead of the CPU one);
# 2. embeds the corpus's decodable mammograms (manifest.json: expect=decode, is_mammography) on the CPU and on
#    CUDA, and compares the feature rows: cosine similarity >= 0.9999 per image, max abs difference reported;
# 3. measures end-to-end images/s on CUDA at batch 32, 64 and 128 with WORKERS decode/preprocess workers, on
#    IMAGES synthetic 3328 x 2560 native mammograms and on IMAGES copies (links) of a JPEG lossless mammogram.
# Prints one table; exits 1 if a feature check fails. Needs python3 with numpy.
set -euo pipefail
export ORT_DISABLE_TELEMETRY=1
corpus=$1 model=$2 images=${3:-512} workers=${4:-$(nproc)}
here=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
jar="$here/examples/target/mammography.jar"

echo "== build with -Pcuda"
(cd "$here" && mvn -B -q -Pcuda -DskipTests package)
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true

echo "== CUDA vs CPU features on the corpus mammograms"
python3 - "$corpus" "$work/corpus" <<'PY'
import json, os, sys
corpus, out = sys.argv[1], sys.argv[2]
rows = [m for m in json.load(open(os.path.join(corpus, "manifest.json")))
        if m.get("expect") == "decode" and m.get("is_mammography") and m.get("samples_per_pixel") == 1]
os.makedirs(os.path.join(out, "archive"))
with open(os.path.join(out, "classificacao.csv"), "w") as f:
    f.write("AccessionNumber,Classification\n")
    for i, m in enumerate(rows):
        acc = f"GPU{i:04d}"
        os.makedirs(os.path.join(out, "archive", acc))
        os.symlink(os.path.join(corpus, m["path"]), os.path.join(out, "archive", acc, "image.dcm"))
        f.write(f"{acc},{'ABCD'[i % 4]}\n")
print(f"{len(rows)} mammograms")
PY
for device in cpu cuda; do
  java -jar "$jar" embed --csv "$work/corpus/classificacao.csv" --dicom-root "$work/corpus/archive" \
      --model "$model" --outdir "$work/out-$device" --device "$device" --batch-size 8 > "$work/$device.log"
done
python3 - "$work/out-cpu/features.npy" "$work/out-cuda/features.npy" <<'PY'
import sys
import numpy as np
cpu, gpu = np.load(sys.argv[1]).astype(np.float64), np.load(sys.argv[2]).astype(np.float64)
assert cpu.shape == gpu.shape and cpu.shape[0] > 0, (cpu.shape, gpu.shape)
cos = (cpu * gpu).sum(1) / (np.linalg.norm(cpu, axis=1) * np.linalg.norm(gpu, axis=1))
print(f"{cpu.shape[0]} images: min cosine {cos.min():.7f}, max abs difference {np.abs(cpu - gpu).max():.3g}")
sys.exit(0 if cos.min() >= 0.9999 else 1)
PY

echo "== throughput on CUDA (images/s, second of two runs in one process)"
java -jar "$jar" demo --size 3328x2560 --exams-per-class $(( (images + 15) / 16 )) --data-only \
    --outdir "$work/native" > /dev/null
jpegll=$(python3 -c "import json,sys; print(next(m['path'] for m in json.load(open(sys.argv[1]+'/manifest.json')) \
    if m.get('expect') == 'decode' and m.get('is_mammography') and 'Lossless' in (m.get('transfer_syntax_name') or '') \
    and 'JPEG' in (m.get('transfer_syntax_name') or '') and '2000' not in m['transfer_syntax_name'] \
    and 'LS' not in m['transfer_syntax_name']))" "$corpus")
mkdir -p "$work/jpegll/archive"
echo "AccessionNumber,Classification" > "$work/jpegll/classificacao.csv"
for i in $(seq 1 "$images"); do
  acc=$(printf 'LL%05d' "$i"); mkdir "$work/jpegll/archive/$acc"
  ln -s "$corpus/$jpegll" "$work/jpegll/archive/$acc/image.dcm"; echo "$acc,A" >> "$work/jpegll/classificacao.csv"
done
find "$work/native" "$corpus/$jpegll" -type f -exec cat {} + > /dev/null
printf '%-10s %6s %8s %10s\n' data batch workers images/s
for data in native jpegll; do
  if [ "$data" = native ]; then csv="$work/native/data/classificacao.csv" root="$work/native/data/archive"
  else csv="$work/jpegll/classificacao.csv" root="$work/jpegll/archive"; fi
  for batch in 32 64 128; do
    rate=$(java -jar "$jar" bench --csv "$csv" --dicom-root "$root" --model "$model" --device cuda \
        --batch-size "$batch" --workers "$workers" --repeat 2 | awk '$1 == "2" {print $4}')
    printf '%-10s %6s %8s %10s\n' "$data" "$batch" "$workers" "$rate"
  done
done
