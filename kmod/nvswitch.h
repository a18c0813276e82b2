/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nvswitch: objects shared between the files of the module.
 *
 * Locking, in the order it must be taken:
 *
 *   RTNL          the per-netns list of switches, the underlay device, ports,
 *                 virtual subnets (vnets) and provider addresses.
 *   sw->lock      the lookup records, remotes, recent moves and per-VSID
 *                 BUM settings and flood sets (struct nvsw_flood) of one
 *                 switch. A change of PAs takes it under RTNL to refresh
 *                 the remotes.
 *
 * Virtual subnets with a prefix (vsubnets), routing domains and customer
 * routes are written under RTNL and read by the datapath under RCU; see
 * struct nvsw_rdom.
 *
 * The datapath (port and underlay rx handlers) takes neither: it runs under
 * RCU (rx handlers are called in an RCU read-side section). What it writes:
 * per-CPU counters and route caches, a port's learned MAC (one u64), and
 * the miss rate limiter of its switch (only when a packet misses).
 */
#ifndef _NVSW_NVSWITCH_H
#define _NVSW_NVSWITCH_H

#include <linux/etherdevice.h>
#include <linux/in6.h>
#include <linux/inetdevice.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/rhashtable.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>
#include <net/dst_cache.h>
#include <net/genetlink.h>
#include <net/ip_tunnels.h>
#include <net/ipv6.h>
#include <uapi/linux/nvswitch.h>

#include "compat.h"
#include "drop.h"
#include "limit.h"
#include "lpm.h"

#define NVSW_UNDERLAY_IFNAME	"nvsw_gre"
/* The GRE header nvswitch sends: flags/protocol word plus the key. */
#define NVSW_GRE_HLEN		8
/* What NVGRE adds to an inner IP packet: 42 bytes over IPv4, 62 over IPv6. */
#define NVSW_ENCAP_HLEN		(sizeof(struct iphdr) + NVSW_GRE_HLEN + ETH_HLEN)
#define NVSW_ENCAP6_HLEN	(sizeof(struct ipv6hdr) + NVSW_GRE_HLEN + ETH_HLEN)

/*
 * Provider addresses of both families are kept as the IPv6 stack keeps an
 * IPv4 address on a dual-stack socket: IPv4 as ::ffff:a.b.c.d (RFC 4291
 * 2.5.5.2). One type, one hash and one compare serve an underlay of either
 * family, or both on one switch.
 */
static inline bool nvsw_pa_is_ipv4(const struct in6_addr *pa)
{
	return ipv6_addr_v4mapped(pa);
}

static inline __be32 nvsw_pa_ipv4(const struct in6_addr *pa)
{
	return pa->s6_addr32[3];
}

static inline void nvsw_pa_set_ipv4(struct in6_addr *pa, __be32 addr)
{
	ipv6_addr_set_v4mapped(addr, pa);
}

/* What a switch, a virtual subnet or a port counts besides drops. */
enum nvsw_counter {
	NVSW_CTR_TX,		/* switch, vnet: NVGRE sent; port: to the VM */
	NVSW_CTR_RX,		/* switch, vnet: NVGRE delivered; port: from the VM */
	NVSW_CTR_LOCAL,		/* switched from port to port */
	NVSW_CTR_ARP,		/* ARP requests answered from policy */
	NVSW_CTR_FORWARDED,	/* NVGRE for a VM that moved, sent on */
	NVSW_CTR_ANNOUNCE,	/* gratuitous ARPs for a VM that arrived */
	NVSW_CTR_ROUTED,	/* switch, source vnet: routed between subnets */
	NVSW_CTR_FLOODED,	/* broadcast/unknown/multicast replicated */
	NVSW_CTR_COUNT
};

/* Per-CPU counters; written only by the CPU that owns them. */
struct nvsw_pcpu_stats {
	u64_stats_t packets[NVSW_CTR_COUNT];
	u64_stats_t bytes[NVSW_CTR_COUNT];
	u64_stats_t rx_dropped;		/* came from the underlay */
	u64_stats_t tx_dropped;		/* came from a port or the host */
	u64_stats_t drops[NVSW_DROP_COUNT];
	struct u64_stats_sync syncp;
};

/* The sum over all CPUs, for netlink and ndo_get_stats64. */
struct nvsw_stats {
	u64 packets[NVSW_CTR_COUNT];
	u64 bytes[NVSW_CTR_COUNT];
	u64 rx_dropped;
	u64 tx_dropped;
	u64 drops[NVSW_DROP_COUNT];
};

/* Per network namespace state. */
struct nvsw_net {
	struct net *net;
	struct list_head switches;		/* RTNL */
	/*
	 * The collect_md gretap device of ip_gre through which this netns'
	 * switches receive NVGRE; NULL when none. Counted by switches.
	 */
	struct net_device *underlay;		/* RTNL */
	unsigned int underlay_users;		/* RTNL */
	/*
	 * The same for IPv6: the collect_md ip6gretap device of ip6_gre that
	 * this netns' switches receive NVGRE over IPv6 on (underlay6.c).
	 * Counted by IPv6 PAs.
	 */
	struct net_device *underlay6;		/* RTNL */
	unsigned int underlay6_users;		/* RTNL */
	struct hlist_head pa_hash[16];		/* RTNL writes, RCU reads */
};

struct nvsw_switch {
	struct net_device *dev;
	struct nvsw_net *nn;
	struct list_head node;			/* in nn->switches; RTNL */
	u8 flowid_mode;				/* RTNL writes, READ_ONCE */
	u32 move_grace_ms;			/* RTNL writes, READ_ONCE */
	/* The DSCP of NVGRE sent, or NVSWITCH_DSCP_INHERIT. */
	u8 dscp;				/* RTNL writes, READ_ONCE */
	/* The VSID of a port attached by ndo_add_slave; 0: none. */
	u32 default_vsid;			/* RTNL writes, READ_ONCE */

	/* How many of each kind it holds, and may hold (limit.c). */
	struct nvsw_limits limits;

	struct list_head ports;			/* RTNL */
	struct rhashtable vnets;		/* RTNL writes, RCU reads */
	struct list_head pas;			/* RTNL writes, RCU reads */

	struct mutex lock;			/* lookup records, remotes */
	struct rhashtable remotes;		/* sw->lock writes, RCU reads */
	struct rhashtable records_by_ca;	/* sw->lock writes, RCU reads */
	struct rhltable records_by_mac;		/* sw->lock writes, RCU reads */
	struct rhashtable records_by_ca6;	/* sw->lock writes, RCU reads */
	/*
	 * Every record (both CA families) by an id given at creation: the
	 * order in which a dump lists them, and where it resumes from one
	 * message to the next without holding anything in between.
	 */
	struct xarray records_by_id;		/* sw->lock */
	u32 next_record_id;			/* sw->lock */
	u32 records_gen;			/* sw->lock; bumped on change */
	struct rhashtable moves;		/* sw->lock writes, RCU reads */
	struct delayed_work moves_gc;		/* forgets expired moves */

	struct rhashtable vsubnets;		/* RTNL writes, RCU reads */
	struct rhashtable floods;		/* sw->lock writes, RCU reads */
	struct list_head rdoms;			/* RTNL writes, RCU reads */

	struct nvsw_pcpu_stats __percpu *stats;
	unsigned long miss_window;		/* jiffies; see notify.c */
	atomic_t miss_budget;
};

/* A virtual subnet with ports on this switch. */
struct nvsw_vnet {
	struct rhash_head node;			/* in sw->vnets */
	u32 vsid;
	struct list_head ports;			/* RTNL writes, RCU reads */
	unsigned int n_ports;			/* RTNL */
	/* Serializes ports claiming a MAC (port->mac); see guard.c. */
	spinlock_t claim_lock;
	struct nvsw_pcpu_stats __percpu *stats;
	struct rcu_head rcu;
};

struct nvsw_port {
	struct net_device *dev;
	struct nvsw_switch *sw;
	struct nvsw_vnet *vnet;
	struct list_head node;			/* in sw->ports; RTNL */
	struct list_head vnet_node;		/* in vnet->ports; RCU */
	/*
	 * The MAC of the VM behind this port (ether_addr_to_u64, 0 when not
	 * learned yet), claimed by the datapath from the frames the VM sends;
	 * written under vnet->claim_lock, read with READ_ONCE.
	 */
	u64 mac;
	/*
	 * The one MAC this port may claim (port add ... mac M; 0: any that
	 * policy places on this host, no other port holds). Set before the
	 * port is published, never changes.
	 */
	u64 pin;
	/* dev is the switch's own (internal.c), not a VM's; never changes. */
	bool internal;
	struct nvsw_pcpu_stats __percpu *stats;
	struct rcu_head rcu;
};

/* A port's MAC (ether_addr_to_u64) as attribute type, if it has one. */
static inline int nvsw_nla_put_mac(struct sk_buff *skb, int type, u64 mac)
{
	u8 addr[ETH_ALEN];

	if (!mac)
		return 0;
	u64_to_ether_addr(mac, addr);
	return nla_put(skb, type, ETH_ALEN, addr);
}

/*
 * Where a packet is on the datapath: what its counters and drops are
 * charged to besides the switch. vnet and port are NULL until known.
 */
struct nvsw_path {
	struct nvsw_switch *sw;
	struct nvsw_vnet *vnet;
	struct nvsw_port *port;			/* the ingress port */
	bool from_underlay;
};

/*
 * Broadcast, unknown unicast and multicast of one VSID (bum.c): its mode
 * and rate, set by the operator, and the remotes its records point to,
 * where replicated frames go. It exists while either is there: set before
 * any port, kept when the last port goes. Everything is written under
 * sw->lock; the datapath reads it under RCU.
 */
#define NVSW_BUM_BURST_MIN	10

struct nvsw_flood_pa {
	struct nvsw_remote __rcu *remote;	/* NULL: a free slot */
	unsigned int records;			/* sw->lock */
};

struct nvsw_flood_pas {
	unsigned int size;
	struct rcu_head rcu;
	struct nvsw_flood_pa pa[];
};

struct nvsw_flood {
	struct rhash_head node;			/* in sw->floods */
	u32 vsid;
	u8 mode;				/* enum nvsw_bum_mode; READ_ONCE */
	u32 rate;				/* frames/s; READ_ONCE */
	unsigned int n_pas;			/* slots in use; sw->lock */
	struct nvsw_flood_pas __rcu *pas;
	/* Token bucket as a virtual clock (ns): see bum.c. */
	atomic64_t next_ns;
	struct rcu_head rcu;
};

/* The operator set something other than the default. */
static inline bool nvsw_flood_is_set(const struct nvsw_flood *fl)
{
	return READ_ONCE(fl->mode) != NVSW_BUM_DROP ||
	       READ_ONCE(fl->rate) != NVSWITCH_BUM_RATE_DEFAULT;
}

/* A provider address of a switch. Unique within a netns. */
struct nvsw_pa {
	struct hlist_node hnode;		/* in nn->pa_hash; RCU */
	struct list_head node;			/* in sw->pas; RCU */
	struct nvsw_switch *sw;
	struct in6_addr addr;			/* IPv4 mapped; see above */
	struct rcu_head rcu;
};

/* What names a lookup record in requests: (VSID, CA); ca 0: ca6 is the CA. */
struct nvsw_ca_key {
	u32 vsid;
	__be32 ca;
	struct in6_addr ca6;
};

/*
 * The keys of a record's two tables, overlapping so that the VSID is kept
 * once: the CA table's key is the bytes {ca, vsid}, the MAC table's
 * {vsid, mac}. Keys are compared as bytes: nothing pads between the fields.
 */
struct nvsw_record_key {
	__be32 ca;
	u32 vsid;
	u8 mac[ETH_ALEN];
};

static_assert(offsetof(struct nvsw_record_key, vsid) == sizeof(__be32));
static_assert(offsetof(struct nvsw_record_key, mac) == 2 * sizeof(u32));

/* A provider address that records point to; see remote.c. */
struct nvsw_remote {
	struct rhash_head node;			/* in sw->remotes */
	struct in6_addr pa;			/* IPv4 mapped */
	bool local;				/* sw->lock writes, READ_ONCE */
	unsigned int users;			/* records; sw->lock */
	struct dst_cache dst_cache;
	struct rcu_head rcu;
};

/* 64 bytes: a million records take 61 MiB of slab, plus the two tables. */
struct nvsw_record {
	struct rhash_head ca_node;
	struct rhlist_head mac_node;
	struct nvsw_record_key key;		/* never changes */
	u32 id;					/* in sw->records_by_id */
	struct nvsw_remote __rcu *remote;	/* sw->lock writes */
	struct rcu_head rcu;
};

/* The key of the IPv6 CA table, compared as bytes: nothing pads. */
struct nvsw_ca6_key {
	struct in6_addr ca;
	u32 vsid;
};

static_assert(sizeof(struct nvsw_ca6_key) == sizeof(struct in6_addr) + sizeof(u32));

/*
 * A record whose CA is IPv6: the layout of an IPv4 record, whose key.ca is
 * 0 (never an IPv4 CA: netlink refuses 0.0.0.0), followed by the key of
 * its CA table. It sits in records_by_mac with the IPv4 records, so
 * forwarding, anti-spoofing and migration, which go by (VSID, MAC), see
 * a VM's records of both families alike; rec.ca_node links it into
 * sw->records_by_ca6 instead of sw->records_by_ca. Keeping IPv6 apart
 * leaves IPv4 records at 72 bytes; an IPv6 one takes 96.
 */
struct nvsw_record6 {
	struct nvsw_record rec;			/* first: a cast converts */
	struct nvsw_ca6_key key6;		/* never changes */
};

/*
 * A VM that moved to another host, remembered for sw->move_grace_ms after
 * its records' PA changed (migrate.c). Keyed by (VSID, MAC): every record
 * of the VM moves with it.
 */
struct nvsw_move_key {
	u32 vsid;
	u8 mac[ETH_ALEN];
	u8 zero[2];				/* keys are compared as bytes */
};

struct nvsw_move {
	struct rhash_head node;
	struct nvsw_move_key key;
	struct in6_addr from;		/* the PA the records left */
	bool left_here;			/* from was one of this switch's PAs */
	unsigned long expires;		/* jiffies */
	struct rcu_head rcu;
};

static inline u32 nvsw_record_vsid(const struct nvsw_record *rec)
{
	return rec->key.vsid;
}

static inline __be32 nvsw_record_ca(const struct nvsw_record *rec)
{
	return rec->key.ca;
}

static inline bool nvsw_record_is_ipv6(const struct nvsw_record *rec)
{
	return !rec->key.ca;
}

/* Only for a record that nvsw_record_is_ipv6(). */
static inline const struct in6_addr *nvsw_record_ca6(const struct nvsw_record *rec)
{
	return &((const struct nvsw_record6 *)rec)->key6.ca;
}

static inline const u8 *nvsw_record_mac(const struct nvsw_record *rec)
{
	return rec->key.mac;
}

/* Under RCU: the remote a record points to now. */
static inline struct nvsw_remote *nvsw_record_remote(const struct nvsw_record *rec)
{
	return rcu_dereference(rec->remote);
}

/*
 * Routing (vsubnet.c, route.c, router.c). A routing domain exists while it
 * has virtual subnets; its customer routes go with its last one. All of it
 * is written under RTNL and taken out of the tables and tries the datapath
 * reads (lpm.h) before kfree_rcu(), so the datapath reads it under RCU
 * without locks. The datapath holds no reference: what it found stays
 * valid until the end of its RCU read-side section.
 */
struct nvsw_prefix {
	__be32 addr;				/* host bits zero */
	u8 len;					/* 0-32 */
};

struct nvsw_prefix6 {
	struct in6_addr addr;			/* host bits zero */
	u8 len;					/* 0-128 */
};

struct nvsw_rdom {
	struct list_head node;			/* in sw->rdoms */
	u32 rdid;
	/* In the order added, for dumps and flushes; RTNL writes. */
	struct list_head vsubnets;
	struct list_head routes;
	unsigned int n_vsubnets;		/* RTNL */
	/*
	 * What the datapath looks up, per family: the vsubnets by prefix
	 * (vsubnet.c), the customer routes by scope and prefix (route.c).
	 * RTNL writes, RCU reads.
	 */
	struct nvsw_lpm subnets4;
	struct nvsw_lpm subnets6;
	struct nvsw_lpm routes4;
	struct nvsw_lpm routes6;
	struct rcu_head rcu;
};

/*
 * A VSID made routable: its routing domain, and an IPv4 prefix with its
 * gateway, an IPv6 prefix with its gateway, or both (dual stack). A family
 * whose prefix length is 0 is absent; at least one is present. Never
 * changes once published: adding or removing a family replaces the whole
 * vsubnet (vsubnet.c), so a reader sees a prefix and its gateway together.
 */
struct nvsw_vsubnet {
	struct rhash_head node;			/* in sw->vsubnets, by vsid */
	struct list_head rd_node;		/* in rd->vsubnets */
	u32 vsid;
	struct nvsw_rdom *rd;
	struct nvsw_prefix prefix;		/* len 0: no IPv4 */
	__be32 gateway;
	struct nvsw_prefix6 prefix6;		/* len 0: no IPv6 */
	struct in6_addr gateway6;
	struct rcu_head rcu;
};

static inline bool nvsw_vsubnet_has4(const struct nvsw_vsubnet *vs)
{
	return vs->prefix.len;
}

static inline bool nvsw_vsubnet_has6(const struct nvsw_vsubnet *vs)
{
	return vs->prefix6.len;
}

/*
 * A customer route: destinations in prefix (prefix6) go to the CA nexthop
 * (nexthop6), found in the vsubnet of the domain that holds it. vsid 0
 * applies to the whole domain, another VSID only to what that subnet's
 * VMs send. Its family never changes; the other family's fields are zero.
 */
struct nvsw_croute {
	struct list_head node;			/* in rd->routes */
	struct list_head peers;			/* same key's routes; RTNL */
	bool ipv6;
	struct nvsw_prefix prefix;
	__be32 nexthop;
	struct nvsw_prefix6 prefix6;
	struct in6_addr nexthop6;
	u32 vsid;
	u32 metric;
	struct rcu_head rcu;
};

static inline bool nvsw_prefix_has(const struct nvsw_prefix *p, __be32 addr)
{
	return !((addr ^ p->addr) & inet_make_mask(p->len));
}

static inline bool nvsw_prefix6_has(const struct nvsw_prefix6 *p,
				    const struct in6_addr *addr)
{
	return ipv6_prefix_equal(addr, &p->addr, p->len);
}

/*
 * Link-local, multicast, unspecified or loopback: not for a router. (:: has
 * no bit of its own in ipv6_addr_type(): IPV6_ADDR_ANY is 0.)
 */
static inline bool nvsw_ipv6_routable(const struct in6_addr *addr)
{
	return !ipv6_addr_any(addr) &&
	       !(ipv6_addr_type(addr) & (IPV6_ADDR_LINKLOCAL |
					 IPV6_ADDR_MULTICAST |
					 IPV6_ADDR_LOOPBACK));
}

static inline bool nvsw_vsid_valid(u32 vsid)
{
	return vsid >= NVSWITCH_VSID_MIN && vsid <= NVSWITCH_VSID_MAX;
}

/* device.c */
extern const struct net_device_ops nvsw_netdev_ops;
extern const struct ethtool_ops nvsw_ethtool_ops;
extern struct rtnl_link_ops nvsw_link_ops;
static inline bool nvsw_is_switch(const struct net_device *dev)
{
	return dev->netdev_ops == &nvsw_netdev_ops;
}

void nvsw_switch_delete(struct nvsw_switch *sw, struct list_head *kill);

/* netns.c */
extern unsigned int nvsw_net_id;
struct nvsw_net *nvsw_net(const struct net *net);
int nvsw_netns_init(void);
void nvsw_netns_exit(void);

/* underlay.c */
int nvsw_underlay_init(void);
void nvsw_underlay_exit(void);
int nvsw_underlay_get(struct nvsw_net *nn, struct netlink_ext_ack *extack);
void nvsw_underlay_put(struct nvsw_net *nn, struct list_head *kill);
void nvsw_underlay_gone(struct nvsw_net *nn, struct net_device *dev);

/* underlay6.c */
int nvsw_underlay6_get(struct nvsw_net *nn, struct netlink_ext_ack *extack);
void nvsw_underlay6_put(struct nvsw_net *nn);
void nvsw_underlay6_gone(struct nvsw_net *nn, struct net_device *dev);

/* pa.c */
bool nvsw_pa_valid(const struct in6_addr *addr);
int nvsw_pa_add(struct nvsw_switch *sw, const struct in6_addr *addr,
		struct netlink_ext_ack *extack);
int nvsw_pa_del(struct nvsw_switch *sw, const struct in6_addr *addr,
		struct netlink_ext_ack *extack);
void nvsw_pa_flush(struct nvsw_switch *sw);
struct nvsw_pa *nvsw_pa_find(struct nvsw_net *nn, const struct in6_addr *addr);
struct nvsw_pa *nvsw_pa_of(struct nvsw_switch *sw, const struct in6_addr *addr,
			   struct netlink_ext_ack *extack);
bool nvsw_pa_is_local(struct nvsw_switch *sw, const struct in6_addr *addr);
const struct in6_addr *nvsw_pa_source(struct nvsw_switch *sw, bool ipv4);

/* vnet.c */
int nvsw_vnets_init(struct nvsw_switch *sw);
void nvsw_vnets_destroy(struct nvsw_switch *sw);
struct nvsw_vnet *nvsw_vnet_find(struct nvsw_switch *sw, u32 vsid);
struct nvsw_vnet *nvsw_vnet_get(struct nvsw_switch *sw, u32 vsid);
void nvsw_vnet_put(struct nvsw_switch *sw, struct nvsw_vnet *vnet);

/* vsubnet.c */
int nvsw_vsubnets_init(struct nvsw_switch *sw);
void nvsw_vsubnets_destroy(struct nvsw_switch *sw);
void nvsw_routing_flush(struct nvsw_switch *sw);
struct nvsw_vsubnet *nvsw_vsubnet_find(struct nvsw_switch *sw, u32 vsid);
struct nvsw_rdom *nvsw_rdom_find(struct nvsw_switch *sw, u32 rdid);
int nvsw_vsubnet_add(struct nvsw_switch *sw, u32 rdid,
		     const struct nvsw_vsubnet *want,
		     struct netlink_ext_ack *extack);
int nvsw_vsubnet_del(struct nvsw_switch *sw, const struct nvsw_vsubnet *which,
		     struct netlink_ext_ack *extack);
struct nvsw_vsubnet *nvsw_vsubnet_lpm(const struct nvsw_rdom *rd, __be32 addr);
struct nvsw_vsubnet *nvsw_vsubnet_lpm6(const struct nvsw_rdom *rd,
				       const struct in6_addr *addr);

/* route.c */
struct nvsw_croute_key {
	u32 rdid;
	u32 vsid;
	bool ipv6;
	struct nvsw_prefix prefix;
	__be32 nexthop;
	struct nvsw_prefix6 prefix6;
	struct in6_addr nexthop6;
};

/* Which routes nvsw_croutes_flush() takes: of one family, or both. */
enum nvsw_family {
	NVSW_FAMILY_ANY,
	NVSW_FAMILY_IPV4,
	NVSW_FAMILY_IPV6,
};

int nvsw_croute_add(struct nvsw_switch *sw, const struct nvsw_croute_key *key,
		    u32 metric, struct netlink_ext_ack *extack);
int nvsw_croute_del(struct nvsw_switch *sw, const struct nvsw_croute_key *key,
		    struct netlink_ext_ack *extack);
void nvsw_croutes_flush(struct nvsw_switch *sw, struct nvsw_rdom *rd, u32 vsid,
			enum nvsw_family family);
void nvsw_croutes_init(struct nvsw_rdom *rd);
struct nvsw_vsubnet *nvsw_route_lookup(const struct nvsw_vsubnet *from,
				       __be32 daddr, __be32 *target);
struct nvsw_vsubnet *nvsw_route_lookup6(const struct nvsw_vsubnet *from,
					const struct in6_addr *daddr,
					struct in6_addr *target);

/* router.c */
void nvsw_router_input(const struct nvsw_path *path, struct sk_buff *skb);
bool nvsw_is_gateway(struct nvsw_switch *sw, u32 vsid, __be32 addr);
bool nvsw_is_gateway6(struct nvsw_switch *sw, u32 vsid,
		      const struct in6_addr *addr);

/* port.c */
size_t nvsw_port_link_size(void);
int nvsw_port_link_fill(struct sk_buff *skb, const struct net_device *dev);
int nvsw_port_add(struct nvsw_switch *sw, struct net_device *dev, u32 vsid,
		  const u8 *pin,
		  struct netlink_ext_ack *extack);
int nvsw_port_del(struct nvsw_switch *sw, struct net_device *dev,
		  struct netlink_ext_ack *extack);
void nvsw_port_flush(struct nvsw_switch *sw);
struct nvsw_port *nvsw_port_of(const struct net_device *dev);
void nvsw_port_gone(struct net_device *dev);
int nvsw_port_add_internal(struct nvsw_switch *sw, struct net_device *dev,
			   u32 vsid);
void nvsw_port_destroy(struct nvsw_port *port, struct list_head *kill);

/* internal.c */
extern const struct net_device_ops nvsw_internal_ops;
static inline bool nvsw_is_internal(const struct net_device *dev)
{
	return dev->netdev_ops == &nvsw_internal_ops;
}

int nvsw_internal_add(struct nvsw_switch *sw, const char *name, const u8 *mac,
		      u32 vsid, struct netlink_ext_ack *extack);
struct nvsw_port *nvsw_internal_port(const struct net_device *dev);
void nvsw_internal_attach(struct net_device *dev, struct nvsw_port *port);
void nvsw_internal_detach(struct net_device *dev);
void nvsw_internal_flush(struct nvsw_switch *sw, struct list_head *kill);
void nvsw_internal_receive(struct nvsw_port *port, struct sk_buff *skb);

/* lookup.c */
int nvsw_lookup_init(void);
void nvsw_lookup_exit(void);
int nvsw_records_init(struct nvsw_switch *sw);
void nvsw_records_destroy(struct nvsw_switch *sw);
int nvsw_record_set(struct nvsw_switch *sw, const struct nvsw_ca_key *key,
		    const u8 *mac, const struct in6_addr *pa, u16 nlflags,
		    struct netlink_ext_ack *extack);
int nvsw_record_del(struct nvsw_switch *sw, const struct nvsw_ca_key *key,
		    struct netlink_ext_ack *extack);
/* Selects records for dumps and flushes; zero fields match anything. */
struct nvsw_record_filter {
	u32 vsid;
	struct in6_addr pa;
};

bool nvsw_record_matches(const struct nvsw_switch *sw,
			 const struct nvsw_record *rec,
			 const struct nvsw_record_filter *filter);
const struct in6_addr *nvsw_record_pa(const struct nvsw_switch *sw,
				      const struct nvsw_record *rec);
unsigned int nvsw_records_flush(struct nvsw_switch *sw,
				const struct nvsw_record_filter *filter);
struct nvsw_record *nvsw_record_by_ca(struct nvsw_switch *sw, u32 vsid,
				      __be32 ca);
struct nvsw_record *nvsw_record_by_ca6(struct nvsw_switch *sw, u32 vsid,
				       const struct in6_addr *ca);
struct nvsw_record *nvsw_record_by_mac(struct nvsw_switch *sw, u32 vsid,
				       const u8 *mac);

/* guard.c */
bool nvsw_port_source_ok(struct nvsw_port *port, struct sk_buff *skb);
bool nvsw_mac_taken(const struct nvsw_port *port, u64 mac);
void nvsw_claims_recheck(struct nvsw_switch *sw, u32 vsid);
bool nvsw_underlay_source_ok(struct nvsw_switch *sw, u32 vsid,
			     struct sk_buff *skb,
			     const struct in6_addr *outer_src, bool relayed);

/* bum.c */
int nvsw_floods_init(struct nvsw_switch *sw);
void nvsw_floods_destroy(struct nvsw_switch *sw);
struct nvsw_flood *nvsw_flood_find(struct nvsw_switch *sw, u32 vsid);
int nvsw_flood_pa_add(struct nvsw_switch *sw, u32 vsid,
		      struct nvsw_remote *remote);
void nvsw_flood_pa_del(struct nvsw_switch *sw, u32 vsid,
		       struct nvsw_remote *remote);
int nvsw_flood_set(struct nvsw_switch *sw, u32 vsid, int mode, u32 rate);
struct nvsw_flood *nvsw_flood_replicating(struct nvsw_switch *sw, u32 vsid);
void nvsw_flood(const struct nvsw_path *path, struct sk_buff *skb,
		enum nvsw_drop reason);
void nvsw_flood_out(const struct nvsw_path *path, struct nvsw_flood *fl,
		    struct sk_buff *skb);

/* migrate.c */
#define NVSW_MOVE_GRACE_MS_DEFAULT	10000
int nvsw_moves_init(struct nvsw_switch *sw);
void nvsw_moves_destroy(struct nvsw_switch *sw);
void nvsw_moved(struct nvsw_switch *sw, u32 vsid, const u8 *mac,
		const struct nvsw_remote *from, const struct nvsw_remote *to);
const struct nvsw_move *nvsw_move_find(struct nvsw_switch *sw, u32 vsid,
				       const u8 *mac);
bool nvsw_move_forward(const struct nvsw_path *path, struct nvsw_record *rec,
		       struct sk_buff *skb, const struct in6_addr *outer_src);
void nvsw_announce(struct nvsw_switch *sw, const struct nvsw_ca_key *key,
		   const u8 *mac);

/* ndisc.c */
bool nvsw_is_ndisc_solicit(struct sk_buff *skb);
void nvsw_ndisc_input(const struct nvsw_path *path, struct sk_buff *skb);
struct sk_buff *nvsw_ndisc_unsolicited(struct net_device *dev,
				       const struct in6_addr *ca, const u8 *mac);

/* remote.c */
int nvsw_remotes_init(struct nvsw_switch *sw);
void nvsw_remotes_destroy(struct nvsw_switch *sw);
struct nvsw_remote *nvsw_remote_get(struct nvsw_switch *sw,
				    const struct in6_addr *pa);
void nvsw_remote_hold(struct nvsw_switch *sw, struct nvsw_remote *remote);
void nvsw_remote_put(struct nvsw_switch *sw, struct nvsw_remote *remote);
void nvsw_remotes_refresh(struct nvsw_switch *sw);

/* stats.c */
struct nvsw_pcpu_stats __percpu *nvsw_stats_alloc(void);
void nvsw_stats_read(struct nvsw_pcpu_stats __percpu *stats,
		     struct nvsw_stats *sum);
void nvsw_count(const struct nvsw_path *path, enum nvsw_counter ctr,
		unsigned int len);
void nvsw_count_port(struct nvsw_port *port, enum nvsw_counter ctr,
		     unsigned int len);
void nvsw_count_drop(const struct nvsw_path *path, enum nvsw_drop reason);
void nvsw_drop(const struct nvsw_path *path, struct sk_buff *skb,
	       enum nvsw_drop reason);

/* datapath: tx.c, rx.c, arp.c */
void nvsw_port_input(struct nvsw_port *port, struct sk_buff *skb);
void nvsw_encap_xmit(const struct nvsw_path *path, struct nvsw_remote *remote,
		     u32 vsid, struct sk_buff *skb);
int nvsw_encap_mtu(struct nvsw_switch *sw, struct nvsw_remote *remote);
void nvsw_deliver_local(const struct nvsw_path *path, struct sk_buff *skb);
void nvsw_port_xmit(const struct nvsw_path *path, struct nvsw_port *port,
		    struct sk_buff *skb);
rx_handler_result_t nvsw_underlay_rx(struct sk_buff **pskb);
void nvsw_tunnel_dst_drop(struct sk_buff *skb);
void nvsw_arp_input(const struct nvsw_path *path, struct sk_buff *skb);

/* netlink.c */
extern struct genl_family nvsw_genl_family;
int nvsw_genl_init(void);
void nvsw_genl_exit(void);

/* notify.c */
void nvsw_notify_switch(const struct nvsw_switch *sw, u8 cmd);
void nvsw_notify_pa(const struct nvsw_switch *sw, const struct nvsw_pa *pa,
		    u8 cmd);
void nvsw_notify_port(const struct nvsw_port *port, u8 cmd);
void nvsw_notify_record(const struct nvsw_switch *sw,
			const struct nvsw_record *rec, u8 cmd, gfp_t gfp);
void nvsw_notify_flood(const struct nvsw_switch *sw, const struct nvsw_flood *fl);
void nvsw_notify_vsubnet(const struct nvsw_switch *sw,
			 const struct nvsw_vsubnet *vs, bool ipv6, u8 cmd);
void nvsw_notify_croute(const struct nvsw_switch *sw,
			const struct nvsw_rdom *rd,
			const struct nvsw_croute *rt, u8 cmd);
void nvsw_miss(const struct nvsw_path *path, enum nvsw_miss_source source,
	       __be32 ca, const u8 *mac, const struct in6_addr *pa);
void nvsw_miss_ca6(const struct nvsw_path *path, const struct in6_addr *ca);

#endif /* _NVSW_NVSWITCH_H */
