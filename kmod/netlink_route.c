// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink commands for routing: virtual subnets (VSUBNET_*) and
 * customer routes (ROUTE_*). The objects live in vsubnet.c and route.c;
 * here requests are checked, with every rejection naming its attribute.
 */
#include <net/genetlink.h>
#include <net/sock.h>

#include "compat.h"
#include "nvswitch.h"

static int get_rdid(struct genl_info *info, u32 *rdid)
{
	if (NVSW_NL_REQUIRE(info, NVSW_A_RDID))
		return -EINVAL;
	*rdid = nla_get_u32(info->attrs[NVSW_A_RDID]);
	if (!*rdid) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NVSW_A_RDID],
				    "NVSW_A_RDID must be 1-4294967295");
		return -ERANGE;
	}
	return 0;
}

static int get_prefix(struct genl_info *info, struct nvsw_prefix *p)
{
	struct nlattr *addr = info->attrs[NVSW_A_PREFIX_IPV4];
	struct nlattr *len = info->attrs[NVSW_A_PREFIX_LEN];

	if (NVSW_NL_REQUIRE(info, NVSW_A_PREFIX_IPV4) ||
	    NVSW_NL_REQUIRE(info, NVSW_A_PREFIX_LEN))
		return -EINVAL;
	p->addr = nla_get_in_addr(addr);
	p->len = nla_get_u8(len);
	if (p->len > 32) {
		NL_SET_ERR_MSG_ATTR(info->extack, len,
				    "NVSW_A_PREFIX_LEN must be 0-32 with NVSW_A_PREFIX_IPV4");
		return -ERANGE;
	}
	if (p->addr & ~inet_make_mask(p->len)) {
		NL_SET_ERR_MSG_ATTR(info->extack, addr,
				    "NVSW_A_PREFIX_IPV4 has host bits set past NVSW_A_PREFIX_LEN");
		return -EINVAL;
	}
	if (ipv4_is_multicast(p->addr) || ipv4_is_loopback(p->addr) ||
	    ipv4_is_lbcast(p->addr)) {
		NL_SET_ERR_MSG_ATTR(info->extack, addr,
				    "NVSW_A_PREFIX_IPV4 must be a unicast network");
		return -EINVAL;
	}
	return 0;
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
				    "NVSW_A_GATEWAY_IPV4 must be a host address inside NVSW_A_PREFIX_IPV4/NVSW_A_PREFIX_LEN");
		return -EINVAL;
	}
	return 0;
}

/* Virtual subnets */

int nvsw_nl_vsubnet_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nvsw_prefix prefix;
	struct nvsw_switch *sw;
	u32 vsid, rdid;
	__be32 gw;
	int err;

	err = nvsw_nl_get_vsid(info, &vsid);
	if (err)
		return err;
	err = get_rdid(info, &rdid);
	if (err)
		return err;
	err = get_prefix(info, &prefix);
	if (err)
		return err;
	/* Room for a network, a gateway and a broadcast address. */
	if (prefix.len < 1 || prefix.len > 30) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NVSW_A_PREFIX_LEN],
				    "NVSW_A_PREFIX_LEN of a virtual subnet must be 1-30");
		return -ERANGE;
	}
	err = get_gateway(info, &prefix, &gw);
	if (err)
		return err;

	rtnl_lock();
	sw = nvsw_nl_switch_get_rtnl(info);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	err = nvsw_vsubnet_add(sw, vsid, rdid, &prefix, gw, info->extack);
	nvsw_nl_switch_put(sw);
out:
	rtnl_unlock();
	return err;
}

int nvsw_nl_vsubnet_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nvsw_switch *sw;
	u32 vsid;
	int err;

	err = nvsw_nl_get_vsid(info, &vsid);
	if (err)
		return err;
	rtnl_lock();
	sw = nvsw_nl_switch_get_rtnl(info);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	err = nvsw_vsubnet_del(sw, vsid, info->extack);
	if (err)
		NL_SET_BAD_ATTR(info->extack, info->attrs[NVSW_A_VSID]);
	nvsw_nl_switch_put(sw);
out:
	rtnl_unlock();
	return err;
}

int nvsw_nl_vsubnet_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nvsw_vsubnet *vs;
	struct nvsw_switch *sw;
	struct sk_buff *msg;
	void *hdr;
	u32 vsid;
	int err;

	err = nvsw_nl_get_vsid(info, &vsid);
	if (err)
		return err;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	rtnl_lock();
	sw = nvsw_nl_switch_get_rtnl(info);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	vs = nvsw_vsubnet_find(sw, vsid);
	if (!vs) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NVSW_A_VSID],
				    "NVSW_A_VSID has no virtual subnet on this switch");
		err = -ENOENT;
		goto put;
	}
	hdr = nvsw_nl_header(msg, info->snd_portid, info->snd_seq, 0,
			     NVSW_CMD_VSUBNET_GET, sw);
	if (!hdr || nvsw_nl_fill_vsubnet(msg, vs)) {
		err = -EMSGSIZE;
		goto put;
	}
	genlmsg_end(msg, hdr);
put:
	nvsw_nl_switch_put(sw);
out:
	rtnl_unlock();
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/*
 * Dumps of vsubnets and routes hold RTNL, which every change takes, and
 * resume by position: both lists are short.
 */
struct rt_dump {
	struct nvsw_switch *sw;
	u32 rdid;			/* only this domain, or 0 */
	long idx, skip;
};

static int rt_dump_begin(struct rt_dump *d, struct sk_buff *skb,
			 struct netlink_callback *cb)
{
	struct nlattr **attrs = nvsw_dump_attrs(cb);
	struct nvsw_switch *sw;

	d->rdid = 0;
	if (attrs[NVSW_A_RDID]) {
		d->rdid = nla_get_u32(attrs[NVSW_A_RDID]);
		if (!d->rdid) {
			NL_SET_ERR_MSG_ATTR(cb->extack, attrs[NVSW_A_RDID],
					    "NVSW_A_RDID must be 1-4294967295");
			return -ERANGE;
		}
	}
	rtnl_lock();
	sw = nvsw_nl_switch_get(sock_net(skb->sk), attrs, cb->extack);
	if (IS_ERR(sw)) {
		rtnl_unlock();
		return PTR_ERR(sw);
	}
	d->sw = sw;
	d->idx = 0;
	d->skip = cb->args[0];
	return 0;
}

static int rt_dump_end(struct rt_dump *d, struct sk_buff *skb,
		       struct netlink_callback *cb)
{
	nvsw_nl_switch_put(d->sw);
	rtnl_unlock();
	cb->args[0] = d->idx;
	return skb->len;
}

/* One vsubnet or customer route (pos in rd's list of them) of a dump. */
static int rt_dump_fill(struct sk_buff *skb, u8 cmd,
			const struct nvsw_rdom *rd, const struct list_head *pos)
{
	if (cmd == NVSW_CMD_VSUBNET_GET)
		return nvsw_nl_fill_vsubnet(skb, list_entry(pos,
							    struct nvsw_vsubnet,
							    rd_node));
	return nvsw_nl_fill_croute(skb, rd, list_entry(pos, struct nvsw_croute,
						       node));
}

/* The vsubnets or the customer routes of every (or one) routing domain. */
static int rt_dump(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd)
{
	struct list_head *pos;
	struct nvsw_rdom *rd;
	struct rt_dump d;
	int err;

	err = rt_dump_begin(&d, skb, cb);
	if (err)
		return err;
	list_for_each_entry(rd, &d.sw->rdoms, node) {
		if (d.rdid && rd->rdid != d.rdid)
			continue;
		list_for_each(pos, cmd == NVSW_CMD_VSUBNET_GET ?
				   &rd->vsubnets : &rd->routes) {
			void *hdr;

			if (d.idx < d.skip) {
				d.idx++;
				continue;
			}
			hdr = nvsw_nl_header(skb, NETLINK_CB(cb->skb).portid,
					     cb->nlh->nlmsg_seq, NLM_F_MULTI,
					     cmd, d.sw);
			if (!hdr)
				goto out;
			if (rt_dump_fill(skb, cmd, rd, pos)) {
				genlmsg_cancel(skb, hdr);
				goto out;
			}
			genlmsg_end(skb, hdr);
			d.idx++;
		}
	}
out:
	return rt_dump_end(&d, skb, cb);
}

int nvsw_nl_vsubnet_get_dumpit(struct sk_buff *skb,
			       struct netlink_callback *cb)
{
	return rt_dump(skb, cb, NVSW_CMD_VSUBNET_GET);
}

/* Customer routes */

static int get_croute_key(struct genl_info *info, struct nvsw_croute_key *key)
{
	struct nlattr *nh = info->attrs[NVSW_A_NEXTHOP_IPV4];
	int err;

	err = get_rdid(info, &key->rdid);
	if (err)
		return err;
	key->vsid = 0;
	if (info->attrs[NVSW_A_VSID]) {
		err = nvsw_nl_get_vsid(info, &key->vsid);
		if (err)
			return err;
	}
	err = get_prefix(info, &key->prefix);
	if (err)
		return err;
	if (NVSW_NL_REQUIRE(info, NVSW_A_NEXTHOP_IPV4))
		return -EINVAL;
	key->nexthop = nla_get_in_addr(nh);
	if (ipv4_is_zeronet(key->nexthop) || ipv4_is_multicast(key->nexthop) ||
	    ipv4_is_lbcast(key->nexthop) || ipv4_is_loopback(key->nexthop)) {
		NL_SET_ERR_MSG_ATTR(info->extack, nh,
				    "NVSW_A_NEXTHOP_IPV4 must be a unicast address");
		return -EINVAL;
	}
	return 0;
}

int nvsw_nl_route_doit(struct sk_buff *skb, struct genl_info *info)
{
	bool add = info->genlhdr->cmd == NVSW_CMD_ROUTE_NEW;
	struct nvsw_croute_key key;
	struct nvsw_switch *sw;
	u32 metric = 0;
	int err;

	err = get_croute_key(info, &key);
	if (err)
		return err;
	if (info->attrs[NVSW_A_METRIC])
		metric = nla_get_u32(info->attrs[NVSW_A_METRIC]);

	rtnl_lock();
	sw = nvsw_nl_switch_get_rtnl(info);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	if (add)
		err = nvsw_croute_add(sw, &key, metric, info->extack);
	else
		err = nvsw_croute_del(sw, &key, info->extack);
	nvsw_nl_switch_put(sw);
out:
	rtnl_unlock();
	return err;
}

int nvsw_nl_route_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return rt_dump(skb, cb, NVSW_CMD_ROUTE_GET);
}
