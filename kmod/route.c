// SPDX-License-Identifier: GPL-2.0
/*
 * Customer routes and the routing-domain lookup: which virtual subnet of a
 * domain a customer address belongs to, and where a destination goes.
 *
 * A domain holds a handful of subnets and routes, so the lookup walks its
 * lists under RCU, keeping the longest prefix; a domain of thousands of
 * prefixes would want a trie, behind the same functions. IPv4 and IPv6
 * routes share a domain's list; each lookup skips the other family.
 * Routes are written under RTNL.
 */
#include <linux/slab.h>

#include "account.h"
#include "nvswitch.h"

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

static struct nvsw_croute *croute_find(const struct nvsw_rdom *rd,
				       const struct nvsw_croute_key *key)
{
	struct nvsw_croute *rt;

	list_for_each_entry(rt, &rd->routes, node)
		if (croute_is(rt, key))
			return rt;
	return NULL;
}

/* Routes are resolved in one step: their next hop is a CA of a subnet. */
static bool nexthop_ok(const struct nvsw_rdom *rd,
		       const struct nvsw_croute_key *key)
{
	if (key->ipv6)
		return nvsw_vsubnet_lpm6(rd, &key->nexthop6);
	return nvsw_vsubnet_lpm(rd, key->nexthop);
}

int nvsw_croute_add(struct nvsw_switch *sw, const struct nvsw_croute_key *key,
		    u32 metric, struct netlink_ext_ack *extack)
{
	struct nvsw_vsubnet *vs;
	struct nvsw_croute *rt;
	struct nvsw_rdom *rd;
	int err;

	ASSERT_RTNL();
	rd = nvsw_rdom_find(sw, key->rdid);
	if (!rd) {
		NL_SET_ERR_MSG(extack,
			       "NVSW_A_RDID: no virtual subnet of this routing domain on this switch");
		return -ENOENT;
	}
	if (key->vsid) {
		vs = nvsw_vsubnet_find(sw, key->vsid);
		if (!vs || vs->rd != rd) {
			NL_SET_ERR_MSG(extack,
				       "NVSW_A_VSID is not a virtual subnet of this NVSW_A_RDID");
			return -ENOENT;
		}
		/* Its routes of a family go with the family (vsubnet.c). */
		if (key->ipv6 ? !nvsw_vsubnet_has6(vs) : !nvsw_vsubnet_has4(vs)) {
			nvsw_family_err_msg(extack, key->ipv6,
					    "NVSW_A_VSID has no NVSW_A_PREFIX_IPV4 for an IPv4 route",
					    "NVSW_A_VSID has no NVSW_A_PREFIX_IPV6 for an IPv6 route");
			return -ENOENT;
		}
	}
	/* Next hops are resolved in one step: a CA of a subnet, not a route. */
	if (!nexthop_ok(rd, key)) {
		nvsw_family_err_msg(extack, key->ipv6,
				    "NVSW_A_NEXTHOP_IPV4 is in no virtual subnet of this NVSW_A_RDID",
				    "NVSW_A_NEXTHOP_IPV6 is in no virtual subnet of this NVSW_A_RDID");
		return -ENETUNREACH;
	}
	if (croute_find(rd, key)) {
		nvsw_family_err_msg(extack, key->ipv6,
				    "This route (NVSW_A_PREFIX_IPV4 via NVSW_A_NEXTHOP_IPV4) exists",
				    "This route (NVSW_A_PREFIX_IPV6 via NVSW_A_NEXTHOP_IPV6) exists");
		return -EEXIST;
	}
	err = nvsw_limit_check(sw, NVSW_LIMIT_ROUTES, extack);
	if (err)
		return err;

	rt = kzalloc(sizeof(*rt), NVSW_GFP_CONFIG);
	if (!rt)
		return -ENOMEM;
	rt->ipv6 = key->ipv6;
	rt->prefix = key->prefix;
	rt->nexthop = key->nexthop;
	rt->prefix6 = key->prefix6;
	rt->nexthop6 = key->nexthop6;
	rt->vsid = key->vsid;
	rt->metric = metric;
	list_add_tail_rcu(&rt->node, &rd->routes);
	nvsw_limit_charge(sw, NVSW_LIMIT_ROUTES);
	nvsw_notify_croute(sw, rd, rt, NVSW_CMD_ROUTE_NEW);
	return 0;
}

static void croute_unlink(struct nvsw_switch *sw, struct nvsw_rdom *rd,
			  struct nvsw_croute *rt)
{
	nvsw_notify_croute(sw, rd, rt, NVSW_CMD_ROUTE_DEL);
	list_del_rcu(&rt->node);
	nvsw_limit_uncharge(sw, NVSW_LIMIT_ROUTES);
	kfree_rcu(rt, rcu);
}

int nvsw_croute_del(struct nvsw_switch *sw, const struct nvsw_croute_key *key,
		    struct netlink_ext_ack *extack)
{
	struct nvsw_croute *rt;
	struct nvsw_rdom *rd;

	ASSERT_RTNL();
	rd = nvsw_rdom_find(sw, key->rdid);
	if (!rd) {
		NL_SET_ERR_MSG(extack,
			       "NVSW_A_RDID: no virtual subnet of this routing domain on this switch");
		return -ENOENT;
	}
	rt = croute_find(rd, key);
	if (!rt) {
		nvsw_family_err_msg(extack, key->ipv6,
				    "No such route (NVSW_A_PREFIX_IPV4 via NVSW_A_NEXTHOP_IPV4) in this NVSW_A_RDID",
				    "No such route (NVSW_A_PREFIX_IPV6 via NVSW_A_NEXTHOP_IPV6) in this NVSW_A_RDID");
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

/* The subnet of rd whose prefix holds addr, longest first. RCU or RTNL. */
struct nvsw_vsubnet *nvsw_vsubnet_lpm(const struct nvsw_rdom *rd, __be32 addr)
{
	struct nvsw_vsubnet *vs, *best = NULL;

	list_for_each_entry_rcu(vs, &rd->vsubnets, rd_node, lockdep_rtnl_is_held())
		if (nvsw_vsubnet_has4(vs) && nvsw_prefix_has(&vs->prefix, addr) &&
		    (!best || vs->prefix.len > best->prefix.len))
			best = vs;
	return best;
}

/* The subnet of rd whose IPv6 prefix holds addr, longest first. RCU or RTNL. */
struct nvsw_vsubnet *nvsw_vsubnet_lpm6(const struct nvsw_rdom *rd,
				       const struct in6_addr *addr)
{
	struct nvsw_vsubnet *vs, *best = NULL;

	list_for_each_entry_rcu(vs, &rd->vsubnets, rd_node, lockdep_rtnl_is_held())
		if (nvsw_vsubnet_has6(vs) && nvsw_prefix6_has(&vs->prefix6, addr) &&
		    (!best || vs->prefix6.len > best->prefix6.len))
			best = vs;
	return best;
}

static u8 croute_len(const struct nvsw_croute *rt)
{
	return rt->ipv6 ? rt->prefix6.len : rt->prefix.len;
}

/* Longer prefix first; then a subnet's own route; then the lower metric. */
static bool better(const struct nvsw_croute *rt, const struct nvsw_croute *best)
{
	if (croute_len(rt) != croute_len(best))
		return croute_len(rt) > croute_len(best);
	if (!rt->vsid != !best->vsid)
		return rt->vsid;
	return rt->metric < best->metric;
}

/*
 * Where a packet that a VM of from sent to daddr goes: the subnet to
 * encapsulate it with, and in *target the CA whose record gives its MAC
 * and host. A directly attached subnet wins over a route of equal or
 * shorter prefix. Under RCU; NULL when nothing takes it.
 */
struct nvsw_vsubnet *nvsw_route_lookup(const struct nvsw_vsubnet *from,
				       __be32 daddr, __be32 *target)
{
	const struct nvsw_rdom *rd = from->rd;
	struct nvsw_croute *rt, *best = NULL;
	struct nvsw_vsubnet *vs;

	vs = nvsw_vsubnet_lpm(rd, daddr);
	list_for_each_entry_rcu(rt, &rd->routes, node) {
		if (rt->ipv6 || (rt->vsid && rt->vsid != from->vsid) ||
		    !nvsw_prefix_has(&rt->prefix, daddr))
			continue;
		if (!best || better(rt, best))
			best = rt;
	}
	if (!best || (vs && vs->prefix.len >= best->prefix.len)) {
		*target = daddr;
		return vs;
	}
	*target = best->nexthop;
	return nvsw_vsubnet_lpm(rd, best->nexthop);
}

/* nvsw_route_lookup() for IPv6: the same rules over the IPv6 prefixes. */
struct nvsw_vsubnet *nvsw_route_lookup6(const struct nvsw_vsubnet *from,
					const struct in6_addr *daddr,
					struct in6_addr *target)
{
	const struct nvsw_rdom *rd = from->rd;
	struct nvsw_croute *rt, *best = NULL;
	struct nvsw_vsubnet *vs;

	vs = nvsw_vsubnet_lpm6(rd, daddr);
	list_for_each_entry_rcu(rt, &rd->routes, node) {
		if (!rt->ipv6 || (rt->vsid && rt->vsid != from->vsid) ||
		    !nvsw_prefix6_has(&rt->prefix6, daddr))
			continue;
		if (!best || better(rt, best))
			best = rt;
	}
	if (!best || (vs && vs->prefix6.len >= best->prefix6.len)) {
		*target = *daddr;
		return vs;
	}
	*target = best->nexthop6;
	return nvsw_vsubnet_lpm6(rd, &best->nexthop6);
}
