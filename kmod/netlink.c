// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "nvswitch": provider addresses, ports, lookup
 * records and counters of the switches in the requester's netns. The
 * contract is include/uapi/linux/nvswitch.h. Every rejection says which
 * attribute is wrong.
 */
#include <linux/inetdevice.h>
#include <linux/rhashtable.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/sock.h>

#include "bum.h"
#include "compat.h"
#include "lookup.h"
#include "netlink-gen.h"
#include "netlink.h"
#include "nvswitch.h"
#include "pa.h"
#include "port.h"
#include "vnet.h"

/*
 * The switch a request names, in the requester's netns, with a reference.
 * Callers that need it registered (not being deleted) check under RTNL.
 */
static struct nvsw_switch *switch_get(struct net *net, struct nlattr **attrs,
				      struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	struct nlattr *attr;
	int err = 0;

	attr = attrs[NVSW_A_IFINDEX];
	if (!attr)
		attr = attrs[NVSW_A_IFNAME];
	if (!attr) {
		NL_SET_ERR_MSG(extack,
			       "Missing the switch: give its name or ifindex");
		NL_SET_ERR_ATTR_MISS(extack, NULL, NVSW_A_IFNAME);
		return ERR_PTR(-EINVAL);
	}

	rcu_read_lock();
	if (attr == attrs[NVSW_A_IFINDEX])
		dev = dev_get_by_index_rcu(net, nla_get_u32(attr));
	else
		dev = dev_get_by_name_rcu(net, nla_data(attr));
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "No such device in this netns");
		err = -ENODEV;
	} else if (!nvsw_is_switch(dev)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "The device is not an nvswitch");
		err = -EOPNOTSUPP;
	} else {
		dev_hold(dev);
	}
	rcu_read_unlock();
	if (err)
		return ERR_PTR(err);
	return netdev_priv(dev);
}

static void switch_put(struct nvsw_switch *sw)
{
	dev_put(sw->dev);
}

/*
 * Every request names a switch: nvsw_nl_pre_doit() resolves it once, into
 * info->user_ptr[0] (nvsw_nl_switch()), with a reference that
 * nvsw_nl_post_doit() drops. Commands on what RTNL guards (PAs, ports,
 * vnets, vsubnets, routes) run under it, and only while the switch is
 * registered; records, counters and BUM settings have sw->lock instead.
 * ynl-gen's genl_small_ops carry no internal flags, hence this table.
 */
static const bool cmd_takes_rtnl[NVSW_CMD_MAX + 1] = {
	[NVSW_CMD_SWITCH_GET] = true,
	[NVSW_CMD_PA_NEW] = true,
	[NVSW_CMD_PA_DEL] = true,
	[NVSW_CMD_PA_GET] = true,
	[NVSW_CMD_PORT_NEW] = true,
	[NVSW_CMD_PORT_DEL] = true,
	[NVSW_CMD_PORT_GET] = true,
	[NVSW_CMD_VSID_GET] = true,
	[NVSW_CMD_VSUBNET_NEW] = true,
	[NVSW_CMD_VSUBNET_DEL] = true,
	[NVSW_CMD_VSUBNET_GET] = true,
	[NVSW_CMD_ROUTE_NEW] = true,
	[NVSW_CMD_ROUTE_DEL] = true,
};

static int nvsw_nl_pre_doit(const struct nvsw_genl_doit_ops *ops,
			    struct sk_buff *skb, struct genl_info *info)
{
	bool rtnl = cmd_takes_rtnl[ops->cmd];
	struct nvsw_switch *sw;

	if (rtnl)
		rtnl_lock();
	sw = switch_get(genl_info_net(info), info->attrs, info->extack);
	if (!IS_ERR(sw) && rtnl && sw->dev->reg_state != NETREG_REGISTERED) {
		switch_put(sw);
		NL_SET_ERR_MSG(info->extack, "The switch is being deleted");
		sw = ERR_PTR(-ENODEV);
	}
	if (IS_ERR(sw)) {
		if (rtnl)
			rtnl_unlock();
		return PTR_ERR(sw);
	}
	info->user_ptr[0] = sw;
	return 0;
}

static void nvsw_nl_post_doit(const struct nvsw_genl_doit_ops *ops,
			      struct sk_buff *skb, struct genl_info *info)
{
	switch_put(info->user_ptr[0]);
	if (cmd_takes_rtnl[ops->cmd])
		rtnl_unlock();
}

int nvsw_nl_get_vsid(struct genl_info *info, u32 *vsid)
{
	struct nlattr *attr = info->attrs[NVSW_A_VSID];

	if (NVSW_NL_REQUIRE(info, NVSW_A_VSID, "the VSID"))
		return -EINVAL;
	/* The policy keeps it in NVSWITCH_VSID_MIN..NVSWITCH_VSID_MAX. */
	*vsid = nla_get_u32(attr);
	return 0;
}

static int get_ca_ipv4(struct genl_info *info, __be32 *addr)
{
	struct nlattr *attr = info->attrs[NVSW_A_CA_IPV4];

	*addr = nla_get_in_addr(attr);
	if (ipv4_is_zeronet(*addr) || ipv4_is_multicast(*addr) ||
	    ipv4_is_lbcast(*addr) || ipv4_is_loopback(*addr)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "The IPv4 CA must be a unicast address");
		return -EINVAL;
	}
	return 0;
}

/* The PA attribute of a request, whichever family it is. */
static struct nlattr *pa_attr(struct nlattr **attrs)
{
	return attrs[NVSW_A_PA_IPV4] ?: attrs[NVSW_A_PA_IPV6];
}

/*
 * The PA of a request: NVSW_A_PA_IPV4 or NVSW_A_PA_IPV6, not both, a
 * unicast address that can name a host (nvsw_pa_valid()), IPv4 mapped.
 * -ENOENT, with no message, when there is neither.
 */
static int get_pa(struct nlattr **attrs, struct netlink_ext_ack *extack,
		  struct in6_addr *pa)
{
	struct nlattr *v4 = attrs[NVSW_A_PA_IPV4];
	struct nlattr *v6 = attrs[NVSW_A_PA_IPV6];

	if (v4 && v6) {
		NL_SET_ERR_MSG_ATTR(extack, v6,
				    "One PA per request: IPv4 or IPv6, not both");
		return -EINVAL;
	}
	if (v4)
		nvsw_pa_set_ipv4(pa, nla_get_in_addr(v4));
	else if (v6)
		*pa = nla_get_in6_addr(v6);
	else
		return -ENOENT;
	/* An IPv4-mapped NVSW_A_PA_IPV6 would pass for an IPv4 PA. */
	if (nvsw_pa_valid(pa) && (v4 || !nvsw_pa_is_ipv4(pa)))
		return 0;
	if (v4)
		NL_SET_ERR_MSG_ATTR(extack, v4,
				    "The IPv4 PA must be a unicast address");
	else
		NL_SET_ERR_MSG_ATTR(extack, v6,
				    "The IPv6 PA must be a global unicast address: not link-local, multicast, loopback or IPv4-mapped");
	return -EINVAL;
}

static int require_pa(struct genl_info *info, struct in6_addr *pa)
{
	int err = get_pa(info->attrs, info->extack, pa);

	if (err != -ENOENT)
		return err;
	NL_SET_ERR_MSG(info->extack, "Missing the PA (IPv4 or IPv6)");
	NL_SET_ERR_ATTR_MISS(info->extack, NULL, NVSW_A_PA_IPV4);
	return -EINVAL;
}

/*
 * Replies to a request with one message of cmd: what fill() adds for the
 * switch the request names, or fill()'s error, with its extack message.
 */
int nvsw_nl_reply(struct genl_info *info, u8 cmd,
		  int (*fill)(struct sk_buff *msg, struct genl_info *info,
			      struct nvsw_switch *sw))
{
	struct nvsw_switch *sw = nvsw_nl_switch(info);
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = nvsw_nl_header(msg, info->snd_portid, info->snd_seq, 0, cmd, sw);
	if (!hdr) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	err = fill(msg, info, sw);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* Switches */

static int fill_switch(struct sk_buff *skb, struct nvsw_switch *sw, u32 portid,
		       u32 seq, int flags)
{
	void *hdr;

	hdr = nvsw_nl_header(skb, portid, seq, flags, NVSW_CMD_SWITCH_GET, sw);
	if (!hdr)
		return -EMSGSIZE;
	if (nvsw_nl_fill_switch(skb, sw)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int reply_switch(struct sk_buff *msg, struct genl_info *info,
			struct nvsw_switch *sw)
{
	return nvsw_nl_fill_switch(msg, sw);
}

int nvswitch_nl_switch_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return nvsw_nl_reply(info, NVSW_CMD_SWITCH_GET, reply_switch);
}

int nvswitch_nl_switch_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nvsw_net *nn = nvsw_net(sock_net(skb->sk));
	long idx = 0, skip = cb->args[0];
	struct nvsw_switch *sw;

	rtnl_lock();
	list_for_each_entry(sw, &nn->switches, node) {
		if (idx++ < skip)
			continue;
		if (fill_switch(skb, sw, NETLINK_CB(cb->skb).portid,
				cb->nlh->nlmsg_seq, NLM_F_MULTI)) {
			idx--;
			break;
		}
	}
	rtnl_unlock();
	cb->args[0] = idx;
	return skb->len;
}

/* Provider addresses */

static int pa_change(struct genl_info *info, bool add)
{
	struct nvsw_switch *sw = nvsw_nl_switch(info);
	struct in6_addr addr;
	int err;

	err = require_pa(info, &addr);
	if (err)
		return err;
	if (add)
		err = nvsw_pa_add(sw, &addr, info->extack);
	else
		err = nvsw_pa_del(sw, &addr, info->extack);
	if (err)
		NL_SET_BAD_ATTR(info->extack, pa_attr(info->attrs));
	return err;
}

int nvswitch_nl_pa_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	return pa_change(info, true);
}

int nvswitch_nl_pa_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	return pa_change(info, false);
}

/* Under RTNL. */
static int fill_pa(struct sk_buff *msg, struct genl_info *info,
		   struct nvsw_switch *sw)
{
	struct in6_addr addr;
	struct nvsw_pa *pa;
	int err;

	err = require_pa(info, &addr);
	if (err)
		return err;
	pa = nvsw_pa_of(sw, &addr, info->extack);
	if (!pa) {
		NL_SET_BAD_ATTR(info->extack, pa_attr(info->attrs));
		return -ENOENT;
	}
	return nvsw_nl_put_pa(msg, &pa->addr);
}

int nvswitch_nl_pa_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return nvsw_nl_reply(info, NVSW_CMD_PA_GET, fill_pa);
}

/*
 * Dumps of a switch's short lists (PAs, ports, VSIDs, vsubnets, routes):
 * every call takes RTNL, which every change of them holds, finds the
 * switch again, and resumes by position (cb->args[0]).
 */
int nvsw_list_dump(struct sk_buff *skb, struct netlink_callback *cb,
		   int (*walk)(struct nvsw_list_dump *d))
{
	struct nvsw_list_dump d = {
		.skip = cb->args[0],
		.skb = skb,
		.cb = cb,
	};

	rtnl_lock();
	d.sw = switch_get(sock_net(skb->sk), nvsw_dump_attrs(cb), cb->extack);
	if (IS_ERR(d.sw)) {
		rtnl_unlock();
		return PTR_ERR(d.sw);
	}
	walk(&d);	/* -EMSGSIZE: the next call resumes at d.idx */
	switch_put(d.sw);
	rtnl_unlock();
	cb->args[0] = d.idx;
	return skb->len;
}

/*
 * The message of the next object, unless an earlier call sent it:
 * -EMSGSIZE when it does not fit, and the dump resumes with it.
 */
int nvsw_list_dump_one(struct nvsw_list_dump *d, u8 cmd,
		       int (*fill)(struct sk_buff *skb,
				   const struct nvsw_list_dump *d,
				   const void *obj),
		       const void *obj)
{
	void *hdr;

	if (d->idx < d->skip) {
		d->idx++;
		return 0;
	}
	hdr = nvsw_nl_header(d->skb, NETLINK_CB(d->cb->skb).portid,
			     d->cb->nlh->nlmsg_seq, NLM_F_MULTI, cmd, d->sw);
	if (!hdr)
		return -EMSGSIZE;
	if (fill(d->skb, d, obj)) {
		genlmsg_cancel(d->skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(d->skb, hdr);
	d->idx++;
	return 0;
}

/*
 * nvsw_list_dump_one() for each object on list, which links them by the
 * list_head at offset in them.
 */
int nvsw_list_dump_each(struct nvsw_list_dump *d, u8 cmd,
			const struct list_head *list, size_t offset,
			int (*fill)(struct sk_buff *skb,
				    const struct nvsw_list_dump *d,
				    const void *obj))
{
	const struct list_head *pos;

	list_for_each(pos, list)
		if (nvsw_list_dump_one(d, cmd, fill, (const char *)pos - offset))
			return -EMSGSIZE;
	return 0;
}

static int dump_pa(struct sk_buff *skb, const struct nvsw_list_dump *d,
		   const void *pa)
{
	return nvsw_nl_put_pa(skb, &((const struct nvsw_pa *)pa)->addr);
}

static int walk_pas(struct nvsw_list_dump *d)
{
	return nvsw_list_dump_each(d, NVSW_CMD_PA_GET, &d->sw->pas,
				   offsetof(struct nvsw_pa, node), dump_pa);
}

int nvswitch_nl_pa_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return nvsw_list_dump(skb, cb, walk_pas);
}

/* Ports */

/* PORT_NEW with PORT_INTERNAL: the switch makes the port's netdev. */
static int port_new_internal(struct genl_info *info)
{
	struct nlattr *name = info->attrs[NVSW_A_PORT_IFNAME];
	struct nlattr *mac = info->attrs[NVSW_A_MAC];
	u32 vsid;
	int err;

	if (info->attrs[NVSW_A_PORT_IFINDEX]) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NVSW_A_PORT_IFINDEX],
				    "An internal port is a new device, named by its name, not an existing device's ifindex");
		return -EINVAL;
	}
	if (NVSW_NL_REQUIRE(info, NVSW_A_PORT_IFNAME, "the internal port's name"))
		return -EINVAL;
	err = nvsw_nl_get_vsid(info, &vsid);
	if (err)
		return err;
	if (mac && !is_valid_ether_addr(nla_data(mac))) {
		NL_SET_ERR_MSG_ATTR(info->extack, mac,
				    "The MAC must be a unicast address");
		return -EADDRNOTAVAIL;
	}
	err = nvsw_internal_add(nvsw_nl_switch(info), nla_data(name),
				mac ? nla_data(mac) : NULL, vsid, info->extack);
	if (err)
		NL_SET_BAD_ATTR(info->extack, name);
	return err;
}

static int port_change(struct genl_info *info, bool add)
{
	struct nlattr *attr = info->attrs[NVSW_A_PORT_IFINDEX];
	struct nlattr *pin = info->attrs[NVSW_A_MAC];
	struct nvsw_switch *sw = nvsw_nl_switch(info);
	struct net_device *dev;
	u32 vsid = 0;
	int err;

	if (add && info->attrs[NVSW_A_PORT_INTERNAL])
		return port_new_internal(info);
	if (info->attrs[NVSW_A_PORT_IFNAME]) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NVSW_A_PORT_IFNAME],
				    "A device name creates an internal port, only when adding one; other ports are named by the ifindex of their device");
		return -EINVAL;
	}
	if (pin && add && !is_valid_ether_addr(nla_data(pin))) {
		NL_SET_ERR_MSG_ATTR(info->extack, pin,
				    "The MAC must be a unicast address");
		return -EADDRNOTAVAIL;
	}
	if (NVSW_NL_REQUIRE(info, NVSW_A_PORT_IFINDEX, "the port's device"))
		return -EINVAL;
	if (add) {
		err = nvsw_nl_get_vsid(info, &vsid);
		if (err)
			return err;
	}
	dev = __dev_get_by_index(dev_net(sw->dev), nla_get_u32(attr));
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "No such device in this netns");
		return -ENODEV;
	}
	if (add)
		err = nvsw_port_add(sw, dev, vsid, pin ? nla_data(pin) : NULL,
				    info->extack);
	else
		err = nvsw_port_del(sw, dev, info->extack);
	if (err)
		NL_SET_BAD_ATTR(info->extack, err == -EADDRINUSE ? pin : attr);
	return err;
}

int nvswitch_nl_port_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	return port_change(info, true);
}

int nvswitch_nl_port_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	return port_change(info, false);
}

/* Under RTNL. */
static int fill_port(struct sk_buff *msg, struct genl_info *info,
		     struct nvsw_switch *sw)
{
	struct nlattr *attr = info->attrs[NVSW_A_PORT_IFINDEX];
	struct nvsw_port *port = NULL;
	struct net_device *dev;

	dev = __dev_get_by_index(dev_net(sw->dev), nla_get_u32(attr));
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "No such device in this netns");
		return -ENODEV;
	}
	port = nvsw_port_of(dev);
	if (!port || port->sw != sw) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "The device is not a port of this switch");
		return -ENOENT;
	}
	return nvsw_nl_fill_port(msg, port, true);
}

int nvswitch_nl_port_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	if (NVSW_NL_REQUIRE(info, NVSW_A_PORT_IFINDEX, "the port's device"))
		return -EINVAL;
	return nvsw_nl_reply(info, NVSW_CMD_PORT_GET, fill_port);
}

static int dump_port(struct sk_buff *skb, const struct nvsw_list_dump *d,
		     const void *port)
{
	return nvsw_nl_fill_port(skb, port, true);
}

static int walk_ports(struct nvsw_list_dump *d)
{
	return nvsw_list_dump_each(d, NVSW_CMD_PORT_GET, &d->sw->ports,
				   offsetof(struct nvsw_port, node), dump_port);
}

int nvswitch_nl_port_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return nvsw_list_dump(skb, cb, walk_ports);
}

/* Lookup records */

/*
 * An IPv6 CA is a VM's unicast address: not multicast, unspecified,
 * loopback, or IPv4-mapped (an IPv4 CA is NVSW_A_CA_IPV4).
 */
static int get_ca_ipv6(struct genl_info *info, struct in6_addr *ca)
{
	struct nlattr *attr = info->attrs[NVSW_A_CA_IPV6];

	*ca = nla_get_in6_addr(attr);
	if (ipv6_addr_is_multicast(ca) || ipv6_addr_any(ca) ||
	    ipv6_addr_loopback(ca) || ipv6_addr_v4mapped(ca)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "The IPv6 CA must be a unicast address (not unspecified, loopback or v4-mapped)");
		return -EINVAL;
	}
	return 0;
}

/* The CA is NVSW_A_CA_IPV4 or NVSW_A_CA_IPV6, exactly one of them. */
static int get_ca_key(struct genl_info *info, struct nvsw_ca_key *key)
{
	struct nlattr *ca4 = info->attrs[NVSW_A_CA_IPV4];
	struct nlattr *ca6 = info->attrs[NVSW_A_CA_IPV6];
	int err;

	memset(key, 0, sizeof(*key));
	err = nvsw_nl_get_vsid(info, &key->vsid);
	if (err)
		return err;
	if (ca4 && ca6) {
		NL_SET_ERR_MSG_ATTR(info->extack, ca6,
				    "One CA per request: IPv4 or IPv6, not both");
		return -EINVAL;
	}
	if (ca6)
		return get_ca_ipv6(info, &key->ca6);
	if (!ca4) {
		NL_SET_ERR_MSG(info->extack,
			       "Missing the CA (IPv4 or IPv6)");
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, NVSW_A_CA_IPV4);
		return -EINVAL;
	}
	return get_ca_ipv4(info, &key->ca);
}

int nvswitch_nl_lookup_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nvsw_ca_key key;
	struct in6_addr pa;
	const u8 *mac;
	int err;

	err = get_ca_key(info, &key);
	if (err)
		return err;
	if (NVSW_NL_REQUIRE(info, NVSW_A_MAC, "the MAC"))
		return -EINVAL;
	mac = nla_data(info->attrs[NVSW_A_MAC]);
	if (!is_valid_ether_addr(mac)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NVSW_A_MAC],
				    "The MAC must be a unicast, non-zero address");
		return -EINVAL;
	}
	err = require_pa(info, &pa);
	if (err)
		return err;

	return nvsw_record_set(nvsw_nl_switch(info), &key, mac, &pa,
			       info->nlhdr->nlmsg_flags, info->extack);
}

int nvswitch_nl_lookup_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nvsw_ca_key key;
	int err;

	err = get_ca_key(info, &key);
	if (err)
		return err;
	return nvsw_record_del(nvsw_nl_switch(info), &key, info->extack);
}

/* Under sw->lock, as the record dump: the record may change meanwhile. */
static int fill_record(struct sk_buff *msg, struct genl_info *info,
		       struct nvsw_switch *sw)
{
	struct nvsw_record *rec;
	struct nvsw_ca_key key;
	int err;

	err = get_ca_key(info, &key);
	if (err)
		return err;
	mutex_lock(&sw->lock);
	if (key.ca)
		rec = nvsw_record_by_ca(sw, key.vsid, key.ca);
	else
		rec = nvsw_record_by_ca6(sw, key.vsid, &key.ca6);
	err = rec ? nvsw_nl_fill_record(msg, sw, rec) : -ENOENT;
	mutex_unlock(&sw->lock);
	if (!rec)
		NL_SET_ERR_MSG(info->extack,
			       "No lookup record for this VSID and CA");
	return err;
}

int nvswitch_nl_lookup_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return nvsw_nl_reply(info, NVSW_CMD_LOOKUP_GET, fill_record);
}

static int get_filter(struct nlattr **attrs, struct netlink_ext_ack *extack,
		      struct nvsw_record_filter *filter)
{
	struct nlattr *vsid = attrs[NVSW_A_VSID];
	int err;

	filter->vsid = vsid ? nla_get_u32(vsid) : 0;
	err = get_pa(attrs, extack, &filter->pa);
	if (err == -ENOENT) {
		filter->pa = in6addr_any;
		return 0;
	}
	return err;
}

/*
 * A record dump lists the records in the order they were created, across
 * as many messages as it takes, and holds nothing between two of them: a
 * reader that stops reading must not keep the switch from being deleted.
 * Each call finds the switch again, by the ifindex the first call found,
 * and resumes at the next record id. The generation number tells
 * userspace (NLM_F_DUMP_INTR) that records changed while it dumped.
 */
#define DUMP_IFINDEX	0	/* cb->args[]: the switch, 0 before the first call */
#define DUMP_NEXT_ID	1	/* the record id to resume at */
#define DUMP_END	((unsigned long)U32_MAX + 1)	/* past every id */

static struct nvsw_switch *dump_switch_get(struct netlink_callback *cb)
{
	struct net *net = sock_net(cb->skb->sk);
	struct net_device *dev;

	if (!cb->args[DUMP_IFINDEX])
		return switch_get(net, nvsw_dump_attrs(cb), cb->extack);

	rcu_read_lock();
	dev = dev_get_by_index_rcu(net, cb->args[DUMP_IFINDEX]);
	if (dev && nvsw_is_switch(dev))
		dev_hold(dev);
	else
		dev = NULL;
	rcu_read_unlock();
	if (!dev) {
		NL_SET_ERR_MSG(cb->extack, "The switch was deleted during the dump");
		return ERR_PTR(-ENODEV);
	}
	return netdev_priv(dev);
}

int nvswitch_nl_lookup_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	unsigned long id = cb->args[DUMP_NEXT_ID];
	struct nvsw_record_filter filter;
	struct nvsw_record *rec;
	struct nvsw_switch *sw;
	int err;

	if (id == DUMP_END)
		return 0;
	err = get_filter(nvsw_dump_attrs(cb), cb->extack, &filter);
	if (err)
		return err;
	sw = dump_switch_get(cb);
	if (IS_ERR(sw))
		return PTR_ERR(sw);
	cb->args[DUMP_IFINDEX] = sw->dev->ifindex;

	/* sw->lock keeps the generation still while this message fills. */
	mutex_lock(&sw->lock);
	cb->seq = sw->records_gen;
	xa_for_each_start(&sw->records_by_id, id, rec, id) {
		void *hdr;

		if (!nvsw_record_matches(sw, rec, &filter))
			continue;
		hdr = nvsw_nl_header(skb, NETLINK_CB(cb->skb).portid,
				     cb->nlh->nlmsg_seq, NLM_F_MULTI,
				     NVSW_CMD_LOOKUP_GET, sw);
		if (!hdr)
			goto full;
		genl_dump_check_consistent(cb, hdr);
		if (nvsw_nl_fill_record(skb, sw, rec)) {
			genlmsg_cancel(skb, hdr);
			goto full;
		}
		genlmsg_end(skb, hdr);
	}
	id = DUMP_END;
full:
	cb->args[DUMP_NEXT_ID] = id;
	mutex_unlock(&sw->lock);
	switch_put(sw);
	return skb->len;
}

/* The reply is ready to take the count before anything goes. */
static int flush_records(struct sk_buff *msg, struct genl_info *info,
			 struct nvsw_switch *sw)
{
	struct nvsw_record_filter filter;
	int err;

	err = get_filter(info->attrs, info->extack, &filter);
	if (err)
		return err;
	return nla_put_u32(msg, NVSW_A_FLUSHED, nvsw_records_flush(sw, &filter));
}

int nvswitch_nl_lookup_flush_doit(struct sk_buff *skb, struct genl_info *info)
{
	return nvsw_nl_reply(info, NVSW_CMD_LOOKUP_FLUSH, flush_records);
}

/* Counters */

static int fill_stats(struct sk_buff *msg, struct genl_info *info,
		      struct nvsw_switch *sw)
{
	return nvsw_nl_put_stats(msg, sw->stats);
}

int nvswitch_nl_stats_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return nvsw_nl_reply(info, NVSW_CMD_STATS_GET, fill_stats);
}

/*
 * Virtual subnets with ports or a BUM setting on a switch, and their
 * counters.
 */
static int fill_vsid(struct sk_buff *msg, struct genl_info *info,
		     struct nvsw_switch *sw)
{
	struct nvsw_flood *fl;
	bool known;
	u32 vsid;
	int err;

	err = nvsw_nl_get_vsid(info, &vsid);
	if (err)
		return err;
	rcu_read_lock();
	fl = nvsw_flood_find(sw, vsid);
	known = nvsw_vnet_find(sw, vsid) || (fl && nvsw_flood_is_set(fl));
	rcu_read_unlock();
	if (!known) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NVSW_A_VSID],
				    "The VSID has no port or BUM setting on this switch");
		return -ENOENT;
	}
	/* Under RTNL, which keeps the vnet. */
	return nvsw_nl_fill_vsid(msg, sw, vsid, nvsw_vnet_find(sw, vsid));
}

int nvswitch_nl_vsid_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return nvsw_nl_reply(info, NVSW_CMD_VSID_GET, fill_vsid);
}

static int dump_vnet(struct sk_buff *skb, const struct nvsw_list_dump *d,
		     const void *vnet)
{
	const struct nvsw_vnet *vn = vnet;

	return nvsw_nl_fill_vsid(skb, d->sw, vn->vsid, vn);
}

static int dump_vsid_setting(struct sk_buff *skb,
			     const struct nvsw_list_dump *d, const void *fl)
{
	return nvsw_nl_fill_vsid(skb, d->sw,
				 ((const struct nvsw_flood *)fl)->vsid, NULL);
}

/*
 * After the VSIDs with ports, those with a BUM setting but no port: set
 * ahead of their first port, or kept after their last.
 */
static int vsid_dump_settings(struct nvsw_list_dump *d)
{
	struct rhashtable_iter iter;
	struct nvsw_flood *fl;
	int err = 0;

	mutex_lock(&d->sw->lock);
	rhashtable_walk_enter(&d->sw->floods, &iter);
	rhashtable_walk_start(&iter);
	while ((fl = rhashtable_walk_next(&iter))) {
		if (IS_ERR(fl))
			continue;	/* -EAGAIN: resized, walking on */
		if (nvsw_vnet_find(d->sw, fl->vsid) || !nvsw_flood_is_set(fl))
			continue;
		err = nvsw_list_dump_one(d, NVSW_CMD_VSID_GET,
					 dump_vsid_setting, fl);
		if (err)
			break;
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
	mutex_unlock(&d->sw->lock);
	return err;
}

static int walk_vsids(struct nvsw_list_dump *d)
{
	struct nvsw_port *port;

	/* A vnet is listed once, at its first port in the switch's list. */
	list_for_each_entry(port, &d->sw->ports, node) {
		if (list_first_entry(&port->vnet->ports, struct nvsw_port,
				     vnet_node) != port)
			continue;
		if (nvsw_list_dump_one(d, NVSW_CMD_VSID_GET, dump_vnet,
				       port->vnet))
			return -EMSGSIZE;
	}
	return vsid_dump_settings(d);
}

int nvswitch_nl_vsid_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return nvsw_list_dump(skb, cb, walk_vsids);
}

/* A VSID's BUM mode and rate, kept whether or not it has ports here. */
int nvswitch_nl_vsid_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *mode = info->attrs[NVSW_A_BUM_MODE];
	struct nlattr *rate = info->attrs[NVSW_A_BUM_RATE];
	u32 vsid;
	int err;

	err = nvsw_nl_get_vsid(info, &vsid);
	if (err)
		return err;
	if (!mode && !rate) {
		NL_SET_ERR_MSG(info->extack,
			       "Nothing to set: give a BUM mode or a rate");
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, NVSW_A_BUM_MODE);
		return -EINVAL;
	}
	return nvsw_flood_set(nvsw_nl_switch(info), vsid,
			      mode ? nla_get_u8(mode) : -1,
			      rate ? nla_get_u32(rate) : 0);
}

/* Listening needs CAP_NET_ADMIN as well: records are tenant data. */
static const struct genl_multicast_group nvsw_mcgrps[] = {
	[NVSWITCH_NLGRP_CONFIG] = { .name = NVSW_MCGRP_CONFIG, .flags = GENL_MCAST_CAP_NET_ADMIN },
	[NVSWITCH_NLGRP_MISS] = { .name = NVSW_MCGRP_MISS, .flags = GENL_MCAST_CAP_NET_ADMIN },
};

struct genl_family nvsw_genl_family __ro_after_init = {
	.name = NVSW_GENL_NAME,
	.version = NVSW_GENL_VERSION,
	/* Past the last attribute a request may carry: reply-only ones. */
	.maxattr = ARRAY_SIZE(nvswitch_nvsw_nl_policy) - 1,
	.policy = nvswitch_nvsw_nl_policy,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.small_ops = nvswitch_nl_ops,
	.n_small_ops = ARRAY_SIZE(nvswitch_nl_ops),
	.pre_doit = nvsw_nl_pre_doit,
	.post_doit = nvsw_nl_post_doit,
	.mcgrps = nvsw_mcgrps,
	.n_mcgrps = ARRAY_SIZE(nvsw_mcgrps),
	/*
	 * NEW commands give NLM_F_CREATE, NLM_F_EXCL and NLM_F_REPLACE their
	 * rtnetlink meaning, which genetlink's header check refuses for
	 * commands at or past resv_start_op. Attribute validation stays
	 * strict for all of them (no op sets GENL_DONT_VALIDATE_*).
	 */
	.resv_start_op = __NVSW_CMD_MAX,
};

int nvsw_genl_init(void)
{
	return genl_register_family(&nvsw_genl_family);
}

void nvsw_genl_exit(void)
{
	genl_unregister_family(&nvsw_genl_family);
}
