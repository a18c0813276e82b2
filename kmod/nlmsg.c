// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink messages describing nvswitch objects, shared by replies,
 * dumps and notifications so that all three say the same thing: the
 * switch at the top, the object in one nest of its own set.
 */
#include <net/genetlink.h>

#include "bum.h"
#include "drop.h"
#include "limit.h"
#include "record.h"
#include "netlink.h"
#include "nvswitch.h"
#include "pa.h"
#include "port.h"
#include "port_guard.h"
#include "routing.h"
#include "stats.h"
#include "vsid.h"

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

/* An address of either family: 16 bytes, an IPv4 one IPv4-mapped. */
int nvsw_nl_put_addr(struct sk_buff *skb, int type, const struct in6_addr *addr)
{
	return nla_put_in6_addr(skb, type, addr);
}

int nvsw_nl_put_addr4(struct sk_buff *skb, int type, __be32 addr)
{
	struct in6_addr mapped;

	ipv6_addr_set_v4mapped(addr, &mapped);
	return nla_put_in6_addr(skb, type, &mapped);
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

/* Counters, in the stats nest @type of the object that owns them. */
static int put_stats(struct sk_buff *skb, int type, const struct nvsw_stats *st)
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

	nest = nla_nest_start(skb, type);
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

static int put_pcpu_stats(struct sk_buff *skb, int type,
			  struct nvsw_pcpu_stats __percpu *stats)
{
	struct nvsw_stats st;

	nvsw_stats_read(stats, &st);
	return put_stats(skb, type, &st);
}

/*
 * The end of an object's nest: closed when everything fit, else cancelled
 * with the rest of the message by the caller.
 */
static int nest_end(struct sk_buff *skb, struct nlattr *nest, int err)
{
	if (err)
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

int nvsw_nl_fill_switch(struct sk_buff *skb, const struct nvsw_switch *sw,
			bool stats)
{
	struct nlattr *nest;
	int err;

	nest = nla_nest_start(skb, NVSW_A_SWITCH);
	if (!nest)
		return -EMSGSIZE;
	err = nla_put_u8(skb, NVSW_SWITCH_A_FLOWID_MODE,
			 READ_ONCE(sw->flowid_mode)) ||
	      nla_put_u32(skb, NVSW_SWITCH_A_MOVE_GRACE_MS,
			  READ_ONCE(sw->move_grace_ms)) ||
	      nla_put_u8(skb, NVSW_SWITCH_A_DSCP, READ_ONCE(sw->dscp)) ||
	      nla_put_u32(skb, NVSW_SWITCH_A_DEFAULT_VSID,
			  READ_ONCE(sw->default_vsid)) ||
	      nla_put_u32(skb, NVSW_SWITCH_A_PA_COUNT,
			  nvsw_limit_count(sw, NVSW_LIMIT_PAS)) ||
	      nla_put_u32(skb, NVSW_SWITCH_A_PORT_COUNT,
			  nvsw_limit_count(sw, NVSW_LIMIT_PORTS)) ||
	      nla_put_u32(skb, NVSW_SWITCH_A_RECORD_COUNT,
			  nvsw_limit_count(sw, NVSW_LIMIT_RECORDS)) ||
	      nla_put_u32(skb, NVSW_SWITCH_A_VSUBNET_COUNT,
			  nvsw_limit_count(sw, NVSW_LIMIT_VSUBNETS)) ||
	      nla_put_u32(skb, NVSW_SWITCH_A_ROUTE_COUNT,
			  nvsw_limit_count(sw, NVSW_LIMIT_ROUTES)) ||
	      nvsw_limits_fill_genl(skb, sw) ||
	      (stats && put_pcpu_stats(skb, NVSW_SWITCH_A_STATS, sw->stats));
	return nest_end(skb, nest, err);
}

/*
 * Under RTNL and sw->lock: VSID id as vsid-get shows it, with its ports,
 * BUM setting, routing domain and counters (zero while it has no port);
 * vsid NULL when it is not in use here (the defaults, counting nothing).
 */
int nvsw_nl_fill_vsid(struct sk_buff *skb, u32 id, const struct nvsw_vsid *vsid)
{
	const struct nvsw_vsubnet *vs = NULL;
	struct nvsw_stats none = {};
	struct nlattr *nest;
	int err;

	if (vsid)
		vs = rcu_dereference_rtnl(vsid->vsubnet);
	nest = nla_nest_start(skb, NVSW_A_VSID);
	if (!nest)
		return -EMSGSIZE;
	err = nla_put_u32(skb, NVSW_VSID_A_ID, id) ||
	      nla_put_u8(skb, NVSW_VSID_A_BUM_MODE,
			 vsid ? READ_ONCE(vsid->bum.mode) : NVSW_BUM_DROP) ||
	      nla_put_u32(skb, NVSW_VSID_A_BUM_RATE,
			  vsid ? READ_ONCE(vsid->bum.rate) :
				 NVSWITCH_BUM_RATE_DEFAULT) ||
	      nla_put_u32(skb, NVSW_VSID_A_PORT_COUNT, vsid ? vsid->n_ports : 0) ||
	      (vs && nla_put_u32(skb, NVSW_VSID_A_RDID, vs->rd->rdid)) ||
	      (vsid && vsid->n_ports ?
	       put_pcpu_stats(skb, NVSW_VSID_A_STATS, vsid->stats) :
	       put_stats(skb, NVSW_VSID_A_STATS, &none));
	return nest_end(skb, nest, err);
}

/* A VSID's BUM setting alone, as vsid-set-ntf announces it. */
int nvsw_nl_fill_bum(struct sk_buff *skb, const struct nvsw_vsid *vsid)
{
	struct nlattr *nest;
	int err;

	nest = nla_nest_start(skb, NVSW_A_VSID);
	if (!nest)
		return -EMSGSIZE;
	err = nla_put_u32(skb, NVSW_VSID_A_ID, vsid->id) ||
	      nla_put_u8(skb, NVSW_VSID_A_BUM_MODE, READ_ONCE(vsid->bum.mode)) ||
	      nla_put_u32(skb, NVSW_VSID_A_BUM_RATE, READ_ONCE(vsid->bum.rate));
	return nest_end(skb, nest, err);
}

int nvsw_nl_fill_port(struct sk_buff *skb, const struct nvsw_port *port,
		      bool stats)
{
	u8 guards = READ_ONCE(port->guards);
	struct nlattr *nest;
	int err;

	nest = nla_nest_start(skb, NVSW_A_PORT);
	if (!nest)
		return -EMSGSIZE;
	err = nla_put_u32(skb, NVSW_PORT_A_IFINDEX, port->dev->ifindex) ||
	      nla_put_string(skb, NVSW_PORT_A_IFNAME, port->dev->name) ||
	      nla_put_u32(skb, NVSW_PORT_A_VSID, port->vsid->id) ||
	      (port->internal && nla_put_flag(skb, NVSW_PORT_A_INTERNAL)) ||
	      nvsw_nla_put_mac(skb, NVSW_PORT_A_PIN, port->pin) ||
	      nvsw_nla_put_mac(skb, NVSW_PORT_A_MAC, READ_ONCE(port->mac)) ||
	      nla_put_u8(skb, NVSW_PORT_A_DHCP_GUARD,
			 !!(guards & NVSW_GUARD_DHCP)) ||
	      nla_put_u8(skb, NVSW_PORT_A_ROUTER_GUARD,
			 !!(guards & NVSW_GUARD_ROUTER)) ||
	      (stats && put_pcpu_stats(skb, NVSW_PORT_A_STATS, port->stats));
	return nest_end(skb, nest, err);
}

int nvsw_nl_fill_pa(struct sk_buff *skb, const struct in6_addr *pa)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, NVSW_A_PA);
	if (!nest)
		return -EMSGSIZE;
	return nest_end(skb, nest, nvsw_nl_put_addr(skb, NVSW_PA_A_ADDR, pa));
}

/* Under sw->lock. */
int nvsw_nl_fill_record(struct sk_buff *skb, const struct nvsw_switch *sw,
			const struct nvsw_record *rec)
{
	struct nlattr *nest;
	int err;

	nest = nla_nest_start(skb, NVSW_A_RECORD);
	if (!nest)
		return -EMSGSIZE;
	err = nla_put_u32(skb, NVSW_RECORD_A_VSID, nvsw_record_vsid(rec)) ||
	      (nvsw_record_is_ipv6(rec) ?
	       nla_put_in6_addr(skb, NVSW_RECORD_A_CA, nvsw_record_ca6(rec)) :
	       nvsw_nl_put_addr4(skb, NVSW_RECORD_A_CA, nvsw_record_ca(rec))) ||
	      nla_put(skb, NVSW_RECORD_A_MAC, ETH_ALEN, nvsw_record_mac(rec)) ||
	      nvsw_nl_put_addr(skb, NVSW_RECORD_A_PA, nvsw_record_pa(sw, rec));
	return nest_end(skb, nest, err);
}

/*
 * A prefix nest (@type: a vsubnet's NVSW_VSUBNET_A_PREFIX or a route's
 * NVSW_ROUTE_A_PREFIX); @gw, a vsubnet's gateway, or NULL for a route.
 */
static int put_prefix(struct sk_buff *skb, int type, const struct in6_addr *addr,
		      u8 len, const struct in6_addr *gw)
{
	struct nlattr *nest;
	int err;

	nest = nla_nest_start(skb, type);
	if (!nest)
		return -EMSGSIZE;
	err = nvsw_nl_put_addr(skb, NVSW_PREFIX_A_ADDR, addr) ||
	      nla_put_u8(skb, NVSW_PREFIX_A_LEN, len) ||
	      (gw && nvsw_nl_put_addr(skb, NVSW_PREFIX_A_GATEWAY, gw));
	return nest_end(skb, nest, err);
}

static int put_prefix4(struct sk_buff *skb, int type,
		       const struct nvsw_prefix *p, const __be32 *gw)
{
	struct in6_addr addr, gw6;

	ipv6_addr_set_v4mapped(p->addr, &addr);
	if (gw)
		ipv6_addr_set_v4mapped(*gw, &gw6);
	return put_prefix(skb, type, &addr, p->len, gw ? &gw6 : NULL);
}

/*
 * Under RTNL: a VSID's virtual subnet, with the prefixes of the families
 * in @families (NVSW_NL_PREFIX4 and/or NVSW_NL_PREFIX6) it has: all of
 * them in replies, what was added or removed in notifications.
 */
int nvsw_nl_fill_vsubnet(struct sk_buff *skb, const struct nvsw_vsubnet *vs,
			 unsigned int families)
{
	struct nlattr *nest;
	int err;

	nest = nla_nest_start(skb, NVSW_A_VSUBNET);
	if (!nest)
		return -EMSGSIZE;
	err = nla_put_u32(skb, NVSW_VSUBNET_A_VSID, vs->vsid) ||
	      nla_put_u32(skb, NVSW_VSUBNET_A_RDID, vs->rd->rdid) ||
	      (families & NVSW_NL_PREFIX4 && nvsw_vsubnet_has4(vs) &&
	       put_prefix4(skb, NVSW_VSUBNET_A_PREFIX, &vs->prefix,
			   &vs->gateway)) ||
	      (families & NVSW_NL_PREFIX6 && nvsw_vsubnet_has6(vs) &&
	       put_prefix(skb, NVSW_VSUBNET_A_PREFIX, &vs->prefix6.addr,
			  vs->prefix6.len, &vs->gateway6));
	return nest_end(skb, nest, err);
}

static int put_croute_dest(struct sk_buff *skb, const struct nvsw_croute *rt)
{
	if (rt->ipv6)
		return put_prefix(skb, NVSW_ROUTE_A_PREFIX, &rt->prefix6.addr,
				  rt->prefix6.len, NULL) ||
		       nla_put_in6_addr(skb, NVSW_ROUTE_A_NEXTHOP, &rt->nexthop6);
	return put_prefix4(skb, NVSW_ROUTE_A_PREFIX, &rt->prefix, NULL) ||
	       nvsw_nl_put_addr4(skb, NVSW_ROUTE_A_NEXTHOP, rt->nexthop);
}

/* Under RTNL. */
int nvsw_nl_fill_croute(struct sk_buff *skb, const struct nvsw_rdom *rd,
			const struct nvsw_croute *rt)
{
	struct nlattr *nest;
	int err;

	nest = nla_nest_start(skb, NVSW_A_ROUTE);
	if (!nest)
		return -EMSGSIZE;
	err = nla_put_u32(skb, NVSW_ROUTE_A_RDID, rd->rdid) ||
	      (rt->vsid && nla_put_u32(skb, NVSW_ROUTE_A_VSID, rt->vsid)) ||
	      put_croute_dest(skb, rt) ||
	      nla_put_u32(skb, NVSW_ROUTE_A_METRIC, rt->metric);
	return nest_end(skb, nest, err);
}
