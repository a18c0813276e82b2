# SPDX-License-Identifier: GPL-2.0
#
# nvswitch: build, install, lint and test.  See Documentation/vm-runner.rst.
#
#   make                  the CLI, and the module for the running kernel (or,
#                         without its headers, for every supported Debian one),
#                         and nvswitch-fleet when libcurl and json-c are there
#   make fleet            tools/nvswitch-fleet, the fleet's management CLI
#                         over etcd (Documentation/fleet.rst)
#   make modules-vm       the module for the Debian 6.1 and 6.12 kernels
#                         (KVERS="..." picks versions), in .cache/build/KVER/;
#                         MODULES_ROOT=DIR builds against DIR/lib/modules/
#                         KVER/build instead (the debug kernel's tree)
#   make install          module into /lib/modules/$(uname -r)/updates, CLIs
#                         into $(DESTDIR)$(sbindir), their man pages and bash
#                         completion under $(DESTDIR)$(datadir), the unit
#                         nvswitch@.service under $(unitdir)
#   make uninstall        removes what make install put there, every kernel's
#   make dkms-install     the module under DKMS, built for every kernel with
#                         headers and again for each new one; dkms-uninstall
#   make deb              the Debian packages nvswitch-dkms and nvswitch-tools,
#                         from a clean copy of the tree, into .cache/deb/
#   make deb-check        make deb, install them here, smoke-test the DKMS
#                         module in a VM of each kernel, purge (minutes;
#                         Documentation/packaging.rst)
#   make lint             checkpatch, W=1 and sparse on both kernels: all clean
#   make spec-gen         render the uapi header and kmod/netlink-gen.[ch]
#                         from the netlink spec (scripts/ynl-gen.sh)
#   make spec-check       those files are exactly what the spec renders
#   make docs-check       Documentation/ builds with Sphinx without a warning,
#                         and no merge-conflict marker is left in the tree
#                         (scripts/docs-check.py)
#   make check            everything CI runs (scripts/check.sh)
#   make stress           the stress and fault tests in a VM of KERNEL
#                         (default 6.12): netlink and frame fuzzing,
#                         fail_nth, teardown under traffic, 10 minutes of
#                         config churn (scripts/stress.sh; about 35
#                         minutes; Documentation/reliability.rst)
#   make check-debug      every selftest on a KASAN/lockdep/kmemleak kernel
#                         built once from linux-source-6.12 (slow; see
#                         Documentation/reliability.rst)
#   make vm               a shell in a QEMU VM with the module
#                         (KERNEL=6.1|6.12|debug)
#   make demo             scripts/demo.sh
#   make bench            the datapath against gretap, vxlan and veth, on
#                         both kernels or KERNEL=6.1|6.12 (bench/datapath.sh)
#   make bench-control    records vs the vxlan FDB (KERNEL=6.1|6.12),
#                         see Documentation/performance.rst

# Recipes use bash for pipefail.
SHELL := /bin/bash

KERNELRELEASE_HOST := $(shell uname -r)
KDIR ?= /lib/modules/$(KERNELRELEASE_HOST)/build
CACHE := $(CURDIR)/.cache

# Supported kernels: the Debian 6.1 and 6.12 ones whose headers are installed.
KVERS ?= $(sort $(patsubst /lib/modules/%/build,%,$(wildcard \
	/lib/modules/6.1.*-amd64/build /lib/modules/6.12.*-amd64/build)))
# Where KVERS' build trees are: the host's, or a kernel built elsewhere
# (scripts/debug-kernel.sh's modules_install tree).
MODULES_ROOT ?=

# What a module build needs from the tree, copied per kernel (mtimes kept, so
# the builds stay incremental and nothing is written into kmod/).
MODULE_SRCS = Kbuild VERSION $(wildcard kmod/Kbuild kmod/*.c kmod/*.h) \
	$(shell find include -type f -name '*.h' 2>/dev/null)

# The version of everything: module (modinfo), CLI, DKMS and packages.
VERSION := $(shell cat $(CURDIR)/VERSION)

CHECKPATCH := $(CACHE)/kselftest/scripts/checkpatch.pl
CHECKPATCH_FILES = $(filter-out kmod/compat.h kmod/trace.h,$(wildcard kmod/*.c kmod/*.h)) \
	include/uapi/linux/nvswitch.h

DESTDIR ?=
prefix ?= /usr/local
sbindir ?= $(prefix)/sbin
datadir ?= $(prefix)/share
mandir ?= $(datadir)/man
sysconfdir ?= /etc
# systemd finds units of /usr/local there too.
unitdir ?= $(prefix)/lib/systemd/system

KERNEL ?= 6.12

.PHONY: all cli fleet fleet-if-deps module modules-vm install uninstall clean lint lint-checkpatch \
	dkms-src dkms-install dkms-uninstall deb-deps deb deb-check \
	lint-w1 lint-sparse check check-debug stress vm demo bench bench-control spec-gen spec-check \
	docs-check

all: cli module fleet-if-deps

# Builds may run concurrently (several VM runs, make check, an engineer):
# one at a time per output directory.
cli:
	@mkdir -p $(CACHE)
	flock $(CACHE)/cli.lock $(MAKE) -C tools/nvswitchctl

# nvswitch-fleet needs libcurl and json-c (scripts/install-deps.sh); a host
# that only runs switches does without it.
FLEET_DEPS := $(shell pkg-config --exists libcurl json-c 2>/dev/null && echo yes)

fleet:
	@mkdir -p $(CACHE)
	flock $(CACHE)/fleet.lock $(MAKE) -C tools/nvswitch-fleet

ifeq ($(FLEET_DEPS),yes)
fleet-if-deps: fleet
else
fleet-if-deps:
	@echo "  SKIP    nvswitch-fleet: no libcurl/json-c headers (scripts/install-deps.sh)"
endif

# An operator on a real hypervisor builds in place for the running kernel.
ifneq ($(wildcard $(KDIR)),)
module:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules
else
module: modules-vm
endif

modules-vm:
	@test -n "$(strip $(KVERS))" || { echo "no Debian 6.1/6.12 headers: run scripts/install-deps.sh" >&2; exit 1; }
	@set -e; for kver in $(KVERS); do \
		b=$(CACHE)/build/$$kver; \
		mkdir -p $$b; \
		exec 9>$$b.lock; flock 9; \
		cp --parents --preserve=timestamps $(MODULE_SRCS) $$b/; \
		echo "  MODULE  $$kver"; \
		$(MAKE) -C $(MODULES_ROOT)/lib/modules/$$kver/build M=$$b W=1 modules; \
		exec 9>&-; \
	done

# The module can only be installed for the running kernel, built in place.
install: all
	@test -d $(KDIR) || { echo "no headers for the running kernel ($(KDIR)): cannot install the module" >&2; exit 1; }
	install -D -m 0644 kmod/nvswitch.ko $(DESTDIR)/lib/modules/$(KERNELRELEASE_HOST)/updates/nvswitch.ko
	if [ -z "$(DESTDIR)" ]; then depmod -a $(KERNELRELEASE_HOST); fi
	$(MAKE) -C tools/nvswitchctl install DESTDIR=$(DESTDIR) PREFIX=$(prefix) \
		BINDIR=$(sbindir) DATADIR=$(datadir) MANDIR=$(mandir) UNITDIR=$(unitdir)
	install -D -m 0755 tools/libvirt/nvswitch-qemu-hook \
		$(DESTDIR)$(sysconfdir)/libvirt/hooks/qemu.d/nvswitch
	if [ -x tools/nvswitch-fleet/nvswitch-fleet ]; then \
		$(MAKE) -C tools/nvswitch-fleet install DESTDIR=$(DESTDIR) PREFIX=$(prefix) \
			BINDIR=$(sbindir) MANDIR=$(mandir); \
	fi

# What make install put in place, for every kernel: after a kernel update the
# old kernel's copy is still there.
uninstall:
	@set -e; for ko in $(DESTDIR)/lib/modules/*/updates/nvswitch.ko; do \
		[ -e "$$ko" ] || continue; \
		kver=$${ko#$(DESTDIR)/lib/modules/}; kver=$${kver%%/*}; \
		echo "  RM      $$ko"; rm -f "$$ko"; \
		if [ -z "$(DESTDIR)" ]; then depmod -a "$$kver"; fi; \
	done
	rm -f $(DESTDIR)$(sbindir)/nvswitchctl $(DESTDIR)$(mandir)/man8/nvswitchctl.8 \
		$(DESTDIR)$(sysconfdir)/libvirt/hooks/qemu.d/nvswitch \
		$(DESTDIR)$(datadir)/bash-completion/completions/nvswitchctl \
		$(DESTDIR)$(unitdir)/nvswitch@.service \
		$(DESTDIR)$(sbindir)/nvswitch-fleet $(DESTDIR)$(mandir)/man8/nvswitch-fleet.8

# --- DKMS and Debian packages (Documentation/packaging.rst).
DKMS_SRC = $(DESTDIR)/usr/src/nvswitch-$(VERSION)
DKMS_PKG_INSTALLED = dpkg-query -W -f='$${Status}' nvswitch-dkms 2>/dev/null | grep -q 'ok installed'

# The module's sources as DKMS builds them, in /usr/src/nvswitch-VERSION: the
# same files as modules-vm copies, and dkms.conf with the version in it.
dkms-src:
	rm -rf $(DKMS_SRC)
	@set -e; for f in $(MODULE_SRCS); do install -D -m 0644 $$f $(DKMS_SRC)/$$f; done
	sed 's/#MODULE_VERSION#/$(VERSION)/' dkms.conf >$(DKMS_SRC)/dkms.conf

# Without the package: the same as installing nvswitch-dkms does, for every
# kernel whose headers are installed.  Run again, it rebuilds from the tree.
dkms-install:
	@command -v dkms >/dev/null || { echo "dkms is not installed: apt-get install dkms" >&2; exit 1; }
	@! $(DKMS_PKG_INSTALLED) || { echo "the nvswitch-dkms package is installed: remove it first" >&2; exit 1; }
	@if [ -n "$$(dkms status -m nvswitch -v $(VERSION))" ]; then dkms remove -m nvswitch -v $(VERSION) --all; fi
	$(MAKE) --no-print-directory dkms-src DESTDIR=
	dkms add -m nvswitch -v $(VERSION)
	@set -e; for b in /lib/modules/*/build; do \
		kver=$${b#/lib/modules/}; kver=$${kver%/build}; \
		echo "dkms install -m nvswitch -v $(VERSION) -k $$kver"; \
		dkms install -m nvswitch -v $(VERSION) -k "$$kver"; \
	done
	dkms status -m nvswitch

dkms-uninstall:
	@! $(DKMS_PKG_INSTALLED) || { echo "the nvswitch-dkms package is installed: apt-get purge nvswitch-dkms" >&2; exit 1; }
	@if command -v dkms >/dev/null && [ -n "$$(dkms status -m nvswitch -v $(VERSION))" ]; then \
		echo "dkms remove -m nvswitch -v $(VERSION) --all"; \
		dkms remove -m nvswitch -v $(VERSION) --all; \
	fi
	rm -rf /usr/src/nvswitch-$(VERSION)

# What building the packages needs, from Debian's archive (idempotent).
DEB_DEPS = dpkg-dev debhelper dh-dkms dkms lintian pkg-config \
	libnl-3-dev libnl-genl-3-dev

deb-deps:
	scripts/install-deps.sh $(DEB_DEPS)

deb: deb-deps
	scripts/deb-build.sh $(CACHE)/deb

# Installs the packages on this machine and purges them at the end: not part
# of make check.
deb-check: deb-deps
	scripts/deb-check.sh

clean:
	-test ! -d $(KDIR) || $(MAKE) -C $(KDIR) M=$(CURDIR) clean
	-$(MAKE) -C tools/nvswitchctl clean
	-$(MAKE) -C tools/nvswitch-fleet clean
	rm -rf $(CACHE)/build

# --- Lint: every target fails on any finding, not only on errors.
lint: lint-checkpatch lint-w1 lint-sparse

$(CHECKPATCH):
	scripts/fetch-kselftest.sh

# compat.h exists to test kernel versions, which checkpatch warns about
# anywhere: there, and only there, those two warnings are the point.
# trace.h is laid out as include/trace/events/ are, which --strict's
# layout checks reject (TRACE_EVENT's arguments one per line).
lint-checkpatch: $(CHECKPATCH)
	$(CHECKPATCH) --no-tree --strict --quiet --show-types -f $(CHECKPATCH_FILES)
	$(CHECKPATCH) --no-tree --strict --quiet --show-types \
		--ignore LINUX_VERSION_CODE,CONSTANT_COMPARISON -f kmod/compat.h
	$(CHECKPATCH) --no-tree --strict --quiet --show-types \
		--ignore OPEN_ENDED_LINE,PARENTHESIS_ALIGNMENT -f kmod/trace.h

# Both build in $(LINT_BUILD)/KVER, under its lock: by default the VMs'
# build directory (.cache/build/KVER), whose W=1 build is then the one the
# VMs boot.  W=1 rebuilds from clean, because an incremental build prints no
# warnings for the files it does not recompile.  make check lints in
# .cache/lint/ instead, while VMs run from .cache/build/.  Kbuild does not
# fail on warnings: grep them.
LINT_BUILD ?= $(CACHE)/build

lint-w1:
	@set -eo pipefail; for kver in $(KVERS); do \
		b=$(LINT_BUILD)/$$kver; \
		mkdir -p $$b; \
		exec 9>$$b.lock; flock 9; \
		cp --parents --preserve=timestamps $(MODULE_SRCS) $$b/; \
		echo "  W=1     $$kver"; \
		$(MAKE) -s -C /lib/modules/$$kver/build M=$$b clean; \
		$(MAKE) -s -C /lib/modules/$$kver/build M=$$b W=1 modules 2>&1 | tee $$b-w1.log; \
		exec 9>&-; \
		! grep -qE 'warning:|error:' $$b-w1.log; \
	done

# C=2 runs sparse on every file whether it needs compiling or not; with the
# same W=1 as the build, kbuild compiles nothing that is up to date.
lint-sparse:
	@set -eo pipefail; for kver in $(KVERS); do \
		b=$(LINT_BUILD)/$$kver; \
		mkdir -p $$b; \
		exec 9>$$b.lock; flock 9; \
		cp --parents --preserve=timestamps $(MODULE_SRCS) $$b/; \
		echo "  SPARSE  $$kver"; \
		$(MAKE) -s -C /lib/modules/$$kver/build M=$$b W=1 C=2 modules 2>&1 | tee $$b-sparse.log; \
		exec 9>&-; \
		! grep -qE 'warning:|error:' $$b-sparse.log; \
	done

# The files the netlink spec is the single source of (scripts/ynl-gen.sh).
GENERATED := include/uapi/linux/nvswitch.h kmod/netlink-gen.c kmod/netlink-gen.h

spec-gen: $(CHECKPATCH)
	scripts/ynl-gen.sh .

spec-check: $(CHECKPATCH)
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	scripts/ynl-gen.sh "$$tmp"; \
	for f in $(GENERATED); do \
		diff -u "$$f" "$$tmp/$$f" || { \
			echo "spec-check: $$f is not what the spec renders: run make spec-gen" >&2; \
			exit 1; }; \
	done; \
	echo "spec-check: OK, $(GENERATED) are what the spec renders"

# Sphinx (python3-sphinx) is among the dependencies: install-deps.sh does
# nothing when they are all there.
docs-check:
	@scripts/install-deps.sh
	scripts/docs-check.py

check:
	scripts/check.sh

stress:
	scripts/stress.sh $(KERNEL)

# Not part of check: the kernel takes minutes to build the first time, and
# the suite runs several times slower on it.
check-debug:
	NVSWITCH_CHECK_KERNELS=debug scripts/check.sh

vm:
	tools/nvswitch-vm --kernel $(KERNEL)

demo:
	scripts/demo.sh

# Both kernels, one VM after the other, unless KERNEL is given.
BENCH_KERNELS = $(if $(filter command line environment,$(origin KERNEL)),$(KERNEL),6.12 6.1)

bench:
	bench/datapath.sh $(BENCH_KERNELS)

bench-control:
	bench/control.sh $(KERNEL)
