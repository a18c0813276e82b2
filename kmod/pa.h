/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Provider addresses (pa.c): the underlay addresses a switch sends NVGRE
 * from and receives it on, unique within a netns.
 */
#ifndef _NVSW_PA_H
#define _NVSW_PA_H

#include <linux/in6.h>
#include <linux/list.h>
#include <linux/rcupdate.h>
#include <net/ipv6.h>

struct netlink_ext_ack;
struct nvsw_net;
struct nvsw_switch;

/*
 * Provider addresses of both families are kept as the IPv6 stack keeps an
 * IPv4 address on a dual-stack socket: IPv4 as ::ffff:a.b.c.d (RFC 4291
 * 2.5.5.2). One type, one hash and one compare serve an underlay of either
 * family, or both on one switch.
 */
static inline bool nvsw_pa_is_ipv4(const struct in6_addr *pa)
{
	return ipv6_addr_v4mapped(pa);
}

static inline __be32 nvsw_pa_ipv4(const struct in6_addr *pa)
{
	return pa->s6_addr32[3];
}

static inline void nvsw_pa_set_ipv4(struct in6_addr *pa, __be32 addr)
{
	ipv6_addr_set_v4mapped(addr, pa);
}

/* A provider address of a switch. Unique within a netns. */
struct nvsw_pa {
	struct hlist_node hnode;		/* in nn->pa_hash; RCU */
	struct list_head node;			/* in sw->pas; RCU */
	struct nvsw_switch *sw;
	struct in6_addr addr;			/* IPv4 mapped; see above */
	struct rcu_head rcu;
};

bool nvsw_pa_valid(const struct in6_addr *addr);
int nvsw_pa_add(struct nvsw_switch *sw, const struct in6_addr *addr,
		struct netlink_ext_ack *extack);
int nvsw_pa_del(struct nvsw_switch *sw, const struct in6_addr *addr,
		struct netlink_ext_ack *extack);
void nvsw_pa_flush(struct nvsw_switch *sw);
struct nvsw_pa *nvsw_pa_find(struct nvsw_net *nn, const struct in6_addr *addr);
struct nvsw_pa *nvsw_pa_of(struct nvsw_switch *sw, const struct in6_addr *addr,
			   struct netlink_ext_ack *extack);
bool nvsw_pa_is_local(struct nvsw_switch *sw, const struct in6_addr *addr);
const struct in6_addr *nvsw_pa_source(struct nvsw_switch *sw, bool ipv4);

#endif /* _NVSW_PA_H */
