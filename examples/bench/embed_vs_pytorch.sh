#!/usr/bin/env bash
# Whole-process `embed` against the PyTorch reference pipeline (examples/python/reference_pipeline.py): each
# side is a fresh process (JVM or Python start, model load, reading, decoding, preprocessing, inference, writing
# features), timed from launch to exit, on the same files and model, run alternately (Java, [earlier Java],
# PyTorch, [earlier Java], Java, PyTorch, ...: two builds take turns going first) so that all see the same
# background load. Prints each run, the medians and the median of the per-round ratios. Needs a built
# examples/target/mammography.jar and /usr/bin/python3 with numpy, pydicom, torch and torchvision (Debian:
# python3-numpy python3-pydicom python3-torch python3-torchvision).
#
#   examples/bench/embed_vs_pytorch.sh CSV DICOM_ROOT MODEL.onnx [ROUNDS=3] [BATCH=32]
#
# JAR overrides the jar measured; BEFORE_JAR=/path/to/an/earlier/mammography.jar adds that build as a third
# column (a before/after comparison in the same run). MODEL must be the network the reference builds
# (resnet50-random-seed42.onnx).
set -euo pipefail
export ORT_DISABLE_TELEMETRY=1
csv=$1 root=$2 model=$3 rounds=${4:-3} batch=${5:-32}
here=$(cd "$(dirname "$0")/../.." && pwd)
jar=${JAR:-$here/examples/target/mammography.jar}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
find "$root" -type f -exec cat {} + > /dev/null
seconds() { local t0 t1; t0=$(date +%s.%N); "$@" > "$tmp/last.log" 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
java_s=() before_s=() torch_s=()
printf '%-6s %-10s %9s\n' round side seconds
run_java() { # round side jar
  local s
  s=$(seconds java -jar "$3" embed --csv "$csv" --dicom-root "$root" --model "$model" --batch-size "$batch" \
        --outdir "$tmp/$2$1")
  printf '%-6s %-10s %9.2f\n' "$1" "$2" "$s"
  if [ "$2" = java ]; then java_s+=("$s"); else before_s+=("$s"); fi
}
for r in $(seq 1 "$rounds"); do
  # with two builds, which goes first alternates by round: in two runs of 3 rounds, the JVM started right after
  # PyTorch was the slower of the two in 5 rounds of 6, whichever build it was
  if [ -n "${BEFORE_JAR:-}" ] && [ $((r % 2)) -eq 0 ]; then
    run_java "$r" before "$BEFORE_JAR"
    run_java "$r" java "$jar"
  else
    run_java "$r" java "$jar"
    if [ -n "${BEFORE_JAR:-}" ]; then
      run_java "$r" before "$BEFORE_JAR"
    fi
  fi
  s=$(seconds /usr/bin/python3 "$here/examples/python/reference_pipeline.py" --csv "$csv" --dicom-root "$root" \
        --out "$tmp/ref$r" --batch-size "$batch")
  printf '%-6s %-10s %9.2f\n' "$r" pytorch "$s"; torch_s+=("$s")
done
python3 - "${java_s[*]}" "${torch_s[*]}" "${before_s[*]:-}" <<'PY'
import statistics, sys
j = [float(x) for x in sys.argv[1].split()]
t = [float(x) for x in sys.argv[2].split()]
b = [float(x) for x in sys.argv[3].split()] if sys.argv[3].strip() else []
print(f"median seconds: java {statistics.median(j):.2f}, pytorch {statistics.median(t):.2f}"
      + (f", before {statistics.median(b):.2f}" if b else ""))
r = [y / x for x, y in zip(j, t)]
print(f"pytorch / java per round: {', '.join(f'{x:.2f}' for x in r)}; median {statistics.median(r):.2f}x")
if b:
    rb = [y / x for x, y in zip(b, t)]
    print(f"pytorch / before per round: {', '.join(f'{x:.2f}' for x in rb)}; median {statistics.median(rb):.2f}x")
    rj = [y / x for x, y in zip(j, b)]
    print(f"before / java per round: {', '.join(f'{x:.2f}' for x in rj)}; median {statistics.median(rj):.2f}x")
PY
