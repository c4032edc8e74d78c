#!/usr/bin/env bash
# Peak resident memory (VmHWM, via GNU time's %M) of `mammography embed` on a small and a large study, batch 32:
# the streamed features.npy path must not grow with the number of images.
# Usage, from the repository root after `mvn -o install -DskipTests`:
#   examples/bench/bounded-memory.sh [WORK_DIR] [MODEL_KIND tiny|resnet50] [SMALL_EXAMS] [LARGE_EXAMS] [EXTRA embed ARGS...]
# Defaults: /tmp/mammo-bench tiny 25 2500 (100 and 10,000 images of 64x64). Studies and models are written once.
# SIZE=3328x2560 (environment) writes detector-sized images instead of 64x64.
set -euo pipefail
W=${1:-/tmp/mammo-bench}
KIND=${2:-tiny}
SIZE=${SIZE:-64}
SMALL=${3:-25}
LARGE=${4:-2500}
shift $(( $# < 4 ? $# : 4 ))
CP="examples/target/mammography.jar:examples/target/lib/*"
export ORT_DISABLE_TELEMETRY=1
mkdir -p "$W"
[ -f "$W/$KIND.onnx" ] || java -cp "$CP" examples/bench/WriteModel.java "$KIND" "$W/$KIND.onnx" 42 2>/dev/null
for exams in "$SMALL" "$LARGE"; do
  [ -f "$W/study$exams-$SIZE/classificacao.csv" ] || java -cp "$CP" examples/bench/WriteStudy.java "$W/study$exams-$SIZE" "$exams" "$SIZE"
done
printf '%-9s %8s %10s %12s %s\n' model images "wall s" "peak RSS MB" "extra args"
for exams in "$SMALL" "$LARGE"; do
  out="$W/out-$KIND-$exams"
  rm -rf "$out"
  /usr/bin/time -f '%M %e' -o "$W/time.txt" java -cp "$CP" org.mammoembed.examples.Mammography embed \
    --csv "$W/study$exams-$SIZE/classificacao.csv" --dicom-root "$W/study$exams-$SIZE/archive" --outdir "$out" \
    --model "$W/$KIND.onnx" --save-csv --batch-size 32 "$@" > "$W/embed-$KIND-$exams.log" 2>&1
  read -r kb secs < "$W/time.txt"
  printf '%-9s %8d %10s %12d %s\n' "$KIND" $((exams * 4)) "$secs" $((kb / 1024)) "$SIZE $*"
done
