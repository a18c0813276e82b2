#!/usr/bin/awk -f
# SPDX-License-Identifier: GPL-2.0
#
# datapath-table.awk CSV: the table of bench/datapath-vm.sh's raw figures.
# Per metric and candidate: the median over the measured rounds (round 0,
# the warm-up, and the profiled runs are left out), the range (min-max),
# the spread ((max - min) / median) and the ratio of the medians to
# gretap's, so above 1 means better than gretap (every metric is a rate:
# higher is better).  Then the targets, and which spreads pass 3%.

BEGIN {
	FS = ","
	split("pps pps_tx tcp tcp_gro rr", metrics, " ")
	unit["pps"] = "frames/s delivered, 64 B"
	unit["pps_tx"] = "frames/s offered by pktgen"
	unit["tcp"] = "Mbit/s, iperf3, veth offloads"
	unit["tcp_gro"] = "Mbit/s, iperf3, no tunnel GSO, GRO on"
	unit["rr"] = "transactions/s, qperf tcp_lat"
	ncands = split("nvswitch nv100k nv100v rt1 rt4k gretap vxlan veth", cands, " ")
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
	printf "%-9s %-8s %9s %21s %3s %7s %9s\n", "metric", "cand.", "median", "min-max", "n", "spread", "/gretap"
	wide = ""
	for (m = 1; m <= 5; m++) {
		metric = metrics[m]
		ref = median("gretap" SUBSEP metric)
		for (c = 1; c <= ncands; c++) {
			k = cands[c] SUBSEP metric
			if (!(k in vals))
				continue
			n = sorted(vals[k], a)
			med = median(k)
			spread = med > 0 ? 100 * (a[n] - a[1]) / med : 0
			if (spread > 3 && metric != "pps_tx")
				wide = wide " " metric "/" cands[c]
			printf "%-9s %-8s %9s %21s %3d %6.1f%% %9s\n", metric, cands[c], fmt(med),
				fmt(a[1]) "-" fmt(a[n]), n, spread,
				(ref > 0 ? sprintf("%.2f", med / ref) : "-")
		}
		printf "  (%s)\n", unit[metric]
	}
	print ""
	print "targets (ratios of medians)"
	nt = 0
	split("pps tcp tcp_gro rr", tm, " ")
	for (i = 1; i <= 4; i++) {
		nt++; tk[nt] = tm[i]; ta[nt] = "nvswitch"; tb[nt] = "gretap"; tv[nt] = 1.0
		nt++; tk[nt] = tm[i]; ta[nt] = "nvswitch"; tb[nt] = "vxlan"; tv[nt] = 1.0
	}
	nt++; tk[nt] = "pps"; ta[nt] = "nv100k"; tb[nt] = "nvswitch"; tv[nt] = 0.97
	nt++; tk[nt] = "pps"; ta[nt] = "nv100v"; tb[nt] = "nvswitch"; tv[nt] = 0.97
	nt++; tk[nt] = "pps"; ta[nt] = "rt4k"; tb[nt] = "rt1"; tv[nt] = 0.97
	for (i = 1; i <= nt; i++) {
		x = median(ta[i] SUBSEP tk[i])
		y = median(tb[i] SUBSEP tk[i])
		if (x == "" || y == "" || y == 0)
			continue
		t = sprintf("%s %s/%s >= %s", tk[i], ta[i], tb[i], tv[i])
		printf "  %-34s %5.2f  %s\n", t, x / y, (x / y >= tv[i] ? "met" : "NOT met")
	}
	print ""
	if (wide == "")
		print "spread across rounds: at most 3% for every candidate and metric"
	else
		print "spread across rounds over 3%:" wide
}
