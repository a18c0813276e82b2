/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Longest-prefix match over fixed-width keys (lpm.c): a path-compressed
 * binary trie whose lookup costs at most one node per bit of the key,
 * however many prefixes it holds. Keys are byte strings compared from
 * the most significant bit of their first byte, the order of addresses in
 * network byte order, so an IPv4 or IPv6 address, or any bytes before
 * one, is a key as it is.
 *
 * Locking: changed only under RTNL, which serializes writers; looked up
 * under RCU (or RTNL) with no lock and no allocation. What a lookup
 * returned stays valid until the end of its RCU read-side section, as
 * long as its owner frees a value only after a grace period following
 * nvsw_lpm_delete() or nvsw_lpm_replace().
 */
#ifndef _NVSW_LPM_H
#define _NVSW_LPM_H

#include <linux/rcupdate.h>
#include <linux/types.h>

/* The widest key: a 32-bit scope before an IPv6 address (route.c). */
#define NVSW_LPM_MAX_BITS	160

struct nvsw_lpm_node;

struct nvsw_lpm {
	struct nvsw_lpm_node __rcu *root;	/* RTNL writes, RCU reads */
	u8 bits;				/* width of every key */
};

void nvsw_lpm_init(struct nvsw_lpm *lpm, unsigned int bits);
bool nvsw_lpm_empty(const struct nvsw_lpm *lpm);
int nvsw_lpm_insert(struct nvsw_lpm *lpm, const void *key, unsigned int len,
		    void *value);
void *nvsw_lpm_find(struct nvsw_lpm *lpm, const void *key, unsigned int len);
void *nvsw_lpm_replace(struct nvsw_lpm *lpm, const void *key,
		       unsigned int len, void *value);
void *nvsw_lpm_delete(struct nvsw_lpm *lpm, const void *key,
		      unsigned int len);
void *nvsw_lpm_lookup(const struct nvsw_lpm *lpm, const void *key);

#endif /* _NVSW_LPM_H */
