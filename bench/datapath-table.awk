#!/usr/bin/awk -f
# SPDX-License-Identifier: GPL-2.0
#
# datapath-table.awk CSV: the table of bench/datapath-vm.sh's raw figures.
# Per metric and candidate: the median over the measured rounds (round 0,
# the warm-up, and the profiled runs are left out), the spread (min-max)
# and the ratio of the medians to gretap's, so above 1 means better than
# gretap (every metric is a rate: higher is better).

BEGIN {
	FS = ","
	split("pps pps_tx tcp tcp_gro rr", metrics, " ")
	unit["pps"] = "frames/s delivered, 64 B"
	unit["pps_tx"] = "frames/s offered by pktgen"
	unit["tcp"] = "Mbit/s, iperf3, veth offloads"
	unit["tcp_gro"] = "Mbit/s, iperf3, no tunnel GSO, GRO on"
	unit["rr"] = "transactions/s, qperf tcp_lat"
	split("nvswitch nv100k gretap vxlan veth", cands, " ")
}

NR == 1 || $2 !~ /^[0-9]+$/ || $2 == 0 {
	next
}

$5 ~ /^[0-9.]+$/ {
	k = $3 SUBSEP $4
	vals[k] = (k in vals) ? vals[k] " " $5 : $5
}

# sorted LIST ARRAY: ARRAY[1..n] in ascending order; returns n.
function sorted(list, a,    n, i, j, t) {
	n = split(list, a, " ")
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
		}
	return n
}

function median(k,    a, n) {
	if (!(k in vals))
		return ""
	n = sorted(vals[k], a)
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}

function fmt(v) {
	return v == "" ? "-" : v >= 100 ? sprintf("%.0f", v) : sprintf("%.1f", v)
}

END {
	printf "%-9s %-8s %9s %21s %3s %9s\n", "metric", "cand.", "median", "min-max", "n", "/gretap"
	for (m = 1; m <= 5; m++) {
		metric = metrics[m]
		ref = median("gretap" SUBSEP metric)
		for (c = 1; c <= 5; c++) {
			k = cands[c] SUBSEP metric
			if (!(k in vals))
				continue
			n = sorted(vals[k], a)
			med = median(k)
			printf "%-9s %-8s %9s %21s %3d %9s\n", metric, cands[c], fmt(med),
				fmt(a[1]) "-" fmt(a[n]), n,
				(ref > 0 ? sprintf("%.2f", med / ref) : "-")
		}
		printf "  (%s)\n", unit[metric]
	}
	print ""
	print "targets (ratios of medians)"
	t[1] = "tcp nvswitch/gretap >= 0.95"; tk[1] = "tcp"; ta[1] = "nvswitch"; tb[1] = "gretap"; tv[1] = 0.95
	t[2] = "tcp_gro nvswitch/gretap >= 0.95"; tk[2] = "tcp_gro"; ta[2] = "nvswitch"; tb[2] = "gretap"; tv[2] = 0.95
	t[3] = "pps nvswitch/gretap >= 0.9"; tk[3] = "pps"; ta[3] = "nvswitch"; tb[3] = "gretap"; tv[3] = 0.9
	t[4] = "pps nvswitch/vxlan >= 1.0"; tk[4] = "pps"; ta[4] = "nvswitch"; tb[4] = "vxlan"; tv[4] = 1.0
	t[5] = "tcp nvswitch/vxlan >= 1.0"; tk[5] = "tcp"; ta[5] = "nvswitch"; tb[5] = "vxlan"; tv[5] = 1.0
	t[6] = "rr nvswitch/vxlan >= 1.0"; tk[6] = "rr"; ta[6] = "nvswitch"; tb[6] = "vxlan"; tv[6] = 1.0
	t[7] = "pps nv100k/nvswitch >= 0.9"; tk[7] = "pps"; ta[7] = "nv100k"; tb[7] = "nvswitch"; tv[7] = 0.9
	for (i = 1; i <= 7; i++) {
		x = median(ta[i] SUBSEP tk[i])
		y = median(tb[i] SUBSEP tk[i])
		if (x == "" || y == "" || y == 0)
			continue
		printf "  %-34s %5.2f  %s\n", t[i], x / y, (x / y >= tv[i] ? "met" : "NOT met")
	}
}
