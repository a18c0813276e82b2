#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Host-side test of nvswitch@.service: the unit as "make install" renders
# it, for a switch sw0, passes systemd-analyze verify (syntax, known
# settings, the commands exist), and runs what save/sync need.
set -u

here=$(cd "$(dirname "$0")" && pwd -P)
# shellcheck source=test_lib.sh
. "$here/test_lib.sh"

if ! command -v systemd-analyze >/dev/null; then
	echo "1..0 # SKIP systemd-analyze not installed"
	exit 0
fi

# The CLI this checkout built stands where the package puts it.
sed "s|@SBINDIR@|$here|g" "$here/nvswitch@.service.in" >"$tmp/nvswitch@.service"
ln -s nvswitch@.service "$tmp/nvswitch@sw0.service"

verify() {
	# Errors and warnings both: verify exits 0 on some warnings.
	SYSTEMD_UNIT_PATH=$tmp: systemd-analyze verify --man=no "$tmp/nvswitch@sw0.service" 2>&1 |
		grep -v -e '^$' | tee /dev/stderr | grep -q . && return 1
	return 0
}
no_placeholder() { ! grep -n '@[A-Z]*@' "$tmp/nvswitch@.service"; }
runs_sync() { grep -qx "ExecStart=$here/nvswitchctl sync %i /etc/nvswitch/%i.conf" "$tmp/nvswitch@.service"; }
before_libvirt() { grep -q '^Before=.*libvirtd.service' "$tmp/nvswitch@.service"; }
after_network() { grep -qx 'After=network-online.target' "$tmp/nvswitch@.service"; }

ok no_placeholder
ok verify
ok runs_sync
ok before_libvirt
ok after_network

summary test_unit
