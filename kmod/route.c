// SPDX-License-Identifier: GPL-2.0
/*
 * Customer routes and the routing-domain lookup: where a destination of a
 * domain goes, a subnet of it or a route's next hop.
 *
 * Every routed packet asks, so the answer comes from tries (lpm.h), not
 * from walking the domain's routes: each lookup walks one path, no longer
 * than the key has bits, whether the domain has one route or thousands.
 * A family's routes share one trie, keyed by their scope (0 for the whole
 * domain, or the VSID whose VMs alone they serve) followed by their
 * prefix, so a lookup with the sender's VSID finds that subnet's routes
 * only, and one with 0 the domain's: a packet makes both, and one in the
 * subnets' trie (vsubnet.c) for the destination, one for the next hop.
 *
 * The routes of one scope and prefix, which differ by next hop or metric,
 * are a group in the trie: the datapath takes the group's best, kept
 * ready under RTNL. Routes are written under RTNL; rd->routes keeps them
 * in the order added, for dumps and flushes.
 */
#include <linux/slab.h>

#include "account.h"
#include "limit.h"
#include "lpm.h"
#include "notify.h"
#include "nvswitch.h"
#include "routing.h"

/* A route's key in its family's trie: its scope, then its prefix. */
struct scoped_key {
	__be32 scope;				/* 0: the domain; else a VSID */
	union {
		__be32 addr;
		struct in6_addr addr6;
	};
};

#define SCOPE_BITS	(sizeof(__be32) * BITS_PER_BYTE)

static_assert(offsetof(struct scoped_key, addr) == sizeof(__be32));
static_assert(sizeof(struct scoped_key) * BITS_PER_BYTE <= NVSW_LPM_MAX_BITS);

/*
 * The routes of one key, lowest metric first and, among equal metrics,
 * in the order added: the first is the one the datapath takes, the others
 * wait for it to go. Freed after a grace period with the last of them.
 */
struct croute_group {
	struct nvsw_croute __rcu *best;		/* RTNL writes, RCU reads */
	struct list_head routes;		/* RTNL */
	struct rcu_head rcu;
};

void nvsw_croutes_init(struct nvsw_rdom *rd)
{
	nvsw_lpm_init(&rd->routes4, SCOPE_BITS + 32);
	nvsw_lpm_init(&rd->routes6, SCOPE_BITS + 128);
}

static struct nvsw_lpm *croute_lpm(struct nvsw_rdom *rd, bool ipv6)
{
	return ipv6 ? &rd->routes6 : &rd->routes4;
}

/* The key of the routes of scope vsid to a prefix; its length in bits. */
static unsigned int scoped_key(struct scoped_key *sk, u32 vsid, bool ipv6,
			       const struct nvsw_prefix *prefix,
			       const struct nvsw_prefix6 *prefix6)
{
	memset(sk, 0, sizeof(*sk));
	sk->scope = cpu_to_be32(vsid);
	if (ipv6) {
		sk->addr6 = prefix6->addr;
		return SCOPE_BITS + prefix6->len;
	}
	sk->addr = prefix->addr;
	return SCOPE_BITS + prefix->len;
}

static unsigned int asked_key(struct scoped_key *sk,
			      const struct nvsw_croute_key *key)
{
	return scoped_key(sk, key->vsid, key->ipv6, &key->prefix, &key->prefix6);
}

static unsigned int route_key(struct scoped_key *sk,
			      const struct nvsw_croute *rt)
{
	return scoped_key(sk, rt->vsid, rt->ipv6, &rt->prefix, &rt->prefix6);
}

static bool prefix_equal(const struct nvsw_prefix *a,
			 const struct nvsw_prefix *b)
{
	return a->addr == b->addr && a->len == b->len;
}

static bool prefix6_equal(const struct nvsw_prefix6 *a,
			  const struct nvsw_prefix6 *b)
{
	return ipv6_addr_equal(&a->addr, &b->addr) && a->len == b->len;
}

static bool croute_is(const struct nvsw_croute *rt,
		      const struct nvsw_croute_key *key)
{
	if (rt->vsid != key->vsid || rt->ipv6 != key->ipv6)
		return false;
	if (key->ipv6)
		return ipv6_addr_equal(&rt->nexthop6, &key->nexthop6) &&
		       prefix6_equal(&rt->prefix6, &key->prefix6);
	return rt->nexthop == key->nexthop &&
	       prefix_equal(&rt->prefix, &key->prefix);
}

static struct nvsw_croute *group_find(const struct croute_group *group,
				      const struct nvsw_croute_key *key)
{
	struct nvsw_croute *rt;

	list_for_each_entry(rt, &group->routes, peers)
		if (croute_is(rt, key))
			return rt;
	return NULL;
}

/* After the routes of a lower or equal metric: the oldest stays best. */
static void group_add(struct croute_group *group, struct nvsw_croute *rt)
{
	struct nvsw_croute *pos;

	list_for_each_entry(pos, &group->routes, peers)
		if (pos->metric > rt->metric)
			break;
	list_add_tail(&rt->peers, &pos->peers);
	rcu_assign_pointer(group->best, list_first_entry(&group->routes,
							 struct nvsw_croute,
							 peers));
}

/* The first route of its key: a group of its own in the trie. */
static int group_new(struct nvsw_lpm *lpm, const struct scoped_key *sk,
		     unsigned int bits, struct nvsw_croute *rt)
{
	struct croute_group *group;
	int err;

	group = kmalloc(sizeof(*group), NVSW_GFP_CONFIG);
	if (!group)
		return -ENOMEM;
	INIT_LIST_HEAD(&group->routes);
	list_add(&rt->peers, &group->routes);
	RCU_INIT_POINTER(group->best, rt);
	err = nvsw_lpm_insert(lpm, sk, bits, group);
	if (err)
		kfree(group);
	return err;
}

/* The routing domain a request names, or NULL and why. */
static struct nvsw_rdom *rdom_of(struct nvsw_switch *sw,
				 const struct nvsw_croute_key *key,
				 struct netlink_ext_ack *extack)
{
	struct nvsw_rdom *rd = nvsw_rdom_find(sw, key->rdid);

	if (!rd)
		NL_SET_ERR_MSG(extack,
			       "No virtual subnet of this routing domain (RDID) on this switch");
	return rd;
}

/* Routes are resolved in one step: their next hop is a CA of a subnet. */
static bool nexthop_ok(const struct nvsw_rdom *rd,
		       const struct nvsw_croute_key *key)
{
	return nvsw_vsubnet_lpm(rd, key->ipv6, key->ipv6 ?
				(const void *)&key->nexthop6 : &key->nexthop);
}

int nvsw_croute_add(struct nvsw_switch *sw, const struct nvsw_croute_key *key,
		    u32 metric, struct netlink_ext_ack *extack)
{
	struct croute_group *group;
	struct nvsw_vsubnet *vs;
	struct nvsw_croute *rt;
	struct scoped_key sk;
	struct nvsw_lpm *lpm;
	struct nvsw_rdom *rd;
	unsigned int bits;
	int err;

	ASSERT_RTNL();
	rd = rdom_of(sw, key, extack);
	if (!rd)
		return -ENOENT;
	if (key->vsid) {
		vs = nvsw_vsubnet_find(sw, key->vsid);
		if (!vs || vs->rd != rd) {
			NL_SET_ERR_MSG(extack,
				       "The VSID is not a virtual subnet of this routing domain");
			return -ENOENT;
		}
		/* Its routes of a family go with the family (vsubnet.c). */
		if (key->ipv6 ? !nvsw_vsubnet_has6(vs) : !nvsw_vsubnet_has4(vs)) {
			NL_SET_ERR_MSG(extack,
				       "The VSID's virtual subnet has no prefix of the route's family");
			return -ENOENT;
		}
	}
	/* Next hops are resolved in one step: a CA of a subnet, not a route. */
	if (!nexthop_ok(rd, key)) {
		NL_SET_ERR_MSG(extack,
			       "The next hop is in no virtual subnet of this routing domain");
		return -ENETUNREACH;
	}
	lpm = croute_lpm(rd, key->ipv6);
	bits = asked_key(&sk, key);
	group = nvsw_lpm_find(lpm, &sk, bits);
	if (group && group_find(group, key)) {
		NL_SET_ERR_MSG(extack, "This route (prefix via next hop) exists");
		return -EEXIST;
	}
	rt = nvsw_limit_zalloc(sw, NVSW_LIMIT_ROUTES, sizeof(*rt), extack);
	if (IS_ERR(rt))
		return PTR_ERR(rt);
	rt->ipv6 = key->ipv6;
	rt->prefix = key->prefix;
	rt->nexthop = key->nexthop;
	rt->prefix6 = key->prefix6;
	rt->nexthop6 = key->nexthop6;
	rt->vsid = key->vsid;
	rt->metric = metric;
	if (group) {
		group_add(group, rt);
	} else {
		err = group_new(lpm, &sk, bits, rt);
		if (err) {
			kfree(rt);
			return err;
		}
	}
	list_add_tail(&rt->node, &rd->routes);
	nvsw_limit_charge(sw, NVSW_LIMIT_ROUTES);
	nvsw_notify_croute(sw, rd, rt, NVSW_CMD_ROUTE_NEW_NTF);
	return 0;
}

/*
 * Readers that found rt, or its group, keep them until their grace
 * period ends: the group's best is only ever moved to another route.
 */
static void croute_unlink(struct nvsw_switch *sw, struct nvsw_rdom *rd,
			  struct nvsw_croute *rt)
{
	struct nvsw_lpm *lpm = croute_lpm(rd, rt->ipv6);
	struct croute_group *group;
	struct scoped_key sk;
	unsigned int bits;

	nvsw_notify_croute(sw, rd, rt, NVSW_CMD_ROUTE_DEL_NTF);
	list_del(&rt->node);
	nvsw_limit_uncharge(sw, NVSW_LIMIT_ROUTES);
	bits = route_key(&sk, rt);
	group = nvsw_lpm_find(lpm, &sk, bits);
	list_del(&rt->peers);
	if (list_empty(&group->routes)) {
		nvsw_lpm_delete(lpm, &sk, bits);
		kfree_rcu(group, rcu);
	} else if (rcu_access_pointer(group->best) == rt) {
		rcu_assign_pointer(group->best,
				   list_first_entry(&group->routes,
						    struct nvsw_croute, peers));
	}
	kfree_rcu(rt, rcu);
}

int nvsw_croute_del(struct nvsw_switch *sw, const struct nvsw_croute_key *key,
		    struct netlink_ext_ack *extack)
{
	struct croute_group *group;
	struct nvsw_croute *rt;
	struct scoped_key sk;
	struct nvsw_rdom *rd;
	unsigned int bits;

	ASSERT_RTNL();
	rd = rdom_of(sw, key, extack);
	if (!rd)
		return -ENOENT;
	bits = asked_key(&sk, key);
	group = nvsw_lpm_find(croute_lpm(rd, key->ipv6), &sk, bits);
	rt = group ? group_find(group, key) : NULL;
	if (!rt) {
		NL_SET_ERR_MSG(extack,
			       "No such route (prefix via next hop) in this routing domain");
		return -ENOENT;
	}
	croute_unlink(sw, rd, rt);
	return 0;
}

/*
 * The routes of subnet vsid, or all of the domain's when vsid is 0: of
 * family, or of both.
 */
void nvsw_croutes_flush(struct nvsw_switch *sw, struct nvsw_rdom *rd, u32 vsid,
			enum nvsw_family family)
{
	struct nvsw_croute *rt, *next;

	ASSERT_RTNL();
	list_for_each_entry_safe(rt, next, &rd->routes, node) {
		if (vsid && rt->vsid != vsid)
			continue;
		if ((family == NVSW_FAMILY_IPV4 && rt->ipv6) ||
		    (family == NVSW_FAMILY_IPV6 && !rt->ipv6))
			continue;
		croute_unlink(sw, rd, rt);
	}
}

static u8 croute_len(const struct nvsw_croute *rt)
{
	return rt->ipv6 ? rt->prefix6.len : rt->prefix.len;
}

static const struct nvsw_croute *group_best(const struct croute_group *group)
{
	return group ? rcu_dereference(group->best) : NULL;
}

/*
 * Under RCU: the route to sk's address for what subnet vsid sends. The
 * longest prefix among the domain's routes and vsid's own; of equal
 * ones, vsid's; of one key, the group's best (lowest metric, then
 * oldest).
 */
static const struct nvsw_croute *best_route(const struct nvsw_lpm *lpm,
					    struct scoped_key *sk, u32 vsid)
{
	const struct nvsw_croute *domain, *own;

	sk->scope = 0;
	domain = group_best(nvsw_lpm_lookup(lpm, sk));
	sk->scope = cpu_to_be32(vsid);
	own = group_best(nvsw_lpm_lookup(lpm, sk));
	if (!own || (domain && croute_len(domain) > croute_len(own)))
		return domain;
	return own;
}

static u8 vsubnet_len(const struct nvsw_vsubnet *vs, bool ipv6)
{
	return ipv6 ? vs->prefix6.len : vs->prefix.len;
}

/*
 * Where a packet that a VM of from sent to sk's address goes: the subnet
 * to encapsulate it with, and in *target (a be32 or an in6_addr, as ipv6
 * says) the CA whose record gives its MAC and host. A directly attached
 * subnet wins over a route of equal or shorter prefix. Under RCU; NULL
 * when nothing takes it.
 */
static struct nvsw_vsubnet *route_lookup(const struct nvsw_vsubnet *from,
					 struct scoped_key *sk, bool ipv6,
					 void *target)
{
	const struct nvsw_rdom *rd = from->rd;
	size_t size = ipv6 ? sizeof(struct in6_addr) : sizeof(__be32);
	const struct nvsw_croute *rt;
	struct nvsw_vsubnet *vs;

	/* The address is where the union starts, whichever family. */
	vs = nvsw_vsubnet_lpm(rd, ipv6, &sk->addr);
	rt = best_route(ipv6 ? &rd->routes6 : &rd->routes4, sk, from->vsid);
	if (!rt || (vs && vsubnet_len(vs, ipv6) >= croute_len(rt))) {
		memcpy(target, &sk->addr, size);
		return vs;
	}
	memcpy(target, ipv6 ? (const void *)&rt->nexthop6 : &rt->nexthop, size);
	return nvsw_vsubnet_lpm(rd, ipv6, target);
}

/* route_lookup() of an IPv4 destination. */
struct nvsw_vsubnet *nvsw_route_lookup(const struct nvsw_vsubnet *from,
				       __be32 daddr, __be32 *target)
{
	struct scoped_key sk = { .addr = daddr };

	return route_lookup(from, &sk, false, target);
}

/* route_lookup() of an IPv6 destination. */
struct nvsw_vsubnet *nvsw_route_lookup6(const struct nvsw_vsubnet *from,
					const struct in6_addr *daddr,
					struct in6_addr *target)
{
	struct scoped_key sk = { .addr6 = *daddr };

	return route_lookup(from, &sk, true, target);
}
