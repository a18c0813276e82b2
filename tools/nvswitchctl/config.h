/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A switch's configuration as the commands that make it (config.c), read
 * from the kernel (save, sync) or from a file of such commands (sync), in
 * one form, so that the two compare object by object.
 */
#ifndef NVSWITCHCTL_CONFIG_H
#define NVSWITCHCTL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nvswitchctl.h"
#include "parse.h"

/* In the order save prints them and sync creates them. */
enum cfg_kind {
	CFG_SWITCH,
	CFG_PA,
	CFG_PORT,
	CFG_VSID,
	CFG_VSUBNET,
	CFG_ROUTE,
	CFG_RECORD,
};

#define CFG_KINDS	(CFG_RECORD + 1)

/* The object word of each kind's commands: "switch", "pa", ... */
extern const char *const cfg_objects[CFG_KINDS];

/* The switch's own settings: address, flowid, ..., then the max-* limits. */
enum { SW_ADDRESS, SW_FLOWID, SW_MOVE_GRACE, SW_DSCP, SW_DEFAULT_VSID, SW_LIMITS };
#define SW_SETTINGS	(SW_LIMITS + N_SWITCH_LIMITS)

struct cfg_obj {
	enum cfg_kind kind;
	unsigned int line;	/* of the file; 0 when read from the kernel */
	union {
		struct {
			/* A file may leave settings out: they stay as they are. */
			bool given[SW_SETTINGS];
			uint64_t val[SW_SETTINGS];	/* the address as a u64 */
		} sw;
		struct ca_addr pa;
		struct {
			char dev[16];	/* IFNAMSIZ */
			bool internal;
			bool has_mac;	/* a dev port's pin, an internal one's address */
			uint8_t mac[MAC_LEN];
			uint32_t vsid;
			uint8_t dhcp_guard, router_guard;	/* 1: on */
		} port;
		struct {
			uint32_t vsid;
			uint8_t mode;
			uint32_t rate;
		} vsid;
		struct {
			uint32_t vsid, rdid;
			struct prefix prefix;
			struct ca_addr gateway;
		} vsubnet;
		struct {
			uint32_t rdid;
			struct prefix prefix;
			struct ca_addr nexthop;
			bool has_vsid;
			uint32_t vsid;
			uint32_t metric;
		} route;
		struct {
			uint32_t vsid;
			struct ca_addr ca;
			uint8_t mac[MAC_LEN];
			struct ca_addr pa;
		} record;
	};
};

struct cfg {
	struct cfg_obj *obj;
	size_t n, cap;
};

/*
 * Switch @name's configuration, everything that save prints, sorted.
 * Returns an exit code.
 */
int cfg_read_kernel(const char *name, struct cfg *c);
/*
 * The commands of @path for switch @name, sorted, after checking every line:
 * on the first bad one, says FILE:LINE and why, and returns EXIT_USAGE.
 */
int cfg_read_file(const char *path, const char *name, struct cfg *c);
void cfg_free(struct cfg *c);

/* A new, zeroed object of @kind at the end of @c; NULL when out of memory. */
struct cfg_obj *cfg_new(struct cfg *c, enum cfg_kind kind);
/* Sorts @c by cfg_cmp(). */
void cfg_sort(struct cfg *c);
uint64_t cfg_mac_u64(const uint8_t mac[MAC_LEN]);
/* A prefix's address as an address. */
void cfg_prefix_addr(const struct prefix *p, struct ca_addr *a);

/* Orders by kind, then by what names the object (VSID and CA of a record). */
int cfg_cmp(const struct cfg_obj *a, const struct cfg_obj *b);
/* Is @have (the kernel's) what @want (the file's) asks for? Same name assumed. */
bool cfg_same(const struct cfg_obj *want, const struct cfg_obj *have);
/* The same VM port but for its guards: "port set" changes it in place. */
bool cfg_port_guards_differ(const struct cfg_obj *want, const struct cfg_obj *have);

/*
 * The command that creates @o on switch @sw ("record add sw0 vsid ..."), or
 * with @verb another one of its object ("del", "replace", "set"): then only
 * the words that verb takes. Returns @buf.
 */
const char *cfg_format(char *buf, size_t len, const struct cfg_obj *o, const char *sw,
		       const char *verb);

#endif /* NVSWITCHCTL_CONFIG_H */
