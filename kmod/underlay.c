// SPDX-License-Identifier: GPL-2.0
/*
 * Receiving NVGRE without owning GRE.
 *
 * The GRE demultiplexer has one handler per GRE version and ip_gre owns
 * version 0, so nvswitch must not register one of its own: that would break
 * every gretap, erspan and Open vSwitch GRE user on the host. Instead, like
 * Open vSwitch, each netns with a switch gets one collect_md ("external")
 * gretap device from ip_gre. ip_gre hands it every GRE packet that no
 * configured tunnel claims, already decapsulated, with the key and outer
 * addresses in the skb's tunnel metadata; nvswitch takes them from there
 * with an rx handler. A user's own keyed gretap tunnels keep working because
 * ip_gre prefers an exact tunnel match over the collect_md device.
 *
 * Transmit does not go through this device: nvswitch builds the GRE header
 * itself (tx.c), so losing the device only stops receive.
 *
 * ip_gre's gretap_fb_dev_create() is taken with symbol_get(), not linked
 * against: a link-time dependency made `modprobe -r nvswitch` remove ip_gre
 * too, and with it every gretap, gre and erspan tunnel on the host, the
 * users' own included.  The module reference symbol_get() takes keeps
 * ip_gre loaded as long as nvswitch is, and no longer.
 */
#include <linux/kmod.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <net/gre.h>
#include <net/rtnetlink.h>

#include "datapath.h"
#include "nvswitch.h"
#include "underlay.h"

/* ip_gre's gretap_fb_dev_create(), from module init to module exit. */
static struct net_device *(*gretap_create)(struct net *net, const char *name,
					   u8 name_assign_type);

int nvsw_underlay_init(void)
{
	int err;

	err = request_module("ip_gre");
	gretap_create = symbol_get(gretap_fb_dev_create);
	if (!gretap_create) {
		pr_err("nvswitch: cannot load ip_gre (request_module: %d), which receives NVGRE for it\n",
		       err);
		return -ENOENT;
	}
	return 0;
}

void nvsw_underlay_exit(void)
{
	symbol_put(gretap_fb_dev_create);
}

int nvsw_underlay_get(struct nvsw_net *nn, struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	LIST_HEAD(kill);
	int err;

	ASSERT_RTNL();
	nn->underlay_users++;
	/* Re-created here if an operator deleted it. */
	if (nn->underlay)
		return 0;

	dev = gretap_create(nn->net, NVSW_UNDERLAY_IFNAME, NET_NAME_USER);
	if (IS_ERR(dev)) {
		err = PTR_ERR(dev);
		/* ip_gre allows one collect_md gretap device per netns. */
		if (err == -EEXIST)
			NL_SET_ERR_MSG(extack,
				       "This netns already has an external gretap device or an nvsw_gre");
		else
			NL_SET_ERR_MSG(extack,
				       "Cannot create the underlay device " NVSW_UNDERLAY_IFNAME);
		goto err_users;
	}

	err = netdev_rx_handler_register(dev, nvsw_underlay_rx, nn);
	if (err) {
		NL_SET_ERR_MSG(extack, "The underlay device is in use");
		goto err_dev;
	}

	err = dev_open(dev, extack);
	if (err)
		goto err_handler;

	nn->underlay = dev;
	return 0;

err_handler:
	netdev_rx_handler_unregister(dev);
err_dev:
	dev->rtnl_link_ops->dellink(dev, &kill);
	unregister_netdevice_many(&kill);
err_users:
	nn->underlay_users--;
	return err;
}

void nvsw_underlay_put(struct nvsw_net *nn, struct list_head *kill)
{
	struct net_device *dev = nn->underlay;

	ASSERT_RTNL();
	if (WARN_ON_ONCE(!nn->underlay_users) || --nn->underlay_users)
		return;

	/* Already gone if an operator deleted it. */
	if (!dev)
		return;

	netdev_rx_handler_unregister(dev);
	nn->underlay = NULL;
	dev->rtnl_link_ops->dellink(dev, kill);
}

/* Somebody else unregisters the underlay device: let go of it. */
void nvsw_underlay_gone(struct nvsw_net *nn, struct net_device *dev)
{
	ASSERT_RTNL();
	netdev_rx_handler_unregister(dev);
	nn->underlay = NULL;
	/* Expected while the netns is dismantled; worth a word otherwise. */
	if (nn->underlay_users && check_net(nn->net))
		net_warn_ratelimited("nvswitch: %s deleted, this netns' switches receive no NVGRE until the next switch is added\n",
				     dev->name);
}
