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
#   port p1 (a veth) in VSID 5001, records pushed with ynl.

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


# jq_py EXPR: evaluate a Python expression over the JSON on stdin (as d);
# addr(A) gives an address attribute as people write it (ynl prints an
# IPv4-mapped one as IPv6).
jq_py() {
	$PYTHON -c 'import ipaddress, json, sys
def addr(a):
    a = ipaddress.ip_address(a)
    return str(a.ipv4_mapped or a)
d = json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"
}

SW='"ifname": "sw0"'

# hex4 ADDR: an IPv4 address as ynl takes an address attribute: 16 bytes,
# IPv4-mapped, in hex digits.
hex4() {
	local a b c d
	IFS=. read -r a b c d <<<"$1"
	printf '00000000000000000000ffff%02x%02x%02x%02x' "$a" "$b" "$c" "$d"
}

setup() {
	ns_create hv
	nq hv ip link add sw0 type nvswitch
	nq hv ip link set sw0 up
	nq hv ip link add p1 type veth peer name p1x
	nq hv ip link set p1 up
	nq hv ip link set p1x up
	nq hv $PYTHON "$YNL_DIR/cli.py" --spec "$SPEC" \
		--schema "$SPECS/genetlink-legacy.yaml" --list-ops | grep -qx "record-new  \[ do \]"
}

test_switch_dump() {
	local out
	out=$(y --dump switch-get)
	check_eq "switches" "$(jq_py 'len(d)' <<<"$out")" 1
	check_eq "switch" "$(jq_py '(d[0]["ifname"], d[0]["switch"]["flowid-mode"], d[0]["switch"]["pa-count"], d[0]["switch"]["record-count"], d[0]["switch"]["stats"]["tx-packets"])' <<<"$out")" \
		"('sw0', 'hash', 0, 0, 0)"
}

test_pa_new() {
	y --do pa-new --json "{$SW, \"pa\": {\"addr\": \"$(hex4 192.0.2.1)\"}}" >/dev/null
	check_eq "PAs" "$(y --dump pa-get --json "{$SW}" | jq_py '[addr(m["pa"]["addr"]) for m in d]')" \
		"['192.0.2.1']"
	check_eq "PA" "$(y --do pa-get --json "{$SW, \"pa\": {\"addr\": \"$(hex4 192.0.2.1)\"}}" | jq_py 'addr(d["pa"]["addr"])')" \
		"192.0.2.1"
}

test_port_new() {
	local ifindex out
	ifindex=$(nq hv cat /sys/class/net/p1/ifindex)
	y --do port-new --json "{$SW, \"port\": {\"ifname\": \"p1\", \"vsid\": 5001}}" >/dev/null
	out=$(y --dump port-get --json "{$SW}")
	check_eq "ports" "$(jq_py '[(m["port"]["ifname"], m["port"]["ifindex"], m["port"]["vsid"]) for m in d]' <<<"$out")" \
		"[('p1', $ifindex, 5001)]"
	out=$(y --do port-get --json "{$SW, \"port\": {\"ifindex\": $ifindex}}")
	check_eq "port" "$(jq_py '(d["port"]["ifname"], d["port"]["vsid"], "rx-packets" in d["port"]["stats"])' <<<"$out")" \
		"('p1', 5001, True)"
}

# port_nest ATTRS: the JSON of a request about port p1.
port_nest() {
	echo "{$SW, \"port\": {\"ifname\": \"p1\"${1:+, $1}}}"
}

# port-set changes the guards it names and keeps the other; port-get shows
# both; a value other than 0 or 1, and a device that is no port, are
# refused with the attribute named.
test_port_set() {
	local out want
	check_eq "guards of a new port" \
		"$(y --do port-get --json "$(port_nest)" | jq_py '(d["port"]["dhcp-guard"], d["port"]["router-guard"])')" \
		"(0, 0)"
	y --multi port-set "$(port_nest '"dhcp-guard": 1')" \
		--multi port-set "$(port_nest '"router-guard": 1')" \
		--multi port-set "$(port_nest '"dhcp-guard": 0')" >/dev/null
	check_eq "guards after three sets" \
		"$(y --dump port-get --json "{$SW}" | jq_py '[(m["port"]["ifname"], m["port"]["dhcp-guard"], m["port"]["router-guard"]) for m in d]')" \
		"[('p1', 0, 1)]"
	if out=$(y --do port-set --json "$(port_nest '"dhcp-guard": 2')" 2>&1); then
		echo "# dhcp-guard 2 was accepted"
		return 1
	fi
	for want in "'msg': 'integer out of range'" "'bad-attr': '.port.dhcp-guard'" \
		"'max-value': 1"; do
		grep -qF -- "$want" <<<"$out" || { echo "# no $want in: $out"; return 1; }
	done
	expect_fail 1 "not a port of this switch" y --do port-set \
		--json "{$SW, \"port\": {\"ifname\": \"p1x\", \"router-guard\": 1}}"
	expect_fail 1 "Nothing to set" y --do port-set --json "$(port_nest)"
	check_eq "guards after refused sets" \
		"$(y --do port-get --json "$(port_nest)" | jq_py '(d["port"]["dhcp-guard"], d["port"]["router-guard"])')" \
		"(0, 1)"
}

# record VSID CA [MAC PA]: the JSON of a record request.
record() {
	local r="\"vsid\": $1, \"ca\": \"$(hex4 "$2")\""
	[ $# -lt 4 ] || r+=", \"mac\": \"$3\", \"pa\": \"$(hex4 "$4")\""
	echo "{$SW, \"record\": {$r}}"
}

# rec_get VSID CA: the record as (mac, pa).
rec_get() {
	y --do record-get --json "$(record "$1" "$2")" |
		jq_py '(d["record"]["mac"], addr(d["record"]["pa"]))'
}

test_record_new() {
	y --do record-new --json "$(record 5001 10.0.0.2 020000005002 192.0.2.2)" >/dev/null
	check_eq "record" "$(rec_get 5001 10.0.0.2)" "('02:00:00:00:50:02', '192.0.2.2')"
	expect_fail 1 "File exists" y --do record-new \
		--json "$(record 5001 10.0.0.2 020000005002 192.0.2.2)"
	# No rtnetlink flags: genetlink refuses them on a new family's commands.
	expect_fail 1 "Invalid argument" y --do record-new --create \
		--json "$(record 5001 10.0.0.4 020000005004 192.0.2.2)"
}

test_record_dump() {
	# Each ynl run costs seconds under emulation: two requests in one.
	y --multi record-new "$(record 5001 10.0.0.3 020000005003 192.0.2.3)" \
		--multi record-new "$(record 6001 10.0.0.2 020000006002 192.0.2.3)" >/dev/null
	check_eq "records of VSID 5001" \
		"$(y --dump record-get --json "{$SW, \"record\": {\"vsid\": 5001}}" | jq_py 'sorted((m["record"]["vsid"], addr(m["record"]["ca"])) for m in d)')" \
		"[(5001, '10.0.0.2'), (5001, '10.0.0.3')]"
	check_eq "all records" "$(y --dump record-get --json "{$SW}" | jq_py 'len(d)')" 3
}

test_record_set() {
	y --do record-set --json "$(record 5001 10.0.0.2 020000005002 192.0.2.9)" >/dev/null
	check_eq "record" "$(rec_get 5001 10.0.0.2)" "('02:00:00:00:50:02', '192.0.2.9')"
	expect_fail 1 "No record for this VSID and CA" \
		y --do record-set --json "$(record 5001 10.0.0.99 020000005002 192.0.2.9)"
}

test_record_del() {
	y --do record-del --json "$(record 5001 10.0.0.2)" >/dev/null
	expect_fail 1 "No record for this VSID and CA" \
		y --do record-get --json "$(record 5001 10.0.0.2)"
}

test_vsubnet() {
	local out
	y --do vsubnet-new --json "{$SW, \"vsubnet\": {\"vsid\": 5001, \"rdid\": 7, \"prefix\": [{\"addr\": \"$(hex4 10.0.0.0)\", \"len\": 24}, {\"addr\": \"fd000000000000000000000000000000\", \"len\": 64}]}}" >/dev/null
	out=$(y --do vsubnet-get --json "{$SW, \"vsubnet\": {\"vsid\": 5001}}")
	check_eq "dual-stack vsubnet" \
		"$(jq_py '(d["vsubnet"]["rdid"], sorted((addr(p["addr"]), p["len"], addr(p["gateway"])) for p in d["vsubnet"]["prefix"]))' <<<"$out")" \
		"(7, [('10.0.0.0', 24, '10.0.0.1'), ('fd00::', 64, 'fd00::1')])"
	y --do route-new --json "{$SW, \"route\": {\"rdid\": 7, \"prefix\": {\"addr\": \"$(hex4 172.16.0.0)\", \"len\": 12}, \"nexthop\": \"$(hex4 10.0.0.3)\", \"metric\": 5}}" >/dev/null
	check_eq "routes" "$(y --dump route-get --json "{$SW}" | jq_py '[(m["route"]["rdid"], addr(m["route"]["prefix"]["addr"]), m["route"]["prefix"]["len"], addr(m["route"]["nexthop"]), m["route"]["metric"]) for m in d]')" \
		"[(7, '172.16.0.0', 12, '10.0.0.3', 5)]"
	check_eq "VSID's domain" "$(y --do vsid-get --json "{$SW, \"vsid\": {\"id\": 5001}}" | jq_py '(d["vsid"]["id"], d["vsid"]["port-count"], d["vsid"]["rdid"], d["vsid"]["bum-mode"])')" \
		"(5001, 1, 7, 'drop')"
}

# (id, ports, rdid, bum-mode) of every VSID vsid-get dumps.
vsids_in_use() {
	y --dump vsid-get --json "{$SW}" |
		jq_py 'sorted((m["vsid"]["id"], m["vsid"]["port-count"], m["vsid"].get("rdid"), m["vsid"]["bum-mode"]) for m in d)'
}

test_vsid_dump() {
	# 5001 has a port, records and a vsubnet; 6001 a record only; 7001
	# only a BUM setting: each is a VSID in use, listed in one pass.
	y --do vsid-set --json "{$SW, \"vsid\": {\"id\": 7001, \"bum-mode\": \"replicate\"}}" >/dev/null
	check_eq "VSIDs in use" "$(vsids_in_use)" \
		"[(5001, 1, 7, 'drop'), (6001, 0, None, 'drop'), (7001, 0, None, 'replicate')]"
	y --multi vsid-set "{$SW, \"vsid\": {\"id\": 7001, \"bum-mode\": \"drop\"}}" \
		--multi record-del "$(record 6001 10.0.0.2)" >/dev/null
	check_eq "VSIDs in use, after their last use went" "$(vsids_in_use)" \
		"[(5001, 1, 7, 'drop')]"
}

test_bad_vsid() {
	local v out want
	# The policy generated from the spec refuses them: ynl shows its
	# message, names the attribute and decodes the range it enforces.
	for v in 0 4095 16777215; do
		if out=$(y --do record-new \
			--json "$(record "$v" 10.0.0.7 020000000007 192.0.2.7)" 2>&1); then
			echo "# vsid $v was accepted"
			return 1
		fi
		for want in "'msg': 'integer out of range'" "'bad-attr': '.record.vsid'" \
			"'min-value': 4096" "'max-value': 16777214"; do
			grep -qF -- "$want" <<<"$out" ||
				{ echo "# vsid $v: no $want in: $out"; return 1; }
		done
	done
}

# The ranges the spec states are the kernel's own policy, for anyone to read.
test_policy() {
	local out
	out=$(nq hv genl ctrl policy name nvswitch) || return 1
	# One policy per object nest, each checking the VSID's range.
	check_eq "vsid ranges" \
		"$(grep -cE 'type=U32 range:\[4096,16777214\]' <<<"$out")" 5 &&
	check_eq "bum-rate range" \
		"$(grep -cE 'type=U32 range:\[1,1000000\]' <<<"$out")" 1 &&
	check_eq "nested policies" \
		"$(grep -cE 'type=NESTED policy:' <<<"$out")" 12
}

# A listener on "config" hears changes another client makes. ynl 6.12
# cannot send requests on a socket that also receives notifications (a
# notification between request and ack ends its receive loop), so a second
# ynl, from the library in one python process, keeps adding and removing a
# PA until the listener has slept its seconds and printed what it heard.
test_notify() {
	local out=$NVSW_TMP/ntf.json done=$NVSW_TMP/ntf.done writer
	nq hv $PYTHON - "$YNL_DIR" "$SPEC" "$done" <<-'EOF' &
		import os, sys, time
		sys.path.insert(0, sys.argv[1])
		from lib import YnlFamily
		ynl = YnlFamily(sys.argv[2], schema="")
		pa = {"ifname": "sw0", "pa": {"addr": bytes.fromhex("00000000000000000000ffffc000022c")}}
		end = time.time() + 120
		while not os.path.exists(sys.argv[3]) and time.time() < end:
		    ynl.do("pa-new", pa)
		    ynl.do("pa-del", pa)
		    time.sleep(0.2)
	EOF
	writer=$!
	y --subscribe config --sleep 4 >"$out" || true
	touch "$done"
	wait "$writer"
	check_eq "notifications" \
		"$(jq_py 'sorted(set((m["name"], m["msg"]["ifname"], addr(m["msg"]["pa"]["addr"])) for m in d))' <"$out")" \
		"[('pa-del-ntf', 'sw0', '192.0.2.44'), ('pa-new-ntf', 'sw0', '192.0.2.44')]"
}

nvsw_begin 14
run_test "setup: switch sw0 and a veth in hv, ynl takes the spec" setup
run_test "ynl: switch-get dump lists sw0 with its counters" test_switch_dump
run_test "ynl: pa-new, pa-get dump and do" test_pa_new
run_test "ynl: port-new of a veth by name, port-get dump and do" test_port_new
run_test "ynl: port-set turns one guard on or off, port-get shows both" test_port_set
run_test "ynl: record-new, record-get do, a second new refused" test_record_new
run_test "ynl: record-get dump filtered by vsid" test_record_dump
run_test "ynl: record-set changes the PA, of an existing record only" test_record_set
run_test "ynl: record-del, then record-get says ENOENT" test_record_del
run_test "ynl: dual-stack vsubnet-new, route-new, vsid-get" test_vsubnet
run_test "ynl: vsid-get dump lists every VSID in use, and only those" test_vsid_dump
run_test "ynl: bad vsid rejected by the policy, attribute named" test_bad_vsid
run_test "genl ctrl policy shows the spec's nested sets and ranges" test_policy
run_test "ynl: --subscribe config hears pa-new-ntf/pa-del-ntf" test_notify
nvsw_finish
