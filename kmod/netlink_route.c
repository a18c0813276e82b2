// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink commands for routing: virtual subnets (vsubnet-*) and
 * customer routes (route-*). The objects live in vsubnet.c and route.c;
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

/* A prefix nest as the request gave it. */
struct prefix_req {
	bool ipv6;
	struct nvsw_prefix p;		/* IPv4 */
	struct nvsw_prefix6 p6;		/* IPv6 */
	struct nlattr *nest, *addr, *len, *gateway;
};

static int check_prefix4(struct prefix_req *r, struct netlink_ext_ack *extack)
{
	if (r->p.len > 32) {
		NL_SET_ERR_MSG_ATTR(extack, r->len,
				    "An IPv4 prefix length is 0-32");
		return -ERANGE;
	}
	if (r->p.addr & ~inet_make_mask(r->p.len)) {
		NL_SET_ERR_MSG_ATTR(extack, r->addr,
				    "The prefix has host bits set past its length");
		return -EINVAL;
	}
	if (ipv4_is_multicast(r->p.addr) || ipv4_is_loopback(r->p.addr) ||
	    ipv4_is_lbcast(r->p.addr)) {
		NL_SET_ERR_MSG_ATTR(extack, r->addr,
				    "The prefix must be a unicast network");
		return -EINVAL;
	}
	return 0;
}

static int check_prefix6(struct prefix_req *r, struct netlink_ext_ack *extack)
{
	struct in6_addr net;

	ipv6_addr_prefix(&net, &r->p6.addr, r->p6.len);
	if (!ipv6_addr_equal(&net, &r->p6.addr)) {
		NL_SET_ERR_MSG_ATTR(extack, r->addr,
				    "The prefix has host bits set past its length");
		return -EINVAL;
	}
	/* Link-local addresses are never routed (router.c). */
	if (r->p6.len && ipv6_addr_type(&r->p6.addr) & (IPV6_ADDR_MULTICAST |
							IPV6_ADDR_LINKLOCAL |
							IPV6_ADDR_LOOPBACK)) {
		NL_SET_ERR_MSG_ATTR(extack, r->addr,
				    "The prefix must be a unicast network (not link-local, multicast or loopback)");
		return -EINVAL;
	}
	return 0;
}

/*
 * A prefix nest: its address and length (required), of one family, the
 * host bits zero. Its gateway is left to the caller: only a virtual
 * subnet has one.
 */
static int get_prefix(struct nlattr *nest, struct netlink_ext_ack *extack,
		      struct prefix_req *r)
{
	struct nlattr *tb[NVSW_PREFIX_A_MAX + 1];
	struct in6_addr addr;
	int err;

	memset(r, 0, sizeof(*r));
	r->nest = nest;
	err = nla_parse_nested(tb, NVSW_PREFIX_A_MAX, nest,
			       nvswitch_prefix_nl_policy, extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(extack, nest, tb, NVSW_PREFIX_A_ADDR) ||
	    NL_REQ_ATTR_CHECK(extack, nest, tb, NVSW_PREFIX_A_LEN)) {
		NL_SET_ERR_MSG(extack, "A prefix needs its address and length");
		return -EINVAL;
	}
	r->addr = tb[NVSW_PREFIX_A_ADDR];
	r->len = tb[NVSW_PREFIX_A_LEN];
	r->gateway = tb[NVSW_PREFIX_A_GATEWAY];
	nvsw_nl_get_addr(r->addr, &addr);
	r->ipv6 = !ipv6_addr_v4mapped(&addr);
	if (r->ipv6) {
		r->p6.addr = addr;
		r->p6.len = nla_get_u8(r->len);	/* 0-128: policy */
		return check_prefix6(r, extack);
	}
	r->p.addr = addr.s6_addr32[3];
	r->p.len = nla_get_u8(r->len);
	return check_prefix4(r, extack);
}

/* The gateway, of the prefix's family, defaults to its first address, as in HNV. */
static int get_gateway(struct prefix_req *r, struct netlink_ext_ack *extack,
		       struct nvsw_vsubnet *vs)
{
	struct in6_addr gw;
	__be32 mask;

	if (r->gateway) {
		nvsw_nl_get_addr(r->gateway, &gw);
		if (ipv6_addr_v4mapped(&gw) == r->ipv6) {
			NL_SET_ERR_MSG_ATTR(extack, r->gateway,
					    "The gateway must be of the prefix's family");
			return -EINVAL;
		}
	} else if (r->ipv6) {
		gw = r->p6.addr;
		gw.s6_addr[15] |= 1;
	} else {
		ipv6_addr_set_v4mapped(r->p.addr | htonl(1), &gw);
	}
	if (r->ipv6) {
		/* Not the network: that is the Subnet-Router anycast address. */
		if (!nvsw_prefix6_has(&r->p6, &gw) ||
		    ipv6_addr_equal(&gw, &r->p6.addr))
			goto bad;
		vs->prefix6 = r->p6;
		vs->gateway6 = gw;
		return 0;
	}
	mask = inet_make_mask(r->p.len);
	vs->gateway = gw.s6_addr32[3];
	if (!nvsw_prefix_has(&r->p, vs->gateway) || !(vs->gateway & ~mask) ||
	    (vs->gateway & ~mask) == ~mask)
		goto bad;
	vs->prefix = r->p;
	return 0;
bad:
	NL_SET_ERR_MSG_ATTR(extack, r->gateway ?: r->nest,
			    "The gateway must be a host address inside the prefix");
	return -EINVAL;
}

/* Room for a network, a gateway and (IPv4) a broadcast address. */
static int check_vsubnet_len(struct prefix_req *r, struct netlink_ext_ack *extack)
{
	if (r->ipv6 &&
	    (r->p6.len < 1 || r->p6.len > NVSWITCH_VSUBNET_LEN6_MAX)) {
		NL_SET_ERR_MSG_ATTR(extack, r->len,
				    "An IPv6 virtual subnet's prefix length is 1-"
				    __stringify(NVSWITCH_VSUBNET_LEN6_MAX));
		return -ERANGE;
	}
	if (!r->ipv6 &&
	    (r->p.len < 1 || r->p.len > NVSWITCH_VSUBNET_LEN4_MAX)) {
		NL_SET_ERR_MSG_ATTR(extack, r->len,
				    "An IPv4 virtual subnet's prefix length is 1-"
				    __stringify(NVSWITCH_VSUBNET_LEN4_MAX));
		return -ERANGE;
	}
	return 0;
}

/* Virtual subnets */

/*
 * The vsubnet nest of a request: its VSID, the routing domain if given
 * (*rdid 0 if not), and its prefixes, at most one per family (want[0]
 * IPv4, want[1] IPv6; a family not given has prefix length 0).
 */
static int vsubnet_request(struct genl_info *info, u32 *rdid,
			   struct nvsw_vsubnet want[2], struct nlattr *which[2],
			   bool gateways)
{
	struct nlattr *tb[NVSW_VSUBNET_A_MAX + 1];
	struct nlattr *nest, *attr;
	struct prefix_req r;
	int rem, err;

	memset(want, 0, 2 * sizeof(*want));
	which[0] = NULL;
	which[1] = NULL;
	err = NVSW_NL_OBJECT(info->attrs, info->extack, VSUBNET, vsubnet, tb,
			     true);
	if (err)
		return err;
	if (NVSW_NL_NEED(info, VSUBNET, tb, NVSW_VSUBNET_A_VSID, "the VSID"))
		return -EINVAL;
	want[0].vsid = nla_get_u32(tb[NVSW_VSUBNET_A_VSID]);
	want[1].vsid = want[0].vsid;
	*rdid = tb[NVSW_VSUBNET_A_RDID] ? nla_get_u32(tb[NVSW_VSUBNET_A_RDID]) : 0;

	nest = info->attrs[NVSW_A_VSUBNET];
	nla_for_each_nested(attr, nest, rem) {
		if (nla_type(attr) != NVSW_VSUBNET_A_PREFIX)
			continue;
		err = get_prefix(attr, info->extack, &r);
		if (err)
			return err;
		if (which[r.ipv6]) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr,
					    "A virtual subnet has one prefix per family");
			return -EINVAL;
		}
		which[r.ipv6] = attr;
		err = check_vsubnet_len(&r, info->extack);
		if (err)
			return err;
		if (gateways) {
			err = get_gateway(&r, info->extack, &want[r.ipv6]);
			if (err)
				return err;
		} else if (r.gateway) {
			NL_SET_ERR_MSG_ATTR(info->extack, r.gateway,
					    "Only vsubnet-new takes a gateway");
			return -EINVAL;
		}
		if (r.ipv6)
			want[1].prefix6 = r.p6;
		else
			want[0].prefix = r.p;
	}
	return 0;
}

int nvswitch_nl_vsubnet_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nvsw_switch *sw = nvsw_nl_switch(info);
	struct nvsw_vsubnet want[2];
	struct nlattr *which[2];
	int err, i, added = -1;
	u32 rdid;

	err = vsubnet_request(info, &rdid, want, which, true);
	if (err)
		return err;
	if (!rdid) {
		NL_SET_ERR_MSG(info->extack, "Missing the routing domain");
		NL_SET_ERR_ATTR_MISS(info->extack, info->attrs[NVSW_A_VSUBNET],
				     NVSW_VSUBNET_A_RDID);
		return -EINVAL;
	}
	if (!which[0] && !which[1]) {
		NL_SET_ERR_MSG(info->extack, "Missing a prefix");
		NL_SET_ERR_ATTR_MISS(info->extack, info->attrs[NVSW_A_VSUBNET],
				     NVSW_VSUBNET_A_PREFIX);
		return -EINVAL;
	}
	/* Both families or none: the second failing takes the first back. */
	for (i = 0; i < 2; i++) {
		if (!which[i])
			continue;
		err = nvsw_vsubnet_add(sw, rdid, &want[i], info->extack);
		if (err) {
			NL_SET_BAD_ATTR(info->extack, which[i]);
			break;
		}
		added = i;
	}
	if (err && added >= 0 && added != i)
		nvsw_vsubnet_del(sw, &want[added], NULL);
	return err;
}

/* With a prefix, only that family of the VSID's vsubnet goes. */
int nvswitch_nl_vsubnet_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nvsw_switch *sw = nvsw_nl_switch(info);
	struct nvsw_vsubnet want[2], which = {};
	struct nlattr *given[2];
	u32 rdid;
	int err;

	err = vsubnet_request(info, &rdid, want, given, false);
	if (err)
		return err;
	if (given[0] && given[1]) {
		NL_SET_ERR_MSG_ATTR(info->extack, given[1],
				    "To remove both prefixes, give none");
		return -EINVAL;
	}
	which = given[1] ? want[1] : want[0];
	err = nvsw_vsubnet_del(sw, &which, info->extack);
	if (err == -ENOENT && nvsw_vsubnet_find(sw, which.vsid))
		NL_SET_BAD_ATTR(info->extack, given[0] ?: given[1]);
	else if (err)
		NL_SET_BAD_ATTR(info->extack, info->attrs[NVSW_A_VSUBNET]);
	return err;
}

static int fill_vsubnet(struct sk_buff *msg, const struct nvsw_vsubnet *vs)
{
	return nvsw_nl_fill_vsubnet(msg, vs, NVSW_NL_PREFIX4 | NVSW_NL_PREFIX6);
}

int nvswitch_nl_vsubnet_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nvsw_switch *sw = nvsw_nl_switch(info);
	struct nvsw_vsubnet want[2];
	struct nlattr *given[2];
	struct nvsw_vsubnet *vs;
	struct sk_buff *msg;
	void *hdr;
	u32 rdid;
	int err;

	err = vsubnet_request(info, &rdid, want, given, false);
	if (err)
		return err;
	vs = nvsw_vsubnet_find(sw, want[0].vsid);
	if (!vs) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NVSW_A_VSUBNET],
				    "The VSID has no virtual subnet on this switch");
		return -ENOENT;
	}
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = nvsw_nl_header(msg, info->snd_portid, info->snd_seq, 0,
			     NVSW_CMD_VSUBNET_GET, sw);
	if (!hdr || fill_vsubnet(msg, vs)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int dump_vsubnet(struct sk_buff *skb, const struct nvsw_list_dump *d,
			const void *vs)
{
	return fill_vsubnet(skb, vs);
}

/*
 * A list that each routing domain has (its vsubnets, its routes), dumped
 * domain by domain, of one domain when the request's nest (@nest, of
 * @policy) carries the rdid (@rdid_type).
 */
struct rdom_list {
	int nest;
	const struct nla_policy *policy;
	unsigned int maxtype;
	int rdid_type;
	u8 cmd;
	size_t list;		/* offset of the list_head in nvsw_rdom */
	size_t node;		/* offset of the list node in the object */
	int (*fill)(struct sk_buff *skb, const struct nvsw_list_dump *d,
		    const void *obj);
};

/* The rdom_list of the objects of type on each domain's list member. */
#define RDOM_LIST(OBJ, obj, member, type, node_member, fill_fn) {	\
	.nest = NVSW_A_##OBJ,						\
	.policy = nvswitch_##obj##_nl_policy,				\
	.maxtype = NVSW_##OBJ##_A_MAX,					\
	.rdid_type = NVSW_##OBJ##_A_RDID,				\
	.cmd = NVSW_CMD_##OBJ##_GET,					\
	.list = offsetof(struct nvsw_rdom, member),			\
	.node = offsetof(type, node_member),				\
	.fill = fill_fn,						\
}

/* Under RTNL; d->ctx is the domain of the object being filled. */
static int walk_rdoms(struct nvsw_list_dump *d, const struct rdom_list *l)
{
	struct nlattr *tb[NVSW_VSUBNET_A_MAX + NVSW_ROUTE_A_MAX + 1];
	struct nvsw_rdom *rd;
	u32 rdid = 0;
	int err;

	err = nvsw_nl_object(nvsw_dump_attrs(d->cb), d->cb->extack, l->nest,
			     l->policy, l->maxtype, tb, false);
	if (err)
		return err;
	if (tb[l->rdid_type])
		rdid = nla_get_u32(tb[l->rdid_type]);
	list_for_each_entry(rd, &d->sw->rdoms, node) {
		if (rdid && rd->rdid != rdid)
			continue;
		d->ctx = rd;
		err = nvsw_list_dump_each(d, l->cmd, (void *)rd + l->list,
					  l->node, l->fill);
		if (err)
			return err;
	}
	return 0;
}

static const struct rdom_list vsubnet_list =
	RDOM_LIST(VSUBNET, vsubnet, vsubnets, struct nvsw_vsubnet, rd_node,
		  dump_vsubnet);

static int walk_vsubnets(struct nvsw_list_dump *d)
{
	return walk_rdoms(d, &vsubnet_list);
}

int nvswitch_nl_vsubnet_get_dumpit(struct sk_buff *skb,
				   struct netlink_callback *cb)
{
	return nvsw_list_dump(skb, cb, walk_vsubnets);
}

/* Customer routes */

/* A next hop is a unicast CA of the prefix's family, never link-local. */
static int get_nexthop(struct genl_info *info, struct nlattr *attr,
		       struct nvsw_croute_key *key)
{
	struct in6_addr nh;
	__be32 nh4;

	nvsw_nl_get_addr(attr, &nh);
	if (ipv6_addr_v4mapped(&nh) == key->ipv6) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "The next hop must be of the prefix's family");
		return -EINVAL;
	}
	if (key->ipv6) {
		key->nexthop6 = nh;
		if (nvsw_ipv6_routable(&nh))
			return 0;
	} else {
		nh4 = nh.s6_addr32[3];
		key->nexthop = nh4;
		if (!ipv4_is_zeronet(nh4) && !ipv4_is_multicast(nh4) &&
		    !ipv4_is_lbcast(nh4) && !ipv4_is_loopback(nh4))
			return 0;
	}
	NL_SET_ERR_MSG_ATTR(info->extack, attr,
			    "The next hop must be a unicast address (not link-local or loopback)");
	return -EINVAL;
}

/* A route is named by its domain, VSID, prefix and next hop. */
static int get_croute_key(struct genl_info *info, struct nvsw_croute_key *key,
			  u32 *metric)
{
	struct nlattr *tb[NVSW_ROUTE_A_MAX + 1];
	struct prefix_req r;
	int err;

	memset(key, 0, sizeof(*key));
	err = NVSW_NL_OBJECT(info->attrs, info->extack, ROUTE, route, tb, true);
	if (err)
		return err;
	if (NVSW_NL_NEED(info, ROUTE, tb, NVSW_ROUTE_A_RDID,
			 "the routing domain") ||
	    NVSW_NL_NEED(info, ROUTE, tb, NVSW_ROUTE_A_PREFIX, "the prefix") ||
	    NVSW_NL_NEED(info, ROUTE, tb, NVSW_ROUTE_A_NEXTHOP, "the next hop"))
		return -EINVAL;
	key->rdid = nla_get_u32(tb[NVSW_ROUTE_A_RDID]);	/* not 0: policy */
	if (tb[NVSW_ROUTE_A_VSID])
		key->vsid = nla_get_u32(tb[NVSW_ROUTE_A_VSID]);
	err = get_prefix(tb[NVSW_ROUTE_A_PREFIX], info->extack, &r);
	if (err)
		return err;
	if (r.gateway) {
		NL_SET_ERR_MSG_ATTR(info->extack, r.gateway,
				    "A route's prefix has no gateway: give its next hop");
		return -EINVAL;
	}
	key->ipv6 = r.ipv6;
	key->prefix = r.p;
	key->prefix6 = r.p6;
	if (metric)
		*metric = tb[NVSW_ROUTE_A_METRIC] ?
			  nla_get_u32(tb[NVSW_ROUTE_A_METRIC]) : 0;
	return get_nexthop(info, tb[NVSW_ROUTE_A_NEXTHOP], key);
}

int nvswitch_nl_route_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nvsw_croute_key key;
	u32 metric;
	int err;

	err = get_croute_key(info, &key, &metric);
	if (err)
		return err;
	return nvsw_croute_add(nvsw_nl_switch(info), &key, metric,
			       info->extack);
}

int nvswitch_nl_route_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nvsw_croute_key key;
	int err;

	err = get_croute_key(info, &key, NULL);
	if (err)
		return err;
	return nvsw_croute_del(nvsw_nl_switch(info), &key, info->extack);
}

static int dump_croute(struct sk_buff *skb, const struct nvsw_list_dump *d,
		       const void *rt)
{
	return nvsw_nl_fill_croute(skb, d->ctx, rt);
}

static const struct rdom_list croute_list =
	RDOM_LIST(ROUTE, route, routes, struct nvsw_croute, node, dump_croute);

static int walk_croutes(struct nvsw_list_dump *d)
{
	return walk_rdoms(d, &croute_list);
}

int nvswitch_nl_route_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return nvsw_list_dump(skb, cb, walk_croutes);
}
