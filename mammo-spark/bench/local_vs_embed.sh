#!/usr/bin/env bash
# The README's "Measured in local mode" table: embed against the Spark job on the same images and model, pinned
# to 1 and 2 cores, alternating, ROUNDS times. Run from the repository root after `mvn -B -DskipTests package`.
# usage: mammo-spark/bench/local_vs_embed.sh CSV DICOM_ROOT MODEL [ROUNDS]
set -euo pipefail
export ORT_DISABLE_TELEMETRY=1
csv=$1; root=$2; model=$3; rounds=${4:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for round in $(seq 1 "$rounds"); do
  for cores in 2 1; do
    cpus=$([ "$cores" = 1 ] && echo 0 || echo 0,1)
    t0=$(date +%s.%N)
    r=$(taskset -c "$cpus" java -jar examples/target/mammography.jar embed --csv "$csv" --dicom-root "$root" \
        --outdir "$work/embed" --model "$model" --overwrite --workers 1 2>&1 | grep "embedded" || true)
    t1=$(date +%s.%N)
    echo "round $round cores $cores embed | $r | process $(echo "$t1 - $t0" | bc) s"
    rm -rf "$work/spark"
    t0=$(date +%s.%N)
    r=$(taskset -c "$cpus" java -jar mammo-spark/target/mammo-spark.jar --master "local[$cores]" --csv "$csv" \
        --dicom-root "$root" --outdir "$work/spark" --model "$model" 2>&1 | grep "embedding:" || true)
    t1=$(date +%s.%N)
    echo "round $round cores $cores spark | $r | process $(echo "$t1 - $t0" | bc) s"
    uptime
  done
done
