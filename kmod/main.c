// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitch: multi-tenant network virtualization with NVGRE (RFC 7637).
 *
 * Module init and exit only; see nvswitch.h for the switch and the order
 * of locks, and each object's own header for the rest.
 */
#include <linux/module.h>
#include <net/genetlink.h>
#include <net/rtnetlink.h>

#include "record.h"
#include "netlink.h"
#include "nvswitch.h"
#include "underlay.h"

static int __init nvsw_init(void)
{
	int err;

	err = nvsw_underlay_init();
	if (err)
		return err;
	/*
	 * IPv6 PAs receive through ip6_gre's external ip6gretap device
	 * (underlay6.c), which nvswitch needs no symbol of: load it here, so
	 * that nvswitchctl can make the device where modules do not autoload.
	 * Not a softdep: `modprobe -r nvswitch` would remove it, and every
	 * ip6gre tunnel with it.
	 */
	request_module("ip6_gre");

	err = nvsw_lookup_init();
	if (err)
		goto err_underlay;

	err = nvsw_netns_init();
	if (err)
		goto err_lookup;

	err = rtnl_link_register(&nvsw_link_ops);
	if (err)
		goto err_netns;

	err = nvsw_genl_init();
	if (err)
		goto err_link;

	return 0;

err_link:
	rtnl_link_unregister(&nvsw_link_ops);
err_netns:
	nvsw_netns_exit();
err_lookup:
	nvsw_lookup_exit();
err_underlay:
	nvsw_underlay_exit();
	return err;
}

static void __exit nvsw_exit(void)
{
	nvsw_genl_exit();
	/* Deletes every switch in every netns through nvsw_link_ops.dellink. */
	rtnl_link_unregister(&nvsw_link_ops);
	nvsw_netns_exit();
	/* Ports, vnets and records are freed by RCU callbacks in this module. */
	rcu_barrier();
	nvsw_lookup_exit();
	/* Every nvsw_gre went with the switches: ip_gre may go now. */
	nvsw_underlay_exit();
}

module_init(nvsw_init);
module_exit(nvsw_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("NVGRE (RFC 7637) multi-tenant network virtualization switch");
/* From the VERSION file at the top of the tree, through kmod/Kbuild. */
MODULE_VERSION(NVSW_VERSION);
MODULE_ALIAS_RTNL_LINK("nvswitch");
MODULE_ALIAS_GENL_FAMILY(NVSW_GENL_NAME);
