#!/bin/bash
# Installs what building and testing nvswitch needs, from Debian's archive only.
# Idempotent: does nothing when every package is already present.
# Extra package names given as arguments are installed too (the VM runner
# passes the headers of the exact kernel it boots when they are missing).
set -euo pipefail

# The kernel ABI numbers move with Debian updates: resolve them from the meta
# packages instead of naming them.
resolve() {
	apt-cache depends "$1" 2>/dev/null |
		awk -v pfx="$2" '$1 == "Depends:" && index($2, pfx) == 1 { print $2; exit }'
}

base_pkgs="build-essential bc flex bison kmod cpio xz-utils zstd pkg-config
	libnl-3-dev libnl-genl-3-dev libnl-route-3-dev
	qemu-system-x86 busybox-static iproute2 iputils-ping tcpdump tshark iperf3
	sparse python3 python3-yaml python3-jsonschema python3-scapy ethtool socat
	linux-perf qperf nftables wireguard-tools python3-sphinx
	libcurl4-openssl-dev libjson-c-dev etcd-server etcd-client"

missing() {
	local p
	for p in "$@"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			echo "$p"
	done
}

# shellcheck disable=SC2086
need=$(missing $base_pkgs linux-source-6.12 "$@")
heads61=$(ls -d /usr/src/linux-headers-6.1.*-amd64 2>/dev/null | head -n1 || true)
heads612=$(ls -d /usr/src/linux-headers-6.12.*-amd64 2>/dev/null | head -n1 || true)
if [ -z "$need" ] && [ -n "$heads61" ] && [ -n "$heads612" ]; then
	exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
h61=$(resolve linux-headers-amd64 linux-headers-6.1)
h612=$(resolve linux-headers-6.12-amd64 linux-headers-6.12)
[ -n "$h61" ] && [ -n "$h612" ] || {
	echo "install-deps: cannot resolve the Debian kernel header packages" >&2
	exit 1
}
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $base_pkgs linux-source-6.12 \
	"$h61" "$h612" "$@" >/dev/null
