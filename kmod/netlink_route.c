// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink commands for routing: virtual subnets (VSUBNET_*) and
 * customer routes (ROUTE_*). The objects live in vsubnet.c and route.c;
 * here requests are checked, with every rejection naming its attribute.
 */
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/sock.h>

#include "compat.h"
#include "netlink-gen.h"
#include "netlink.h"
#include "nvswitch.h"
#include "routing.h"

static int get_rdid(struct genl_info *info, u32 *rdid)
{
	if (NVSW_NL_REQUIRE(info, NVSW_A_RDID, "the routing domain (RDID)"))
		return -EINVAL;
	*rdid = nla_get_u32(info->attrs[NVSW_A_RDID]);	/* 0: policy */
	return 0;
}

static int get_prefix(struct genl_info *info, struct nvsw_prefix *p)
{
	struct nlattr *addr = info->attrs[NVSW_A_PREFIX_IPV4];
	struct nlattr *len = info->attrs[NVSW_A_PREFIX_LEN];

	if (NVSW_NL_REQUIRE(info, NVSW_A_PREFIX_IPV4, "the prefix") ||
	    NVSW_NL_REQUIRE(info, NVSW_A_PREFIX_LEN, "the prefix length"))
		return -EINVAL;
	p->addr = nla_get_in_addr(addr);
	p->len = nla_get_u8(len);
	if (p->len > 32) {
		NL_SET_ERR_MSG_ATTR(info->extack, len,
				    "An IPv4 prefix length must be 0-32");
		return -ERANGE;
	}
	if (p->addr & ~inet_make_mask(p->len)) {
		NL_SET_ERR_MSG_ATTR(info->extack, addr,
				    "The IPv4 prefix has host bits set past its length");
		return -EINVAL;
	}
	if (ipv4_is_multicast(p->addr) || ipv4_is_loopback(p->addr) ||
	    ipv4_is_lbcast(p->addr)) {
		NL_SET_ERR_MSG_ATTR(info->extack, addr,
				    "The IPv4 prefix must be a unicast network");
		return -EINVAL;
	}
	return 0;
}

static int get_prefix6(struct genl_info *info, struct nvsw_prefix6 *p)
{
	struct nlattr *addr = info->attrs[NVSW_A_PREFIX_IPV6];
	struct nlattr *len = info->attrs[NVSW_A_PREFIX_LEN];
	struct in6_addr net;

	if (NVSW_NL_REQUIRE(info, NVSW_A_PREFIX_LEN, "the prefix length"))
		return -EINVAL;
	p->addr = nla_get_in6_addr(addr);
	p->len = nla_get_u8(len);
	if (p->len > 128) {
		NL_SET_ERR_MSG_ATTR(info->extack, len,
				    "An IPv6 prefix length must be 0-128");
		return -ERANGE;
	}
	ipv6_addr_prefix(&net, &p->addr, p->len);
	if (!ipv6_addr_equal(&net, &p->addr)) {
		NL_SET_ERR_MSG_ATTR(info->extack, addr,
				    "The IPv6 prefix has host bits set past its length");
		return -EINVAL;
	}
	/* Link-local addresses are never routed (router.c). */
	if (p->len && (ipv6_addr_v4mapped(&p->addr) ||
		       ipv6_addr_type(&p->addr) & (IPV6_ADDR_MULTICAST |
						   IPV6_ADDR_LINKLOCAL |
						   IPV6_ADDR_LOOPBACK))) {
		NL_SET_ERR_MSG_ATTR(info->extack, addr,
				    "The IPv6 prefix must be a unicast network (not link-local, multicast, loopback or v4-mapped)");
		return -EINVAL;
	}
	return 0;
}

/* NVSW_A_PREFIX_IPV4 or NVSW_A_PREFIX_IPV6, exactly one; *ipv6 says which. */
static int get_prefix_any(struct genl_info *info, bool *ipv6,
			  struct nvsw_prefix *p, struct nvsw_prefix6 *p6)
{
	struct nlattr *v4 = info->attrs[NVSW_A_PREFIX_IPV4];
	struct nlattr *v6 = info->attrs[NVSW_A_PREFIX_IPV6];

	memset(p, 0, sizeof(*p));
	memset(p6, 0, sizeof(*p6));
	*ipv6 = !!v6;
	if (v4 && v6) {
		NL_SET_ERR_MSG_ATTR(info->extack, v6,
				    "One prefix per request: IPv4 or IPv6, not both");
		return -EINVAL;
	}
	if (v6)
		return get_prefix6(info, p6);
	if (!v4) {
		NL_SET_ERR_MSG(info->extack,
			       "Missing the prefix (IPv4 or IPv6)");
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, NVSW_A_PREFIX_IPV4);
		return -EINVAL;
	}
	return get_prefix(info, p);
}

/* An attribute of the other family than the request's prefix. */
static int other_family(struct genl_info *info, int type)
{
	if (!info->attrs[type])
		return 0;
	NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[type],
			    "Not of the same family as the prefix");
	return -EINVAL;
}

/* The gateway defaults to the first address of the prefix, as in HNV. */
static int get_gateway(struct genl_info *info, const struct nvsw_prefix *p,
		       __be32 *gw)
{
	struct nlattr *attr = info->attrs[NVSW_A_GATEWAY_IPV4];
	__be32 mask = inet_make_mask(p->len);

	*gw = attr ? nla_get_in_addr(attr) : p->addr | htonl(1);
	if (!nvsw_prefix_has(p, *gw) || !(*gw & ~mask) ||
	    (*gw & ~mask) == ~mask) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "The IPv4 gateway must be a host address inside the prefix");
		return -EINVAL;
	}
	return 0;
}

/* As in HNV: the first address after the network (prefix::1). */
static int get_gateway6(struct genl_info *info, const struct nvsw_prefix6 *p,
			struct in6_addr *gw)
{
	struct nlattr *attr = info->attrs[NVSW_A_GATEWAY_IPV6];

	if (attr) {
		*gw = nla_get_in6_addr(attr);
	} else {
		*gw = p->addr;
		gw->s6_addr[15] |= 1;
	}
	/* Not the network itself: that is the Subnet-Router anycast address. */
	if (!nvsw_prefix6_has(p, gw) || ipv6_addr_equal(gw, &p->addr)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "The IPv6 gateway must be a host address inside the prefix");
		return -EINVAL;
	}
	return 0;
}

/* Virtual subnets */

/* The VSID and the family its prefix names, with its length checked. */
static int get_vsubnet_prefix(struct genl_info *info, struct nvsw_vsubnet *vs)
{
	struct nlattr *len = info->attrs[NVSW_A_PREFIX_LEN];
	bool ipv6;
	int err;

	err = get_prefix_any(info, &ipv6, &vs->prefix, &vs->prefix6);
	if (err)
		return err;
	/* Room for a network, a gateway and (IPv4) a broadcast address. */
	if (ipv6 && (vs->prefix6.len < 1 || vs->prefix6.len > 127)) {
		NL_SET_ERR_MSG_ATTR(info->extack, len,
				    "The IPv6 prefix length of a virtual subnet must be 1-127");
		return -ERANGE;
	}
	if (!ipv6 && (vs->prefix.len < 1 || vs->prefix.len > 30)) {
		NL_SET_ERR_MSG_ATTR(info->extack, len,
				    "The IPv4 prefix length of a virtual subnet must be 1-30");
		return -ERANGE;
	}
	return 0;
}

int nvswitch_nl_vsubnet_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nvsw_vsubnet want = {};
	u32 rdid;
	int err;

	err = nvsw_nl_get_vsid(info, &want.vsid);
	if (err)
		return err;
	err = get_rdid(info, &rdid);
	if (err)
		return err;
	err = get_vsubnet_prefix(info, &want);
	if (err)
		return err;
	if (nvsw_vsubnet_has6(&want)) {
		err = other_family(info, NVSW_A_GATEWAY_IPV4);
		if (!err)
			err = get_gateway6(info, &want.prefix6, &want.gateway6);
	} else {
		err = other_family(info, NVSW_A_GATEWAY_IPV6);
		if (!err)
			err = get_gateway(info, &want.prefix, &want.gateway);
	}
	if (err)
		return err;
	return nvsw_vsubnet_add(nvsw_nl_switch(info), rdid, &want, info->extack);
}

/* With a prefix, only that family of the VSID's vsubnet goes. */
int nvswitch_nl_vsubnet_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nvsw_switch *sw = nvsw_nl_switch(info);
	struct nvsw_vsubnet which = {};
	int err;

	err = nvsw_nl_get_vsid(info, &which.vsid);
	if (err)
		return err;
	if (info->attrs[NVSW_A_PREFIX_IPV4] || info->attrs[NVSW_A_PREFIX_IPV6]) {
		err = get_vsubnet_prefix(info, &which);
		if (err)
			return err;
	}
	err = nvsw_vsubnet_del(sw, &which, info->extack);
	if (err == -ENOENT && nvsw_vsubnet_find(sw, which.vsid))
		NL_SET_BAD_ATTR(info->extack,
				info->attrs[NVSW_A_PREFIX_IPV4] ?:
				info->attrs[NVSW_A_PREFIX_IPV6]);
	else if (err)
		NL_SET_BAD_ATTR(info->extack, info->attrs[NVSW_A_VSID]);
	return err;
}

static int fill_vsubnet(struct sk_buff *msg, struct genl_info *info,
			struct nvsw_switch *sw)
{
	struct nvsw_vsubnet *vs;
	u32 vsid;
	int err;

	err = nvsw_nl_get_vsid(info, &vsid);
	if (err)
		return err;
	vs = nvsw_vsubnet_find(sw, vsid);
	if (!vs) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NVSW_A_VSID],
				    "The VSID has no virtual subnet on this switch");
		return -ENOENT;
	}
	/* One family per message: the IPv4 one, unless there is none. */
	return nvsw_nl_fill_vsubnet(msg, vs, !nvsw_vsubnet_has4(vs));
}

int nvswitch_nl_vsubnet_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return nvsw_nl_reply(info, NVSW_CMD_VSUBNET_GET, fill_vsubnet);
}

static int dump_vsubnet4(struct sk_buff *skb, const struct nvsw_list_dump *d,
			 const void *vs)
{
	return nvsw_nl_fill_vsubnet(skb, vs, false);
}

static int dump_vsubnet6(struct sk_buff *skb, const struct nvsw_list_dump *d,
			 const void *vs)
{
	return nvsw_nl_fill_vsubnet(skb, vs, true);
}

/* The domain to dump, or 0 for all of them. */
static u32 dump_rdid(const struct nvsw_list_dump *d)
{
	struct nlattr *rdid = nvsw_dump_attrs(d->cb)[NVSW_A_RDID];

	return rdid ? nla_get_u32(rdid) : 0;
}

/*
 * The vsubnets of every (or one) routing domain; a dual-stack vsubnet is
 * two messages, IPv4 first.
 */
static int walk_vsubnets(struct nvsw_list_dump *d)
{
	u32 rdid = dump_rdid(d);
	struct nvsw_vsubnet *vs;
	struct nvsw_rdom *rd;

	list_for_each_entry(rd, &d->sw->rdoms, node) {
		if (rdid && rd->rdid != rdid)
			continue;
		list_for_each_entry(vs, &rd->vsubnets, rd_node) {
			if (nvsw_vsubnet_has4(vs) &&
			    nvsw_list_dump_one(d, NVSW_CMD_VSUBNET_GET,
					       dump_vsubnet4, vs))
				return -EMSGSIZE;
			if (nvsw_vsubnet_has6(vs) &&
			    nvsw_list_dump_one(d, NVSW_CMD_VSUBNET_GET,
					       dump_vsubnet6, vs))
				return -EMSGSIZE;
		}
	}
	return 0;
}

int nvswitch_nl_vsubnet_get_dumpit(struct sk_buff *skb,
				   struct netlink_callback *cb)
{
	return nvsw_list_dump(skb, cb, walk_vsubnets);
}

/* Customer routes */

static int get_nexthop6(struct genl_info *info, struct in6_addr *nh)
{
	struct nlattr *attr = info->attrs[NVSW_A_NEXTHOP_IPV6];

	if (NVSW_NL_REQUIRE(info, NVSW_A_NEXTHOP_IPV6, "the next hop"))
		return -EINVAL;
	*nh = nla_get_in6_addr(attr);
	if (ipv6_addr_v4mapped(nh) || !nvsw_ipv6_routable(nh)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "The IPv6 next hop must be a unicast address (not link-local, loopback or v4-mapped)");
		return -EINVAL;
	}
	return 0;
}

static int get_nexthop(struct genl_info *info, __be32 *nh)
{
	struct nlattr *attr = info->attrs[NVSW_A_NEXTHOP_IPV4];

	if (NVSW_NL_REQUIRE(info, NVSW_A_NEXTHOP_IPV4, "the next hop"))
		return -EINVAL;
	*nh = nla_get_in_addr(attr);
	if (ipv4_is_zeronet(*nh) || ipv4_is_multicast(*nh) ||
	    ipv4_is_lbcast(*nh) || ipv4_is_loopback(*nh)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "The IPv4 next hop must be a unicast address");
		return -EINVAL;
	}
	return 0;
}

/* A route's prefix and next hop are of one family. */
static int get_croute_key(struct genl_info *info, struct nvsw_croute_key *key)
{
	int err;

	memset(key, 0, sizeof(*key));
	err = get_rdid(info, &key->rdid);
	if (err)
		return err;
	if (info->attrs[NVSW_A_VSID]) {
		err = nvsw_nl_get_vsid(info, &key->vsid);
		if (err)
			return err;
	}
	err = get_prefix_any(info, &key->ipv6, &key->prefix, &key->prefix6);
	if (err)
		return err;
	if (key->ipv6) {
		err = other_family(info, NVSW_A_NEXTHOP_IPV4);
		return err ?: get_nexthop6(info, &key->nexthop6);
	}
	err = other_family(info, NVSW_A_NEXTHOP_IPV6);
	return err ?: get_nexthop(info, &key->nexthop);
}

int nvswitch_nl_route_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *metric = info->attrs[NVSW_A_METRIC];
	struct nvsw_croute_key key;
	int err;

	err = get_croute_key(info, &key);
	if (err)
		return err;
	return nvsw_croute_add(nvsw_nl_switch(info), &key,
			       metric ? nla_get_u32(metric) : 0, info->extack);
}

int nvswitch_nl_route_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nvsw_croute_key key;
	int err;

	err = get_croute_key(info, &key);
	if (err)
		return err;
	return nvsw_croute_del(nvsw_nl_switch(info), &key, info->extack);
}

static int dump_croute(struct sk_buff *skb, const struct nvsw_list_dump *d,
		       const void *rt)
{
	return nvsw_nl_fill_croute(skb, d->ctx, rt);
}

/* The customer routes of every (or one) routing domain. */
static int walk_croutes(struct nvsw_list_dump *d)
{
	u32 rdid = dump_rdid(d);
	struct nvsw_rdom *rd;

	list_for_each_entry(rd, &d->sw->rdoms, node) {
		if (rdid && rd->rdid != rdid)
			continue;
		d->ctx = rd;
		if (nvsw_list_dump_each(d, NVSW_CMD_ROUTE_GET, &rd->routes,
					offsetof(struct nvsw_croute, node),
					dump_croute))
			return -EMSGSIZE;
	}
	return 0;
}

int nvswitch_nl_route_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return nvsw_list_dump(skb, cb, walk_croutes);
}
