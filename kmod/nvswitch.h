/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nvswitch: objects shared between the files of the module.
 *
 * Locking, in the order it must be taken:
 *
 *   RTNL          the per-netns list of switches, the underlay device, ports,
 *                 virtual subnets (vnets) and provider addresses.
 *   sw->lock      the lookup records of one switch.
 *
 * The datapath (port and underlay rx handlers) takes neither: it runs under
 * RCU (rx handlers are called in an RCU read-side section) and only reads.
 * The one datapath write is a port's learned MAC, a single u64.
 */
#ifndef _NVSW_NVSWITCH_H
#define _NVSW_NVSWITCH_H

#include <linux/etherdevice.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/rhashtable.h>
#include <linux/u64_stats_sync.h>
#include <net/ip_tunnels.h>
#include <uapi/linux/nvswitch.h>

#define NVSW_UNDERLAY_IFNAME	"nvsw_gre"
/* The GRE header nvswitch sends: flags/protocol word plus the key. */
#define NVSW_GRE_HLEN		8

/* Drop reasons, in the order of enum nvsw_drop_attr. */
enum nvsw_drop {
	NVSW_DROP_NO_RECORD,
	NVSW_DROP_UNKNOWN_VSID,
	NVSW_DROP_RESERVED_VSID,
	NVSW_DROP_VLAN_TAGGED,
	NVSW_DROP_BAD_GRE,
	NVSW_DROP_MALFORMED,
	NVSW_DROP_NOT_LOCAL,
	NVSW_DROP_NO_PORT,
	NVSW_DROP_PORT_DOWN,
	NVSW_DROP_SWITCH_DOWN,
	NVSW_DROP_BROADCAST,
	NVSW_DROP_NO_PA,
	NVSW_DROP_NO_ROUTE,
	NVSW_DROP_HOST_TX,
	NVSW_DROP_TX_ERROR,
	NVSW_DROP_COUNT
};

static_assert(NVSW_DROP_A_NO_RECORD + NVSW_DROP_COUNT == __NVSW_DROP_A_MAX);

/* Per-CPU counters of a switch; written only by the CPU that owns them. */
struct nvsw_pcpu_stats {
	u64_stats_t tx_packets;
	u64_stats_t tx_bytes;
	u64_stats_t rx_packets;
	u64_stats_t rx_bytes;
	u64_stats_t local_packets;
	u64_stats_t local_bytes;
	u64_stats_t arp_replies;
	u64_stats_t rx_dropped;		/* from the underlay */
	u64_stats_t tx_dropped;		/* from ports or the host */
	u64_stats_t drops[NVSW_DROP_COUNT];
	struct u64_stats_sync syncp;
};

/* The sum over all CPUs, for netlink and ndo_get_stats64. */
struct nvsw_stats {
	u64 tx_packets, tx_bytes;
	u64 rx_packets, rx_bytes;
	u64 local_packets, local_bytes;
	u64 arp_replies;
	u64 rx_dropped, tx_dropped;
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
	struct hlist_head pa_hash[16];		/* RTNL writes, RCU reads */
};

struct nvsw_switch {
	struct net_device *dev;
	struct nvsw_net *nn;
	struct list_head node;			/* in nn->switches; RTNL */
	u8 flowid_mode;				/* RTNL writes, READ_ONCE */

	struct list_head ports;			/* RTNL */
	unsigned int n_ports;			/* RTNL */
	struct rhashtable vnets;		/* RTNL writes, RCU reads */
	struct list_head pas;			/* RTNL writes, RCU reads */
	unsigned int n_pas;			/* RTNL */

	struct mutex lock;			/* lookup records */
	struct rhashtable records_by_ca;	/* sw->lock writes, RCU reads */
	struct rhltable records_by_mac;		/* sw->lock writes, RCU reads */
	unsigned int n_records;			/* sw->lock */
	u32 records_gen;			/* sw->lock; bumped on change */

	struct nvsw_pcpu_stats __percpu *stats;
};

/* A virtual subnet with ports on this switch. */
struct nvsw_vnet {
	struct rhash_head node;			/* in sw->vnets */
	u32 vsid;
	struct list_head ports;			/* RTNL writes, RCU reads */
	unsigned int n_ports;			/* RTNL */
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
	 * learned yet), learned by the datapath from the frames the VM sends.
	 */
	u64 mac;
	struct rcu_head rcu;
};

/* A provider address of a switch. Unique within a netns. */
struct nvsw_pa {
	struct hlist_node hnode;		/* in nn->pa_hash; RCU */
	struct list_head node;			/* in sw->pas; RCU */
	struct nvsw_switch *sw;
	__be32 addr;
	struct rcu_head rcu;
};

/* Lookup records are found by (VSID, CA) and by (VSID, MAC). */
struct nvsw_ca_key {
	u32 vsid;
	__be32 ca;
};

struct nvsw_mac_key {
	u32 vsid;
	u8 mac[ETH_ALEN];
	u8 zero[2];				/* keys are compared as bytes */
};

struct nvsw_record {
	struct rhash_head ca_node;
	struct rhlist_head mac_node;
	struct nvsw_ca_key ca_key;
	struct nvsw_mac_key mac_key;
	__be32 pa;				/* sw->lock writes, READ_ONCE */
	struct rcu_head rcu;
};

static inline bool nvsw_vsid_valid(u32 vsid)
{
	return vsid >= NVSW_VSID_MIN && vsid <= NVSW_VSID_MAX;
}

/* device.c */
extern const struct net_device_ops nvsw_netdev_ops;
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
int nvsw_underlay_get(struct nvsw_net *nn, struct netlink_ext_ack *extack);
void nvsw_underlay_put(struct nvsw_net *nn, struct list_head *kill);
void nvsw_underlay_gone(struct nvsw_net *nn, struct net_device *dev);

/* pa.c */
int nvsw_pa_add(struct nvsw_switch *sw, __be32 addr,
		struct netlink_ext_ack *extack);
int nvsw_pa_del(struct nvsw_switch *sw, __be32 addr,
		struct netlink_ext_ack *extack);
void nvsw_pa_flush(struct nvsw_switch *sw);
struct nvsw_pa *nvsw_pa_find(struct nvsw_net *nn, __be32 addr);
bool nvsw_pa_is_local(struct nvsw_switch *sw, __be32 addr);

/* vnet.c */
int nvsw_vnets_init(struct nvsw_switch *sw);
void nvsw_vnets_destroy(struct nvsw_switch *sw);
struct nvsw_vnet *nvsw_vnet_find(struct nvsw_switch *sw, u32 vsid);
struct nvsw_vnet *nvsw_vnet_get(struct nvsw_switch *sw, u32 vsid);
void nvsw_vnet_put(struct nvsw_switch *sw, struct nvsw_vnet *vnet);

/* port.c */
int nvsw_port_add(struct nvsw_switch *sw, struct net_device *dev, u32 vsid,
		  struct netlink_ext_ack *extack);
int nvsw_port_del(struct nvsw_switch *sw, struct net_device *dev,
		  struct netlink_ext_ack *extack);
void nvsw_port_flush(struct nvsw_switch *sw);
struct nvsw_port *nvsw_port_of(const struct net_device *dev);
void nvsw_port_gone(struct net_device *dev);

/* lookup.c */
int nvsw_lookup_init(void);
void nvsw_lookup_exit(void);
int nvsw_records_init(struct nvsw_switch *sw);
void nvsw_records_destroy(struct nvsw_switch *sw);
int nvsw_record_set(struct nvsw_switch *sw, const struct nvsw_ca_key *key,
		    const u8 *mac, __be32 pa, u16 nlflags,
		    struct netlink_ext_ack *extack);
int nvsw_record_del(struct nvsw_switch *sw, const struct nvsw_ca_key *key,
		    struct netlink_ext_ack *extack);
struct nvsw_record *nvsw_record_by_ca(struct nvsw_switch *sw, u32 vsid,
				      __be32 ca);
struct nvsw_record *nvsw_record_by_mac(struct nvsw_switch *sw, u32 vsid,
				       const u8 *mac);

/* stats.c */
void nvsw_stats_read(struct nvsw_switch *sw, struct nvsw_stats *sum);
void nvsw_count_drop(struct nvsw_switch *sw, enum nvsw_drop reason, bool rx);
void nvsw_count_tx(struct nvsw_switch *sw, unsigned int len);
void nvsw_count_rx(struct nvsw_switch *sw, unsigned int len);
void nvsw_count_local(struct nvsw_switch *sw, unsigned int len);
void nvsw_count_arp_reply(struct nvsw_switch *sw);

/* datapath: tx.c, rx.c, arp.c */
void nvsw_port_input(struct nvsw_port *port, struct sk_buff *skb);
void nvsw_deliver_local(struct nvsw_switch *sw, struct nvsw_vnet *vnet,
			struct sk_buff *skb, struct nvsw_port *ingress,
			bool from_underlay);
void nvsw_encap_xmit(struct nvsw_switch *sw, u32 vsid, __be32 dst_pa,
		     struct sk_buff *skb);
rx_handler_result_t nvsw_underlay_rx(struct sk_buff **pskb);
void nvsw_arp_input(struct nvsw_port *port, struct sk_buff *skb);
void nvsw_drop(struct nvsw_switch *sw, struct sk_buff *skb,
	       enum nvsw_drop reason, bool rx);
void nvsw_port_xmit(struct nvsw_port *port, struct sk_buff *skb);

/* netlink.c */
int nvsw_genl_init(void);
void nvsw_genl_exit(void);

#endif /* _NVSW_NVSWITCH_H */
