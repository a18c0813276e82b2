/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ports (port.c): netdevs attached to a switch in one virtual subnet,
 * either a VM's (an rx handler takes its frames) or an internal port, a
 * netdev the switch makes for the host itself (internal.c).
 */
#ifndef _NVSW_PORT_H
#define _NVSW_PORT_H

#include <linux/etherdevice.h>
#include <linux/list.h>
#include <linux/netdevice.h>
#include <net/netlink.h>

struct netlink_ext_ack;
struct nvsw_pcpu_stats;
struct nvsw_switch;
struct nvsw_vsid;

struct nvsw_port {
	struct net_device *dev;
	struct nvsw_switch *sw;
	struct nvsw_vsid *vsid;
	struct list_head node;			/* in sw->ports; RTNL */
	struct list_head vsid_node;		/* in vsid->ports; RCU */
	/*
	 * The MAC of the VM behind this port (ether_addr_to_u64, 0 when not
	 * learned yet), claimed by the datapath from the frames the VM sends;
	 * written under vsid->claim_lock, read with READ_ONCE.
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
	/*
	 * The guards on (NVSW_GUARD_*, port_guard.h), none for an internal
	 * port: written under RTNL, read with READ_ONCE by the datapath.
	 */
	u8 guards;
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

/* port.c */
size_t nvsw_port_link_size(void);
int nvsw_port_link_fill(struct sk_buff *skb, const struct net_device *dev);
int nvsw_port_add(struct nvsw_switch *sw, struct net_device *dev, u32 vsid,
		  const u8 *pin, u8 guards, struct netlink_ext_ack *extack);
int nvsw_port_del(struct nvsw_switch *sw, struct net_device *dev,
		  struct netlink_ext_ack *extack);
void nvsw_port_flush(struct nvsw_switch *sw);
struct nvsw_port *nvsw_port_of(const struct net_device *dev);
struct nvsw_port *nvsw_port_of_switch(const struct nvsw_switch *sw,
				      const struct net_device *dev,
				      struct netlink_ext_ack *extack);
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

#endif /* _NVSW_PORT_H */
