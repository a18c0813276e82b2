// SPDX-License-Identifier: GPL-2.0
/*
 * Internal ports: a netdev that a switch creates in one virtual subnet, so
 * that the host itself takes part in the subnet as a VM would (Open
 * vSwitch's internal ports). A gateway host puts it in a VRF, gives it the
 * gateway's customer address and routes and NATs with the usual tools.
 *
 *  - What the host transmits on it enters the switch exactly as a frame a
 *    VM sent on its port: same anti-spoofing, ARP from policy, routing,
 *    local switching and encapsulation (nvsw_port_input()).
 *  - What the switch delivers to the port is received by the host on it,
 *    as if from a wire (nvsw_internal_receive()).
 *
 * The netdev lives and dies with its port: `nvswitchctl port del`, the
 * switch's deletion (with its netns, or the module) unregister it. It has
 * no rtnl_link_ops, so `ip link del` refuses it (EOPNOTSUPP), as it does
 * Open vSwitch's; and it cannot leave its netns, where its switch is.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>

#include "compat.h"
#include "datapath.h"
#include "limit.h"
#include "nvswitch.h"
#include "port.h"

struct nvsw_internal {
	/* RTNL writes; the transmit path reads it under RCU. */
	struct nvsw_port __rcu *port;
};

/* Under RCU or RTNL: the port of an internal netdev, NULL once detached. */
struct nvsw_port *nvsw_internal_port(const struct net_device *dev)
{
	const struct nvsw_internal *priv = netdev_priv(dev);

	return rcu_dereference_rtnl(priv->port);
}

void nvsw_internal_attach(struct net_device *dev, struct nvsw_port *port)
{
	struct nvsw_internal *priv = netdev_priv(dev);

	ASSERT_RTNL();
	rcu_assign_pointer(priv->port, port);
}

void nvsw_internal_detach(struct net_device *dev)
{
	struct nvsw_internal *priv = netdev_priv(dev);

	ASSERT_RTNL();
	RCU_INIT_POINTER(priv->port, NULL);
}

/*
 * From the switch: the host receives the frame on the port's netdev.
 * skb->data is at the Ethernet header. dev_forward_skb() scrubs what the
 * frame carried from elsewhere (dst, conntrack), checks the MTU and counts
 * what it drops in the netdev's rx_dropped.
 */
void nvsw_internal_receive(struct nvsw_port *port, struct sk_buff *skb)
{
	struct net_device *dev = port->dev;
	unsigned int len = skb->len;

	if (likely(dev_forward_skb(dev, skb) == NET_RX_SUCCESS))
		dev_sw_netstats_rx_add(dev, len);
}

/*
 * From the host: into the switch as from a VM. The frame leaves the host's
 * stack here, so what belongs to that stack (route, conntrack) is dropped,
 * and it is made to look as rx handlers see frames: protocol set from the
 * Ethernet header, skb->data past it.
 */
static netdev_tx_t internal_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct nvsw_internal *priv = netdev_priv(dev);
	unsigned int len = skb->len;
	struct nvsw_port *port;

	/* dev_queue_xmit() holds rcu_read_lock_bh(); the datapath wants RCU. */
	rcu_read_lock();
	port = rcu_dereference(priv->port);
	if (unlikely(!port || !pskb_may_pull(skb, ETH_HLEN))) {
		DEV_STATS_INC(dev, tx_dropped);
		kfree_skb(skb);
		goto out;
	}
	dev_sw_netstats_tx_add(dev, 1, len);
	skb_scrub_packet(skb, false);
	skb->protocol = eth_type_trans(skb, dev);
	/*
	 * A frame the host forwards here with its receive checksum (tc
	 * mirred keeps CHECKSUM_COMPLETE) must not count the Ethernet header
	 * in it any more, as after any receive (__dev_forward_skb()).
	 */
	skb_postpull_rcsum(skb, eth_hdr(skb), ETH_HLEN);
	skb_reset_network_header(skb);
	nvsw_port_input(port, skb);
out:
	rcu_read_unlock();
	return NETDEV_TX_OK;
}

static int internal_init(struct net_device *dev)
{
	return nvsw_tstats_alloc(dev);
}

static void internal_free(struct net_device *dev)
{
	nvsw_tstats_free(dev);
}

const struct net_device_ops nvsw_internal_ops = {
	.ndo_init = internal_init,
	.ndo_start_xmit = internal_xmit,
	.ndo_get_stats64 = dev_get_tstats64,
	.ndo_set_mac_address = eth_mac_addr,
	.ndo_validate_addr = eth_validate_addr,
};

/* What a veth offers: the switch takes GSO and partial checksums from VMs too. */
#define INTERNAL_FEATURES	(NETIF_F_SG | NETIF_F_HW_CSUM | NETIF_F_HIGHDMA | \
				 NETIF_F_GSO_SOFTWARE)

static void internal_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &nvsw_internal_ops;
	dev->needs_free_netdev = true;
	dev->priv_destructor = internal_free;
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	nvsw_dev_set_lltx(dev);
	nvsw_tstats_setup(dev);
	/* Its switch, records and PAs are in this netns. */
	nvsw_dev_set_netns_local(dev);
	dev->features |= INTERNAL_FEATURES;
	dev->hw_features |= INTERNAL_FEATURES;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;
	eth_hw_addr_random(dev);
}

/* A device NAME can be made in sw's netns, and be one more port of sw. */
static int internal_check(struct nvsw_switch *sw, const char *name,
			  struct netlink_ext_ack *extack)
{
	if (!dev_valid_name(name) || strchr(name, '%')) {
		NL_SET_ERR_MSG(extack,
			       "The name is not a valid interface name");
		return -EINVAL;
	}
	if (__dev_get_by_name(dev_net(sw->dev), name)) {
		NL_SET_ERR_MSG(extack,
			       "A device of that name exists");
		return -EEXIST;
	}
	return nvsw_limit_check(sw, NVSW_LIMIT_PORTS, extack);
}

/*
 * Creates the netdev NAME in the switch's netns, with mac (a valid unicast
 * address) or a random one, and attaches it in vsid.
 */
int nvsw_internal_add(struct nvsw_switch *sw, const char *name, const u8 *mac,
		      u32 vsid, struct netlink_ext_ack *extack)
{
	struct net *net = dev_net(sw->dev);
	struct net_device *dev;
	int err;

	ASSERT_RTNL();
	err = internal_check(sw, name, extack);
	if (err)
		return err;

	dev = alloc_netdev(sizeof(struct nvsw_internal), name, NET_NAME_USER,
			   internal_setup);
	if (!dev)
		return -ENOMEM;
	dev_net_set(dev, net);
	if (mac)
		eth_hw_addr_set(dev, mac);

	err = register_netdevice(dev);
	if (err) {
		NL_SET_ERR_MSG(extack, "Cannot register the device");
		free_netdev(dev);
		return err;
	}

	err = nvsw_port_add_internal(sw, dev, vsid);
	if (err) {
		unregister_netdevice(dev);
		return err;
	}
	return 0;
}

/* The switch is being deleted: its internal ports' netdevs go on kill. */
void nvsw_internal_flush(struct nvsw_switch *sw, struct list_head *kill)
{
	struct nvsw_port *port, *tmp;

	ASSERT_RTNL();
	list_for_each_entry_safe(port, tmp, &sw->ports, node)
		if (port->internal)
			nvsw_port_destroy(port, kill);
}
