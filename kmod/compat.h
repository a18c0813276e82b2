/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place where nvswitch deals with differences between the kernels
 * it supports (Debian's 6.1 and 6.12). Code elsewhere calls these helpers
 * and never tests LINUX_VERSION_CODE itself.
 */
#ifndef _NVSW_COMPAT_H
#define _NVSW_COMPAT_H

#include <linux/version.h>

#define NVSW_KERNEL_AT_LEAST(major, minor) \
	(LINUX_VERSION_CODE >= KERNEL_VERSION(major, minor, 0))

#include <linux/ethtool.h>
#include <linux/netdevice.h>
#include <net/genetlink.h>
#include <net/gre.h>
#include <net/ip_tunnels.h>

#include "account.h"

/* GSO helpers moved out of skbuff.h in 6.5. */
#if NVSW_KERNEL_AT_LEAST(6, 5)
#include <net/gso.h>
#endif

#if NVSW_KERNEL_AT_LEAST(6, 12)
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

#if NVSW_KERNEL_AT_LEAST(6, 10)
/* Tunnel flags became a bitmap in 6.10. */
static inline bool nvsw_tun_flags_key_only(const struct ip_tunnel_info *info)
{
	return test_bit(IP_TUNNEL_KEY_BIT, info->key.tun_flags) &&
	       !test_bit(IP_TUNNEL_CSUM_BIT, info->key.tun_flags);
}

static inline void nvsw_gre_push_key(struct sk_buff *skb, __be32 key)
{
	IP_TUNNEL_DECLARE_FLAGS(flags) = { };

	__set_bit(IP_TUNNEL_KEY_BIT, flags);
	gre_build_header(skb, gre_calc_hlen(flags), flags, htons(ETH_P_TEB),
			 key, 0);
}
#else
static inline bool nvsw_tun_flags_key_only(const struct ip_tunnel_info *info)
{
	return (info->key.tun_flags & (TUNNEL_KEY | TUNNEL_CSUM)) == TUNNEL_KEY;
}

static inline void nvsw_gre_push_key(struct sk_buff *skb, __be32 key)
{
	gre_build_header(skb, gre_calc_hlen(TUNNEL_KEY), TUNNEL_KEY,
			 htons(ETH_P_TEB), key, 0);
}
#endif

#if NVSW_KERNEL_AT_LEAST(6, 12)
static inline void nvsw_dev_set_lltx(struct net_device *dev)
{
	dev->lltx = true;
}

/* Debian's 6.12 carries the later rename of netns_local to netns_immutable. */
static inline void nvsw_dev_set_netns_local(struct net_device *dev)
{
	dev->netns_immutable = true;
}
#else
static inline void nvsw_dev_set_lltx(struct net_device *dev)
{
	dev->features |= NETIF_F_LLTX;
}

static inline void nvsw_dev_set_netns_local(struct net_device *dev)
{
	dev->features |= NETIF_F_NETNS_LOCAL;
}
#endif

/*
 * iptunnel_xmit() counts into dev->tstats. Since 6.7 the core allocates
 * them when asked to, and iptunnel_xmit() insists it was asked.
 */
#if NVSW_KERNEL_AT_LEAST(6, 7)
static inline void nvsw_tstats_setup(struct net_device *dev)
{
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
}

static inline int nvsw_tstats_alloc(struct net_device *dev)
{
	return 0;
}

static inline void nvsw_tstats_free(struct net_device *dev)
{
}
#else
static inline void nvsw_tstats_setup(struct net_device *dev)
{
}

static inline int nvsw_tstats_alloc(struct net_device *dev)
{
	dev->tstats = __netdev_alloc_pcpu_stats(struct pcpu_sw_netstats,
						NVSW_GFP_CONFIG);
	return dev->tstats ? 0 : -ENOMEM;
}

static inline void nvsw_tstats_free(struct net_device *dev)
{
	free_percpu(dev->tstats);
}
#endif

/* The request's attributes, as parsed by genetlink, in a dump callback. */
#if NVSW_KERNEL_AT_LEAST(6, 2)
static inline struct nlattr **nvsw_dump_attrs(struct netlink_callback *cb)
{
	return genl_dumpit_info(cb)->info.attrs;
}
#else
static inline struct nlattr **nvsw_dump_attrs(struct netlink_callback *cb)
{
	return genl_dumpit_info(cb)->attrs;
}
#endif

/*
 * ENOSPC's message from a full switch: what (a literal) it holds the most
 * of. NL_SET_ERR_MSG_FMT() came in 6.2; 6.1 says it without the number.
 */
#ifdef NL_SET_ERR_MSG_FMT
#define nvsw_limit_err_msg(extack, what, max)				\
	NL_SET_ERR_MSG_FMT(extack,					\
			   "The switch holds its maximum of %u " what, max)
#else
#define nvsw_limit_err_msg(extack, what, max) do {			\
	(void)(max);							\
	NL_SET_ERR_MSG(extack, "The switch holds its maximum of " what); \
} while (0)
#endif

/* What a family's pre_doit and post_doit get: split ops since 6.2. */
#if NVSW_KERNEL_AT_LEAST(6, 2)
#define nvsw_genl_doit_ops genl_split_ops
#else
#define nvsw_genl_doit_ops genl_ops
#endif

/*
 * The policy ynl-gen writes (netlink-gen.c, which Kbuild builds with this
 * header forced in) points to const ranges; 6.1's struct nla_policy still
 * takes a mutable one, which the policy core never writes through.
 */
#if !NVSW_KERNEL_AT_LEAST(6, 2)
#undef NLA_POLICY_FULL_RANGE
#define NLA_POLICY_FULL_RANGE(tp, _range) {				\
	.type = NLA_ENSURE_UINT_OR_BINARY_TYPE(tp),			\
	.validation_type = NLA_VALIDATE_RANGE_PTR,			\
	.range = (struct netlink_range_validation *)(_range),		\
}
#endif

/* ethtool_puts() came in 6.8: the same, from the ethtool core's zeroed buffer. */
#if !NVSW_KERNEL_AT_LEAST(6, 8)
static inline void ethtool_puts(u8 **data, const char *str)
{
	strscpy(*data, str, ETH_GSTRING_LEN);
	*data += ETH_GSTRING_LEN;
}
#endif

#endif /* _NVSW_COMPAT_H */
