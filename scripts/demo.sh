#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# demo.sh: see nvswitch work, from a bare Debian 12 machine, in about a minute.
#
# Installs what it needs, builds the module and the CLI, boots a Debian 6.12
# kernel in QEMU and, inside it, builds two hypervisors with two tenants that
# use the same IP addresses, then shows them talking to their own VMs only.
# Nothing touches the host's network: everything runs in the throw-away VM.
#
#   make demo        or        scripts/demo.sh
set -e

top=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)

if [ "${1:-}" != --in-vm ]; then
	cd "$top"
	echo "== Installing what nvswitch needs from Debian's archive (once)"
	# ping is not in the base set: the demo and the selftests need it.
	scripts/install-deps.sh iputils-ping
	scripts/fetch-kselftest.sh
	echo "== Booting a Debian 6.12 kernel in QEMU; the module and nvswitchctl are built first"
	exec tools/nvswitch-vm --kernel 6.12 scripts/demo.sh --in-vm
fi

# --- Inside the VM ---------------------------------------------------------

NVSW_TRACE=1
# shellcheck source=../selftests/lib.sh
source "$top/selftests/lib.sh"

RED=5001
BLUE=6001

say() { printf '\n== %s\n' "$*"; }
# show nq NAME CMD...: print the command as typed in namespace NAME, then its output.
show() {
	if [ "$1" = nq ]; then echo "    $2# ${*:3}"; else echo "    # $*"; fi
	"$@" 2>&1 | sed 's/^/    /'
	return "${PIPESTATUS[0]}"
}

NVSW_FINISHED=1		# not a KTAP test: no "Bail out!" line
failed() {
	echo
	echo "== The demo FAILED at: ${STEP:-setup} (exit $1)"
}
trap 'rc=$?; [ $rc = 0 ] || failed $rc; (exit $rc); nvsw_cleanup' EXIT
step() { STEP=$*; say "$@"; }

step "Loading the nvswitch module (it pulls in the kernel's ip_gre)"
show modprobe -v nvswitch
kernel_log_mark

step "The underlay: a bridge in namespace 'ul' is the datacenter network"
underlay_create

step "Hypervisor hv1 (provider address 192.0.2.1) and hv2 (192.0.2.2), one switch sw0 each"
hv_create hv1 192.0.2.1
hv_create hv2 192.0.2.2

step "Tenant Red (VSID $RED) and tenant Blue (VSID $BLUE) both use 10.0.0.0/24"
echo "   Red:  red1 10.0.0.1 and red3 10.0.0.3 on hv1, red2 10.0.0.2 on hv2"
echo "   Blue: blue1 10.0.0.1 on hv1, blue2 10.0.0.2 on hv2"
vm_create hv1 red1 $RED 10.0.0.1 02:00:00:00:50:01
vm_create hv2 red2 $RED 10.0.0.2 02:00:00:00:50:02
vm_create hv1 red3 $RED 10.0.0.3 02:00:00:00:50:03
vm_create hv1 blue1 $BLUE 10.0.0.1 02:00:00:00:60:01
vm_create hv2 blue2 $BLUE 10.0.0.2 02:00:00:00:60:02

step "The management plane tells both hosts where every VM lives (records)"
records_push
show nq hv1 nvswitchctl record show sw0

step "Red VM 10.0.0.1 on hv1 pings Red VM 10.0.0.2 on hv2 (the capture on hv1's underlay keeps one packet)"
cap_start demo hv1 ul0 -c 1 ip proto 47 and src host 192.0.2.1
show nq red1 ping -c 3 -i 0.2 -W 2 10.0.0.2
cap_stop demo

step "Blue VM 10.0.0.1 on hv1 pings Blue VM 10.0.0.2 on hv2: same addresses, other tenant"
show nq blue1 ping -c 3 -i 0.2 -W 2 10.0.0.2

step "Red VM 10.0.0.1 pings Red VM 10.0.0.3 on the same host: switched locally"
show nq red1 ping -c 3 -i 0.2 -W 2 10.0.0.3

step "Blue VM 10.0.0.1 tries 10.0.0.3, which exists only in Red: no answer, as it should"
if nq blue1 ping -c 2 -i 0.2 -W 1 10.0.0.3 >/dev/null; then
	echo "    Blue reached Red's VM!"
	false
fi
echo "    no reply: tenants are isolated"

step "Who answered the VMs' ARP? The switch, from the records (the MAC red1 learned for 10.0.0.2)"
show nq red1 ip neigh show dev eth0

step "One packet on the underlay, decoded: GRE with only the Key bit, key = VSID $RED << 8 | FlowID"
HOME=$NVSW_TMP tshark -n -r "$(cap_file demo)" -V -O gre 2>/dev/null |
	sed -n '/^Generic Routing Encapsulation/,/^Ethernet II/p' | sed 's/^/    /'
key=$(cap_read demo | grep -oE 'key=0x[0-9a-f]+' | head -n 1)
key=${key#key=}
printf '    key %s = VSID %d, FlowID %d\n' "$key" $((key >> 8)) $((key & 255))
((key >> 8 == RED))

step "The counters of each switch"
show nq hv1 nvswitchctl stats show sw0
show nq hv2 nvswitchctl stats show sw0

step "Checking the kernel log"
check_kernel_log
echo "    clean"

STEP=
say "It worked: two tenants with the same IP addresses, each reaching only its own VMs over NVGRE."
