// SPDX-License-Identifier: GPL-2.0
/*
 * The switch as a network device: rtnl link kind "nvswitch".
 *
 * The device is the handle operators know (`ip link add sw0 type nvswitch`)
 * and what ports are enslaved to. Its counters show the underlay side:
 * `ip -s link` TX is NVGRE sent, RX is NVGRE received and delivered.
 */
#include <linux/etherdevice.h>
#include <linux/module.h>
#include <linux/rhashtable.h>
#include <net/rtnetlink.h>

#include "bum.h"
#include "compat.h"
#include "drop.h"
#include "limit.h"
#include "record.h"
#include "migrate.h"
#include "notify.h"
#include "nvswitch.h"
#include "pa.h"
#include "port.h"
#include "remote.h"
#include "routing.h"
#include "stats.h"
#include "underlay.h"
#include "vsid.h"

/*
 * What a switch holds besides its counters, set up in this order by
 * ndo_init and torn down in the reverse order: by the destructor, after
 * the last reference and a grace period, or by ndo_init failing half way.
 */
static const struct {
	int (*init)(struct nvsw_switch *sw);
	void (*destroy)(struct nvsw_switch *sw);
} parts[] = {
	{ nvsw_vsids_init, nvsw_vsids_destroy },
	/* Records point to remotes, BUM sets hold them: remotes go last. */
	{ nvsw_remotes_init, nvsw_remotes_destroy },
	{ nvsw_records_init, nvsw_records_destroy },
	{ nvsw_moves_init, nvsw_moves_destroy },
	{ nvsw_routing_init, NULL },
};

/* The first n parts, last first. */
static void parts_destroy(struct nvsw_switch *sw, unsigned int n)
{
	while (n--)
		if (parts[n].destroy)
			parts[n].destroy(sw);
}

/*
 * Objects of a table walked between two chances for the scheduler: a
 * switch may have tens of thousands of remotes (a refresh resets a per-CPU
 * cache in each), and a mass migration (an evacuated host) leaves a move
 * per VM of every host it held.
 */
#define WALK_BATCH	64

/*
 * Calls fn on each object of ht, one of sw's tables, until fn returns
 * non-zero, which this returns. The walk leaves its RCU section and
 * yields every WALK_BATCH objects, as rhashtable's own users do
 * (rhashtable_walk_stop(), cond_resched(), rhashtable_walk_start()), so
 * that a large table neither stalls RCU nor holds the CPU. The caller
 * holds the table's lock throughout, which keeps objects from coming or
 * going meanwhile except by fn, so the object in hand stays valid across
 * the pause; fn may remove it: the pause comes first, while the walker
 * can still find its place again by the last object it returned. A
 * resize restarts the walk (-EAGAIN), so fn may see an object twice.
 * Process context.
 */
int nvsw_table_walk(struct rhashtable *ht, int (*fn)(void *obj, void *arg),
		    void *arg)
{
	struct rhashtable_iter iter;
	unsigned int n = 0;
	int err = 0;
	void *obj;

	rhashtable_walk_enter(ht, &iter);
	rhashtable_walk_start(&iter);
	while ((obj = rhashtable_walk_next(&iter))) {
		if (IS_ERR(obj))
			continue;	/* -EAGAIN: resized, walking on */
		if (++n % WALK_BATCH == 0) {
			rhashtable_walk_stop(&iter);
			cond_resched();
			rhashtable_walk_start(&iter);
		}
		err = fn(obj, arg);
		if (err)
			break;
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
	return err;
}

static int nvsw_dev_init(struct net_device *dev)
{
	struct nvsw_switch *sw = netdev_priv(dev);
	unsigned int i;
	int err;

	/* iptunnel_xmit() counts what it sends in dev->tstats. */
	err = nvsw_tstats_alloc(dev);
	if (err)
		return err;

	sw->stats = nvsw_stats_alloc();
	if (!sw->stats) {
		err = -ENOMEM;
		goto err_tstats;
	}

	mutex_init(&sw->lock);
	for (i = 0; i < ARRAY_SIZE(parts); i++) {
		err = parts[i].init(sw);
		if (err)
			goto err_parts;
	}
	return 0;

err_parts:
	parts_destroy(sw, i);
	mutex_destroy(&sw->lock);
	free_percpu(sw->stats);
err_tstats:
	nvsw_tstats_free(dev);
	return err;
}

/* Unregistering: let go of everything that refers to other devices. */
static void nvsw_dev_uninit(struct net_device *dev)
{
	struct nvsw_switch *sw = netdev_priv(dev);

	nvsw_port_flush(sw);
	nvsw_pa_flush(sw);
	nvsw_routing_flush(sw);
}

/* After the last reference and a grace period. */
static void nvsw_dev_free(struct net_device *dev)
{
	struct nvsw_switch *sw = netdev_priv(dev);

	parts_destroy(sw, ARRAY_SIZE(parts));
	mutex_destroy(&sw->lock);
	free_percpu(sw->stats);
	nvsw_tstats_free(dev);
}

/*
 * The switch device is in no virtual subnet (the host joins one through an
 * internal port), so what the host sends on it has nowhere to go.
 */
static netdev_tx_t nvsw_dev_xmit(struct sk_buff *skb, struct net_device *dev)
{
	const struct nvsw_path path = { .sw = netdev_priv(dev) };

	nvsw_drop(&path, skb, NVSW_DROP_HOST_TX);
	return NETDEV_TX_OK;
}

static void nvsw_get_stats64(struct net_device *dev,
			     struct rtnl_link_stats64 *stats)
{
	struct nvsw_switch *sw = netdev_priv(dev);
	struct nvsw_stats sum;

	dev_fetch_sw_netstats(stats, dev->tstats);
	nvsw_stats_read(sw->stats, &sum);
	stats->rx_packets = sum.packets[NVSW_CTR_RX];
	stats->rx_bytes = sum.bytes[NVSW_CTR_RX];
	stats->rx_dropped = sum.rx_dropped;
	/* Plus what the IP layer dropped after iptunnel_xmit() took it. */
	stats->tx_dropped = sum.tx_dropped + DEV_STATS_READ(dev, tx_dropped);
	stats->tx_errors = DEV_STATS_READ(dev, tx_errors);
}

/*
 * ip link set DEV master SWITCH: DEV becomes a port in the switch's
 * default VSID, as it would become a bridge's port. Under RTNL.
 */
static int nvsw_add_slave(struct net_device *dev, struct net_device *port_dev,
			  struct netlink_ext_ack *extack)
{
	struct nvsw_switch *sw = netdev_priv(dev);

	if (!sw->default_vsid) {
		NL_SET_ERR_MSG(extack,
			       "The switch has no default VSID: set one, or attach the device with a VSID through the nvswitch family");
		return -EINVAL;
	}
	return nvsw_port_add(sw, port_dev, sw->default_vsid, NULL, 0, extack);
}

/* ip link set DEV nomaster. Under RTNL. */
static int nvsw_del_slave(struct net_device *dev, struct net_device *port_dev)
{
	return nvsw_port_del(netdev_priv(dev), port_dev, NULL);
}

const struct net_device_ops nvsw_netdev_ops = {
	.ndo_init = nvsw_dev_init,
	.ndo_uninit = nvsw_dev_uninit,
	.ndo_start_xmit = nvsw_dev_xmit,
	.ndo_get_stats64 = nvsw_get_stats64,
	.ndo_set_mac_address = eth_mac_addr,
	.ndo_validate_addr = eth_validate_addr,
	.ndo_add_slave = nvsw_add_slave,
	.ndo_del_slave = nvsw_del_slave,
};

static void nvsw_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &nvsw_netdev_ops;
	dev->ethtool_ops = &nvsw_ethtool_ops;
	dev->needs_free_netdev = true;
	dev->priv_destructor = nvsw_dev_free;
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	/* The gateway MAC (router.c) is set on every host of a deployment alike. */
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE;
	nvsw_dev_set_lltx(dev);
	nvsw_tstats_setup(dev);
	/* Ports and PAs belong to this netns. */
	nvsw_dev_set_netns_local(dev);
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;
	eth_hw_addr_random(dev);
}

/* Not const: 6.1's policy macro takes a plain pointer. */
static struct netlink_range_validation move_grace_range = {
	.max = NVSWITCH_MOVE_GRACE_MS_MAX,
};

static struct netlink_range_validation default_vsid_range = {
	.max = NVSWITCH_VSID_MAX,
};

static const struct nla_policy nvsw_link_policy[IFLA_NVSW_MAX + 1] = {
	[IFLA_NVSW_FLOWID_MODE] = NLA_POLICY_MAX(NLA_U8, NVSW_FLOWID_ZERO),
	[IFLA_NVSW_MOVE_GRACE_MS] = NLA_POLICY_FULL_RANGE(NLA_U32,
							  &move_grace_range),
	[IFLA_NVSW_DSCP] = NLA_POLICY_MAX(NLA_U8, NVSWITCH_DSCP_INHERIT),
	/* 0 too, for none: the rest of the VSID range is checked below. */
	[IFLA_NVSW_DEFAULT_VSID] = NLA_POLICY_FULL_RANGE(NLA_U32,
							 &default_vsid_range),
	/* A limit of 0 would make the switch useless: 1 is the least. */
	[IFLA_NVSW_MAX_RECORDS] = NLA_POLICY_MIN(NLA_U32, 1),
	[IFLA_NVSW_MAX_PORTS] = NLA_POLICY_MIN(NLA_U32, 1),
	[IFLA_NVSW_MAX_PAS] = NLA_POLICY_MIN(NLA_U32, 1),
	[IFLA_NVSW_MAX_VSUBNETS] = NLA_POLICY_MIN(NLA_U32, 1),
	[IFLA_NVSW_MAX_ROUTES] = NLA_POLICY_MIN(NLA_U32, 1),
};

static int nvsw_validate(struct nlattr *tb[], struct nlattr *data[],
			 struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_ADDRESS],
					    "The MAC address must be 6 bytes");
			return -EINVAL;
		}
		if (!is_valid_ether_addr(nla_data(tb[IFLA_ADDRESS]))) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_ADDRESS],
					    "The MAC address must be a unicast address");
			return -EADDRNOTAVAIL;
		}
	}
	if (data && data[IFLA_NVSW_DEFAULT_VSID]) {
		u32 vsid = nla_get_u32(data[IFLA_NVSW_DEFAULT_VSID]);

		if (vsid && vsid < NVSWITCH_VSID_MIN) {
			NL_SET_ERR_MSG_ATTR(extack, data[IFLA_NVSW_DEFAULT_VSID],
					    "The default VSID must be 0 (none) or a VSID, 4096-16777214");
			return -ERANGE;
		}
	}
	return 0;
}

static void nvsw_apply(struct nvsw_switch *sw, struct nlattr *data[])
{
	if (data && data[IFLA_NVSW_FLOWID_MODE])
		WRITE_ONCE(sw->flowid_mode,
			   nla_get_u8(data[IFLA_NVSW_FLOWID_MODE]));
	if (data && data[IFLA_NVSW_MOVE_GRACE_MS])
		WRITE_ONCE(sw->move_grace_ms,
			   nla_get_u32(data[IFLA_NVSW_MOVE_GRACE_MS]));
	if (data && data[IFLA_NVSW_DSCP])
		WRITE_ONCE(sw->dscp, nla_get_u8(data[IFLA_NVSW_DSCP]));
	if (data && data[IFLA_NVSW_DEFAULT_VSID])
		WRITE_ONCE(sw->default_vsid,
			   nla_get_u32(data[IFLA_NVSW_DEFAULT_VSID]));
	nvsw_limits_apply(sw, data);
}

static int nvsw_newlink(struct net *src_net, struct net_device *dev,
			struct nlattr *tb[], struct nlattr *data[],
			struct netlink_ext_ack *extack)
{
	struct nvsw_switch *sw = netdev_priv(dev);
	struct nvsw_net *nn = nvsw_net(dev_net(dev));
	int err;

	sw->dev = dev;
	sw->nn = nn;
	sw->flowid_mode = NVSW_FLOWID_HASH;
	sw->move_grace_ms = NVSWITCH_MOVE_GRACE_MS_DEFAULT;
	nvsw_limits_init(sw);
	INIT_LIST_HEAD(&sw->ports);
	INIT_LIST_HEAD(&sw->pas);
	nvsw_apply(sw, data);

	err = nvsw_underlay_get(nn, extack);
	if (err)
		return err;

	err = register_netdevice(dev);
	if (err) {
		LIST_HEAD(kill);

		nvsw_underlay_put(nn, &kill);
		unregister_netdevice_many(&kill);
		return err;
	}

	list_add_tail(&sw->node, &nn->switches);
	nvsw_notify_switch(sw, NVSW_CMD_SWITCH_NEW_NTF);
	return 0;
}

static int nvsw_changelink(struct net_device *dev, struct nlattr *tb[],
			   struct nlattr *data[],
			   struct netlink_ext_ack *extack)
{
	struct nvsw_switch *sw = netdev_priv(dev);

	nvsw_apply(sw, data);
	/* Like RTM_NEWLINK, a change is announced as the object anew. */
	nvsw_notify_switch(sw, NVSW_CMD_SWITCH_NEW_NTF);
	return 0;
}

void nvsw_switch_delete(struct nvsw_switch *sw, struct list_head *kill)
{
	ASSERT_RTNL();
	nvsw_notify_switch(sw, NVSW_CMD_SWITCH_DEL_NTF);
	list_del(&sw->node);
	/* Its internal ports' netdevs go in the same batch, before it. */
	nvsw_internal_flush(sw, kill);
	nvsw_underlay_put(sw->nn, kill);
	unregister_netdevice_queue(sw->dev, kill);
}

static void nvsw_dellink(struct net_device *dev, struct list_head *kill)
{
	nvsw_switch_delete(netdev_priv(dev), kill);
}

static size_t nvsw_get_size(const struct net_device *dev)
{
	return nla_total_size(sizeof(u8)) +	/* IFLA_NVSW_FLOWID_MODE */
	       nla_total_size(sizeof(u32)) +	/* IFLA_NVSW_MOVE_GRACE_MS */
	       nla_total_size(sizeof(u8)) +	/* IFLA_NVSW_DSCP */
	       nla_total_size(sizeof(u32)) +	/* IFLA_NVSW_DEFAULT_VSID */
	       nvsw_limits_size();		/* IFLA_NVSW_MAX_* */
}

static int nvsw_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	const struct nvsw_switch *sw = netdev_priv(dev);

	if (nla_put_u8(skb, IFLA_NVSW_FLOWID_MODE,
		       READ_ONCE(sw->flowid_mode)) ||
	    nla_put_u32(skb, IFLA_NVSW_MOVE_GRACE_MS,
			READ_ONCE(sw->move_grace_ms)) ||
	    nla_put_u8(skb, IFLA_NVSW_DSCP, READ_ONCE(sw->dscp)) ||
	    nla_put_u32(skb, IFLA_NVSW_DEFAULT_VSID,
			READ_ONCE(sw->default_vsid)))
		return -EMSGSIZE;
	return nvsw_limits_fill(skb, sw);
}

static size_t nvsw_get_slave_size(const struct net_device *dev,
				  const struct net_device *port_dev)
{
	return nvsw_port_link_size();
}

static int nvsw_fill_slave_info(struct sk_buff *skb,
				const struct net_device *dev,
				const struct net_device *port_dev)
{
	return nvsw_port_link_fill(skb, port_dev);
}

struct rtnl_link_ops nvsw_link_ops __read_mostly = {
	.kind = "nvswitch",
	.maxtype = IFLA_NVSW_MAX,
	.policy = nvsw_link_policy,
	.priv_size = sizeof(struct nvsw_switch),
	.setup = nvsw_setup,
	.validate = nvsw_validate,
	.newlink = nvsw_newlink,
	.changelink = nvsw_changelink,
	.dellink = nvsw_dellink,
	.get_size = nvsw_get_size,
	.fill_info = nvsw_fill_info,
	.slave_maxtype = IFLA_NVSW_PORT_MAX,
	.get_slave_size = nvsw_get_slave_size,
	.fill_slave_info = nvsw_fill_slave_info,
};
