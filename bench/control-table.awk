#!/usr/bin/awk -f
# SPDX-License-Identifier: GPL-2.0
#
# control-table.awk CSV: the table of bench/control-vm.sh's raw figures.
# Rates are N / median wall time over the runs; ratio = nvswitch / vxlan,
# so above 1 means nvswitch is faster.  A phase whose median run hit the
# time limit shows as "timeout".

BEGIN {
	FS = ","
}

NR == 1 {
	next
}

{
	key = $2 SUBSEP $4 SUBSEP $5
	vals[key] = (key in vals) ? vals[key] " " $6 : $6
	if (!($2 in seen)) {
		seen[$2] = 1
		sizes[++nsizes] = $2
	}
}

# The median of space-separated values; "timeout" sorts above any number.
function median(list,    a, n, i, j, t) {
	n = split(list, a, " ")
	for (i = 1; i <= n; i++)
		if (a[i] == "timeout")
			a[i] = 1e18
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
		}
	t = a[int((n + 1) / 2)]
	return t == 1e18 ? "timeout" : t
}

function rate(n, impl, metric,    k, s) {
	k = n SUBSEP impl SUBSEP metric
	if (!(k in vals))
		return "-"
	s = median(vals[k])
	if (s == "timeout")
		return "timeout"
	return s > 0 ? sprintf("%.0f", n / s) : "-"
}

function ratio(a, b) {
	if (a !~ /^[0-9]+$/ || b !~ /^[0-9]+$/ || b == 0)
		return "-"
	return sprintf("%.2f", a / b)
}

function per_record(n, impl, metric,    k) {
	k = n SUBSEP impl SUBSEP metric
	return (k in vals) ? median(vals[k]) * 1024 / n : 0
}

function first(n, impl, metric,    k, a) {
	k = n SUBSEP impl SUBSEP metric
	if (!(k in vals))
		return "-"
	split(vals[k], a, " ")
	return a[1]
}

END {
	split("add show show_json del", phases, " ")
	names["add"] = "install"
	names["show"] = "dump"
	names["show_json"] = "dump -j"
	names["del"] = "delete"
	printf "%-8s %-8s %14s %14s %7s\n", "records", "phase", "nvswitch rec/s", "vxlan rec/s", "ratio"
	for (i = 1; i <= nsizes; i++) {
		n = sizes[i]
		for (p = 1; p <= 4; p++) {
			ph = phases[p]
			a = rate(n, "nvswitch", ph "_s")
			# vxlan has one dump: bridge has no JSON-only cost worth its own row.
			b = ph == "show_json" ? rate(n, "vxlan", "show_s") : rate(n, "vxlan", ph "_s")
			printf "%-8s %-8s %14s %14s %7s\n", n, names[ph], a, b, ratio(a, b)
		}
	}
	if ((sizes[1] SUBSEP "nvswitch" SUBSEP "add_cpu_s") in vals) {
		print ""
		print "the same from the tools' CPU time (user + system, in the VM), rec/s"
		split("add show del", cphases, " ")
		for (i = 1; i <= nsizes; i++) {
			n = sizes[i]
			for (p = 1; p <= 3; p++) {
				ph = cphases[p]
				a = rate(n, "nvswitch", ph "_cpu_s")
				b = rate(n, "vxlan", ph "_cpu_s")
				printf "%-8s %-8s %14s %14s %7s\n", n, names[ph], a, b, ratio(a, b)
			}
		}
	}
	print ""
	print "kernel memory after install, bytes per record (median deltas of /proc/meminfo)"
	printf "%-8s %-9s %6s %8s %7s %7s  %s\n", "records", "impl", "Slab", "Vmalloc", "Percpu", "total", "record cache (objsize, objects)"
	for (i = 1; i <= nsizes; i++) {
		n = sizes[i]
		for (m = 1; m <= 2; m++) {
			impl = m == 1 ? "nvswitch" : "vxlan"
			s = per_record(n, impl, "slab_kb")
			v = per_record(n, impl, "vmalloc_kb")
			c = per_record(n, impl, "percpu_kb")
			cache = impl == "nvswitch" ? first(n, impl, "objsize") " B, " first(n, impl, "objects") : ""
			printf "%-8s %-9s %6.0f %8.0f %7.0f %7.0f  %s\n", n, impl, s, v, c, s + v + c, cache
		}
	}
	printf "\nnvswitch delete: %s\n", first(sizes[1], "nvswitch", "del_method")
}
