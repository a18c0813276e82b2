// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace state, its teardown, and reacting to devices that
 * vanish underneath a switch (a port's netdev, the underlay device).
 */
#include <linux/netdevice.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <net/rtnetlink.h>

#include "nvswitch.h"
#include "port.h"
#include "underlay.h"

unsigned int nvsw_net_id __read_mostly;

struct nvsw_net *nvsw_net(const struct net *net)
{
	return net_generic(net, nvsw_net_id);
}

static int __net_init nvsw_net_init(struct net *net)
{
	struct nvsw_net *nn = nvsw_net(net);
	int i;

	nn->net = net;
	INIT_LIST_HEAD(&nn->switches);
	for (i = 0; i < ARRAY_SIZE(nn->pa_hash); i++)
		INIT_HLIST_HEAD(&nn->pa_hash[i]);
	return 0;
}

/*
 * The core deletes rtnl_link devices of a dying netns too, but the order
 * of pernet exits is not ours to rely on: delete what is left ourselves.
 */
static void __net_exit nvsw_net_exit_batch(struct list_head *net_list)
{
	struct nvsw_switch *sw, *tmp;
	struct net *net;
	LIST_HEAD(kill);

	rtnl_lock();
	list_for_each_entry(net, net_list, exit_list) {
		struct nvsw_net *nn = nvsw_net(net);

		list_for_each_entry_safe(sw, tmp, &nn->switches, node)
			nvsw_switch_delete(sw, &kill);
	}
	unregister_netdevice_many(&kill);
	rtnl_unlock();
}

static struct pernet_operations nvsw_net_ops = {
	.init = nvsw_net_init,
	.exit_batch = nvsw_net_exit_batch,
	.id = &nvsw_net_id,
	.size = sizeof(struct nvsw_net),
};

static int nvsw_netdev_event(struct notifier_block *nb, unsigned long event,
			     void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct nvsw_net *nn;

	if (event != NETDEV_UNREGISTER)
		return NOTIFY_DONE;

	/* Also seen when a port's netdev moves to another netns. */
	nvsw_port_gone(dev);

	nn = nvsw_net(dev_net(dev));
	if (nn->underlay == dev)
		nvsw_underlay_gone(nn, dev);
	else if (nn->underlay6 == dev)
		nvsw_underlay6_gone(nn, dev);
	return NOTIFY_DONE;
}

static struct notifier_block nvsw_netdev_notifier = {
	.notifier_call = nvsw_netdev_event,
};

int nvsw_netns_init(void)
{
	int err;

	err = register_pernet_device(&nvsw_net_ops);
	if (err)
		return err;

	err = register_netdevice_notifier(&nvsw_netdev_notifier);
	if (err)
		unregister_pernet_device(&nvsw_net_ops);
	return err;
}

void nvsw_netns_exit(void)
{
	unregister_netdevice_notifier(&nvsw_netdev_notifier);
	unregister_pernet_device(&nvsw_net_ops);
}
