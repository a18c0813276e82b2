#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# control.sh [6.1|6.12]: the control-plane benchmark, nvswitch records
# against the kernel's vxlan FDB, side by side in one VM run.  See
# Documentation/performance.rst.
#
# Environment:
#   BENCH_QUICK=1        sizes 10k and 100k only (no 1M)
#   BENCH_SIZES="..."    the sizes, overriding the above
#   BENCH_RUNS=N         runs per size (default 3; the table shows medians)
#   BENCH_PHASE_TIMEOUT  seconds one command may take (default 900)
#   BENCH_PERF=1         run the install phases under perf record; reports
#                        in the VM's results folder (timings then include perf)
#   NVSWITCH_VM_TIMEOUT  seconds for the whole VM (default: 4 h)
#
# Raw figures: .cache/bench/control-KERNEL-DATE.csv (and control-latest.csv).
set -euo pipefail

kernel=${1:-6.12}
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
results=$src/.cache/bench

if [ "${BENCH_QUICK:-0}" = 1 ]; then
	sizes="10000 100000"
else
	sizes="10000 100000 1000000"
fi
export NVSWITCH_BENCH_SIZES=${BENCH_SIZES:-$sizes}
export NVSWITCH_BENCH_RUNS=${BENCH_RUNS:-3}
export NVSWITCH_BENCH_PERF=${BENCH_PERF:-0}
export NVSWITCH_BENCH_PHASE_TIMEOUT=${BENCH_PHASE_TIMEOUT:-900}
# Under TCG the 1M size alone takes many minutes per phase.
export NVSWITCH_VM_TIMEOUT=${NVSWITCH_VM_TIMEOUT:-14400}

mkdir -p "$results"
stamp=$(date +%Y%m%d-%H%M%S)
vmout=$src/.cache/vm-runs/bench-control-$stamp-$kernel
csv=$results/control-$kernel-$stamp.csv

echo "bench: kernel $kernel, sizes $NVSWITCH_BENCH_SIZES, $NVSWITCH_BENCH_RUNS run(s) each" >&2
"$src/tools/nvswitch-vm" --kernel "$kernel" --out "$vmout" -- "$src/bench/control-vm.sh"
cp "$vmout/control.csv" "$csv"
ln -sf "$(basename "$csv")" "$results/control-latest.csv"

{
	echo "# kernel $(awk -F, 'NR == 2 { print $1; exit }' "$csv"), $(nproc) host cores," \
		"QEMU TCG, $NVSWITCH_BENCH_RUNS run(s) per size, medians"
	echo "# source: $(git -C "$src" describe --always --dirty 2>/dev/null || echo "not a git checkout")"
	"$src/bench/control-table.awk" "$csv"
} | tee "$results/control-$kernel-$stamp.txt"
echo "bench: raw figures in $csv" >&2
[ "$NVSWITCH_BENCH_PERF" != 1 ] || echo "bench: profiles in $vmout/perf-*.txt" >&2
