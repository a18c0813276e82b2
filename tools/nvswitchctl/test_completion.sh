#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Host-side test of the bash completion: sources it with a fake "ip" that
# knows two switches, and checks what it offers for a few command lines.
set -u

source "$(dirname "$0")/nvswitchctl.bash-completion"
fails=0 n=0

# The switches (and other devices) of a fake host; -n NS has sw-ns only.
ip() {
	if [ "$1" = -n ]; then
		echo "9: sw-ns: <BROADCAST,MULTICAST> mtu 1500"
		return
	fi
	case "$*" in
	*"type nvswitch"*)
		printf '%s\n' "7: sw0: <BROADCAST,MULTICAST,UP> mtu 1500" \
			"8: sw1: <BROADCAST,MULTICAST> mtu 1500" ;;
	"-o link show")
		printf '%s\n' "1: lo: <LOOPBACK,UP> mtu 65536" "7: sw0: <UP> mtu 1500" \
			"10: vnet0@if3: <UP> mtu 1500" ;;
	esac
}

# offers "WORDS..." "LINE": completing the last word of LINE (a trailing
# space starts a new, empty one) offers exactly WORDS.
offers() {
	local want=$1 line=$2 got
	n=$((n + 1))
	read -ra COMP_WORDS <<<"$line"
	[[ $line == *" " ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	_nvswitchctl
	got="${COMPREPLY[*]}"
	if [ "$got" != "$want" ]; then
		echo "FAIL: completing '$line': got '$got', want '$want'"
		fails=$((fails + 1))
	fi
}

offers "switch pa port record vsid vsubnet route stats monitor explain show save sync help" "nvswitchctl "
offers "switch stats show save sync" "nvswitchctl s"
offers "vsid vsubnet" "nvswitchctl -j vs"
offers "record route" "nvswitchctl r"
offers "--json" "nvswitchctl --j"
offers "show list ls add set change del delete help" "nvswitchctl switch "
offers "show" "nvswitchctl sw sh"
offers "sw0 sw1" "nvswitchctl sw sh "
offers "sw-ns" "nvswitchctl -n blue switch show "
offers "" "nvswitchctl switch add "
offers "address flowid move-grace dscp default-vsid max-records max-ports max-pas max-vsubnets max-routes" \
	"nvswitchctl switch add sw9 "
offers "hash zero" "nvswitchctl switch add sw9 flowid "
offers "address move-grace dscp default-vsid max-records max-ports max-pas max-vsubnets max-routes" \
	"nvswitchctl switch add sw9 flowid zero "
offers "sw0 sw1" "nvswitchctl rec a "
offers "vsid ca mac pa" "nvswitchctl rec a sw0 "
offers "ca mac pa" "nvswitchctl record add sw0 vsid 5001 "
offers "" "nvswitchctl record add sw0 vsid "
offers "mac" "nvswitchctl record add sw0 vsid 5001 ca 10.0.0.1 m"
offers "lo sw0 vnet0" "nvswitchctl port add sw0 dev "
offers "drop replicate" "nvswitchctl vsid set sw0 vsid 5001 bum "
offers "on off" "nvswitchctl port set sw0 dev vnet0 dhcp-guard "
offers "router-guard" "nvswitchctl port set sw0 dev vnet0 dhcp-guard on "
offers "rdid vsid prefix nexthop metric" "nvswitchctl route add sw0 "
offers "config miss all count" "nvswitchctl monitor "
offers "sw0 sw1" "nvswitchctl show "
offers "sw0 sw1" "nvswitchctl save "
offers "sw0 sw1" "nvswitchctl sy "
offers "sw0 sw1" "nvswitchctl ex "
offers "dev dst size" "nvswitchctl explain sw0 "
offers "lo sw0 vnet0" "nvswitchctl explain sw0 dev "
offers "dst size" "nvswitchctl explain sw0 dev vnet0 "
offers "" "nvswitchctl frob "

# The objects are nvswitchctl's own, in its order.
n=$((n + 1))
objects=$("${NVSWITCHCTL:-$(dirname "$0")/nvswitchctl}" help |
	awk '/^Objects:/ { on = 1; next } on && /^$/ { exit } on { printf "%s%s", sep, $1; sep = " " }')
if [ "$objects" != "$_nvswitchctl_objects" ]; then
	echo "FAIL: completion objects '$_nvswitchctl_objects', nvswitchctl help: '$objects'"
	fails=$((fails + 1))
fi

echo "test_completion: $n checks, $fails failed"
[ $fails = 0 ]
