// SPDX-License-Identifier: GPL-2.0
/*
 * Receiving NVGRE over IPv6 without owning GRE.
 *
 * As for IPv4 (underlay.c), the switches of a netns receive through the
 * one collect_md ("external") ip6gretap device ip6_gre allows per netns:
 * ip6_gre hands it every GRE packet over IPv6 that no configured tunnel
 * claims, decapsulated, with the key and the outer addresses in the skb's
 * tunnel metadata, and the rx handler of nvswitch (rx.c) takes it there.
 *
 * Unlike ip_gre, ip6_gre exports no call that makes that device, so it is
 * made over rtnetlink, as Open vSwitch's userspace makes its own:
 * `ip link add nvsw_gre6 type ip6gretap external`; nvswitchctl does that
 * when nvsw_underlay6_get() refuses an IPv6 PA for want of it. The
 * switches attach to the device they find in their netns while they have
 * IPv6 PAs, bring it up, and detach when the last IPv6 PA goes; it is not
 * theirs to delete. Transmit does not go through it (tx.c).
 */
#include <linux/netdevice.h>
#include <net/ip6_tunnel.h>
#include <net/rtnetlink.h>

#include "datapath.h"
#include "nvswitch.h"
#include "underlay.h"

static bool is_external_ip6gretap(const struct net_device *dev)
{
	const struct ip6_tnl *t;

	if (!dev->rtnl_link_ops || strcmp(dev->rtnl_link_ops->kind, "ip6gretap"))
		return false;
	t = netdev_priv(dev);
	return t->parms.collect_md;
}

static struct net_device *find_external_ip6gretap(struct net *net)
{
	struct net_device *dev;

	for_each_netdev(net, dev)
		if (is_external_ip6gretap(dev))
			return dev;
	return NULL;
}

/* A switch gets an IPv6 PA. */
int nvsw_underlay6_get(struct nvsw_net *nn, struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	int err;

	ASSERT_RTNL();
	/* Attached anew if an operator deleted and re-created it. */
	if (nn->underlay6)
		goto out;

	dev = find_external_ip6gretap(nn->net);
	if (!dev) {
		/* ENXIO, which nothing else returns, tells clients what to make. */
		NL_SET_ERR_MSG(extack,
			       "An IPv6 PA needs an external ip6gretap device in this netns: ip link add nvsw_gre6 type ip6gretap external");
		return -ENXIO;
	}
	err = netdev_rx_handler_register(dev, nvsw_underlay_rx, nn);
	if (err) {
		NL_SET_ERR_MSG(extack,
			       "The external ip6gretap device is in use (a bridge, a bond or Open vSwitch)");
		return err;
	}
	/* ip6_gre hands a device that is down nothing. */
	err = dev_open(dev, extack);
	if (err) {
		netdev_rx_handler_unregister(dev);
		return err;
	}
	nn->underlay6 = dev;
out:
	nn->underlay6_users++;
	return 0;
}

/* A switch lets go of an IPv6 PA. */
void nvsw_underlay6_put(struct nvsw_net *nn)
{
	ASSERT_RTNL();
	if (WARN_ON_ONCE(!nn->underlay6_users) || --nn->underlay6_users)
		return;
	/* Already gone if an operator deleted it. */
	if (!nn->underlay6)
		return;
	netdev_rx_handler_unregister(nn->underlay6);
	nn->underlay6 = NULL;
}

/* The device is unregistered, or moves to another netns: let go of it. */
void nvsw_underlay6_gone(struct nvsw_net *nn, struct net_device *dev)
{
	ASSERT_RTNL();
	netdev_rx_handler_unregister(dev);
	nn->underlay6 = NULL;
	if (check_net(nn->net))
		net_warn_ratelimited("nvswitch: %s deleted, this netns' switches receive no NVGRE over IPv6 until an IPv6 PA is added again\n",
				     dev->name);
}
