// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink messages describing nvswitch objects, shared by replies,
 * dumps and notifications so that all three say the same thing.
 */
#include <net/genetlink.h>

#include "bum.h"
#include "drop.h"
#include "limit.h"
#include "lookup.h"
#include "netlink.h"
#include "nvswitch.h"
#include "pa.h"
#include "port.h"
#include "routing.h"
#include "stats.h"
#include "vnet.h"

void *nvsw_nl_header(struct sk_buff *skb, u32 portid, u32 seq, int flags,
		     u8 cmd, const struct nvsw_switch *sw)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &nvsw_genl_family, flags, cmd);
	if (!hdr)
		return NULL;
	if (nla_put_u32(skb, NVSW_A_IFINDEX, sw->dev->ifindex) ||
	    nla_put_string(skb, NVSW_A_IFNAME, sw->dev->name)) {
		genlmsg_cancel(skb, hdr);
		return NULL;
	}
	return hdr;
}

int nvsw_nl_fill_switch(struct sk_buff *skb, const struct nvsw_switch *sw)
{
	if (nla_put_u8(skb, NVSW_A_FLOWID_MODE, READ_ONCE(sw->flowid_mode)) ||
	    nla_put_u32(skb, NVSW_A_MOVE_GRACE_MS,
			READ_ONCE(sw->move_grace_ms)) ||
	    nla_put_u8(skb, NVSW_A_DSCP, READ_ONCE(sw->dscp)) ||
	    nla_put_u32(skb, NVSW_A_DEFAULT_VSID, READ_ONCE(sw->default_vsid)) ||
	    nla_put_u32(skb, NVSW_A_PA_COUNT,
			nvsw_limit_count(sw, NVSW_LIMIT_PAS)) ||
	    nla_put_u32(skb, NVSW_A_PORT_COUNT,
			nvsw_limit_count(sw, NVSW_LIMIT_PORTS)) ||
	    nla_put_u32(skb, NVSW_A_LOOKUP_COUNT,
			nvsw_limit_count(sw, NVSW_LIMIT_RECORDS)) ||
	    nla_put_u32(skb, NVSW_A_VSUBNET_COUNT,
			nvsw_limit_count(sw, NVSW_LIMIT_VSUBNETS)) ||
	    nla_put_u32(skb, NVSW_A_ROUTE_COUNT,
			nvsw_limit_count(sw, NVSW_LIMIT_ROUTES)))
		return -EMSGSIZE;
	return nvsw_limits_fill_genl(skb, sw);
}

static int put_drops(struct sk_buff *skb, const struct nvsw_stats *st)
{
	struct nlattr *nest;
	int i;

	nest = nla_nest_start(skb, NVSW_STATS_A_DROPS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < NVSW_DROP_COUNT; i++)
		if (nla_put_u64_64bit(skb, NVSW_DROP_A_NO_RECORD + i,
				      st->drops[i], NVSW_DROP_A_PAD))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int put_stats(struct sk_buff *skb, const struct nvsw_stats *st);

int nvsw_nl_put_stats(struct sk_buff *skb,
		      struct nvsw_pcpu_stats __percpu *stats)
{
	struct nvsw_stats st;

	nvsw_stats_read(stats, &st);
	return put_stats(skb, &st);
}

static int put_stats(struct sk_buff *skb, const struct nvsw_stats *st)
{
	static const struct {
		u8 packets, bytes;
	} attrs[NVSW_CTR_COUNT] = {
		[NVSW_CTR_TX] = { NVSW_STATS_A_TX_PACKETS, NVSW_STATS_A_TX_BYTES },
		[NVSW_CTR_RX] = { NVSW_STATS_A_RX_PACKETS, NVSW_STATS_A_RX_BYTES },
		[NVSW_CTR_LOCAL] = { NVSW_STATS_A_LOCAL_PACKETS,
				     NVSW_STATS_A_LOCAL_BYTES },
		[NVSW_CTR_ARP] = { NVSW_STATS_A_ARP_REPLIES, 0 },
		[NVSW_CTR_FORWARDED] = { NVSW_STATS_A_FORWARDED_PACKETS,
					 NVSW_STATS_A_FORWARDED_BYTES },
		[NVSW_CTR_ANNOUNCE] = { NVSW_STATS_A_ANNOUNCES, 0 },
		[NVSW_CTR_ROUTED] = { NVSW_STATS_A_ROUTED_PACKETS,
				      NVSW_STATS_A_ROUTED_BYTES },
		[NVSW_CTR_FLOODED] = { NVSW_STATS_A_FLOODED_PACKETS,
				       NVSW_STATS_A_FLOODED_BYTES },
	};
	struct nlattr *nest;
	int i;

	nest = nla_nest_start(skb, NVSW_A_STATS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < NVSW_CTR_COUNT; i++) {
		if (nla_put_u64_64bit(skb, attrs[i].packets, st->packets[i],
				      NVSW_STATS_A_PAD))
			return -EMSGSIZE;
		if (attrs[i].bytes &&
		    nla_put_u64_64bit(skb, attrs[i].bytes, st->bytes[i],
				      NVSW_STATS_A_PAD))
			return -EMSGSIZE;
	}
	if (put_drops(skb, st))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * Under RTNL: a VSID's ports, its BUM setting, and its counters, all zero
 * when it has no port here (vnet NULL).
 */
int nvsw_nl_fill_vsid(struct sk_buff *skb, struct nvsw_switch *sw, u32 vsid,
		      const struct nvsw_vnet *vnet)
{
	u8 mode = NVSW_BUM_DROP;
	u32 rate = NVSWITCH_BUM_RATE_DEFAULT;
	const struct nvsw_flood *fl;
	struct nvsw_stats none = {};

	rcu_read_lock();
	fl = nvsw_flood_find(sw, vsid);
	if (fl) {
		mode = READ_ONCE(fl->mode);
		rate = READ_ONCE(fl->rate);
	}
	rcu_read_unlock();
	if (nla_put_u32(skb, NVSW_A_VSID, vsid) ||
	    nla_put_u32(skb, NVSW_A_PORT_COUNT, vnet ? vnet->n_ports : 0) ||
	    nla_put_u8(skb, NVSW_A_BUM_MODE, mode) ||
	    nla_put_u32(skb, NVSW_A_BUM_RATE, rate))
		return -EMSGSIZE;
	if (vnet)
		return nvsw_nl_put_stats(skb, vnet->stats);
	return put_stats(skb, &none);
}

int nvsw_nl_fill_port(struct sk_buff *skb, const struct nvsw_port *port,
		      bool stats)
{
	if (nla_put_u32(skb, NVSW_A_PORT_IFINDEX, port->dev->ifindex) ||
	    nla_put_string(skb, NVSW_A_PORT_IFNAME, port->dev->name) ||
	    nla_put_u32(skb, NVSW_A_VSID, port->vnet->vsid))
		return -EMSGSIZE;
	if (port->internal && nla_put_flag(skb, NVSW_A_PORT_INTERNAL))
		return -EMSGSIZE;
	if (nvsw_nla_put_mac(skb, NVSW_A_MAC, port->pin) ||
	    nvsw_nla_put_mac(skb, NVSW_A_PORT_MAC, READ_ONCE(port->mac)) ||
	    (stats && nvsw_nl_put_stats(skb, port->stats)))
		return -EMSGSIZE;
	return 0;
}

/* A PA as the attribute of its family. */
int nvsw_nl_put_pa(struct sk_buff *skb, const struct in6_addr *pa)
{
	if (nvsw_pa_is_ipv4(pa))
		return nla_put_in_addr(skb, NVSW_A_PA_IPV4, nvsw_pa_ipv4(pa));
	return nla_put_in6_addr(skb, NVSW_A_PA_IPV6, pa);
}

/* Under sw->lock. */
int nvsw_nl_fill_record(struct sk_buff *skb, const struct nvsw_switch *sw,
			const struct nvsw_record *rec)
{
	if (nla_put_u32(skb, NVSW_A_VSID, nvsw_record_vsid(rec)) ||
	    (nvsw_record_is_ipv6(rec) ?
	     nla_put_in6_addr(skb, NVSW_A_CA_IPV6, nvsw_record_ca6(rec)) :
	     nla_put_in_addr(skb, NVSW_A_CA_IPV4, nvsw_record_ca(rec))) ||
	    nla_put(skb, NVSW_A_MAC, ETH_ALEN, nvsw_record_mac(rec)) ||
	    nvsw_nl_put_pa(skb, nvsw_record_pa(sw, rec)))
		return -EMSGSIZE;
	return 0;
}

/*
 * The prefix of the family ipv6 says, and the address that goes with it
 * (a gateway, a next hop): addr4 as type4 or addr6 as type6.
 */
static int put_prefix_and(struct sk_buff *skb, bool ipv6,
			  const struct nvsw_prefix *p,
			  const struct nvsw_prefix6 *p6, int type4,
			  __be32 addr4, int type6,
			  const struct in6_addr *addr6)
{
	if (ipv6)
		return nla_put_in6_addr(skb, NVSW_A_PREFIX_IPV6, &p6->addr) ?:
		       nla_put_u8(skb, NVSW_A_PREFIX_LEN, p6->len) ?:
		       nla_put_in6_addr(skb, type6, addr6);
	return nla_put_in_addr(skb, NVSW_A_PREFIX_IPV4, p->addr) ?:
	       nla_put_u8(skb, NVSW_A_PREFIX_LEN, p->len) ?:
	       nla_put_in_addr(skb, type4, addr4);
}

/* Under RTNL: one family of a vsubnet, IPv6 or IPv4; a message each. */
int nvsw_nl_fill_vsubnet(struct sk_buff *skb, const struct nvsw_vsubnet *vs,
			 bool ipv6)
{
	if (nla_put_u32(skb, NVSW_A_VSID, vs->vsid) ||
	    nla_put_u32(skb, NVSW_A_RDID, vs->rd->rdid) ||
	    put_prefix_and(skb, ipv6, &vs->prefix, &vs->prefix6,
			   NVSW_A_GATEWAY_IPV4, vs->gateway,
			   NVSW_A_GATEWAY_IPV6, &vs->gateway6))
		return -EMSGSIZE;
	return 0;
}

/* Under RTNL. */
int nvsw_nl_fill_croute(struct sk_buff *skb, const struct nvsw_rdom *rd,
			const struct nvsw_croute *rt)
{
	if (nla_put_u32(skb, NVSW_A_RDID, rd->rdid) ||
	    (rt->vsid && nla_put_u32(skb, NVSW_A_VSID, rt->vsid)) ||
	    put_prefix_and(skb, rt->ipv6, &rt->prefix, &rt->prefix6,
			   NVSW_A_NEXTHOP_IPV4, rt->nexthop,
			   NVSW_A_NEXTHOP_IPV6, &rt->nexthop6) ||
	    nla_put_u32(skb, NVSW_A_METRIC, rt->metric))
		return -EMSGSIZE;
	return 0;
}
