# SPDX-License-Identifier: GPL-2.0
# What the Makefiles of nvswitchctl and nvswitch-fleet share: install
# paths, the tree's version, the warnings, the uapi header and cli.c.
# Set LIBS_PC (pkg-config names) before including this.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/sbin
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
DESTDIR ?=
PKG_CONFIG ?= pkg-config

# The version of the whole tree (module, CLIs, packages): ../../VERSION.
VERSION := $(or $(shell cat ../../VERSION 2>/dev/null),unknown)
CFLAGS ?= -O2 -g
CFLAGS += -Wall -Wextra -Werror -std=gnu11
CPPFLAGS += -DPROG_VERSION='"$(VERSION)"' -I../../include/uapi -I../common $(shell $(PKG_CONFIG) --cflags $(LIBS_PC))
LDLIBS += $(shell $(PKG_CONFIG) --libs $(LIBS_PC))

vpath %.c ../common
vpath %.h ../common
