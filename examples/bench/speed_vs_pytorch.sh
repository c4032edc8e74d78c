#!/usr/bin/env bash
# End-to-end speed of `mammography bench` against the PyTorch reference pipeline
# (examples/python/reference_pipeline.py), on the same files, same model, same machine, run alternately
# (Java, PyTorch, Java, PyTorch, ...) so that both see the same background load. Prints each run and the
# median ratio. Needs: a built examples/target/mammography.jar, /usr/bin/python3 with numpy, pydicom, torch,
# torchvision (Debian: python3-numpy python3-pydicom python3-torch python3-torchvision).
#
#   examples/bench/speed_vs_pytorch.sh CSV DICOM_ROOT MODEL.onnx [ROUNDS=3] [BATCH=32]
#
# MODEL must be the network the reference builds (resnet50-random-seed42.onnx: torchvision resnet50 after
# torch.manual_seed(42), fc = Identity), so that both sides run the same weights.
set -euo pipefail
export ORT_DISABLE_TELEMETRY=1
csv=$1 root=$2 model=$3 rounds=${4:-3} batch=${5:-32}
here=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# read every file once so that neither side pays for a cold page cache
find "$root" -type f -exec cat {} + > /dev/null
java_rates=() torch_rates=()
printf '%-8s %-8s %8s %10s\n' round side images images/s
for r in $(seq 1 "$rounds"); do
  j=$(java -jar "$here/examples/target/mammography.jar" bench --csv "$csv" --dicom-root "$root" --model "$model" \
        --batch-size "$batch" | awk '$1 == "1" {print $2, $4}')
  set -- $j
  printf '%-8s %-8s %8s %10s\n' "$r" java "$1" "$2"
  java_rates+=("$2")
  t=$(/usr/bin/python3 "$here/examples/python/reference_pipeline.py" --csv "$csv" --dicom-root "$root" \
        --out "$tmp/ref$r" --batch-size "$batch" | tail -1 | python3 -c \
        'import json,sys; d=json.load(sys.stdin); print(d["images"], round(d["images_per_second"], 3))')
  set -- $t
  printf '%-8s %-8s %8s %10s\n' "$r" pytorch "$1" "$2"
  torch_rates+=("$2")
done
python3 - "${java_rates[*]}" "${torch_rates[*]}" <<'PY'
import statistics, sys
j = [float(x) for x in sys.argv[1].split()]
t = [float(x) for x in sys.argv[2].split()]
ratios = [a / b for a, b in zip(j, t)]
print(f"median images/s: java {statistics.median(j):.2f}, pytorch {statistics.median(t):.2f}; "
      f"ratio per round {', '.join(f'{r:.2f}' for r in ratios)}; median ratio {statistics.median(ratios):.2f}x")
PY
