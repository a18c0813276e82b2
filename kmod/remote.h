/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Remotes (remote.c): one per PA that records point to, shared by
 * every record of that PA, with what the datapath needs per destination
 * host. Created and dropped with records, under sw->lock.
 */
#ifndef _NVSW_REMOTE_H
#define _NVSW_REMOTE_H

#include <linux/in6.h>
#include <linux/rhashtable-types.h>
#include <net/dst_cache.h>

struct nvsw_switch;

/* A provider address that records point to; see remote.c. */
struct nvsw_remote {
	struct rhash_head node;			/* in sw->remotes */
	struct in6_addr pa;			/* IPv4 mapped */
	bool local;				/* sw->lock writes, READ_ONCE */
	unsigned int users;			/* records; sw->lock */
	struct dst_cache dst_cache;
	struct rcu_head rcu;
};

int nvsw_remotes_init(struct nvsw_switch *sw);
void nvsw_remotes_destroy(struct nvsw_switch *sw);
struct nvsw_remote *nvsw_remote_get(struct nvsw_switch *sw,
				    const struct in6_addr *pa);
void nvsw_remote_hold(struct nvsw_switch *sw, struct nvsw_remote *remote);
void nvsw_remote_put(struct nvsw_switch *sw, struct nvsw_remote *remote);
void nvsw_remotes_refresh(struct nvsw_switch *sw);

#endif /* _NVSW_REMOTE_H */
