#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The family through the kernel's own ynl CLI and our YAML spec only: an
# independent client that knows nothing but Documentation/netlink/specs/
# nvswitch.yaml. If ynl can configure a switch, read it back and hear about
# changes, the spec tells the truth. (make spec-check compares the spec
# with the uapi header and kmod/netlink.c's policy on the host.)
#
#   namespace "hv": switch sw0 (created over rtnetlink), PA 192.0.2.1,
#   port p1 (a veth) in VSID 5001, lookup records pushed with ynl.

source "$(dirname "$(readlink -f "$0")")/lib.sh"

YNL_DIR=$NVSW_TOP/.cache/kselftest/tools/net/ynl
SPECS=$NVSW_TOP/.cache/kselftest/Documentation/netlink
SPEC=$NVSW_TOP/Documentation/netlink/specs/nvswitch.yaml

if [ ! -r "$YNL_DIR/cli.py" ] || [ ! -r "$SPECS/genetlink-legacy.yaml" ] ||
   ! $PYTHON -c 'import yaml, jsonschema' 2>/dev/null; then
	ktap_print_header
	ktap_skip_all "ynl, its schemas or python3-yaml/jsonschema missing (scripts/fetch-kselftest.sh, scripts/install-deps.sh)"
	exit "$ksft_skip"
fi

# y ARGS...: ynl on the nvswitch family from namespace hv, JSON out.
# Validating the spec takes seconds under emulation: the first call does
# it (setup), the others trust it (and make spec-check on the host).
y() {
	nq hv $PYTHON "$YNL_DIR/cli.py" --spec "$SPEC" --no-schema --output-json "$@"
}

# ip4 ADDR: a be32 attribute's value as ynl takes it (an integer), in
# bash: a python start costs more than half a second under emulation.
ip4() {
	local a b c d
	IFS=. read -r a b c d <<<"$1"
	echo $(((a << 24) | (b << 16) | (c << 8) | d))
}

# jq_py EXPR: evaluate a Python expression over the JSON on stdin (as d).
jq_py() {
	$PYTHON -c 'import json, sys; d = json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"
}

SW='"ifname": "sw0"'

setup() {
	ns_create hv
	nq hv ip link add sw0 type nvswitch
	nq hv ip link set sw0 up
	nq hv ip link add p1 type veth peer name p1x
	nq hv ip link set p1 up
	nq hv ip link set p1x up
	nq hv $PYTHON "$YNL_DIR/cli.py" --spec "$SPEC" \
		--schema "$SPECS/genetlink-legacy.yaml" --list-ops | grep -qx "lookup-new  \[ do \]"
}

test_switch_dump() {
	local out
	out=$(y --dump switch-get)
	check_eq "switches" "$(jq_py 'len(d)' <<<"$out")" 1
	check_eq "switch" "$(jq_py '(d[0]["ifname"], d[0]["flowid-mode"], d[0]["pa-count"], d[0]["lookup-count"])' <<<"$out")" \
		"('sw0', 'hash', 0, 0)"
}

test_pa_new() {
	y --do pa-new --json "{$SW, \"pa-ipv4\": $(ip4 192.0.2.1)}" >/dev/null
	check_eq "PAs" "$(y --dump pa-get --json "{$SW}" | jq_py '[m["pa-ipv4"] for m in d]')" \
		"['192.0.2.1']"
	check_eq "PA" "$(y --do pa-get --json "{$SW, \"pa-ipv4\": $(ip4 192.0.2.1)}" | jq_py 'd["pa-ipv4"]')" \
		"192.0.2.1"
}

test_port_new() {
	local ifindex out
	ifindex=$(nq hv cat /sys/class/net/p1/ifindex)
	y --do port-new --json "{$SW, \"port-ifindex\": $ifindex, \"vsid\": 5001}" >/dev/null
	out=$(y --dump port-get --json "{$SW}")
	check_eq "ports" "$(jq_py '[(m["port-ifname"], m["port-ifindex"], m["vsid"]) for m in d]' <<<"$out")" \
		"[('p1', $ifindex, 5001)]"
	out=$(y --do port-get --json "{$SW, \"port-ifindex\": $ifindex}")
	check_eq "port" "$(jq_py '(d["port-ifname"], d["vsid"], "rx-packets" in d["stats"])' <<<"$out")" \
		"('p1', 5001, True)"
}

# record VSID CA MAC PA: the JSON of a lookup-new request.
record() {
	echo "{$SW, \"vsid\": $1, \"ca-ipv4\": $(ip4 "$2"), \"mac\": \"$3\", \"pa-ipv4\": $(ip4 "$4")}"
}

# rec_get VSID CA: the record as (mac, pa).
rec_get() {
	y --do lookup-get --json "{$SW, \"vsid\": $1, \"ca-ipv4\": $(ip4 "$2")}" |
		jq_py '(d["mac"], d["pa-ipv4"])'
}

test_lookup_new() {
	y --do lookup-new --create --json "$(record 5001 10.0.0.2 020000005002 192.0.2.2)" >/dev/null
	check_eq "record" "$(rec_get 5001 10.0.0.2)" "('02:00:00:00:50:02', '192.0.2.2')"
	# A plain NEW of an existing record is refused, as in rtnetlink.
	expect_fail 1 "File exists" y --do lookup-new --create --excl \
		--json "$(record 5001 10.0.0.2 020000005002 192.0.2.2)"
}

test_lookup_dump() {
	# Each ynl run costs seconds under emulation: two requests in one.
	y --create --multi lookup-new "$(record 5001 10.0.0.3 020000005003 192.0.2.3)" \
		--multi lookup-new "$(record 6001 10.0.0.2 020000006002 192.0.2.3)" >/dev/null
	check_eq "records of VSID 5001" \
		"$(y --dump lookup-get --json "{$SW, \"vsid\": 5001}" | jq_py 'sorted((m["vsid"], m["ca-ipv4"]) for m in d)')" \
		"[(5001, '10.0.0.2'), (5001, '10.0.0.3')]"
	check_eq "all records" "$(y --dump lookup-get --json "{$SW}" | jq_py 'len(d)')" 3
}

test_lookup_replace() {
	y --do lookup-new --replace --json "$(record 5001 10.0.0.2 020000005002 192.0.2.9)" >/dev/null
	check_eq "record" "$(rec_get 5001 10.0.0.2)" "('02:00:00:00:50:02', '192.0.2.9')"
}

test_lookup_del() {
	y --do lookup-del --json "{$SW, \"vsid\": 5001, \"ca-ipv4\": $(ip4 10.0.0.2)}" >/dev/null
	expect_fail 1 "No lookup record for this VSID and CA" \
		y --do lookup-get --json "{$SW, \"vsid\": 5001, \"ca-ipv4\": $(ip4 10.0.0.2)}"
}

test_stats() {
	local out
	out=$(y --do stats-get --json "{$SW}")
	# Every reason the uapi header names, and no other.
	check_eq "counters" "$(jq_py '(d["ifname"], d["stats"]["tx-packets"], "no-record" in d["stats"]["drops"], len(d["stats"]["drops"]))' <<<"$out")" \
		"('sw0', 0, True, $(grep -E '^\s*NVSW_DROP_A_[A-Z_]+,' "$NVSW_TOP/include/uapi/linux/nvswitch.h" | grep -cvE 'UNSPEC|PAD'))"
}

test_bad_vsid() {
	local v out want
	# The policy generated from the spec refuses them: ynl shows its
	# message, names the attribute and decodes the range it enforces.
	for v in 0 4095 16777215; do
		if out=$(y --do lookup-new --create --json \
			"$(record "$v" 10.0.0.7 020000000007 192.0.2.7)" 2>&1); then
			echo "# vsid $v was accepted"
			return 1
		fi
		for want in "'msg': 'integer out of range'" "'bad-attr': '.vsid'" \
			"'min-value': 4096" "'max-value': 16777214"; do
			grep -qF -- "$want" <<<"$out" ||
				{ echo "# vsid $v: no $want in: $out"; return 1; }
		done
	done
}

# A listener on "config" hears a change made by another client. ynl
# subscribes, sleeps, then prints what arrived. Its start-up under
# emulation takes seconds: nvswitchctl (quick to start) keeps changing a
# PA until ynl exits, so changes fall into the sleep however long either
# takes.
# The number of attribute NAME in the generated header (PAD = 1, then in order).
attr_value() {
	awk -v want="$1" '/^enum nvsw_attr \{/ { on = 1; next }
		on && /^\t*NVSW_A_/ { n++; sub(/^\t*/, ""); sub(/[ =,].*/, "")
			if ($0 == want) { print n; exit } }' \
		"$NVSW_TOP/include/uapi/linux/nvswitch.h"
}

# The ranges the spec states are the kernel's own policy, for anyone to read.
test_policy() {
	local out vsid rate
	out=$(nq hv genl ctrl policy name nvswitch) || return 1
	vsid=$(grep -oE "attr\[$(attr_value NVSW_A_VSID)\]: type=U32 range:\[[0-9]+,[0-9]+\]" <<<"$out" | head -n1)
	rate=$(grep -oE "attr\[$(attr_value NVSW_A_BUM_RATE)\]: type=U32 range:\[[0-9]+,[0-9]+\]" <<<"$out" | head -n1)
	check_eq "vsid policy" "${vsid#*: }" "type=U32 range:[4096,16777214]" &&
		check_eq "bum-rate policy" "${rate#*: }" "type=U32 range:[1,1000000]"
}

test_notify() {
	local out=$NVSW_TMP/ntf.json pid n=0
	y --subscribe config --sleep 3 >"$out" &
	pid=$!
	while kill -0 "$pid" 2>/dev/null && [ $n -lt 600 ]; do
		printf 'pa add sw0 192.0.2.44\npa del sw0 192.0.2.44\n' | nq hv nvswitchctl -b - >/dev/null
		sleep 0.2
		n=$((n + 1))
	done
	wait "$pid"
	check_eq "notifications" \
		"$(jq_py 'sorted(set((m["name"], m["msg"]["ifname"], m["msg"]["pa-ipv4"]) for m in d))' <"$out")" \
		"[('pa-del-ntf', 'sw0', '192.0.2.44'), ('pa-new-ntf', 'sw0', '192.0.2.44')]"
}

nvsw_begin 12
run_test "setup: switch sw0 and a veth in hv, ynl takes the spec" setup
run_test "ynl: switch-get dump lists sw0" test_switch_dump
run_test "ynl: pa-new, pa-get dump and do" test_pa_new
run_test "ynl: port-new of a veth, port-get dump and do" test_port_new
run_test "ynl: lookup-new --create, lookup-get do, --excl refused" test_lookup_new
run_test "ynl: lookup-get dump filtered by vsid" test_lookup_dump
run_test "ynl: lookup-new --replace changes the PA" test_lookup_replace
run_test "ynl: lookup-del, then lookup-get says ENOENT" test_lookup_del
run_test "ynl: stats-get with the drops nest" test_stats
run_test "ynl: bad vsid rejected with the kernel's extack" test_bad_vsid
run_test "genl ctrl policy shows the spec's vsid and bum-rate ranges" test_policy
run_test "ynl: --subscribe config hears pa-new/pa-del" test_notify
nvsw_finish
