# SPDX-License-Identifier: GPL-2.0
#
# Sourced by tools/nvswitch-vm, and by tools/vm/test_accel.sh, which runs it
# against stand-ins for /dev/kvm: the choice between KVM and TCG is the one
# part of the runner a host without KVM (CI, this project's machines) could
# otherwise never exercise.

# vm_guest_runs ACCEL CPU: QEMU runs a guest with -accel ACCEL -cpu CPU.
# The guest is 64 KiB of firmware whose reset vector writes 1 to the
# isa-debug-exit port, which makes QEMU exit with status 3, in well under a
# second.  A /dev/kvm that opens is not enough: a nested host seen here
# offers one on which QEMU aborts at the first vCPU reset ("failed to set
# MSR 0x10a").
vm_guest_runs() {
	local accel=$1 cpu=$2 rom rc=0

	rom=$(mktemp) || return 1
	{
		head -c 65520 /dev/zero | tr '\0' '\364'	# hlt
		# mov al, 1; out 0xf4, al; hlt; hlt; jmp $: at 0xffff0
		printf '\260\001\346\364\364\353\376'
		head -c 9 /dev/zero | tr '\0' '\364'
	} >"$rom"
	# Bash reports a QEMU killed by a signal (the abort) on its own
	# stderr: the group's, here.
	{
		timeout 20 qemu-system-x86_64 -accel "$accel" -cpu "$cpu" -machine q35 -m 16 \
			-nodefaults -display none -no-reboot -bios "$rom" \
			-device isa-debug-exit,iobase=0xf4,iosize=4 </dev/null >/dev/null 2>&1 || rc=$?
	} 2>/dev/null
	rm -f "$rom"
	[ "$rc" = 3 ]
}

# vm_kvm_runs: what the runner asks of KVM, a guest with the host's CPU.
vm_kvm_runs() {
	vm_guest_runs kvm host
}

# vm_accel WANT CLOCK DEV PROBE: the accelerator for a VM, as "kvm" or
# "tcg", a tab, and why (the runner says it on stderr).  WANT is
# NVSWITCH_VM_ACCEL (auto, kvm or tcg), CLOCK is NVSWITCH_VM_CLOCK (wall or
# icount), DEV the KVM device, PROBE a command that succeeds when QEMU runs
# a guest under KVM (vm_kvm_runs).  auto takes KVM when DEV exists, opens
# read-write (a user outside the kvm group, a container without the
# device, a kernel without KVM fail here) and PROBE succeeds.  When WANT
# cannot be had, prints why and returns 1.
vm_accel() {
	local want=$1 clock=$2 dev=$3 probe=$4

	case $want in
	auto | kvm | tcg) ;;
	*)
		echo "NVSWITCH_VM_ACCEL must be auto, kvm or tcg, not '$want'"
		return 1
		;;
	esac
	# icount makes guest time follow emulated instructions: TCG only.
	if [ "$clock" = icount ]; then
		if [ "$want" = kvm ]; then
			echo "NVSWITCH_VM_CLOCK=icount needs TCG, but NVSWITCH_VM_ACCEL=kvm"
			return 1
		fi
		printf 'tcg\tNVSWITCH_VM_CLOCK=icount\n'
		return 0
	fi
	if [ "$want" = tcg ]; then
		printf 'tcg\tNVSWITCH_VM_ACCEL=tcg\n'
		return 0
	fi
	# -e first: <> would create a missing file.
	if [ ! -e "$dev" ]; then
		[ "$want" = auto ] || { echo "NVSWITCH_VM_ACCEL=kvm, but there is no $dev"; return 1; }
		printf 'tcg\tno %s\n' "$dev"
		return 0
	fi
	if ! (: <>"$dev") 2>/dev/null; then
		[ "$want" = auto ] || { echo "NVSWITCH_VM_ACCEL=kvm, but $dev does not open read-write"; return 1; }
		printf 'tcg\t%s does not open read-write\n' "$dev"
		return 0
	fi
	if ! "$probe"; then
		[ "$want" = auto ] || { echo "NVSWITCH_VM_ACCEL=kvm, but QEMU cannot run a guest on $dev"; return 1; }
		printf 'tcg\tQEMU cannot run a guest on %s\n' "$dev"
		return 0
	fi
	printf 'kvm\t%s\n' "$dev"
}
