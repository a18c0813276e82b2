// SPDX-License-Identifier: GPL-2.0
/*
 * Ports: existing Ethernet netdevs (a VM's tap, one end of a veth) attached
 * to a switch in one virtual subnet. A port takes over its netdev's receive
 * path with an rx handler, like a bridge port, and shows as "master SWITCH".
 * An internal port (internal.c) is a netdev the switch made itself: it needs
 * no rx handler and stays free to be enslaved to a VRF.
 */
#include <linux/if_arp.h>
#include <linux/netdevice.h>

#include "account.h"
#include "datapath.h"
#include "guard.h"
#include "limit.h"
#include "notify.h"
#include "nvswitch.h"
#include "port.h"
#include "stats.h"
#include "vsid.h"

static rx_handler_result_t nvsw_port_rx(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct nvsw_port *port;

	/* Our own transmissions looped back to packet sockets. */
	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;

	port = rcu_dereference(skb->dev->rx_handler_data);
	/* On failure the skb is freed: an allocation failure, not ours to count. */
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb)
		return RX_HANDLER_CONSUMED;

	nvsw_port_input(port, skb);
	return RX_HANDLER_CONSUMED;
}

/* Under RCU or RTNL. */
struct nvsw_port *nvsw_port_of(const struct net_device *dev)
{
	if (nvsw_is_internal(dev))
		return nvsw_internal_port(dev);
	if (rcu_access_pointer(dev->rx_handler) != nvsw_port_rx)
		return NULL;
	return rcu_dereference_rtnl(dev->rx_handler_data);
}

static void port_free_rcu(struct rcu_head *head)
{
	struct nvsw_port *port = container_of(head, struct nvsw_port, rcu);

	free_percpu(port->stats);
	kfree(port);
}

/* dev can be one more port of sw. */
static int port_check_dev(struct nvsw_switch *sw, struct net_device *dev,
			  struct netlink_ext_ack *extack)
{
	struct net_device *master;

	if (dev == sw->dev || nvsw_is_switch(dev)) {
		NL_SET_ERR_MSG(extack,
			       "The device is a switch; a switch cannot be a port");
		return -EINVAL;
	}
	if (dev->flags & IFF_LOOPBACK || dev->type != ARPHRD_ETHER ||
	    dev->addr_len != ETH_ALEN) {
		NL_SET_ERR_MSG(extack,
			       "The device must be an Ethernet device");
		return -EINVAL;
	}
	/* A port is a VM's interface; another switch under it makes loops. */
	if (netif_is_bridge_master(dev) || netif_is_ovs_master(dev)) {
		NL_SET_ERR_MSG(extack,
			       "The device is a bridge; attach VM interfaces, not switches");
		return -EINVAL;
	}
	if (dev == sw->nn->underlay || dev == sw->nn->underlay6) {
		NL_SET_ERR_MSG(extack,
			       "The device is an underlay device (nvsw_gre, or the external ip6gretap)");
		return -EINVAL;
	}
	if (nvsw_port_of(dev)) {
		NL_SET_ERR_MSG(extack,
			       "The device is already a port of a switch");
		return -EBUSY;
	}
	master = netdev_master_upper_dev_get(dev);
	if (master || netdev_is_rx_handler_busy(dev)) {
		NL_SET_ERR_MSG(extack,
			       "The device is already enslaved to another device");
		return -EBUSY;
	}
	return nvsw_limit_check(sw, NVSW_LIMIT_PORTS, extack);
}

static struct nvsw_port *port_alloc(struct nvsw_switch *sw,
				    struct net_device *dev, u32 vsid)
{
	struct nvsw_port *port;
	int err;

	port = kzalloc(sizeof(*port), NVSW_GFP_CONFIG);
	if (!port)
		return ERR_PTR(-ENOMEM);
	port->stats = nvsw_stats_alloc();
	if (!port->stats) {
		kfree(port);
		return ERR_PTR(-ENOMEM);
	}
	port->dev = dev;
	port->sw = sw;

	port->vsid = nvsw_vsid_port_get(sw, vsid);
	if (IS_ERR(port->vsid)) {
		err = PTR_ERR(port->vsid);
		call_rcu(&port->rcu, port_free_rcu);
		return ERR_PTR(err);
	}
	return port;
}

/* The port is complete: the datapath already sees it. */
static void port_publish(struct nvsw_port *port)
{
	struct nvsw_switch *sw = port->sw;

	list_add_tail(&port->node, &sw->ports);
	nvsw_limit_charge(sw, NVSW_LIMIT_PORTS);
	nvsw_notify_port(port, NVSW_CMD_PORT_NEW_NTF);
}

/*
 * Publishes port in its vsid: from here on the datapath sees it. A pin is
 * refused when another port of the VSID is pinned to that MAC or sends
 * from it; the check and the publication are one step under claim_lock,
 * so no claim (guard.c) slips in between. Under RTNL.
 */
static int port_join_vsid(struct nvsw_port *port,
			  struct netlink_ext_ack *extack)
{
	struct nvsw_vsid *vsid = port->vsid;
	int err = 0;

	ASSERT_RTNL();
	spin_lock_bh(&vsid->claim_lock);
	if (port->pin && nvsw_mac_taken(port, port->pin)) {
		NL_SET_ERR_MSG(extack,
			       "Another port of this VSID is pinned to that MAC or sends from it");
		err = -EADDRINUSE;
	} else {
		list_add_tail_rcu(&port->vsid_node, &vsid->ports);
	}
	spin_unlock_bh(&vsid->claim_lock);
	return err;
}

/*
 * dev becomes a port of vsid, which only pin may send from if not NULL,
 * with the guards on that guards has (NVSW_GUARD_*).
 */
int nvsw_port_add(struct nvsw_switch *sw, struct net_device *dev, u32 vsid,
		  const u8 *pin, u8 guards, struct netlink_ext_ack *extack)
{
	struct nvsw_port *port;
	int err;

	ASSERT_RTNL();
	err = port_check_dev(sw, dev, extack);
	if (err)
		return err;

	port = port_alloc(sw, dev, vsid);
	if (IS_ERR(port))
		return PTR_ERR(port);
	if (pin)
		port->pin = ether_addr_to_u64(pin);
	port->guards = guards;

	/* VM MACs are not the port's own: take every frame. */
	err = dev_set_promiscuity(dev, 1);
	if (err)
		goto err_vsid;

	err = netdev_master_upper_dev_link(dev, sw->dev, NULL, NULL, extack);
	if (err)
		goto err_promisc;

	/* Published last: from here on the datapath sees the port. */
	err = port_join_vsid(port, extack);
	if (err)
		goto err_upper;
	err = netdev_rx_handler_register(dev, nvsw_port_rx, port);
	if (err)
		goto err_unlink;

	port_publish(port);
	return 0;

err_unlink:
	list_del_rcu(&port->vsid_node);
err_upper:
	netdev_upper_dev_unlink(dev, sw->dev);
err_promisc:
	dev_set_promiscuity(dev, -1);
err_vsid:
	nvsw_vsid_port_put(sw, port->vsid);
	call_rcu(&port->rcu, port_free_rcu);
	return err;
}

/* An internal port for dev, which internal.c has just registered. */
int nvsw_port_add_internal(struct nvsw_switch *sw, struct net_device *dev,
			   u32 vsid)
{
	struct nvsw_port *port;

	ASSERT_RTNL();
	port = port_alloc(sw, dev, vsid);
	if (IS_ERR(port))
		return PTR_ERR(port);
	port->internal = true;
	port_join_vsid(port, NULL);	/* no pin: cannot fail */
	nvsw_internal_attach(dev, port);
	port_publish(port);
	return 0;
}

/*
 * An internal port's netdev goes with it: unregistered now when kill is
 * NULL, else queued on kill; not again when it is the netdev's own
 * unregistration that destroys the port.
 */
void nvsw_port_destroy(struct nvsw_port *port, struct list_head *kill)
{
	struct nvsw_switch *sw = port->sw;
	struct net_device *dev = port->dev;
	bool internal = port->internal;	/* port may be freed after call_rcu() */

	ASSERT_RTNL();
	nvsw_notify_port(port, NVSW_CMD_PORT_DEL_NTF);
	if (internal) {
		/* Its transmit path finds no port from here on. */
		nvsw_internal_detach(dev);
	} else {
		/* Waits for every rx handler still running on this port. */
		netdev_rx_handler_unregister(dev);
	}
	list_del_rcu(&port->vsid_node);
	if (!internal) {
		netdev_upper_dev_unlink(dev, sw->dev);
		dev_set_promiscuity(dev, -1);
	}
	nvsw_vsid_port_put(sw, port->vsid);
	list_del(&port->node);
	nvsw_limit_uncharge(sw, NVSW_LIMIT_PORTS);
	/* Other ports' datapath may still walk the VSID's list past it. */
	call_rcu(&port->rcu, port_free_rcu);
	if (internal && dev->reg_state == NETREG_REGISTERED)
		unregister_netdevice_queue(dev, kill);
}

/*
 * Under RCU or RTNL: the port dev (NULL: no device) is of sw, or NULL with
 * the reason in extack.
 */
struct nvsw_port *nvsw_port_of_switch(const struct nvsw_switch *sw,
				      const struct net_device *dev,
				      struct netlink_ext_ack *extack)
{
	struct nvsw_port *port = dev ? nvsw_port_of(dev) : NULL;

	if (port && port->sw == sw)
		return port;
	NL_SET_ERR_MSG(extack, "The device is not a port of this switch");
	return NULL;
}

int nvsw_port_del(struct nvsw_switch *sw, struct net_device *dev,
		  struct netlink_ext_ack *extack)
{
	struct nvsw_port *port;

	ASSERT_RTNL();
	port = nvsw_port_of_switch(sw, dev, extack);
	if (!port)
		return -ENOENT;
	nvsw_port_destroy(port, NULL);
	return 0;
}

/*
 * Every port, from the switch's ndo_uninit. Internal ports are normally
 * gone already (nvsw_internal_flush() from nvsw_switch_delete()).
 */
void nvsw_port_flush(struct nvsw_switch *sw)
{
	struct nvsw_port *port, *tmp;

	list_for_each_entry_safe(port, tmp, &sw->ports, node)
		nvsw_port_destroy(port, NULL);
}

/* What a port's device shows of it (ip -d link show DEV): slave info. */
size_t nvsw_port_link_size(void)
{
	return nla_total_size(sizeof(u32)) +		/* IFLA_NVSW_PORT_VSID */
	       2 * nla_total_size(ETH_ALEN);		/* _MAC, _PIN */
}

/* Under RTNL, whose rtnetlink dump asks for it. */
int nvsw_port_link_fill(struct sk_buff *skb, const struct net_device *dev)
{
	const struct nvsw_port *port = nvsw_port_of(dev);

	if (port &&
	    (nla_put_u32(skb, IFLA_NVSW_PORT_VSID, port->vsid->id) ||
	     nvsw_nla_put_mac(skb, IFLA_NVSW_PORT_MAC, READ_ONCE(port->mac)) ||
	     nvsw_nla_put_mac(skb, IFLA_NVSW_PORT_PIN, port->pin)))
		return -EMSGSIZE;
	return 0;
}

/* A port's netdev is unregistered or leaves the netns. */
void nvsw_port_gone(struct net_device *dev)
{
	struct nvsw_port *port = nvsw_port_of(dev);

	if (port)
		nvsw_port_destroy(port, NULL);
}
