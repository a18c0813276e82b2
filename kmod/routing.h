/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Routing (vsubnet.c, route.c, router.c): virtual subnets with a prefix
 * (vsubnets), the routing domains they belong to, the domains' customer
 * routes, and the distributed router of the datapath.
 */
#ifndef _NVSW_ROUTING_H
#define _NVSW_ROUTING_H

#include <linux/inetdevice.h>
#include <linux/list.h>
#include <net/ipv6.h>

#include "lpm.h"

struct netlink_ext_ack;
struct nvsw_path;
struct nvsw_switch;
struct nvsw_vsid;
struct sk_buff;

/*
 * A routing domain exists while it has virtual subnets; its customer
 * routes go with its last one. All of it is written under RTNL and taken
 * out of the tables and tries the datapath reads (lpm.h) before
 * kfree_rcu(), so the datapath reads it under RCU without locks. The
 * datapath holds no reference: what it found stays valid until the end of
 * its RCU read-side section.
 */
struct nvsw_prefix {
	__be32 addr;				/* host bits zero */
	u8 len;					/* 0-32 */
};

struct nvsw_prefix6 {
	struct in6_addr addr;			/* host bits zero */
	u8 len;					/* 0-128 */
};

struct nvsw_rdom {
	struct list_head node;			/* in sw->rdoms */
	u32 rdid;
	/* In the order added, for dumps and flushes; RTNL writes. */
	struct list_head vsubnets;
	struct list_head routes;
	unsigned int n_vsubnets;		/* RTNL */
	/*
	 * What the datapath looks up, per family: the vsubnets by prefix
	 * (vsubnet.c), the customer routes by scope and prefix (route.c).
	 * RTNL writes, RCU reads.
	 */
	struct nvsw_lpm subnets4;
	struct nvsw_lpm subnets6;
	struct nvsw_lpm routes4;
	struct nvsw_lpm routes6;
	struct rcu_head rcu;
};

/*
 * A VSID made routable: its routing domain, and an IPv4 prefix with its
 * gateway, an IPv6 prefix with its gateway, or both (dual stack). A family
 * whose prefix length is 0 is absent; at least one is present. Never
 * changes once published: adding or removing a family replaces the whole
 * vsubnet (vsubnet.c), so a reader sees a prefix and its gateway together.
 */
struct nvsw_vsubnet {
	struct list_head rd_node;		/* in rd->vsubnets */
	u32 vsid;
	struct nvsw_rdom *rd;
	struct nvsw_prefix prefix;		/* len 0: no IPv4 */
	__be32 gateway;
	struct nvsw_prefix6 prefix6;		/* len 0: no IPv6 */
	struct in6_addr gateway6;
	struct rcu_head rcu;
};

static inline bool nvsw_vsubnet_has4(const struct nvsw_vsubnet *vs)
{
	return vs->prefix.len;
}

static inline bool nvsw_vsubnet_has6(const struct nvsw_vsubnet *vs)
{
	return vs->prefix6.len;
}

/*
 * A customer route: destinations in prefix (prefix6) go to the CA nexthop
 * (nexthop6), found in the vsubnet of the domain that holds it. vsid 0
 * applies to the whole domain, another VSID only to what that subnet's
 * VMs send. Its family never changes; the other family's fields are zero.
 */
struct nvsw_croute {
	struct list_head node;			/* in rd->routes */
	struct list_head peers;			/* same key's routes; RTNL */
	bool ipv6;
	struct nvsw_prefix prefix;
	__be32 nexthop;
	struct nvsw_prefix6 prefix6;
	struct in6_addr nexthop6;
	u32 vsid;
	u32 metric;
	struct rcu_head rcu;
};

/* What names a customer route in requests. */
struct nvsw_croute_key {
	u32 rdid;
	u32 vsid;
	bool ipv6;
	struct nvsw_prefix prefix;
	__be32 nexthop;
	struct nvsw_prefix6 prefix6;
	struct in6_addr nexthop6;
};

/* Which routes nvsw_croutes_flush() takes: of one family, or both. */
enum nvsw_family {
	NVSW_FAMILY_ANY,
	NVSW_FAMILY_IPV4,
	NVSW_FAMILY_IPV6,
};

static inline bool nvsw_prefix_has(const struct nvsw_prefix *p, __be32 addr)
{
	return !((addr ^ p->addr) & inet_make_mask(p->len));
}

static inline bool nvsw_prefix6_has(const struct nvsw_prefix6 *p,
				    const struct in6_addr *addr)
{
	return ipv6_prefix_equal(addr, &p->addr, p->len);
}

/*
 * Link-local, multicast, unspecified or loopback: not for a router. (:: has
 * no bit of its own in ipv6_addr_type(): IPV6_ADDR_ANY is 0.)
 */
static inline bool nvsw_ipv6_routable(const struct in6_addr *addr)
{
	return !ipv6_addr_any(addr) &&
	       !(ipv6_addr_type(addr) & (IPV6_ADDR_LINKLOCAL |
					 IPV6_ADDR_MULTICAST |
					 IPV6_ADDR_LOOPBACK));
}

/* vsubnet.c */
int nvsw_routing_init(struct nvsw_switch *sw);
void nvsw_routing_flush(struct nvsw_switch *sw);
struct nvsw_vsubnet *nvsw_vsubnet_find(struct nvsw_switch *sw, u32 vsid);
struct nvsw_rdom *nvsw_rdom_find(struct nvsw_switch *sw, u32 rdid);
int nvsw_vsubnet_add(struct nvsw_switch *sw, u32 rdid,
		     const struct nvsw_vsubnet *want,
		     struct netlink_ext_ack *extack);
int nvsw_vsubnet_del(struct nvsw_switch *sw, const struct nvsw_vsubnet *which,
		     struct netlink_ext_ack *extack);
struct nvsw_vsubnet *nvsw_vsubnet_lpm(const struct nvsw_rdom *rd, bool ipv6,
				      const void *addr);

/* route.c */
int nvsw_croute_add(struct nvsw_switch *sw, const struct nvsw_croute_key *key,
		    u32 metric, struct netlink_ext_ack *extack);
int nvsw_croute_del(struct nvsw_switch *sw, const struct nvsw_croute_key *key,
		    struct netlink_ext_ack *extack);
void nvsw_croutes_flush(struct nvsw_switch *sw, struct nvsw_rdom *rd, u32 vsid,
			enum nvsw_family family);
void nvsw_croutes_init(struct nvsw_rdom *rd);
struct nvsw_vsubnet *nvsw_route_lookup(const struct nvsw_vsubnet *from,
				       __be32 daddr, __be32 *target);
struct nvsw_vsubnet *nvsw_route_lookup6(const struct nvsw_vsubnet *from,
					const struct in6_addr *daddr,
					struct in6_addr *target);

/* router.c */
void nvsw_router_input(const struct nvsw_path *path, struct sk_buff *skb);
bool nvsw_is_gateway(const struct nvsw_vsid *vsid, __be32 addr);
bool nvsw_is_gateway6(const struct nvsw_vsid *vsid, const struct in6_addr *addr);

#endif /* _NVSW_ROUTING_H */
