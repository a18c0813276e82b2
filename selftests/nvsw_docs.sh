#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The examples of the README and of the man page (Documentation/nvswitchctl.8)
# are run, and what each command prints is compared with what the example
# shows.  An example that drifts from the code fails here.
#
# What an example is:
#   README   an indented block with prompt lines, "    NAME# COMMAND": COMMAND
#            runs as root in namespace NAME of the topology below; the lines
#            after it, up to the next prompt or the end of the block, are
#            what it prints.  Indented blocks without a prompt (make demo,
#            apt install) are for the reader's own machine: not run.
#   man page every .EX/.EE block; "# COMMAND" runs on hv1.
# Matching: an expected line "..." stands for any number of lines (none
# too), "..." inside a line for any text; the rest must be equal.  Every
# command must exit 0, stdout and stderr together.
#
# The topology the examples assume, as the README tells it:
#
#   ul: bridge br0, the underlay
#    +-- hv1: eth1 (no address yet), vnet0 --- red1: eth0 10.0.0.1/24
#    |                               vnet1 --- red3: eth0 (no address)
#    +-- hv2: eth1 (no address yet), vnet0 --- red2: eth0 10.0.0.2/24
#
# The README's examples are one story, run in order on one such topology.
# Each man page example gets a fresh one, set up further by a hidden
# preamble where the example says so in words (before_block below), and
# commands that run until killed (monitor) run in the background while a
# hidden driver makes the events they show (driver below).
set -e
source "$(dirname "$(readlink -f "$0")")/lib.sh"

README=$NVSW_TOP/README
MANPAGE=$NVSW_TOP/Documentation/nvswitchctl.8
BLOCKS=$NVSW_TMP/blocks
CWD=$NVSW_TMP/cwd
mkdir -p "$BLOCKS" "$CWD"

# ---------------------------------------------------------------------------
# Extraction: each example becomes $BLOCKS/NN/ with "doc" (README or
# nvswitchctl.8), "cmds" (NS<TAB>COMMAND<TAB>LINE, one a line) and exp.K,
# the lines command K should print.

NBLOCKS=0
EXTRACT_ERR=

block_new() {
	NBLOCKS=$((NBLOCKS + 1))
	BLOCK=$BLOCKS/$(printf %02d "$NBLOCKS")
	mkdir "$BLOCK"
	echo "$1" >"$BLOCK/doc"
	: >"$BLOCK/cmds"
	NCMD=0
}

block_cmd() {
	NCMD=$((NCMD + 1))
	printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$BLOCK/cmds"
	: >"$BLOCK/exp.$NCMD"
}

block_out() {
	if [ "$NCMD" = 0 ]; then
		EXTRACT_ERR+="$1:$2: output before the first command of the example; "
		return
	fi
	printf '%s\n' "$3" >>"$BLOCK/exp.$NCMD"
}

extract_readme() {
	local line lineno=0 in_block=0 pending=0 re='^    ([a-z][a-z0-9]*)# (.*)$'
	while IFS= read -r line || [ -n "$line" ]; do
		lineno=$((lineno + 1))
		if [[ $line != "    "* ]]; then
			in_block=0
			pending=0
			continue
		fi
		if [[ $line =~ $re ]]; then
			if [ "$in_block" != 2 ]; then
				[ "$pending" = 0 ] ||
					EXTRACT_ERR+="README:$lineno: output before the first command of the example; "
				block_new README
				in_block=2
			fi
			block_cmd "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "README:$lineno"
		elif [ "$in_block" = 2 ]; then
			block_out README "$lineno" "${line#    }"
		else
			# A block without a prompt so far: an instruction, unless a
			# prompt follows in it.
			in_block=1
			pending=$((pending + 1))
		fi
	done <"$README"
}

# roff to text: the escapes the man page's examples use.
roff_text() {
	local s=$1
	s=${s//\\-/-}
	s=${s//\\(aq/\'}
	s=${s//\\(dq/\"}
	s=${s//\\&/}
	s=${s//\\e/\\}
	printf '%s' "$s"
}

extract_manpage() {
	local line lineno=0 in_ex=0
	while IFS= read -r line || [ -n "$line" ]; do
		lineno=$((lineno + 1))
		case $line in
		.EX*)
			in_ex=1
			block_new nvswitchctl.8
			continue
			;;
		.EE*)
			in_ex=0
			continue
			;;
		esac
		[ "$in_ex" = 1 ] || continue
		line=$(roff_text "$line")
		if [[ $line == "# "* ]]; then
			block_cmd hv1 "${line#\# }" "nvswitchctl.8:$lineno"
		else
			block_out nvswitchctl.8 "$lineno" "$line"
		fi
	done <"$MANPAGE"
}

extract_readme
README_BLOCKS=$NBLOCKS
extract_manpage

# ---------------------------------------------------------------------------
# Matching

# line_match PATTERN LINE: "..." in PATTERN is any text, the rest literal.
line_match() {
	local pat=$1
	pat=${pat//\\/\\\\}
	pat=${pat//\*/\\*}
	pat=${pat//\?/\\?}
	pat=${pat//\[/\\[}
	pat=${pat//(/\\(}
	pat=${pat//.../*}
	# shellcheck disable=SC2053 # a pattern, on purpose
	[[ $2 == $pat ]]
}

# lines_match I J: EXP[I..] matches GOT[J..]; a "..." line takes any number
# of lines, tried shortest first.
lines_match() {
	local i=$1 j=$2 k
	while [ "$i" -lt "${#EXP[@]}" ]; do
		if [ "${EXP[i]}" = ... ]; then
			for ((k = j; k <= ${#GOT[@]}; k++)); do
				lines_match $((i + 1)) "$k" && return 0
			done
			return 1
		fi
		[ "$j" -lt "${#GOT[@]}" ] && line_match "${EXP[i]}" "${GOT[j]}" || return 1
		i=$((i + 1))
		j=$((j + 1))
	done
	[ "$j" = "${#GOT[@]}" ]
}

# output_matches EXPFILE GOTFILE
output_matches() {
	mapfile -t EXP <"$1"
	mapfile -t GOT <"$2"
	lines_match 0 0
}

# expected_lines EXPFILE: how many lines the example shows, "..." aside.
expected_lines() {
	grep -cvx '\.\.\.' "$1" || true
}

# ---------------------------------------------------------------------------
# The topology

# topology MACPREFIX: the picture above, VMs' MACs MACPREFIX:01, :02, :03.
topology() {
	local mp=$1 hv
	underlay_create
	for hv in hv1 hv2; do
		ns_create "$hv"
		nq ul ip link add "$hv" mtu "$NVSW_UL_MTU" type veth peer name eth1 \
			netns "$(ns "$hv")"
		nq ul ip link set "$hv" master br0 up
	done
	vm_attach hv1 vnet0 red1 "$mp:01" 10.0.0.1/24
	vm_attach hv1 vnet1 red3 "$mp:03" ""
	vm_attach hv2 vnet0 red2 "$mp:02" 10.0.0.2/24
}

# vm_attach HV TAP VM MAC [ADDR]: a VM's eth0 behind the device TAP of HV,
# left down as a new tap is.
vm_attach() {
	ns_create "$3"
	nq "$1" ip link add "$2" type veth peer name eth0 netns "$(ns "$3")"
	nq "$3" ip link set eth0 address "$4" up
	[ -z "$5" ] || nq "$3" ip addr add "$5" dev eth0
}

# A name is free again once ip netns del returns; the kernel tears the
# namespace down in the background.
topology_clear() {
	local name
	for name in $(nvsw_namespaces); do
		ip netns pids "$name" 2>/dev/null | xargs -r kill 2>/dev/null || true
		ip netns del "$name"
	done
	ip netns del tenant1 2>/dev/null || true
	rm -f "$CWD"/*
}

# ---------------------------------------------------------------------------
# Hidden preambles and drivers, keyed by the example's first command (a
# preamble) or by the command itself (a driver).  They do what the text
# around the example says is there.

# The man page's hosts: the underlay addresses, the VMs' taps up, and a
# VM that asks for an unknown address once only.
man_hosts() {
	nq hv1 ip addr add 192.0.2.1/24 dev eth1
	nq hv1 ip link set eth1 up
	nq hv1 ip link set vnet0 up
	nq hv2 ip addr add 192.0.2.2/24 dev eth1
	nq hv2 ip link set eth1 up
	nq hv2 ip link set vnet0 up
	nq red1 sysctl -qw net.ipv4.neigh.eth0.mcast_solicit=1
}

# hv2 as the monitor example's other host: it places 10.0.0.9 on hv1,
# which does not know it.
man_hv2() {
	nvswitchctl -n "$(ns hv2)" -b - <<-EOF
		switch add sw0
		pa add sw0 192.0.2.2
		port add sw0 dev vnet0 vsid 5001
		record add sw0 vsid 5001 ca 10.0.0.2 mac 02:00:00:00:50:02 pa 192.0.2.2
		record add sw0 vsid 5001 ca 10.0.0.9 mac 02:00:00:00:50:09 pa 192.0.2.1
	EOF
	nq hv2 ip link set sw0 up
}

pre_man_monitor() {
	man_hosts
	man_hv2
}

pre_man_examples() {
	man_hosts
	ip netns add tenant1
	printf 'switch add sw0 flowid zero\npa add sw0 192.0.2.3\n' >"$CWD/setup.batch"
}

declare -A before_block=(
	["nvswitchctl.8|hv1# nvswitchctl monitor"]=pre_man_monitor
	["nvswitchctl.8|hv1# nvswitchctl switch add sw0"]=pre_man_examples
	["nvswitchctl.8|hv1# nvswitchctl switch add sw0 address 02:00:00:00:00:01"]=man_hosts
)

# wait_lines FILE N: until FILE holds N lines.
wait_lines() {
	slowwait 20 eval "[ \$(wc -l <'$1') -ge $2 ]"
}

# red1 asks once for 10.0.0.9, which has no record.
arp_miss() {
	nq red1 ping -c 1 -W 0.3 10.0.0.9 >/dev/null 2>&1 || true
	nq red1 ip neigh flush dev eth0
}

# Every event of the man page's monitor example, one at a time.
drive_monitor() {
	local out=$1 sw
	sw="nvswitchctl -n $(ns hv1)"
	$sw switch add sw0
	nq hv1 ip link set sw0 up
	$sw pa add sw0 192.0.2.1
	$sw port add sw0 dev vnet0 vsid 5001
	$sw record add sw0 vsid 5001 ca 10.0.0.1 mac 02:00:00:00:50:01 pa 192.0.2.1
	$sw record add sw0 vsid 5001 ca 10.0.0.2 mac 02:00:00:00:50:02 pa 192.0.2.2
	wait_lines "$out" 5
	arp_miss
	wait_lines "$out" 6
	# Duplicate address detection of 2001:db8::9 is a Neighbor
	# Solicitation for it; no link-local address, no other solicitation.
	nq red1 sysctl -qw net.ipv6.conf.eth0.addr_gen_mode=1
	nq red1 sysctl -qw net.ipv6.conf.eth0.disable_ipv6=0
	nq red1 ip addr add 2001:db8::9/64 dev eth0
	wait_lines "$out" 7
	nq red1 ip neigh replace 10.0.0.9 lladdr 02:00:00:00:50:09 dev eth0 nud permanent
	nq red1 ping -c 1 -W 0.3 10.0.0.9 >/dev/null 2>&1 || true
	wait_lines "$out" 8
	nq red2 ip neigh replace 10.0.0.9 lladdr 02:00:00:00:50:09 dev eth0 nud permanent
	nq red2 ping -c 1 -W 0.3 10.0.0.9 >/dev/null 2>&1 || true
	wait_lines "$out" 9
	$sw vsubnet add sw0 vsid 5001 rdid 1 prefix 10.0.0.0/24
	$sw route add sw0 rdid 1 prefix 172.16.0.0/16 nexthop 10.0.0.1
	$sw vsid set sw0 vsid 5001 bum replicate
	$sw record del sw0 vsid 5001 ca 10.0.0.2
	$sw pa del sw0 192.0.2.1
}

drive_monitor_miss() {
	arp_miss
}

declare -A driver=(
	["hv1# nvswitchctl monitor"]=drive_monitor
	["hv1# nvswitchctl -j monitor miss"]=drive_monitor_miss
)

# listening NS: a generic netlink socket of namespace NS joined a group
# (/proc/net/netlink: protocol 16, groups not 0).
listening() {
	# shellcheck disable=SC2016 # awk's $
	nq "$1" awk '$2 == 16 && $4 != "00000000" { found = 1 } END { exit !found }' /proc/net/netlink
}

# ---------------------------------------------------------------------------
# Running an example

# run_cmds BLOCK FIRST LAST NS: commands FIRST..LAST, all in namespace NS,
# in one shell (under emulation every process counts): out.K, rc.K.
run_cmds() {
	local b=$1 k script=
	for ((k = $2; k <= $3; k++)); do
		script+="{ ${CMD[k]}
} >'$b/out.$k' 2>&1 </dev/null; echo \$? >'$b/rc.$k'
"
	done
	(cd "$CWD" && nq "$4" bash -c "$script") || true
}

# run_bg BLOCK K: command K in the background while its driver makes what
# it shows, until it printed that many lines.
run_bg() {
	local b=$1 k=$2 pid
	(cd "$CWD" && exec ip netns exec "$(ns "${NS[k]}")" bash -c "exec ${CMD[k]}") \
		>"$b/out.$k" 2>&1 </dev/null &
	pid=$!
	slowwait 20 listening "${NS[k]}" || true
	"${driver[${NS[k]}# ${CMD[k]}]}" "$b/out.$k" || echo "driver failed" >>"$b/out.$k"
	wait_lines "$b/out.$k" "$(expected_lines "$b/exp.$k")" || true
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	echo 0 >"$b/rc.$k"
}

# run_block BLOCK: every command of the example, then every output compared.
run_block() {
	local b=$1 doc k first last ns cmd where rc
	local -a NS=() CMD=() WHERE=()
	doc=$(cat "$b/doc")
	k=0
	while IFS=$'\t' read -r ns cmd where; do
		k=$((k + 1))
		NS[k]=$ns
		CMD[k]=$cmd
		WHERE[k]=$where
	done <"$b/cmds"
	if [ "$doc" != README ] || [ ! -e "$NVSW_TMP/readme-topology" ]; then
		topology_clear
		if [ "$doc" = README ]; then
			topology 52:54:00:00:50
			touch "$NVSW_TMP/readme-topology"
		else
			topology 02:00:00:00:50
		fi
	fi
	local pre=${before_block[$doc|${NS[1]}# ${CMD[1]}]:-}
	[ -z "$pre" ] || "$pre"
	first=1
	while [ "$first" -le "$k" ]; do
		if [ -n "${driver[${NS[first]}# ${CMD[first]}]:-}" ]; then
			run_bg "$b" "$first"
			first=$((first + 1))
			continue
		fi
		last=$first
		while [ $((last + 1)) -le "$k" ] && [ "${NS[last + 1]}" = "${NS[first]}" ] &&
			[ -z "${driver[${NS[last + 1]}# ${CMD[last + 1]}]:-}" ]; do
			last=$((last + 1))
		done
		run_cmds "$b" "$first" "$last" "${NS[first]}"
		first=$((last + 1))
	done
	rc=0
	for ((k = 1; k <= ${#CMD[@]}; k++)); do
		if [ "$(cat "$b/rc.$k" 2>/dev/null)" != 0 ]; then
			echo "# ${WHERE[k]}: '${NS[k]}# ${CMD[k]}' exited $(cat "$b/rc.$k" 2>/dev/null || echo '(never ran)'):"
			sed 's/^/#   /' "$b/out.$k" 2>/dev/null
			rc=1
		elif ! output_matches "$b/exp.$k" "$b/out.$k"; then
			echo "# ${WHERE[k]}: '${NS[k]}# ${CMD[k]}' printed what the example does not show:"
			diff -u --label example --label printed "$b/exp.$k" "$b/out.$k" | sed 's/^/#   /'
			rc=1
		fi
	done
	return "$rc"
}

# ---------------------------------------------------------------------------

the_examples_are_there() {
	[ -z "$EXTRACT_ERR" ] || { echo "# $EXTRACT_ERR"; return 1; }
	# The worked example and the man page's two: losing them by a change of
	# layout must not pass unnoticed.
	check_eq "README examples" "$((README_BLOCKS >= 5))" 1
	check_eq "man page examples" "$((NBLOCKS - README_BLOCKS >= 2))" 1
}

nvsw_begin $((NBLOCKS + 1))
trap 'rc=$?; ip netns del tenant1 2>/dev/null || true; (exit $rc); nvsw_cleanup' EXIT

run_test "examples found: $README_BLOCKS in README, $((NBLOCKS - README_BLOCKS)) in the man page" \
	the_examples_are_there
for b in "$BLOCKS"/*; do
	IFS=$'\t' read -r ns cmd _ <"$b/cmds"
	run_test "$(cat "$b/doc"): $ns# $cmd" run_block "$b"
done
topology_clear

nvsw_finish
