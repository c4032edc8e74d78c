#!/usr/bin/env bash
# GPU readiness check (issue 13 item 5), for a machine with an NVIDIA GPU, CUDA 12 and cuDNN 9 on the library
# path. Not yet run on a GPU: none was available where this script was written (see README, GPU).
#
#   examples/bench/gpu-check.sh CORPUS_DIR MODEL.onnx [IMAGES=512] [WORKERS=nproc]
#
# 1. builds with -Pcuda (the onnxruntime_gpu jar instead of the CPU one);
# 2. embeds the corpus's decodable mammograms (manifest.json: expect=decode, is_mammography) on the CPU and on
#    CUDA, and compares the feature rows: cosine similarity >= 0.9999 per image, max abs difference reported;
# 3. measures end-to-end images/s on CUDA at batch 32, 64 and 128 with WORKERS decode/preprocess workers, on
#    IMAGES synthetic 3328 x 2560 native mammograms and on IMAGES copies (links) of a JPEG lossless mammogram.
# Prints one table; exits 1 if a feature check fails.
#
# Needs: JDK 17 or newer; Maven reaching Maven Central (or an ~/.m2 already holding onnxruntime_gpu 1.23.2) for
# the -Pcuda build, unless SKIP_BUILD=1 and examples/target already holds a -Pcuda build; CUDA 12.x and cuDNN 9.x
# libraries (what ONNX Runtime 1.23's CUDA provider links against) on the loader path; python3 with numpy. Step 0
# checks all of that first and stops in seconds, naming what is missing, rather than spending GPU time on a run
# that cannot succeed.
set -euo pipefail
export ORT_DISABLE_TELEMETRY=1
usage="usage: examples/bench/gpu-check.sh CORPUS_DIR MODEL.onnx [IMAGES=512] [WORKERS=nproc]"
corpus=${1:?$usage} model=${2:?$usage} images=${3:-512} workers=${4:-$(nproc)}
here=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
jar="$here/examples/target/mammography.jar"

echo "== preflight"
missing=()
java_major=$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}' \
    || true)
[ "${java_major:-0}" -ge 17 ] 2>/dev/null || missing+=("JDK 17+ (java says: ${java_major:-none})")
command -v nvidia-smi > /dev/null || missing+=("nvidia-smi (no NVIDIA driver)")
has_lib() {
  ldconfig -p 2> /dev/null | grep -q "$1" && return 0
  local d
  IFS=: read -ra dirs <<< "${LD_LIBRARY_PATH:-}"
  for d in "${dirs[@]}"; do [ -n "$d" ] && compgen -G "$d/$1*" > /dev/null && return 0; done
  return 1
}
for lib in libcudart.so.12 libcublas.so.12 libcufft.so.11 libcudnn.so.9; do
  has_lib "$lib" || missing+=("$lib (CUDA 12 / cuDNN 9, for onnxruntime_gpu 1.23)")
done
python3 -c "import numpy" 2> /dev/null || missing+=("python3 with numpy")
[ -f "$corpus/manifest.json" ] || missing+=("$corpus/manifest.json")
[ -f "$model" ] || missing+=("$model")
if [ "${SKIP_BUILD:-0}" = 1 ]; then
  [ -f "$jar" ] || missing+=("$jar (SKIP_BUILD=1 needs a -Pcuda build there)")
else
  command -v mvn > /dev/null || missing+=("mvn (or SKIP_BUILD=1 with a -Pcuda build in examples/target)")
fi
if [ ${#missing[@]} -gt 0 ]; then
  printf 'missing: %s\n' "${missing[@]}" >&2
  exit 2
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== build with -Pcuda"
  (cd "$here" && mvn -B -q -Pcuda -DskipTests package)
fi
ls "$here/examples/target/lib" | grep -q '^onnxruntime_gpu-' || { echo "examples/target is not a -Pcuda build" >&2; exit 2; }
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
