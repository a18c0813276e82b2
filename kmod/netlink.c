// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "nvswitch": provider addresses, ports, VSIDs,
 * records and counters of the switches in the requester's netns
 * (routing: netlink_route.c). The contract is
 * Documentation/netlink/specs/nvswitch.yaml: a request names its switch at
 * the top and carries its object in one nest. Every rejection says in
 * words what is wrong and names the attribute.
 */
#include <linux/inetdevice.h>
#include <linux/rhashtable.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/sock.h>

#include "bum.h"
#include "compat.h"
#include "record.h"
#include "netlink-gen.h"
#include "netlink.h"
#include "nvswitch.h"
#include "pa.h"
#include "port.h"
#include "port_guard.h"
#include "vsid.h"

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
		NL_SET_ERR_MSG(extack, "Missing the switch: give its ifindex or ifname");
		NL_SET_ERR_ATTR_MISS(extack, NULL, NVSW_A_IFNAME);
		return ERR_PTR(-EINVAL);
	}

	rcu_read_lock();
	if (attr == attrs[NVSW_A_IFINDEX])
		dev = dev_get_by_index_rcu(net, nla_get_u32(attr));
	else
		dev = dev_get_by_name_rcu(net, nla_data(attr));
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "No such switch in this netns");
		err = -ENODEV;
	} else if (!nvsw_is_switch(dev)) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "The device is not an nvswitch");
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
	[NVSW_CMD_PORT_SET] = true,
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

/* NVSW_NL_OBJECT() parses a nest of every object with its own policy. */
static_assert(ARRAY_SIZE(nvswitch_pa_nl_policy) == NVSW_PA_A_MAX + 1);
static_assert(ARRAY_SIZE(nvswitch_port_nl_policy) == NVSW_PORT_A_MAX + 1);
static_assert(ARRAY_SIZE(nvswitch_vsid_nl_policy) == NVSW_VSID_A_MAX + 1);
static_assert(ARRAY_SIZE(nvswitch_record_nl_policy) == NVSW_RECORD_A_MAX + 1);
static_assert(ARRAY_SIZE(nvswitch_vsubnet_nl_policy) == NVSW_VSUBNET_A_MAX + 1);
static_assert(ARRAY_SIZE(nvswitch_route_nl_policy) == NVSW_ROUTE_A_MAX + 1);
static_assert(ARRAY_SIZE(nvswitch_explain_nl_policy) == NVSW_EXPLAIN_A_MAX + 1);

/*
 * The object nest of a request, parsed with its policy into tb (the
 * family's policy already validated it). Without one: an error naming it
 * when it is @required, else an empty tb (a dump with no filter).
 */
int nvsw_nl_object(struct nlattr **attrs, struct netlink_ext_ack *extack,
		   int type, const struct nla_policy *policy,
		   unsigned int maxtype, struct nlattr **tb, bool required)
{
	struct nlattr *nest = attrs[type];

	if (nest)
		return nla_parse_nested(tb, maxtype, nest, policy, extack);
	memset(tb, 0, sizeof(*tb) * (maxtype + 1));
	if (!required)
		return 0;
	NL_SET_ERR_MSG(extack, "Missing the object the command is about");
	NL_SET_ERR_ATTR_MISS(extack, NULL, type);
	return -EINVAL;
}

/*
 * An address of either family, 16 bytes (the policy's exact length), an
 * IPv4 one IPv4-mapped.
 */
void nvsw_nl_get_addr(const struct nlattr *attr, struct in6_addr *addr)
{
	*addr = nla_get_in6_addr(attr);
}

/* Switches */

static int fill_switch(struct sk_buff *skb, struct nvsw_switch *sw, u32 portid,
		       u32 seq, int flags)
{
	void *hdr;

	hdr = nvsw_nl_header(skb, portid, seq, flags, NVSW_CMD_SWITCH_GET, sw);
	if (!hdr)
		return -EMSGSIZE;
	if (nvsw_nl_fill_switch(skb, sw, true)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

int nvswitch_nl_switch_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	err = fill_switch(msg, nvsw_nl_switch(info), info->snd_portid,
			  info->snd_seq, 0);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
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

/*
 * Replies to a request with one message of cmd: what fill() adds for the
 * switch the request names (fill() parses the object the request names),
 * or fill()'s error, with its extack message.
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

/*
 * Dumps of a switch's short lists (PAs, ports, VSIDs, vsubnets, routes):
 * every call takes RTNL, which every change of them holds, finds the
 * switch again, and resumes by position (cb->args[0]). The request's
 * object nest, if any, is d->filter, parsed by the walk.
 */
int nvsw_list_dump(struct sk_buff *skb, struct netlink_callback *cb,
		   int (*walk)(struct nvsw_list_dump *d))
{
	struct nvsw_list_dump d = {
		.skip = cb->args[0],
		.skb = skb,
		.cb = cb,
	};
	int err;

	rtnl_lock();
	d.sw = switch_get(sock_net(skb->sk), nvsw_dump_attrs(cb), cb->extack);
	if (IS_ERR(d.sw)) {
		rtnl_unlock();
		return PTR_ERR(d.sw);
	}
	err = walk(&d);	/* -EMSGSIZE: the next call resumes at d.idx */
	switch_put(d.sw);
	rtnl_unlock();
	if (err && err != -EMSGSIZE)
		return err;
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

/* Provider addresses */

/*
 * The PA of a pa nest: a unicast address that can name a host
 * (nvsw_pa_valid()), IPv4-mapped when it is IPv4.
 */
static int get_pa(struct nlattr *attr, struct netlink_ext_ack *extack,
		  struct in6_addr *pa)
{
	nvsw_nl_get_addr(attr, pa);
	if (nvsw_pa_valid(pa))
		return 0;
	if (ipv6_addr_v4mapped(pa))
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "A provider address must be a unicast address");
	else
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "An IPv6 provider address must be global unicast: not link-local, multicast or loopback");
	return -EINVAL;
}

/* The PA a pa-new, pa-del or pa-get names. */
static int pa_request(struct genl_info *info, struct nlattr **attr,
		      struct in6_addr *pa)
{
	struct nlattr *tb[NVSW_PA_A_MAX + 1];
	int err;

	err = NVSW_NL_REQUEST(info, PA, pa, tb, NVSW_PA_A_ADDR,
			      "the provider address");
	if (err)
		return err;
	*attr = tb[NVSW_PA_A_ADDR];
	return get_pa(*attr, info->extack, pa);
}

/* pa-new and pa-del: change() with the PA, the error pointing at it. */
static int pa_change(struct genl_info *info,
		     int (*change)(struct nvsw_switch *sw,
				   const struct in6_addr *addr,
				   struct netlink_ext_ack *extack))
{
	struct in6_addr addr;
	struct nlattr *attr;
	int err;

	err = pa_request(info, &attr, &addr);
	if (err)
		return err;
	err = change(nvsw_nl_switch(info), &addr, info->extack);
	if (err)
		NL_SET_BAD_ATTR(info->extack, attr);
	return err;
}

int nvswitch_nl_pa_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	return pa_change(info, nvsw_pa_add);
}

int nvswitch_nl_pa_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	return pa_change(info, nvsw_pa_del);
}

/* Under RTNL. */
static int fill_pa(struct sk_buff *msg, struct genl_info *info,
		   struct nvsw_switch *sw)
{
	struct in6_addr addr;
	struct nlattr *attr;
	struct nvsw_pa *pa;
	int err;

	err = pa_request(info, &attr, &addr);
	if (err)
		return err;
	pa = nvsw_pa_of(sw, &addr, info->extack);
	if (!pa) {
		NL_SET_BAD_ATTR(info->extack, attr);
		return -ENOENT;
	}
	return nvsw_nl_fill_pa(msg, &pa->addr);
}

int nvswitch_nl_pa_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return nvsw_nl_reply(info, NVSW_CMD_PA_GET, fill_pa);
}

static int dump_pa(struct sk_buff *skb, const struct nvsw_list_dump *d,
		   const void *pa)
{
	return nvsw_nl_fill_pa(skb, &((const struct nvsw_pa *)pa)->addr);
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

/* A MAC a VM may have: unicast and not all zero. */
static int check_mac(struct nlattr *attr, struct netlink_ext_ack *extack)
{
	if (is_valid_ether_addr(nla_data(attr)))
		return 0;
	NL_SET_ERR_MSG_ATTR(extack, attr,
			    "The MAC address must be unicast and not all zero");
	return -EADDRNOTAVAIL;
}

/*
 * The guards a port nest sets: *mask those it names, the result those of
 * them on (NVSW_GUARD_*); the policy keeps each value to 0 or 1.
 */
static u8 port_guards(struct nlattr **tb, u8 *mask)
{
	static const struct {
		int type;
		u8 guard;
	} attrs[] = {
		{ NVSW_PORT_A_DHCP_GUARD, NVSW_GUARD_DHCP },
		{ NVSW_PORT_A_ROUTER_GUARD, NVSW_GUARD_ROUTER },
	};
	unsigned int i;
	u8 guards = 0;

	*mask = 0;
	for (i = 0; i < ARRAY_SIZE(attrs); i++) {
		if (!tb[attrs[i].type])
			continue;
		*mask |= attrs[i].guard;
		if (nla_get_u8(tb[attrs[i].type]))
			guards |= attrs[i].guard;
	}
	return guards;
}

/*
 * An internal port is the host's own device, not a tenant's: the host
 * filters what it sends there itself (netfilter), and a gateway host's
 * DHCP server or router speaks on it on purpose. Its guards stay off.
 */
static int internal_no_guards(struct genl_info *info, struct nlattr **tb)
{
	u8 mask, guards = port_guards(tb, &mask);

	if (!guards)
		return 0;
	NL_SET_ERR_MSG_ATTR(info->extack,
			    tb[guards & NVSW_GUARD_DHCP ? NVSW_PORT_A_DHCP_GUARD :
						       NVSW_PORT_A_ROUTER_GUARD],
			    "An internal port is the host's own: its DHCP and router guards stay off");
	return -EINVAL;
}

/* port-new with internal: the switch makes the port's netdev. */
static int port_new_internal(struct genl_info *info, struct nlattr **tb)
{
	struct nlattr *name = tb[NVSW_PORT_A_IFNAME];
	struct nlattr *pin = tb[NVSW_PORT_A_PIN];
	u32 vsid;
	int err;

	err = internal_no_guards(info, tb);
	if (err)
		return err;
	if (tb[NVSW_PORT_A_IFINDEX]) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[NVSW_PORT_A_IFINDEX],
				    "An internal port is a new device: name it with ifname, not an existing ifindex");
		return -EINVAL;
	}
	if (NVSW_NL_NEED(info, PORT, tb, NVSW_PORT_A_IFNAME,
			 "the name of the internal port's device") ||
	    NVSW_NL_NEED(info, PORT, tb, NVSW_PORT_A_VSID, "the port's VSID"))
		return -EINVAL;
	vsid = nla_get_u32(tb[NVSW_PORT_A_VSID]);	/* in range: policy */
	if (pin) {
		err = check_mac(pin, info->extack);
		if (err)
			return err;
	}
	err = nvsw_internal_add(nvsw_nl_switch(info), nla_data(name),
				pin ? nla_data(pin) : NULL, vsid, info->extack);
	if (err)
		NL_SET_BAD_ATTR(info->extack, name);
	return err;
}

/*
 * The device a port nest names, by ifindex or (attached ports) ifname, in
 * the switch's netns, under RTNL; *attr: the attribute that named it.
 */
static struct net_device *port_dev(struct genl_info *info, struct nlattr **tb,
				   struct nlattr **attr)
{
	struct net *net = dev_net(nvsw_nl_switch(info)->dev);
	struct net_device *dev;

	*attr = tb[NVSW_PORT_A_IFINDEX] ?: tb[NVSW_PORT_A_IFNAME];
	if (!*attr) {
		NL_SET_ERR_MSG(info->extack,
			       "Missing the port: give its device's ifindex or ifname");
		NL_SET_ERR_ATTR_MISS(info->extack, info->attrs[NVSW_A_PORT],
				     NVSW_PORT_A_IFINDEX);
		return ERR_PTR(-EINVAL);
	}
	if (*attr == tb[NVSW_PORT_A_IFINDEX])
		dev = __dev_get_by_index(net, nla_get_u32(*attr));
	else
		dev = __dev_get_by_name(net, nla_data(*attr));
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(info->extack, *attr,
				    "No such device in the switch's netns");
		return ERR_PTR(-ENODEV);
	}
	return dev;
}

int nvswitch_nl_port_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[NVSW_PORT_A_MAX + 1];
	struct nlattr *pin, *attr;
	struct net_device *dev;
	u8 guards, mask;
	u32 vsid;
	int err;

	err = NVSW_NL_OBJECT(info->attrs, info->extack, PORT, port, tb, true);
	if (err)
		return err;
	if (tb[NVSW_PORT_A_INTERNAL])
		return port_new_internal(info, tb);
	guards = port_guards(tb, &mask);
	if (NVSW_NL_NEED(info, PORT, tb, NVSW_PORT_A_VSID, "the port's VSID"))
		return -EINVAL;
	vsid = nla_get_u32(tb[NVSW_PORT_A_VSID]);	/* in range: policy */
	pin = tb[NVSW_PORT_A_PIN];
	if (pin) {
		err = check_mac(pin, info->extack);
		if (err)
			return err;
	}
	dev = port_dev(info, tb, &attr);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	err = nvsw_port_add(nvsw_nl_switch(info), dev, vsid,
			    pin ? nla_data(pin) : NULL, guards, info->extack);
	if (err)
		NL_SET_BAD_ATTR(info->extack, err == -EADDRINUSE ? pin : attr);
	return err;
}

/* The port of this switch that a parsed port nest (tb) names. */
static struct nvsw_port *port_of_request(struct genl_info *info,
					 struct nlattr **tb)
{
	struct nvsw_port *port;
	struct net_device *dev;
	struct nlattr *attr;

	dev = port_dev(info, tb, &attr);
	if (IS_ERR(dev))
		return ERR_CAST(dev);
	port = nvsw_port_of_switch(nvsw_nl_switch(info), dev, info->extack);
	if (!port) {
		NL_SET_BAD_ATTR(info->extack, attr);
		return ERR_PTR(-ENOENT);
	}
	return port;
}

int nvswitch_nl_port_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[NVSW_PORT_A_MAX + 1];
	struct net_device *dev;
	struct nlattr *attr;
	int err;

	err = NVSW_NL_OBJECT(info->attrs, info->extack, PORT, port, tb, true);
	if (err)
		return err;
	dev = port_dev(info, tb, &attr);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	err = nvsw_port_del(nvsw_nl_switch(info), dev, info->extack);
	if (err)
		NL_SET_BAD_ATTR(info->extack, attr);
	return err;
}

/*
 * port-set: the guards the request names change, the others stay. What
 * port-new fixed for the port's life (VSID, pin, internal) is refused, so
 * that a request never half succeeds.
 */
int nvswitch_nl_port_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	static const int fixed[] = {
		NVSW_PORT_A_VSID, NVSW_PORT_A_PIN, NVSW_PORT_A_INTERNAL,
	};
	struct nlattr *tb[NVSW_PORT_A_MAX + 1];
	struct nvsw_port *port;
	unsigned int i;
	u8 guards, mask;
	int err;

	err = NVSW_NL_OBJECT(info->attrs, info->extack, PORT, port, tb, true);
	if (err)
		return err;
	for (i = 0; i < ARRAY_SIZE(fixed); i++) {
		if (!tb[fixed[i]])
			continue;
		NL_SET_ERR_MSG_ATTR(info->extack, tb[fixed[i]],
				    "A port's VSID, pin and kind are set when it is added: delete it and add it again");
		return -EINVAL;
	}
	guards = port_guards(tb, &mask);
	if (!mask) {
		NL_SET_ERR_MSG(info->extack,
			       "Nothing to set: give the DHCP guard, the router guard or both");
		NL_SET_ERR_ATTR_MISS(info->extack, info->attrs[NVSW_A_PORT],
				     NVSW_PORT_A_DHCP_GUARD);
		return -EINVAL;
	}
	port = port_of_request(info, tb);
	if (IS_ERR(port))
		return PTR_ERR(port);
	if (port->internal) {
		err = internal_no_guards(info, tb);
		if (err)
			return err;
	}
	nvsw_port_set_guards(port, mask, guards);
	return 0;
}

/* Under RTNL. */
static int fill_port(struct sk_buff *msg, struct genl_info *info,
		     struct nvsw_switch *sw)
{
	struct nlattr *tb[NVSW_PORT_A_MAX + 1];
	struct nvsw_port *port;
	int err;

	err = NVSW_NL_OBJECT(info->attrs, info->extack, PORT, port, tb, true);
	if (err)
		return err;
	port = port_of_request(info, tb);
	if (IS_ERR(port))
		return PTR_ERR(port);
	return nvsw_nl_fill_port(msg, port, true);
}

int nvswitch_nl_port_get_doit(struct sk_buff *skb, struct genl_info *info)
{
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

/* Records */

/*
 * A CA is a VM's unicast address: IPv4 not 0.0.0.0/8, multicast, broadcast
 * or loopback; IPv6 not multicast, unspecified or loopback.
 */
static int get_ca(struct nlattr *attr, struct netlink_ext_ack *extack,
		  struct nvsw_ca_key *key)
{
	struct in6_addr ca;

	nvsw_nl_get_addr(attr, &ca);
	if (ipv6_addr_v4mapped(&ca)) {
		key->ca = ca.s6_addr32[3];
		if (!ipv4_is_zeronet(key->ca) && !ipv4_is_multicast(key->ca) &&
		    !ipv4_is_lbcast(key->ca) && !ipv4_is_loopback(key->ca))
			return 0;
	} else {
		key->ca6 = ca;
		if (!ipv6_addr_is_multicast(&ca) && !ipv6_addr_any(&ca) &&
		    !ipv6_addr_loopback(&ca))
			return 0;
	}
	NL_SET_ERR_MSG_ATTR(extack, attr,
			    "A customer address must be unicast (not unspecified, broadcast or loopback)");
	return -EINVAL;
}

/* The record nest of a request, and the (vsid, ca) it names. */
static int record_request(struct genl_info *info, struct nlattr **tb,
			  struct nvsw_ca_key *key)
{
	int err;

	memset(key, 0, sizeof(*key));
	err = NVSW_NL_REQUEST(info, RECORD, record, tb, NVSW_RECORD_A_VSID,
			      "the VSID");
	if (err)
		return err;
	if (NVSW_NL_NEED(info, RECORD, tb, NVSW_RECORD_A_CA,
			 "the customer address"))
		return -EINVAL;
	key->vsid = nla_get_u32(tb[NVSW_RECORD_A_VSID]);	/* in range: policy */
	return get_ca(tb[NVSW_RECORD_A_CA], info->extack, key);
}

/* record-new (create) and record-set (change): the same record, whole. */
static int record_write(struct genl_info *info, u16 nlflags)
{
	struct nlattr *tb[NVSW_RECORD_A_MAX + 1];
	struct nvsw_ca_key key;
	struct in6_addr pa;
	int err;

	err = record_request(info, tb, &key);
	if (err)
		return err;
	if (NVSW_NL_NEED(info, RECORD, tb, NVSW_RECORD_A_MAC,
			 "the VM's MAC address") ||
	    NVSW_NL_NEED(info, RECORD, tb, NVSW_RECORD_A_PA,
			 "the provider address of the VM's host"))
		return -EINVAL;
	err = check_mac(tb[NVSW_RECORD_A_MAC], info->extack);
	if (err)
		return -EINVAL;
	err = get_pa(tb[NVSW_RECORD_A_PA], info->extack, &pa);
	if (err)
		return err;
	return nvsw_record_set(nvsw_nl_switch(info), &key,
			       nla_data(tb[NVSW_RECORD_A_MAC]), &pa, nlflags,
			       info->extack);
}

int nvswitch_nl_record_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	return record_write(info, NLM_F_CREATE | NLM_F_EXCL);
}

int nvswitch_nl_record_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	return record_write(info, NLM_F_REPLACE);
}

int nvswitch_nl_record_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[NVSW_RECORD_A_MAX + 1];
	struct nvsw_ca_key key;
	int err;

	err = record_request(info, tb, &key);
	if (err)
		return err;
	return nvsw_record_del(nvsw_nl_switch(info), &key, info->extack);
}

static int fill_record(struct sk_buff *msg, struct genl_info *info,
		       struct nvsw_switch *sw)
{
	struct nlattr *tb[NVSW_RECORD_A_MAX + 1];
	struct nvsw_record *rec;
	struct nvsw_ca_key key;
	int err;

	err = record_request(info, tb, &key);
	if (err)
		return err;
	mutex_lock(&sw->lock);
	if (key.ca)
		rec = nvsw_record_by_ca(sw, key.vsid, key.ca);
	else
		rec = nvsw_record_by_ca6(sw, key.vsid, &key.ca6);
	if (rec)
		err = nvsw_nl_fill_record(msg, sw, rec);
	mutex_unlock(&sw->lock);
	if (!rec) {
		NL_SET_ERR_MSG(info->extack,
			       "No record for this VSID and CA");
		return -ENOENT;
	}
	return err;
}

int nvswitch_nl_record_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return nvsw_nl_reply(info, NVSW_CMD_RECORD_GET, fill_record);
}

/* Which records a dump or a flush takes: of one VSID, one PA, or both. */
static int get_filter(struct nlattr **attrs, struct netlink_ext_ack *extack,
		      struct nvsw_record_filter *filter)
{
	struct nlattr *tb[NVSW_RECORD_A_MAX + 1];
	int err;

	err = NVSW_NL_OBJECT(attrs, extack, RECORD, record, tb, false);
	if (err)
		return err;
	if (tb[NVSW_RECORD_A_CA] || tb[NVSW_RECORD_A_MAC]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NVSW_RECORD_A_CA] ?:
					    tb[NVSW_RECORD_A_MAC],
				    "Records are selected by VSID and provider address only");
		return -EINVAL;
	}
	filter->vsid = tb[NVSW_RECORD_A_VSID] ?
		       nla_get_u32(tb[NVSW_RECORD_A_VSID]) : 0;
	filter->pa = in6addr_any;
	if (tb[NVSW_RECORD_A_PA])
		return get_pa(tb[NVSW_RECORD_A_PA], extack, &filter->pa);
	return 0;
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

int nvswitch_nl_record_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
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
				     NVSW_CMD_RECORD_GET, sw);
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

int nvswitch_nl_record_flush_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nvsw_switch *sw = nvsw_nl_switch(info);
	struct nvsw_record_filter filter;
	struct sk_buff *msg;
	unsigned int n;
	void *hdr;
	int err;

	err = get_filter(info->attrs, info->extack, &filter);
	if (err)
		return err;
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	n = nvsw_records_flush(sw, &filter);
	hdr = nvsw_nl_header(msg, info->snd_portid, info->snd_seq, 0,
			     NVSW_CMD_RECORD_FLUSH, sw);
	if (!hdr || nla_put_u32(msg, NVSW_A_FLUSHED, n)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* VSIDs */

/* The VSID nest of a vsid-get or vsid-set, and the VSID it names. */
static int vsid_request(struct genl_info *info, struct nlattr **tb, u32 *id)
{
	int err;

	err = NVSW_NL_REQUEST(info, VSID, vsid, tb, NVSW_VSID_A_ID, "the VSID");
	if (!err)
		*id = nla_get_u32(tb[NVSW_VSID_A_ID]);	/* in range: policy */
	return err;
}

/* Under RTNL: a VSID, in use here or not (then the defaults, no counts). */
static int fill_vsid(struct sk_buff *msg, struct genl_info *info,
		     struct nvsw_switch *sw)
{
	struct nlattr *tb[NVSW_VSID_A_MAX + 1];
	u32 id;
	int err;

	err = vsid_request(info, tb, &id);
	if (err)
		return err;

	/* A record change may free it meanwhile, under sw->lock only. */
	mutex_lock(&sw->lock);
	err = nvsw_nl_fill_vsid(msg, id, nvsw_vsid_find(sw, id));
	mutex_unlock(&sw->lock);
	return err;
}

int nvswitch_nl_vsid_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return nvsw_nl_reply(info, NVSW_CMD_VSID_GET, fill_vsid);
}

static int dump_vsid(struct sk_buff *skb, const struct nvsw_list_dump *d,
		     const void *obj)
{
	const struct nvsw_vsid *vsid = obj;

	return nvsw_nl_fill_vsid(skb, vsid->id, vsid);
}

/* Every VSID in use here, in one pass over the switch's VSIDs. */
static int walk_vsids(struct nvsw_list_dump *d)
{
	struct rhashtable_iter iter;
	struct nvsw_vsid *vsid;
	int err = 0;

	mutex_lock(&d->sw->lock);
	rhashtable_walk_enter(&d->sw->vsids, &iter);
	rhashtable_walk_start(&iter);
	while ((vsid = rhashtable_walk_next(&iter))) {
		if (IS_ERR(vsid))
			continue;	/* -EAGAIN: resized, walking on */
		err = nvsw_list_dump_one(d, NVSW_CMD_VSID_GET, dump_vsid, vsid);
		if (err)
			break;
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
	mutex_unlock(&d->sw->lock);
	return err;
}

int nvswitch_nl_vsid_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return nvsw_list_dump(skb, cb, walk_vsids);
}

/* A VSID's BUM mode and rate, kept whether or not it has ports here. */
int nvswitch_nl_vsid_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[NVSW_VSID_A_MAX + 1];
	struct nlattr *mode, *rate;
	u32 vsid;
	int err;

	err = vsid_request(info, tb, &vsid);
	if (err)
		return err;
	mode = tb[NVSW_VSID_A_BUM_MODE];
	rate = tb[NVSW_VSID_A_BUM_RATE];
	if (!mode && !rate) {
		NL_SET_ERR_MSG(info->extack,
			       "Nothing to set: give the BUM mode, the BUM rate or both");
		NL_SET_ERR_ATTR_MISS(info->extack, info->attrs[NVSW_A_VSID],
				     NVSW_VSID_A_BUM_MODE);
		return -EINVAL;
	}
	return nvsw_bum_set(nvsw_nl_switch(info), vsid,
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
	 * Every command is new: strict attribute validation, and no
	 * rtnetlink flags (NLM_F_CREATE, NLM_F_REPLACE, ...) taken.
	 */
	.resv_start_op = 0,
};

int nvsw_genl_init(void)
{
	return genl_register_family(&nvsw_genl_family);
}

void nvsw_genl_exit(void)
{
	genl_unregister_family(&nvsw_genl_family);
}
