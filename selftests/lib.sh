#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Shared helpers of the nvswitch selftests and of scripts/demo.sh.
#
# The topology every scenario is built from:
#
#   namespace "ul": the underlay, a bridge br0 (MTU 1600, so 1500-byte customer
#   frames fit once wrapped in NVGRE)
#     |
#     +-- veth --> namespace "hv1": ul0 192.0.2.1/24, switch sw0 with PA 192.0.2.1
#     |               +-- veth p-red1 (port, VSID 5001) --> namespace "red1": eth0
#     |               +-- veth p-blue1 (port, VSID 6001) --> namespace "blue1": eth0
#     +-- veth --> namespace "hv2": ...
#
# Namespaces are named "<name>-nvsw<pid>" so a test never collides with another
# run, and cleanup finds every namespace of the run, even those made inside a
# subtest's subshell. In a script, always use the short name: `n hv1 ip link`.
#
# Sourced by a test under `set -e`: helpers return non-zero on failure and
# never exit, so a subtest can assert with them.

NVSW_SELFTESTS=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
NVSW_TOP=$(dirname "$NVSW_SELFTESTS")
# scripts/fetch-kselftest.sh keeps the kernel tree's layout there.
KSFT_DIR=${KSFT_DIR:-$NVSW_TOP/.cache/kselftest/tools/testing/selftests}

if [ ! -r "$KSFT_DIR/net/lib.sh" ] || [ ! -r "$KSFT_DIR/kselftest/ktap_helpers.sh" ]; then
	echo "TAP version 13"
	echo "1..0 # SKIP kernel selftest helpers missing in $KSFT_DIR (run scripts/fetch-kselftest.sh)"
	exit 4
fi
# shellcheck source=/dev/null
source "$KSFT_DIR/net/lib.sh"
# shellcheck source=/dev/null
source "$KSFT_DIR/kselftest/ktap_helpers.sh"

PYTHON=/usr/bin/python3
NVSW_RUN=nvsw$$
NVSW_TMP=$(mktemp -d /tmp/nvsw-selftest.XXXXXX)
NVSW_TRACE=${NVSW_TRACE:-0}
NVSW_UL_PREFIX=24
NVSW_UL_MTU=1600
NVSW_TEST=$(basename "$0" .sh)
# How long a transfer may take before a test calls it hung. A guard, not a
# deadline: on the debug kernel (KASAN, lockdep, kmemleak) under emulation
# the same copy takes several times longer.
if [[ $(uname -r) == *-debug-* ]]; then
	NVSW_HANG_TIMEOUT=600
else
	NVSW_HANG_TIMEOUT=60
fi

declare -A HV_PA VM_HV VM_VSID VM_CA VM_MAC

# NVSWITCH_PROFILE=1: every command a test runs, stamped with the time it
# started, goes to $NVSWITCH_VM_OUT/profile/TEST.trace, for
# scripts/test-profile.py to sum up by step and by command.
if [ -n "${NVSWITCH_PROFILE:-}" ] && [ -d "${NVSWITCH_VM_OUT:-}" ]; then
	mkdir -p "$NVSWITCH_VM_OUT/profile"
	exec {BASH_XTRACEFD}>"$NVSWITCH_VM_OUT/profile/$NVSW_TEST.trace"
	PS4='+ $EPOCHREALTIME $BASHPID ${FUNCNAME[0]:-main} '
	set -x
fi

# ---------------------------------------------------------------------------
# Namespaces and commands inside them

ns() { echo "$1-$NVSW_RUN"; }

# With NVSW_TRACE=1 (the demo), every configuration command is shown.
trace() { [ "$NVSW_TRACE" = 0 ] || echo "    $1# ${*:2}"; }

# n NAME CMD...: run CMD in namespace NAME (wireguard's netns.sh style).
n() {
	local name=$1
	shift
	trace "$name" "$*"
	nq "$name" "$@"
}

# nq NAME CMD...: the same, never traced (for helpers that poll). ip and
# nvswitchctl enter the namespace themselves: under emulation every exec
# costs, and `ip netns exec` is one more.
nq() {
	local ns
	ns=$(ns "$1")
	shift
	case $1 in
	ip) shift; ip -n "$ns" "$@" ;;
	nvswitchctl) shift; nvswitchctl -n "$ns" "$@" ;;
	*) ip netns exec "$ns" "$@" ;;
	esac
}

# ctl NAME ARGS...: nvswitchctl in namespace NAME.
ctl() {
	local name=$1
	shift
	n "$name" nvswitchctl "$@"
}

# ns_create NAME: a fresh namespace, loopback up, IPv6 off so that no router
# or neighbour solicitation adds noise to captures and counters.
ns_create() {
	local name
	name=$(ns "$1")
	ip netns add "$name" || return
	ip -n "$name" link set lo up
	ip netns exec "$name" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
}

ns_del() {
	cleanup_ns "$(ns "$1")" >/dev/null
}

nvsw_namespaces() {
	ip netns list | awk -v s="-$NVSW_RUN" '{ if (substr($1, length($1) - length(s) + 1) == s) print $1 }'
}

# ---------------------------------------------------------------------------
# Topology builders

# underlay_create: the physical network between the hypervisors.
underlay_create() {
	ns_create ul || return
	nq ul ip link add br0 type bridge
	nq ul ip link set br0 mtu "$NVSW_UL_MTU" up
}

# underlay_attach NAME ADDR: plug namespace NAME into the underlay as ul0.
underlay_attach() {
	local name=$1 addr=$2
	nq ul ip link add "$name" mtu "$NVSW_UL_MTU" type veth peer name ul0 \
		mtu "$NVSW_UL_MTU" netns "$(ns "$name")" || return
	nq ul ip link set "$name" master br0 up
	n "$name" ip addr add "$addr/$NVSW_UL_PREFIX" dev ul0
	nq "$name" ip link set ul0 up
}

# underlay_mtu MTU NAME...: the underlay links of namespaces NAME at MTU.
underlay_mtu() {
	local mtu=$1 name
	shift
	for name in "$@"; do
		nq ul ip link set "$name" mtu "$mtu"
		nq "$name" ip link set ul0 mtu "$mtu"
	done
}

# hv_create NAME PA [FLOWID]: a hypervisor on the underlay with one switch sw0
# whose provider address is PA.
hv_create() {
	local name=$1 pa=$2 flowid=${3:-}
	ns_create "$name" || return
	underlay_attach "$name" "$pa" || return
	ctl "$name" switch add sw0 ${flowid:+flowid "$flowid"} || return
	n "$name" ip link set sw0 up
	ctl "$name" pa add sw0 "$pa" || return
	HV_PA[$name]=$pa
}

# vm_create HV VM VSID CA MAC: a VM (namespace VM, interface eth0 with CA/24
# and MAC) on hypervisor HV, attached to HV's sw0 through port p-VM in VSID.
vm_create() {
	local hv=$1 vm=$2 vsid=$3 ca=$4 mac=$5
	ns_create "$vm" || return
	nq "$hv" ip link add "p-$vm" type veth peer name eth0 netns "$(ns "$vm")" || return
	nq "$vm" ip link set eth0 address "$mac"
	n "$vm" ip addr add "$ca/24" dev eth0
	nq "$vm" ip link set eth0 up
	nq "$hv" ip link set "p-$vm" up
	ctl "$hv" port add sw0 dev "p-$vm" vsid "$vsid" || return
	VM_HV[$vm]=$hv
	VM_VSID[$vm]=$vsid
	VM_CA[$vm]=$ca
	VM_MAC[$vm]=$mac
}

# records_push: every host learns where every VM lives (the job of the
# management plane in Hyper-V Network Virtualization).
records_push() {
	local hv vm
	for hv in "${!HV_PA[@]}"; do
		for vm in "${!VM_HV[@]}"; do
			ctl "$hv" record add sw0 vsid "${VM_VSID[$vm]}" ca "${VM_CA[$vm]}" \
				mac "${VM_MAC[$vm]}" pa "${HV_PA[${VM_HV[$vm]}]}" || return
		done
	done
}

# ---------------------------------------------------------------------------
# Traffic

# ping_ok VM DST [COUNT]: at least one reply.
ping_ok() {
	n "$1" ping -q -c "${3:-3}" -i 0.2 -W 2 "$2" >/dev/null
}

# ping_all VM DST COUNT: every request answered.
ping_all() {
	local out
	out=$(n "$1" ping -q -c "$3" -i 0.2 -W 2 "$2") || return
	grep -q " $3 received" <<<"$out"
}

# ping_fail VM DST: no reply.  The kernel goes on soliciting the unresolved
# neighbour for seconds after ping gives up, and those ARP/ND frames would
# move the counters of whatever runs next: forget the incomplete entries.
ping_fail() {
	local rc=0
	n "$1" ping -q -c 2 -i 0.2 -W 1 "$2" >/dev/null 2>&1 || rc=$?
	nq "$1" ip neigh flush nud incomplete 2>/dev/null || true
	[ "$rc" != 0 ]
}

# frames_start NAME DEV FILE ... frames_send FRAME COUNT: COUNT copies of
# FILE's FRAME sent from DEV in namespace NAME.  FILE's lines are "FRAME
# HEX": frames built with scapy on the host (make -C selftests), which
# takes seconds to import under emulation.  One python process sends them
# all (starting one costs 0.6 s); it exits with the shell that started it.
frames_start() {
	local ready
	coproc NVSW_FRAMES {
		nq "$1" $PYTHON -u -c 'import socket, sys
frames = dict(line.split() for line in open(sys.argv[2]))
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((sys.argv[1], 0))
print("ready", flush=True)
for line in sys.stdin:
    name, count = line.split()
    for _ in range(int(count)):
        s.send(bytes.fromhex(frames[name]))
    print("sent", flush=True)' "$2" "$3"
	}
	# Bash closes a coprocess' own descriptors in subshells (subtests).
	exec 7>&"${NVSW_FRAMES[1]}" 8<&"${NVSW_FRAMES[0]}"
	read -r -t 60 ready <&8 && [ "$ready" = ready ]
}

frames_send() {
	local reply
	echo "$1 $2" >&7
	read -r -t 30 reply <&8 && [ "$reply" = sent ]
}

# ---------------------------------------------------------------------------
# Captures: cap_start ID NAME DEV [FILTER...] ... cap_stop ID; file cap_file ID

cap_file() { echo "$NVSW_TMP/$1.pcap"; }

# --immediate-mode: otherwise libpcap's TPACKET_V3 ring hands frames to
# tcpdump a block at a time, a block when it fills or its timeout passes,
# and the frames sent just before cap_stop may still wait in the kernel
# when tcpdump is told to stop (a loaded VM's capture once came up two
# frames short).  In immediate mode every frame is handed over at once.
cap_start() {
	local id=$1 name=$2 dev=$3
	shift 3
	ip netns exec "$(ns "$name")" tcpdump -Z root -n -U --immediate-mode -s 512 -i "$dev" \
		-w "$(cap_file "$id")" "$@" 2>"$NVSW_TMP/$id.err" &
	echo $! >"$NVSW_TMP/$id.pid"
	slowwait 15 grep -q "listening on" "$NVSW_TMP/$id.err"
}

cap_stop() {
	local pid
	pid=$(cat "$NVSW_TMP/$1.pid" 2>/dev/null) || return 0
	sleep 0.3	# let the last frames reach the file
	kill -INT "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	rm -f "$NVSW_TMP/$1.pid"
}

# cap_read ID [FILTER...]: the capture decoded by tcpdump, one line per
# packet (-e -v, continuation lines joined), inner frames included.
cap_read() {
	local id=$1
	shift
	tcpdump -r "$(cap_file "$id")" -n -e -v "$@" 2>/dev/null |
		awk '/^[0-9]/ { if (l != "") print l; l = $0; next } { l = l " " $0 } END { if (l != "") print l }'
}

cap_count() {
	local id=$1
	shift
	cap_read "$id" "$@" | wc -l
}

# cap_fields ID FILTER FIELD...: tshark's view, one line per packet, fields
# separated by '|' (tshark starts slowly under emulation: use it sparingly).
cap_fields() {
	local id=$1 filter=$2
	shift 2
	local args=() f
	for f in "$@"; do args+=(-e "$f"); done
	HOME=$NVSW_TMP tshark -n -r "$(cap_file "$id")" ${filter:+-Y "$filter"} -T fields \
		-E 'separator=|' -E occurrence=a -E aggregator=, "${args[@]}" 2>/dev/null
}

cap_stop_all() {
	local f
	for f in "$NVSW_TMP"/*.pid; do
		[ -e "$f" ] || continue
		cap_stop "$(basename "$f" .pid)"
	done
}

# ---------------------------------------------------------------------------
# Tracing: trace_start EVENT... logs the events (nvswitch:drop, skb:kfree_skb
# ...) in a tracefs instance of the test's own, so that nothing else tracing
# on the machine sees or disturbs them; trace_filter EVENT FILTER narrows
# one; trace_clear empties the log, trace_read prints it, one event a line;
# trace_stop removes the instance (nvsw_cleanup and nvsw_finish do too).

NVSW_TRACEFS=/sys/kernel/tracing/instances/$NVSW_TEST

trace_start() {
	local event
	mkdir "$NVSW_TRACEFS"
	for event; do
		echo "$event" >>"$NVSW_TRACEFS/set_event"
	done
}

trace_filter() {
	echo "$2" >"$NVSW_TRACEFS/events/${1/://}/filter"
}

trace_clear() {
	: >"$NVSW_TRACEFS/trace"
}

trace_read() {
	grep -v '^#' "$NVSW_TRACEFS/trace"
}

trace_stop() {
	[ -d "$NVSW_TRACEFS" ] || return 0
	: >"$NVSW_TRACEFS/set_event"
	rmdir "$NVSW_TRACEFS"
}

# ---------------------------------------------------------------------------
# JSON, read in bash: under emulation every process counts (python takes
# seconds to start), and nvswitchctl's JSON is flat enough for this.

# json_flat: the JSON on stdin as "path=value" lines, one per scalar:
# object keys joined by dots, array elements numbered ("0.dev=p0").
JSON_FLAT_AWK=$(cat <<'EOF'
# Flattens the JSON on stdin: one "path=value" line per scalar, objects'
# keys joined by dots, array elements numbered (path.0, path.1...).
{ s = s $0 "\n" }
END {
	n = length(s); sp = 0; key = ""; prefix = ""
	for (i = 1; i <= n; i++) {
		c = substr(s, i, 1)
		if (c == "\"") {
			for (j = i + 1; substr(s, j, 1) != "\""; j++)
				if (substr(s, j, 1) == "\\") j++
			tok = substr(s, i + 1, j - i - 1); i = j
			for (k = i + 1; substr(s, k, 1) ~ /[ \t\n]/; k++) ;
			if (substr(s, k, 1) == ":") { key = tok; i = k; continue }
			emit(tok); continue
		}
		if (c == "{" || c == "[") {
			stk_prefix[++sp] = prefix; stk_arr[sp] = arr; stk_idx[sp] = idx
			prefix = path(); arr = (c == "["); idx = 0; key = ""
			continue
		}
		if (c == "}" || c == "]") {
			prefix = stk_prefix[sp]; arr = stk_arr[sp]; idx = stk_idx[sp]; sp--
			if (arr) idx++
			key = ""; continue
		}
		if (c == ",") { key = ""; continue }
		if (c ~ /[-0-9a-z]/) {
			for (j = i; substr(s, j, 1) ~ /[-+.0-9a-zA-Z]/; j++) ;
			emit(substr(s, i, j - i)); i = j - 1
		}
	}
}
function path(  p) {
	p = arr ? idx : key
	return prefix == "" ? p : (p == "" ? prefix : prefix "." p)
}
function emit(v) { print path() "=" v; if (arr) idx++ }
EOF
)
json_flat() {
	awk "$JSON_FLAT_AWK"
}

# json_len: length of the JSON array on stdin.
json_len() {
	json_flat | sed 's/[.=].*//' | uniq | wc -l
}

# json_get KEY: the first value named KEY in the JSON on stdin, at any depth.
json_get() {
	local line
	line=$(json_flat | grep -m1 -E "(^|\.)$1=") || return 1
	echo "${line#*=}"
}

# tcp_copy FROM TO TO_ADDR: 1 MiB over TCP with socat, checksum compared.
tcp_copy() {
	local from=$1 to=$2 addr=$3
	head -c 1048576 /dev/urandom >"$NVSW_TMP/in.$from"
	nq "$to" socat -u TCP-LISTEN:5000,reuseaddr "OPEN:$NVSW_TMP/out.$to,creat,trunc" &
	local pid=$!
	slowwait 10 eval "ss -N $(ns "$to") -tlnH 'sport = :5000' | grep -q ."
	n "$from" timeout "$NVSW_HANG_TIMEOUT" socat -u "OPEN:$NVSW_TMP/in.$from" "TCP:$addr:5000" ||
		echo "# socat $from -> $to:5000 failed or hung, $(stat -c %s "$NVSW_TMP/out.$to") bytes arrived"
	wait $pid
	check_eq "bytes $from -> $to" "$(sha256sum <"$NVSW_TMP/out.$to")" \
		"$(sha256sum <"$NVSW_TMP/in.$from")"
}

# dhcp_server NAME ADDR: busybox udhcpd on NAME's eth0, leasing ADDR (a /24)
# and nothing else, once it runs (its pid in $NVSW_TMP/udhcpd.pid); and
# $NVSW_TMP/udhcpc.script, with which udhcpc puts a lease on its interface.
dhcp_server() {
	cat >"$NVSW_TMP/udhcpd.conf" <<-EOF
	interface eth0
	start $2
	end $2
	lease_file $NVSW_TMP/udhcpd.leases
	pidfile $NVSW_TMP/udhcpd.pid
	option subnet 255.255.255.0
	option lease 600
	EOF
	: >"$NVSW_TMP/udhcpd.leases"
	cat >"$NVSW_TMP/udhcpc.script" <<-'EOF'
	#!/bin/sh
	[ "$1" = bound ] || exit 0
	ip addr add "$ip/24" dev "$interface"
	EOF
	chmod +x "$NVSW_TMP/udhcpc.script"
	nq "$1" busybox udhcpd -f "$NVSW_TMP/udhcpd.conf" >"$NVSW_TMP/udhcpd.log" 2>&1 &
	slowwait 10 test -s "$NVSW_TMP/udhcpd.pid"
}

# ---------------------------------------------------------------------------
# Counters of a switch: nvswitchctl -j stats show, flattened to key=value
# lines (drops become drops.<reason>).

stats_flat() {
	local name=$1 sw=${2:-sw0} json
	json=$(nvswitchctl -n "$(ns "$name")" -j stats show "$sw") || return
	json_flat <<<"$json" | grep -E '=[0-9]+$' | sort
}

# counter NAME KEY [SW]: one counter, e.g. `counter hv1 drops.no_record`.
counter() {
	local line
	line=$(stats_flat "$1" "${3:-sw0}" | grep "^$2=") || return
	echo "${line#*=}"
}

# stats_save NAME FILE [SW] ... stats_delta NAME FILE [SW]: the counters that
# moved since, as "key=delta" words sorted by key.
stats_save() {
	stats_flat "$1" "${3:-sw0}" >"$2"
}

stats_delta() {
	local now
	now=$(stats_flat "$1" "${3:-sw0}") || return
	awk -F= 'NR == FNR { old[$1] = $2; next }
		 $2 != old[$1] { printf "%s%s=%d", sep, $1, $2 - old[$1]; sep = " " }
		 END { print "" }' "$2" - <<<"$now"
}

# ---------------------------------------------------------------------------
# Assertions

# check_eq WHAT GOT WANT
check_eq() {
	if [ "$2" != "$3" ]; then
		echo "# $1: got '$2', want '$3'"
		return 1
	fi
}

# expect_fail CODE REGEX CMD...: CMD exits with CODE (a number, or "1|2")
# and says something matching REGEX (case-insensitive) on stdout or stderr.
expect_fail() {
	local code=$1 re=$2 out rc
	shift 2
	out=$("$@" 2>&1) && rc=0 || rc=$?
	if ! [[ $rc =~ ^($code)$ ]] || ! grep -qiE -- "$re" <<<"$out"; then
		echo "# '${*}' exited $rc, want $code, said: $out (want /$re/)"
		return 1
	fi
}

# ---------------------------------------------------------------------------
# Kernel log: every line since the test started that looks like a kernel bug.
# The taint of loading an unsigned out-of-tree module is expected.

NVSW_KMSG_MARK="nvsw-selftest: begin $NVSW_TEST $NVSW_RUN"

kernel_log_mark() {
	echo "$NVSW_KMSG_MARK" >/dev/kmsg 2>/dev/null || true
}

kernel_log_since_mark() {
	dmesg 2>/dev/null | sed -n "/$NVSW_KMSG_MARK/,\$p"
}

check_kernel_log() {
	local bad
	bad=$(kernel_log_since_mark |
		grep -iE 'WARNING:|BUG:|BUG |refcount_t|leak|general protection|unreferenced object|KASAN|UBSAN|Oops|Call Trace|kernel BUG|unregister_netdevice: waiting|rcu.*stall|blocked for more than|list_(add|del) corruption|stack-protector' |
		grep -viE 'module verification failed|taints kernel' || true)
	if [ -n "$bad" ]; then
		sed 's/^/# kernel: /' <<<"$bad"
		if [ -d "${NVSWITCH_VM_OUT:-}" ]; then
			kernel_log_since_mark >"$NVSWITCH_VM_OUT/$NVSW_TEST.dmesg"
			echo "# whole log in $NVSWITCH_VM_OUT/$NVSW_TEST.dmesg"
		fi
		return 1
	fi
	if [ -w /sys/kernel/debug/kmemleak ]; then
		echo scan >/sys/kernel/debug/kmemleak
		bad=$(cat /sys/kernel/debug/kmemleak)
		if [ -n "$bad" ]; then
			sed 's/^/# kmemleak: /' <<<"$bad" | head -40
			return 1
		fi
	fi
}

# ---------------------------------------------------------------------------
# Subtests: run_test DESCRIPTION FUNCTION [ARGS...]
# The function runs in a subshell under `set -e`: its first failing command
# fails the subtest, and the script goes on to the next one.

run_test() {
	local desc=$1 rc f
	shift
	local had_e=${-//[^e]/}
	local caps_before
	caps_before=$(ls "$NVSW_TMP"/*.pid 2>/dev/null || true)
	set +e
	(set -e; "$@")
	rc=$?
	[ -z "$had_e" ] || set -e
	# Stop the captures the subtest started and left running.
	for f in "$NVSW_TMP"/*.pid; do
		[ -e "$f" ] && ! grep -qxF "$f" <<<"$caps_before" || continue
		cap_stop "$(basename "$f" .pid)"
	done
	case $rc in
	0) ktap_test_pass "$desc" ;;
	"$ksft_skip") ktap_test_skip "$desc" ;;
	*) ktap_test_fail "$desc" ;;
	esac
	return 0
}

# ---------------------------------------------------------------------------
# Start and end of a test

NVSW_LOADED_BEFORE=
NVSW_FINISHED=

# nvsw_begin PLAN: header, plan, module loaded (or skip), cleanup trap.
# Every test ends with nvsw_finish, which adds three subtests of its own.
nvsw_begin() {
	ktap_print_header
	if [ "$(id -u)" != 0 ]; then
		ktap_skip_all "needs root"
		exit "$ksft_skip"
	fi
	local tool
	for tool in nvswitchctl ping tcpdump tshark $PYTHON; do
		if ! command -v "$tool" >/dev/null; then
			ktap_skip_all "$tool not found"
			exit "$ksft_skip"
		fi
	done
	[ -d /sys/module/nvswitch ] && NVSW_LOADED_BEFORE=1
	# Loaded up front: the kernel's own module autoloading may not reach
	# the modules tree (it does not in tools/nvswitch-vm).
	modprobe -a veth bridge dummy 2>/dev/null || true
	if ! modprobe nvswitch 2>"$NVSW_TMP/modprobe.err"; then
		ktap_skip_all "cannot load nvswitch: $(head -n1 "$NVSW_TMP/modprobe.err")"
		exit "$ksft_skip"
	fi
	kernel_log_mark
	ktap_set_plan $(($1 + 3))
	trap nvsw_cleanup EXIT
	trap 'exit 143' TERM INT
}

nvsw_cleanup() {
	local rc=$?
	set +e
	cap_stop_all
	trace_stop
	local name
	for name in $(nvsw_namespaces); do
		ip netns pids "$name" 2>/dev/null | xargs -r kill 2>/dev/null
		cleanup_ns "$name" >/dev/null
	done
	if [ -z "$NVSW_FINISHED" ]; then
		echo "Bail out! $NVSW_TEST stopped before its end (exit $rc)"
		ktap_print_totals
		[ "$rc" = 0 ] && rc=$ksft_fail
	fi
	[ -n "$NVSW_KEEP_TMP" ] || rm -rf "$NVSW_TMP"
	exit "$rc"
}

# What must be true when every namespace of the test is gone.
check_nothing_left() {
	local left
	left=$(nvsw_namespaces)
	check_eq "namespaces left" "$left" "" || return 1
	check_eq "switches in the initial netns" "$(ip -o link show type nvswitch)" "" || return 1
	! ip link show nvsw_gre >/dev/null 2>&1 || { echo "# nvsw_gre left in the initial netns"; return 1; }
}

# The module unloads: no device, netns or reference of this test holds it.
check_module_unloads() {
	[ -z "$NVSW_LOADED_BEFORE" ] || return "$ksft_skip"
	timeout 60 modprobe -r nvswitch
	[ ! -d /sys/module/nvswitch ]
}

nvsw_finish() {
	local name
	cap_stop_all
	trace_stop
	for name in $(nvsw_namespaces); do
		ip netns pids "$name" 2>/dev/null | xargs -r kill 2>/dev/null || true
		cleanup_ns "$name" >/dev/null || true
	done
	run_test "no namespace, switch or nvsw_gre left" check_nothing_left
	run_test "module unloads" check_module_unloads
	run_test "kernel log clean" check_kernel_log
	NVSW_FINISHED=1
	ktap_finished
}
