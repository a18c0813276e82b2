#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# deb-check.sh: the Debian packages end to end, on this machine.  Builds
# nvswitch-dkms and nvswitch-tools from a clean copy of the tree (make deb),
# installs them with apt-get (DKMS builds the module for the Debian 6.1 and
# 6.12 kernels, whose headers scripts/install-deps.sh installs), checks that
# dkms status has it installed for both, boots a VM of each kernel with the
# DKMS-built module (tools/nvswitch-vm --module dkms) and runs
# selftests/nvsw_package.sh there, then purges the packages and checks that
# nothing of them is left.  Installs on the host, so not part of make check;
# about 3 minutes on 2 cores (Documentation/packaging.rst).
#
# Refuses to run when nvswitch is already installed here (as a package or by
# make dkms-install): the purge at the end would take it away.
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$src"
out=$src/.cache/deb
version=$(cat VERSION)
pkgs=(nvswitch-dkms nvswitch-tools)
start=$SECONDS
passed=0
failed=0

say() { printf 'deb-check: [%4ds] %s\n' $((SECONDS - start)) "$*"; }

# check DESCRIPTION CMD...: one test, counted.
check() {
	local desc=$1
	shift
	if "$@"; then
		passed=$((passed + 1))
		say "ok     $desc"
	else
		failed=$((failed + 1))
		say "FAIL   $desc"
	fi
}

installed() {
	dpkg-query -W -f='${Status}\n' "$1" 2>/dev/null | grep -q 'ok installed'
}

for p in "${pkgs[@]}"; do
	! installed "$p" || {
		echo "deb-check: $p is installed on this host; apt-get purge it first" >&2
		exit 1
	}
done
if command -v dkms >/dev/null && [ -n "$(dkms status -m nvswitch 2>/dev/null)" ]; then
	echo "deb-check: nvswitch is in DKMS already (make dkms-install?); make dkms-uninstall first" >&2
	exit 1
fi

# Both kernels' headers, before the packages: DKMS builds for what is there.
scripts/install-deps.sh
kvers=()
for series in 6.1 6.12; do
	kvers+=("$(scripts/kernel-version.sh "$series")")
done
# DKMS makes its signing key on its first build; a key this test made is
# removed with the packages, one that was there is left alone.
mok_before=0
[ ! -e /var/lib/dkms/mok.key ] || mok_before=1

say "make deb: building the packages from a clean copy of the tree"
scripts/deb-build.sh "$out"
debs=("$out/nvswitch-dkms_${version}_all.deb" "$out"/nvswitch-tools_"${version}"_*.deb)
for deb in "${debs[@]}"; do
	say "$(basename "$deb"): $(stat -c %s "$deb") bytes"
done

purge() {
	say "apt-get purge -y ${pkgs[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get purge -y -q "${pkgs[@]}" >"$out/purge.log" 2>&1 || {
		tail -n 20 "$out/purge.log" >&2
		return 1
	}
	if [ "$mok_before" = 0 ]; then
		rm -f /var/lib/dkms/mok.key /var/lib/dkms/mok.pub
	fi
}
purged=0
trap '[ "$purged" = 1 ] || purge || true' EXIT

say "apt-get install -y ${debs[*]##*/} (DKMS builds the module)"
if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${debs[@]}" >"$out/install.log" 2>&1; then
	tail -n 40 "$out/install.log" >&2
	check "apt-get install of the packages (log: $out/install.log)" false
else
	check "apt-get install of the packages" true
fi
dkms status -m nvswitch 2>/dev/null | sed 's/^/  dkms status: /'

dkms_installed() {
	dkms status -m nvswitch -v "$version" -k "$1" 2>/dev/null | grep -q ': installed' &&
		compgen -G "/lib/modules/$1/updates/dkms/nvswitch.ko*" >/dev/null
}
for kver in "${kvers[@]}"; do
	check "dkms status: nvswitch/$version installed for $kver" dkms_installed "$kver"
done
check "nvswitchctl --version says $version" \
	bash -c "/usr/sbin/nvswitchctl --version | grep -q '^nvswitchctl $version '"
check "man nvswitchctl is installed" test -e /usr/share/man/man8/nvswitchctl.8.gz
unit_installed() {
	# Read, not asked of systemd: this host may not run it as init.
	grep -qx 'ExecStart=/usr/sbin/nvswitchctl sync %i /etc/nvswitch/%i.conf' \
		/lib/systemd/system/nvswitch@.service && test -d /etc/nvswitch
}
check "nvswitch@.service runs /usr/sbin/nvswitchctl sync, /etc/nvswitch exists" unit_installed

# The smoke test must pass, not skip: its KTAP result line says which.
vm_smoke() {
	local series=$1 log=$out/vm-$1.log rc=0
	NVSWITCH_VM_CPUS=1 tools/nvswitch-vm --no-build --module dkms --kernel "$series" \
		--out "$out/vm-$series" selftests/run.sh nvsw_package.sh >"$log" 2>&1 || rc=$?
	sed -n '/^ *\(ok\|not ok\) /p' "$log" | sed 's/^/  /'
	[ "$rc" = 0 ] && grep -qE '^ok [0-9]+ selftests: .*nvsw_package\.sh$' "$log"
}
for series in 6.1 6.12; do
	say "VM $series: tools/nvswitch-vm --module dkms selftests/run.sh nvsw_package.sh"
	check "smoke test in a $series VM with the DKMS module (log: $out/vm-$series.log)" \
		vm_smoke "$series"
done

purge && purged=1
check "apt-get purge of the packages" test "$purged" = 1
nothing_left() {
	local p left=
	for p in "${pkgs[@]}"; do
		# Purged: "not-installed", or not known at all.
		if dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -qv 'not-installed'; then
			left+=" package $p"
		fi
	done
	left+=$(compgen -G '/lib/modules/*/updates/dkms/nvswitch.ko*' | sed 's/^/ /' || true)
	[ ! -e "/usr/src/nvswitch-$version" ] || left+=" /usr/src/nvswitch-$version"
	[ ! -e /var/lib/dkms/nvswitch ] || left+=" /var/lib/dkms/nvswitch"
	[ -z "$(dkms status -m nvswitch 2>/dev/null)" ] || left+=" dkms status entries"
	[ ! -e /usr/sbin/nvswitchctl ] || left+=" /usr/sbin/nvswitchctl"
	[ ! -e /usr/share/man/man8/nvswitchctl.8.gz ] || left+=" nvswitchctl.8.gz"
	for p in /etc/libvirt/hooks/qemu.d/nvswitch \
		 /usr/share/bash-completion/completions/nvswitchctl \
		 /lib/systemd/system/nvswitch@.service; do
		[ ! -e "$p" ] || left+=" $p"
	done
	[ -z "$left" ] || echo "  left behind:$left"
	[ -z "$left" ]
}
check "nothing of the packages is left: module, DKMS tree, sources, CLI, hook, completion, unit" nothing_left

say "done in $((SECONDS - start)) s"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
