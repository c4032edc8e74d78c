#!/usr/bin/env bash
# Issue 13's targets on this machine, in one run: each figure comes from the script or command that measures it
# side by side (README, Benchmarks), and the host is printed first, because the ratios move with the processor.
#
#   examples/bench/targets.sh [ROUNDS=6] [PYTORCH_ROUNDS=3]
#
# 1 and 3: `bench --model MODEL --repeat 2` ROUNDS times on a study of 64 synthetic 3328 x 2560 native mammograms;
#          per round the second pass's (decode + preprocess) / inference CPU ratio and the start-up beyond the
#          model load; then the median and range of each.
# 2:       examples/bench/embed_vs_pytorch.sh on the same study, PYTORCH_ROUNDS rounds (skipped, saying so,
#          without /usr/bin/python3 holding torch, torchvision and pydicom).
# 4:       mammo-dicom's DecodeBenchmark against gdcmconv: two JPEG-LS phantoms (dcmcjpls, from the study) and the
#          corpus mammograms as JPEG-LS, lossless JPEG, RLE and JPEG 2000 (OpenCV on the class path,
#          OPJ_NUM_THREADS=2 as GDCM's OpenJPEG uses threads too); skipped, saying so, without gdcmconv, dcmcjpls or
#          the corpus.
# 5:       needs a GPU machine: examples/bench/gpu-check.sh (only named here).
#
# Needs a built examples/target (mvn -DskipTests package). STUDY=DIR reuses a study written before by
# `mammography demo --size 3328x2560 --exams-per-class 4 --data-only --outdir DIR`; MODEL and CORPUS default to
# ../shared's. Prints one section per target; the figures are this machine's and this hour's only.
set -euo pipefail
export ORT_DISABLE_TELEMETRY=1
rounds=${1:-6} torch_rounds=${2:-3}
here=$(cd "$(dirname "$0")/../.." && pwd)
jar=$here/examples/target/mammography.jar
model=${MODEL:-$here/../shared/models/resnet50-random-seed42.onnx}
corpus=${CORPUS:-$here/../shared/dicom-corpus}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -f "$jar" ] || { echo "no $jar: build first (mvn -DskipTests package)" >&2; exit 2; }
[ -f "$model" ] || { echo "no model $model (set MODEL)" >&2; exit 2; }
study=${STUDY:-$work/study}
if [ ! -f "$study/data/classificacao.csv" ]; then
  java -jar "$jar" demo --size 3328x2560 --exams-per-class 4 --data-only --outdir "$study" > /dev/null
fi
csv=$study/data/classificacao.csv root=$study/data/archive

median_range() { # values... -> "median M (min-max)"
  printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
    printf "median %s (%s-%s)", m, v[1], v[NR]}'
}

echo "== targets 1 and 3: bench --repeat 2, $rounds rounds"
ratios=() beyond=()
for r in $(seq 1 "$rounds"); do
  java -jar "$jar" bench --model "$model" --csv "$csv" --dicom-root "$root" --repeat 2 > "$work/bench.txt" 2>&1
  [ "$r" = 1 ] && grep '^host: ' "$work/bench.txt"
  row=$(grep -E '^2 ' "$work/bench.txt")
  ratio=$(awk '{print $11}' <<< "$row")
  ms=$(sed -n 's/.*beyond the model load \([0-9]*\) ms.*/\1/p' "$work/bench.txt")
  printf 'round %d: cpu ratio %s (decode %s + preprocess %s / infer %s ms CPU per image); start-up beyond the model load %s ms\n' \
    "$r" "$ratio" "$(awk '{print $8}' <<< "$row")" "$(awk '{print $9}' <<< "$row")" "$(awk '{print $10}' <<< "$row")" "$ms"
  ratios+=("$ratio") beyond+=("$ms")
done
echo "target 1 (ratio <= 0.25): $(median_range "${ratios[@]}")"
echo "target 3 (<= 1000 ms beyond the model load): $(median_range "${beyond[@]}") ms"

echo "== target 2: whole embed against PyTorch, 64 images, $torch_rounds rounds"
if /usr/bin/python3 -c 'import torch, torchvision, pydicom' 2> /dev/null; then
  JAR=$jar bash "$here/examples/bench/embed_vs_pytorch.sh" "$csv" "$root" "$model" "$torch_rounds" 32 | tail -2
else
  echo "skipped: /usr/bin/python3 lacks torch, torchvision or pydicom"
fi

echo "== target 4: decoders against gdcmconv"
mammograms=()
for f in nyu_1_L_CC_jpegls nyu_2_R_CC_dcmtk_jls nyu_1_L_CC_jpegll nyu_2_R_CC_rle nyu_1_L_CC_j2k; do
  [ -f "$corpus/nyukat-derived/$f.dcm" ] && mammograms+=("$corpus/nyukat-derived/$f.dcm")
done
if command -v gdcmconv > /dev/null && command -v dcmcjpls > /dev/null && [ ${#mammograms[@]} -gt 0 ]; then
  (cd "$here" && mvn -B -q -pl mammo-dicom -am test-compile > "$work/mvn.txt" 2>&1) \
    || { cat "$work/mvn.txt" >&2; exit 1; }
  phantoms=()
  for n in 1 30; do
    dcmcjpls "$(find "$root" -name '*.dcm' | sort | sed -n "${n}p")" "$work/phantom$n.dcm"
    phantoms+=("$work/phantom$n.dcm")
  done
  opencv=$(find ~/.m2/repository/org/openpnp/opencv -name 'opencv-*.jar' 2> /dev/null | sort | tail -1)
  OPJ_NUM_THREADS=2 java -Dlogback.configurationFile="$here/examples/jshell/logback.xml" \
    -cp "$here/mammo-dicom/target/test-classes:$here/examples/target/lib/*${opencv:+:$opencv}" \
    org.mammoembed.dicom.DecodeBenchmark "${phantoms[@]}" "${mammograms[@]}"
else
  echo "skipped: needs gdcmconv and dcmcjpls (Debian: libgdcm-tools, dcmtk) and the corpus under $corpus"
fi

echo "== target 5: GPU"
if command -v nvidia-smi > /dev/null; then
  echo "a GPU is here: run examples/bench/gpu-check.sh $corpus $model"
else
  echo "not here: no NVIDIA driver on this machine (examples/bench/gpu-check.sh runs on one that has it)"
fi
