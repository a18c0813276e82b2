// SPDX-License-Identifier: GPL-2.0
/*
 * EXPLAIN: what the datapath would do with a unicast frame that a port's VM
 * sends, told without a packet, as Open vSwitch's ofproto/trace tells it
 * for a flow: the verdict, the record and VSID the frame ends in,
 * the port or PA it goes to, and the MTU on the way.
 *
 * It asks the datapath's own lookups, in the order nvsw_port_input(), the
 * ARP and ND responders, the router and nvsw_encap_xmit() take them, under
 * RCU like they do; it changes nothing a frame would (no counter, claim,
 * miss, notification or token of the BUM limiter). The VM is taken to
 * send from its own MAC and address, as its stack would: anti-spoofing is
 * not evaluated, and an address is reached as the VM reaches it, through
 * the record of that CA in its subnet, else through the gateway.
 */
#include <net/genetlink.h>

#include "bum.h"
#include "datapath.h"
#include "drop.h"
#include "record.h"
#include "netlink-gen.h"
#include "netlink.h"
#include "nvswitch.h"
#include "port.h"
#include "remote.h"
#include "routing.h"
#include "stats.h"
#include "vsid.h"

struct explain {
	struct nvsw_switch *sw;
	struct nvsw_port *port;			/* where the frame enters */
	u32 size;				/* of the IP packet; 0: any */

	u8 verdict;				/* enum nvsw_explain_verdict */
	enum nvsw_drop drop;			/* with NVSW_EXPLAIN_DROP */
	bool routed;
	u32 vsid;				/* where the frame ends */
	bool ipv6;
	__be32 ca;				/* the CA looked up there */
	struct in6_addr ca6;
	const u8 *mac;				/* or the MAC looked up */
	struct nvsw_record *rec;		/* what the lookup found */
	struct nvsw_port *out;			/* delivered to, if one port */
	u32 mtu;				/* 0: none applies */
};

static void drop(struct explain *e, enum nvsw_drop reason)
{
	e->verdict = NVSW_EXPLAIN_DROP;
	e->drop = reason;
}

/* What nvsw_bum_input() would do: replicate, or drop for reason. */
static void flood(struct explain *e, enum nvsw_drop reason)
{
	struct nvsw_vsid *vsid = nvsw_vsid_find(e->sw, e->vsid);

	if (vsid && nvsw_bum_replicates(vsid))
		e->verdict = NVSW_EXPLAIN_FLOOD;
	else
		drop(e, reason);
}

/* nvsw_deliver_local(): the port that learned the MAC, else unlearned ones. */
static void deliver(struct explain *e)
{
	u64 mac = ether_addr_to_u64(nvsw_record_mac(e->rec));
	struct nvsw_vsid *vsid = nvsw_vsid_find(e->sw, e->vsid);
	struct nvsw_port *port;
	bool unlearned = false;

	if (!vsid) {
		drop(e, NVSW_DROP_NO_PORT);
		return;
	}
	list_for_each_entry_rcu(port, &vsid->ports, vsid_node) {
		if (READ_ONCE(port->mac) == mac) {
			e->out = port;
			break;
		}
		if (port != e->port && !READ_ONCE(port->mac))
			unlearned = true;
	}
	if (e->out == e->port || (!e->out && !unlearned)) {
		e->out = NULL;
		drop(e, NVSW_DROP_NO_PORT);
		return;
	}
	e->verdict = NVSW_EXPLAIN_DELIVER;
	if (e->out) {
		e->mtu = READ_ONCE(e->out->dev->mtu);
		if (e->size > e->mtu)
			drop(e, NVSW_DROP_TOO_BIG);
	}
}

/* Where the record found sends the frame: a port here, or its host. */
static void to_record(struct explain *e)
{
	struct nvsw_remote *remote = nvsw_record_remote(e->rec);
	int mtu;

	if (READ_ONCE(remote->local)) {
		deliver(e);
		return;
	}
	e->verdict = NVSW_EXPLAIN_ENCAP;
	mtu = nvsw_encap_mtu(e->sw, remote);
	if (mtu < 0) {
		drop(e, mtu == -EADDRNOTAVAIL ? NVSW_DROP_NO_PA :
						NVSW_DROP_NO_ROUTE);
		return;
	}
	e->mtu = mtu;
	if (e->size > e->mtu)
		drop(e, NVSW_DROP_TOO_BIG);
}

/*
 * The record of e's CA in e->vsid, and where it sends the frame. Without
 * one, a routed frame is dropped; on link, the VM's ARP or ND for it is
 * what the switch floods or drops.
 */
static void to_ca(struct explain *e)
{
	e->rec = e->ipv6 ? nvsw_record_by_ca6(e->sw, e->vsid, &e->ca6) :
			   nvsw_record_by_ca(e->sw, e->vsid, e->ca);
	if (e->rec)
		to_record(e);
	else if (e->routed)
		drop(e, NVSW_DROP_NO_RECORD);
	else
		flood(e, NVSW_DROP_NO_RECORD);
}

/*
 * An address, as the VM's stack and then the switch reach it: off link,
 * or the gateway itself (whose ARP or ND the switch answers with its own
 * MAC), through the gateway MAC and the router's lookup, which leaves in
 * e->ca/ca6 the CA to look up (a customer route's next hop).
 */
static void explain_addr(struct explain *e)
{
	struct nvsw_vsubnet *here = nvsw_vsubnet_find(e->sw, e->vsid);
	struct nvsw_vsubnet *to = NULL;

	if (!e->ipv6 && here && nvsw_vsubnet_has4(here) &&
	    (e->ca == here->gateway || !nvsw_prefix_has(&here->prefix, e->ca))) {
		e->routed = true;
		to = nvsw_route_lookup(here, e->ca, &e->ca);
	} else if (e->ipv6 && here && nvsw_vsubnet_has6(here) &&
		   (ipv6_addr_equal(&e->ca6, &here->gateway6) ||
		    !nvsw_prefix6_has(&here->prefix6, &e->ca6))) {
		const struct in6_addr daddr = e->ca6;

		e->routed = true;
		to = nvsw_route_lookup6(here, &daddr, &e->ca6);
	}
	if (e->routed) {
		if (!to) {
			drop(e, NVSW_DROP_NO_CA_ROUTE);
			return;
		}
		e->vsid = to->vsid;
	}
	to_ca(e);
}

/* A destination MAC, as nvsw_port_input() switches it. */
static void explain_mac(struct explain *e)
{
	if (is_multicast_ether_addr(e->mac)) {
		flood(e, NVSW_DROP_BROADCAST);
		return;
	}
	e->rec = nvsw_record_by_mac(e->sw, e->vsid, e->mac);
	if (!e->rec) {
		flood(e, NVSW_DROP_NO_RECORD);
		return;
	}
	to_record(e);
}

/* The answer, in an explain nest: what the frame would meet. */
static int explain_fill(struct sk_buff *msg, const struct explain *e)
{
	const struct nvsw_remote *remote;
	struct nlattr *nest;

	nest = nla_nest_start(msg, NVSW_A_EXPLAIN);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(msg, NVSW_EXPLAIN_A_VERDICT, e->verdict) ||
	    nla_put_u32(msg, NVSW_EXPLAIN_A_VSID, e->vsid) ||
	    (e->verdict == NVSW_EXPLAIN_DROP &&
	     nla_put_string(msg, NVSW_EXPLAIN_A_DROP,
			    nvsw_drop_reasons[e->drop].name)) ||
	    (e->routed && nla_put_flag(msg, NVSW_EXPLAIN_A_ROUTED)))
		return -EMSGSIZE;
	if (e->mac && !e->rec &&
	    nla_put(msg, NVSW_EXPLAIN_A_MAC, ETH_ALEN, e->mac))
		return -EMSGSIZE;
	if (!e->mac &&
	    (e->ipv6 ? nla_put_in6_addr(msg, NVSW_EXPLAIN_A_CA, &e->ca6) :
		       nvsw_nl_put_addr4(msg, NVSW_EXPLAIN_A_CA, e->ca)))
		return -EMSGSIZE;
	if (e->rec) {
		remote = nvsw_record_remote(e->rec);
		if (nla_put(msg, NVSW_EXPLAIN_A_MAC, ETH_ALEN,
			    nvsw_record_mac(e->rec)) ||
		    (!READ_ONCE(remote->local) &&
		     nvsw_nl_put_addr(msg, NVSW_EXPLAIN_A_PA, &remote->pa)))
			return -EMSGSIZE;
	}
	if (e->out &&
	    nla_put_u32(msg, NVSW_EXPLAIN_A_PORT_IFINDEX, e->out->dev->ifindex))
		return -EMSGSIZE;
	if (e->mtu && nla_put_u32(msg, NVSW_EXPLAIN_A_MTU, e->mtu))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

/* Exactly one destination, a CA or a MAC, into e. */
static int explain_set_dest(struct explain *e, struct genl_info *info,
			    struct nlattr **tb)
{
	struct nlattr *ca = tb[NVSW_EXPLAIN_A_CA];
	struct nlattr *mac = tb[NVSW_EXPLAIN_A_MAC];
	struct in6_addr addr;

	if (ca && mac) {
		NL_SET_ERR_MSG_ATTR(info->extack, mac,
				    "Explain takes one destination: a customer address or a MAC");
		return -EINVAL;
	}
	if (mac) {
		e->mac = nla_data(mac);
		if (!ether_addr_equal(e->mac, e->sw->dev->dev_addr))
			return 0;
		NL_SET_ERR_MSG_ATTR(info->extack, mac,
				    "That is the switch's gateway MAC: a frame to it is routed by its IP destination, explain that one");
		return -EINVAL;
	}
	if (NVSW_NL_NEED(info, EXPLAIN, tb, NVSW_EXPLAIN_A_CA,
			 "the destination: a customer address or a MAC"))
		return -EINVAL;
	nvsw_nl_get_addr(ca, &addr);
	if (ipv6_addr_v4mapped(&addr)) {
		e->ca = addr.s6_addr32[3];
	} else {
		e->ipv6 = true;
		e->ca6 = addr;
	}
	return 0;
}

/* Under RCU: the port of sw that ifindex names. */
static struct nvsw_port *explain_port(struct nvsw_switch *sw,
				      struct genl_info *info,
				      struct nlattr *attr)
{
	struct net_device *dev;
	struct nvsw_port *port;

	dev = dev_get_by_index_rcu(dev_net(sw->dev), nla_get_u32(attr));
	port = nvsw_port_of_switch(sw, dev, info->extack);
	if (!port)
		NL_SET_BAD_ATTR(info->extack, attr);
	return port;
}

static int explain_reply(struct sk_buff *msg, struct genl_info *info,
			 struct nvsw_switch *sw)
{
	struct nlattr *tb[NVSW_EXPLAIN_A_MAX + 1];
	struct explain e = { .sw = sw };
	int err;

	err = NVSW_NL_OBJECT(info->attrs, info->extack, EXPLAIN, explain, tb,
			     true);
	if (err)
		return err;
	if (NVSW_NL_NEED(info, EXPLAIN, tb, NVSW_EXPLAIN_A_PORT_IFINDEX,
			 "the sending port"))
		return -EINVAL;
	err = explain_set_dest(&e, info, tb);
	if (err)
		return err;
	if (tb[NVSW_EXPLAIN_A_SIZE])
		e.size = nla_get_u32(tb[NVSW_EXPLAIN_A_SIZE]);

	rcu_read_lock();
	e.port = explain_port(e.sw, info, tb[NVSW_EXPLAIN_A_PORT_IFINDEX]);
	if (!e.port) {
		rcu_read_unlock();
		return -ENOENT;
	}
	e.vsid = e.port->vsid->id;
	if (!netif_running(e.sw->dev))
		drop(&e, NVSW_DROP_SWITCH_DOWN);
	else if (e.mac)
		explain_mac(&e);
	else
		explain_addr(&e);
	err = explain_fill(msg, &e);
	rcu_read_unlock();
	return err;
}

int nvswitch_nl_explain_doit(struct sk_buff *skb, struct genl_info *info)
{
	return nvsw_nl_reply(info, NVSW_CMD_EXPLAIN, explain_reply);
}
