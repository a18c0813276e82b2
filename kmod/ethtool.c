// SPDX-License-Identifier: GPL-2.0
/*
 * ethtool on the switch device: -i names the driver, -S gives the switch's
 * counters and its drops by reason, by the names nvswitchctl stats uses, so
 * the tools an operator already runs on every NIC see them too.
 */
#include <linux/ethtool.h>

#include "compat.h"
#include "drop.h"
#include "nvswitch.h"
#include "stats.h"

struct nvsw_ethtool_stat {
	const char *name;
	enum nvsw_counter ctr;
	bool bytes;
};

static const struct nvsw_ethtool_stat nvsw_ethtool_stats[] = {
	{ "tx_packets", NVSW_CTR_TX, false },
	{ "tx_bytes", NVSW_CTR_TX, true },
	{ "rx_packets", NVSW_CTR_RX, false },
	{ "rx_bytes", NVSW_CTR_RX, true },
	{ "local_packets", NVSW_CTR_LOCAL, false },
	{ "local_bytes", NVSW_CTR_LOCAL, true },
	{ "arp_replies", NVSW_CTR_ARP, false },
	{ "forwarded_packets", NVSW_CTR_FORWARDED, false },
	{ "forwarded_bytes", NVSW_CTR_FORWARDED, true },
	{ "announces", NVSW_CTR_ANNOUNCE, false },
	{ "routed_packets", NVSW_CTR_ROUTED, false },
	{ "routed_bytes", NVSW_CTR_ROUTED, true },
	{ "flooded_packets", NVSW_CTR_FLOODED, false },
	{ "flooded_bytes", NVSW_CTR_FLOODED, true },
};

#define NVSW_ETHTOOL_N_STATS (ARRAY_SIZE(nvsw_ethtool_stats) + NVSW_DROP_COUNT)

static void nvsw_get_drvinfo(struct net_device *dev,
			     struct ethtool_drvinfo *info)
{
	/* The core has put the kernel's release in info->version. */
	strscpy(info->driver, KBUILD_MODNAME, sizeof(info->driver));
}

static int nvsw_get_sset_count(struct net_device *dev, int sset)
{
	return sset == ETH_SS_STATS ? NVSW_ETHTOOL_N_STATS : -EOPNOTSUPP;
}

static void nvsw_get_strings(struct net_device *dev, u32 sset, u8 *data)
{
	unsigned int i;

	if (sset != ETH_SS_STATS)
		return;
	for (i = 0; i < ARRAY_SIZE(nvsw_ethtool_stats); i++)
		ethtool_puts(&data, nvsw_ethtool_stats[i].name);
	for (i = 0; i < NVSW_DROP_COUNT; i++)
		ethtool_sprintf(&data, "drop_%s", nvsw_drop_reasons[i].name);
}

static void nvsw_get_ethtool_stats(struct net_device *dev,
				   struct ethtool_stats *stats, u64 *data)
{
	struct nvsw_switch *sw = netdev_priv(dev);
	struct nvsw_stats sum;
	unsigned int i;

	nvsw_stats_read(sw->stats, &sum);
	for (i = 0; i < ARRAY_SIZE(nvsw_ethtool_stats); i++) {
		const struct nvsw_ethtool_stat *s = &nvsw_ethtool_stats[i];

		*data++ = s->bytes ? sum.bytes[s->ctr] : sum.packets[s->ctr];
	}
	for (i = 0; i < NVSW_DROP_COUNT; i++)
		*data++ = sum.drops[i];
}

const struct ethtool_ops nvsw_ethtool_ops = {
	.get_drvinfo = nvsw_get_drvinfo,
	.get_link = ethtool_op_get_link,
	.get_sset_count = nvsw_get_sset_count,
	.get_strings = nvsw_get_strings,
	.get_ethtool_stats = nvsw_get_ethtool_stats,
};
