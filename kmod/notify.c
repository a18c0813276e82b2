// SPDX-License-Identifier: GPL-2.0
/*
 * Notifications: every configuration change on the "config" multicast
 * group, and datapath misses on the "miss" group, so a controller can
 * follow a switch and fill in the records it lacks.
 *
 * Nothing is built unless somebody listens. Misses come from the datapath,
 * where an allocation per packet is not affordable: they are rate-limited
 * per switch, so a flood towards unknown addresses costs a bounded number
 * of messages per second.
 */
#include <net/genetlink.h>

#include "bum.h"
#include "record.h"
#include "netlink-gen.h"
#include "netlink.h"
#include "notify.h"
#include "nvswitch.h"
#include "pa.h"
#include "port.h"
#include "routing.h"
#include "trace.h"

#define MISSES_PER_SECOND	64

/*
 * Room for any notification: the switch's name and index plus the largest
 * object without counters, a switch's settings, limits and counts. Sized
 * to fit, not to a page, so that a listener's receive buffer holds
 * thousands of events rather than a hundred.
 */
#define NOTIFY_SIZE							\
	(nla_total_size(sizeof(u32)) + nla_total_size(IFNAMSIZ) +	\
	 nla_total_size(0) + nla_total_size(sizeof(u8)) * 2 +		\
	 nla_total_size(sizeof(u32)) * 12)

static struct net *sw_net(const struct nvsw_switch *sw)
{
	return dev_net(sw->dev);
}

static bool listening(const struct nvsw_switch *sw, unsigned int group)
{
	return genl_has_listeners(&nvsw_genl_family, sw_net(sw), group);
}

static void send(const struct nvsw_switch *sw, struct sk_buff *skb,
		 unsigned int group, gfp_t gfp)
{
	genlmsg_multicast_netns(&nvsw_genl_family, sw_net(sw), skb, 0, group,
				gfp);
}

/* Builds and sends one config notification; fill adds the object. */
static void notify(const struct nvsw_switch *sw, u8 cmd,
		   int (*fill)(struct sk_buff *skb, const struct nvsw_switch *sw,
			       const void *obj),
		   const void *obj, gfp_t gfp)
{
	struct sk_buff *skb;
	void *hdr;

	if (!listening(sw, NVSWITCH_NLGRP_CONFIG))
		return;
	skb = genlmsg_new(NOTIFY_SIZE, gfp);
	if (!skb)
		goto err;
	hdr = nvsw_nl_header(skb, 0, 0, 0, cmd, sw);
	if (!hdr || fill(skb, sw, obj)) {
		nlmsg_free(skb);
		goto err;
	}
	genlmsg_end(skb, hdr);
	send(sw, skb, NVSWITCH_NLGRP_CONFIG, gfp);
	return;
err:
	/* Listeners learn that they missed something, as with any overrun. */
	genl_set_err(&nvsw_genl_family, sw_net(sw), 0, NVSWITCH_NLGRP_CONFIG,
		     -ENOBUFS);
}

static int fill_switch(struct sk_buff *skb, const struct nvsw_switch *sw,
		       const void *unused)
{
	return nvsw_nl_fill_switch(skb, sw, false);
}

void nvsw_notify_switch(const struct nvsw_switch *sw, u8 cmd)
{
	notify(sw, cmd, fill_switch, sw, GFP_KERNEL);
}

static int fill_pa(struct sk_buff *skb, const struct nvsw_switch *sw,
		   const void *pa)
{
	return nvsw_nl_fill_pa(skb, &((const struct nvsw_pa *)pa)->addr);
}

void nvsw_notify_pa(const struct nvsw_switch *sw, const struct nvsw_pa *pa,
		    u8 cmd)
{
	notify(sw, cmd, fill_pa, pa, GFP_KERNEL);
}

static int fill_port(struct sk_buff *skb, const struct nvsw_switch *sw,
		     const void *port)
{
	return nvsw_nl_fill_port(skb, port, false);
}

void nvsw_notify_port(const struct nvsw_port *port, u8 cmd)
{
	notify(port->sw, cmd, fill_port, port, GFP_KERNEL);
}

static int fill_record(struct sk_buff *skb, const struct nvsw_switch *sw,
		       const void *rec)
{
	return nvsw_nl_fill_record(skb, sw, rec);
}

/* gfp: a flush announces what it removes from inside an RCU walk. */
void nvsw_notify_record(const struct nvsw_switch *sw,
			const struct nvsw_record *rec, u8 cmd, gfp_t gfp)
{
	notify(sw, cmd, fill_record, rec, gfp);
}

struct vsubnet_ntf {
	const struct nvsw_vsubnet *vs;
	bool ipv6;
};

static int fill_vsubnet(struct sk_buff *skb, const struct nvsw_switch *sw,
			const void *arg)
{
	const struct vsubnet_ntf *n = arg;

	return nvsw_nl_fill_vsubnet(skb, n->vs, n->ipv6 ? NVSW_NL_PREFIX6 :
							  NVSW_NL_PREFIX4);
}

/* What goes with a switch being deleted is implied by its SWITCH_DEL. */
static bool deleting(const struct nvsw_switch *sw)
{
	return sw->dev->reg_state != NETREG_REGISTERED;
}

/* vsid-set-ntf: the VSID's BUM setting as it now is. Under sw->lock. */
static int fill_bum(struct sk_buff *skb, const struct nvsw_switch *sw,
		    const void *vsid)
{
	return nvsw_nl_fill_bum(skb, vsid);
}

void nvsw_notify_bum(const struct nvsw_switch *sw, const struct nvsw_vsid *vsid)
{
	notify(sw, NVSW_CMD_VSID_SET_NTF, fill_bum, vsid, GFP_KERNEL);
}

/* One family of vs, the one added or removed. */
void nvsw_notify_vsubnet(const struct nvsw_switch *sw,
			 const struct nvsw_vsubnet *vs, bool ipv6, u8 cmd)
{
	const struct vsubnet_ntf n = { .vs = vs, .ipv6 = ipv6 };

	if (deleting(sw))
		return;
	notify(sw, cmd, fill_vsubnet, &n, GFP_KERNEL);
}

struct croute_ntf {
	const struct nvsw_rdom *rd;
	const struct nvsw_croute *rt;
};

static int fill_croute(struct sk_buff *skb, const struct nvsw_switch *sw,
		       const void *arg)
{
	const struct croute_ntf *n = arg;

	return nvsw_nl_fill_croute(skb, n->rd, n->rt);
}

void nvsw_notify_croute(const struct nvsw_switch *sw,
			const struct nvsw_rdom *rd,
			const struct nvsw_croute *rt, u8 cmd)
{
	const struct croute_ntf n = { .rd = rd, .rt = rt };

	if (deleting(sw))
		return;
	notify(sw, cmd, fill_croute, &n, GFP_KERNEL);
}

/* A token bucket refilled once a second; lockless, shared only on misses. */
static bool miss_allowed(struct nvsw_switch *sw)
{
	unsigned long start = READ_ONCE(sw->miss_window);

	if (time_after(jiffies, start + HZ) &&
	    cmpxchg(&sw->miss_window, start, jiffies) == start)
		atomic_set(&sw->miss_budget, MISSES_PER_SECOND);
	return atomic_dec_if_positive(&sw->miss_budget) >= 0;
}

/*
 * Datapath, under RCU: a miss notification with what every miss says (its
 * source, VSID and ingress port), or NULL when nobody listens, the rate
 * limit says no or memory is short. The caller adds what it missed and
 * hands it to miss_send().
 */
static struct sk_buff *miss_new(const struct nvsw_path *path,
				enum nvsw_miss_source source, void **hdr,
				struct nlattr **nest)
{
	struct nvsw_switch *sw = path->sw;
	struct sk_buff *skb;

	if (!listening(sw, NVSWITCH_NLGRP_MISS) || !miss_allowed(sw))
		return NULL;
	skb = genlmsg_new(NOTIFY_SIZE, GFP_ATOMIC);
	if (!skb)
		return NULL;
	*hdr = nvsw_nl_header(skb, 0, 0, 0, NVSW_CMD_MISS_NTF, sw);
	if (!*hdr)
		goto err;
	*nest = nla_nest_start(skb, NVSW_A_MISS);
	if (!*nest ||
	    nla_put_u8(skb, NVSW_MISS_A_SOURCE, source) ||
	    nla_put_u32(skb, NVSW_MISS_A_VSID, path->vsid->id) ||
	    (path->port &&
	     nla_put_u32(skb, NVSW_MISS_A_PORT_IFINDEX, path->port->dev->ifindex)))
		goto err;
	return skb;
err:
	nlmsg_free(skb);
	return NULL;
}

static void miss_send(struct nvsw_switch *sw, struct sk_buff *skb, void *hdr,
		      struct nlattr *nest)
{
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	send(sw, skb, NVSWITCH_NLGRP_MISS, GFP_ATOMIC);
}

/* Datapath, under RCU: a Neighbor Solicitation for a CA without a record. */
void nvsw_miss_ca6(const struct nvsw_path *path, const struct in6_addr *ca)
{
	struct nlattr *nest;
	struct sk_buff *skb;
	void *hdr;

	trace_miss(path, NVSW_MISS_ND, ca, NULL, NULL);
	skb = miss_new(path, NVSW_MISS_ND, &hdr, &nest);
	if (!skb)
		return;
	if (nla_put_in6_addr(skb, NVSW_MISS_A_CA, ca)) {
		nlmsg_free(skb);
		return;
	}
	miss_send(path->sw, skb, hdr, nest);
}

/* Datapath, under RCU: ca for ARP misses, mac otherwise; pa for underlay. */
void nvsw_miss(const struct nvsw_path *path, enum nvsw_miss_source source,
	       __be32 ca, const u8 *mac, const struct in6_addr *pa)
{
	struct nlattr *nest;
	struct in6_addr ca6;
	struct sk_buff *skb;
	void *hdr;

	if (trace_miss_enabled()) {
		if (ca)
			ipv6_addr_set_v4mapped(ca, &ca6);
		trace_miss(path, source, ca ? &ca6 : NULL, mac, pa);
	}
	skb = miss_new(path, source, &hdr, &nest);
	if (!skb)
		return;
	if ((ca && nvsw_nl_put_addr4(skb, NVSW_MISS_A_CA, ca)) ||
	    (mac && nla_put(skb, NVSW_MISS_A_MAC, ETH_ALEN, mac)) ||
	    (pa && nvsw_nl_put_addr(skb, NVSW_MISS_A_PA, pa))) {
		nlmsg_free(skb);
		return;
	}
	miss_send(path->sw, skb, hdr, nest);
}
