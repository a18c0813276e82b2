// SPDX-License-Identifier: GPL-2.0
/*
 * NVGRE from the underlay, already decapsulated by ip_gre (underlay.c):
 * checked against RFC 7637 and against spoofing (guard.c), and delivered
 * only to the port of its virtual subnet that owns the destination MAC,
 * forwarded for a VM that just moved away (migrate.c), or, for a VSID that
 * replicates broadcast/unknown/multicast, to all its ports (bum.c).
 */
#include <linux/if_vlan.h>
#include <net/dst_metadata.h>

#include "bum.h"
#include "compat.h"
#include "datapath.h"
#include "drop.h"
#include "guard.h"
#include "record.h"
#include "migrate.h"
#include "notify.h"
#include "nvswitch.h"
#include "pa.h"
#include "remote.h"
#include "stats.h"
#include "trace.h"
#include "vsid.h"

#define NVGRE_FLAGS_PROTO	(0x20000000 | ETH_P_TEB)	/* K bit only */
#define NVGRE_SEQ_FLAGS_PROTO	(0x30000000 | ETH_P_TEB)	/* K and S bits */

/*
 * ip_gre and ip6_gre pass only the C and K bits on in the tunnel metadata
 * and strip a sequence number silently, yet RFC 7637 wants C = S = 0. The
 * GRE header still sits right before the inner Ethernet header (the tunnel
 * code pulled it, never moved it), so check it is the 8-byte K-only form
 * with the key we got.
 *
 * With the S bit, those 8 bytes are the key and the sequence number of a
 * 12-byte header, which a sender can make read like a K-only header: key
 * and sequence number both 0x20006558. Such a header has its K|S flags
 * word in the 4 bytes before; a K-only one has the end of the outer IP
 * header there, one of our own addresses, so only a PA ending in
 * 48.0.101.88 receiving VSID 0x200065 with FlowID 0x58 could be mistaken
 * the other way, and then for a drop.
 */
static bool nvgre_header_ok(const struct sk_buff *skb, __be32 key)
{
	const u8 *gre = skb_mac_header(skb) - NVSW_GRE_HLEN;

	if (gre - 4 < skb->head)
		return false;
	return get_unaligned_be32(gre) == NVGRE_FLAGS_PROTO &&
	       get_unaligned((const __be32 *)(gre + 4)) == key &&
	       get_unaligned_be32(gre - 4) != NVGRE_SEQ_FLAGS_PROTO;
}

/*
 * Lets go of the tunnel metadata ip_gre attached to a frame from the
 * underlay.  ip_gre allocates that metadata_dst for this frame alone
 * (ip_tun_rx_dst()) and never publishes it where an RCU reader could find
 * it, so its last reference can free it at once: dst_release() would queue
 * it for an RCU callback, about 7% of a received frame's instructions
 * (Documentation/performance.rst).  A reference a tap's clone holds keeps
 * it alive as before; any other dst goes the usual way.
 */
void nvsw_tunnel_dst_drop(struct sk_buff *skb)
{
	struct dst_entry *dst = skb_dst(skb);

	if (dst && !skb_dst_is_noref(skb) && (dst->flags & DST_METADATA) &&
	    ((struct metadata_dst *)dst)->type == METADATA_IP_TUNNEL) {
		skb_dst_set(skb, NULL);
		dst_release_immediate(dst);
		return;
	}
	skb_dst_drop(skb);
}

/*
 * Broadcast, multicast or unknown unicast: to the local ports when the
 * VSID replicates (bum.c) and the sender is who it claims to be, and never
 * back to the underlay.
 */
static void bum_input(const struct nvsw_path *path, struct sk_buff *skb,
		      const struct in6_addr *outer_src, enum nvsw_drop reason)
{
	if (!nvsw_bum_replicates(path->vsid)) {
		nvsw_drop(path, skb, reason);
		return;
	}
	if (unlikely(!nvsw_underlay_source_ok(path->sw, path->vsid->id, skb,
					      outer_src, true))) {
		nvsw_drop(path, skb, NVSW_DROP_SPOOFED);
		return;
	}
	nvsw_tunnel_dst_drop(skb);
	nvsw_bum_replicate(path, skb);
}

static void decap_input(struct nvsw_switch *sw, struct sk_buff *skb,
			const struct ip_tunnel_info *info,
			const struct in6_addr *outer_src)
{
	__be32 key = tunnel_id_to_key32(info->key.tun_id);
	u32 vsid = be32_to_cpu(key) >> 8;
	struct nvsw_path path = {
		.sw = sw,
		.from_underlay = true,
	};
	const struct ethhdr *eth;
	struct nvsw_record *rec;

	if (unlikely(!netif_running(sw->dev))) {
		nvsw_drop(&path, skb, NVSW_DROP_SWITCH_DOWN);
		return;
	}
	/* Before the header check: untagging moved the Ethernet header. */
	if (unlikely(skb_vlan_tag_present(skb) || eth_type_vlan(skb->protocol))) {
		nvsw_drop(&path, skb, NVSW_DROP_VLAN_TAGGED);
		return;
	}
	if (unlikely(!nvsw_tun_flags_key_only(info) ||
		     !nvgre_header_ok(skb, key))) {
		nvsw_drop(&path, skb, NVSW_DROP_BAD_GRE);
		return;
	}
	if (unlikely(!nvsw_vsid_valid(vsid))) {
		nvsw_drop(&path, skb, NVSW_DROP_RESERVED_VSID);
		return;
	}
	path.vsid = nvsw_vsid_serving(sw, vsid);
	if (!path.vsid) {
		/* The VM's last port here may be gone already. */
		rec = nvsw_record_by_mac(sw, vsid, eth_hdr(skb)->h_dest);
		if (!rec || !nvsw_move_forward(&path, rec, skb, outer_src))
			nvsw_drop(&path, skb, NVSW_DROP_UNKNOWN_VSID);
		return;
	}

	eth = eth_hdr(skb);
	if (is_multicast_ether_addr(eth->h_dest)) {
		bum_input(&path, skb, outer_src, NVSW_DROP_BROADCAST);
		return;
	}
	rec = nvsw_record_by_mac(sw, vsid, eth->h_dest);
	if (!rec) {
		nvsw_miss(&path, NVSW_MISS_UNDERLAY, 0, eth->h_dest, outer_src);
		bum_input(&path, skb, outer_src, NVSW_DROP_NO_RECORD);
		return;
	}
	if (!READ_ONCE(nvsw_record_remote(rec)->local)) {
		if (!nvsw_move_forward(&path, rec, skb, outer_src))
			nvsw_drop(&path, skb, NVSW_DROP_NOT_LOCAL);
		return;
	}
	if (unlikely(!nvsw_underlay_source_ok(sw, vsid, skb, outer_src, true))) {
		nvsw_drop(&path, skb, NVSW_DROP_SPOOFED);
		return;
	}

	/* The tunnel metadata must not follow the frame into a VM. */
	nvsw_tunnel_dst_drop(skb);
	nvsw_deliver_local(&path, skb);
}

/* For ip_gre's device and ip6_gre's alike (underlay.c, underlay6.c). */
rx_handler_result_t nvsw_underlay_rx(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	const struct ip_tunnel_info *info;
	struct in6_addr src, dst;
	struct nvsw_net *nn;
	struct nvsw_pa *pa;

	info = skb_tunnel_info(skb);
	if (unlikely(!info))
		return RX_HANDLER_PASS;
	switch (ip_tunnel_info_af(info)) {
	case AF_INET:
		nvsw_pa_set_ipv4(&src, info->key.u.ipv4.src);
		nvsw_pa_set_ipv4(&dst, info->key.u.ipv4.dst);
		break;
	case AF_INET6:
		src = info->key.u.ipv6.src;
		dst = info->key.u.ipv6.dst;
		break;
	default:
		return RX_HANDLER_PASS;
	}

	nn = rcu_dereference(skb->dev->rx_handler_data);
	pa = nvsw_pa_find(nn, &dst);
	/*
	 * Not for a switch, and so for nobody: the device is the switches'
	 * (nvsw_gre is the module's own, an external ip6gretap is taken over
	 * while a switch has an IPv6 PA). Passed on, the host's stack would
	 * take the inner frame as arriving on it, and answer ARP or IP that
	 * anyone on the underlay wraps in GRE to another address of this host
	 * through the tunnel. Taps have seen it; rx_dropped counts it.
	 */
	if (!pa) {
		dev_core_stats_rx_dropped_inc(skb->dev);
		kfree_skb_reason(skb, SKB_DROP_REASON_OTHERHOST);
		return RX_HANDLER_CONSUMED;
	}

	/* On failure the skb is freed: an allocation failure, not ours to count. */
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb)
		return RX_HANDLER_CONSUMED;
	/* The metadata lives in the dst, which skb_share_check kept. */
	info = skb_tunnel_info(skb);
	trace_decap(pa->sw, tunnel_id_to_key32(info->key.tun_id),
		    skb->len + ETH_HLEN, &src, &dst);
	decap_input(pa->sw, skb, info, &src);
	return RX_HANDLER_CONSUMED;
}
