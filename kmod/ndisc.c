// SPDX-License-Identifier: GPL-2.0
/*
 * Neighbor Discovery answered from policy, the IPv6 twin of arp.c: a VM's
 * Neighbor Solicitation (to the solicited-node multicast address or
 * unicast) is answered by the switch with a Neighbor Advertisement made
 * from the record of the target in the VM's virtual subnet, so no
 * solicitation ever crosses the physical network or reaches another VM.
 *
 *  - No record for the target: a miss (NVSW_MISS_ND) and a no_record drop.
 *  - Duplicate address detection (source ::) for an address that policy
 *    gives to the soliciting VM itself is not answered: an answer would
 *    tell the VM its own address is taken. For an address policy gives to
 *    another VM, it is answered, to all-nodes as RFC 4861 7.2.4 says, so
 *    the VM learns that the address is not its to use.
 *  - Any other IPv6 multicast from a VM (MLD reports, Router
 *    Solicitations, unsolicited advertisements) is dropped as broadcast by
 *    the caller, as are broadcast frames other than ARP requests.
 *
 * The advertisement comes from the target's own address and MAC, as if the
 * target VM had answered: Router flag clear, Override set, Solicited set
 * when it answers a unicast source, with the target link-layer address
 * option. Hop limit 255, as RFC 4861 7.1.2 requires of the receiver.
 *
 * The IPv6 gateway of a routed subnet (router.c) is the switch itself: its
 * advertisement carries the switch's MAC and the Router flag, as a router
 * on a physical link answers for its own address.
 */
#include <linux/etherdevice.h>
#include <linux/icmpv6.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include "bum.h"
#include "datapath.h"
#include "drop.h"
#include "record.h"
#include "notify.h"
#include "nvswitch.h"
#include "port.h"
#include "routing.h"
#include "stats.h"
#include "vsid.h"

/* An advertisement: the message, then one target link-layer address option. */
#define NA_OPT_LEN	8			/* type, length, MAC: in units of 8 */
#define NA_LEN		(sizeof(struct nd_msg) + NA_OPT_LEN)

static const struct in6_addr all_nodes = IN6ADDR_LINKLOCAL_ALLNODES_INIT;

/*
 * skb->data is at the IPv6 header: a Neighbor Solicitation right behind it,
 * with no extension header, as RFC 4861 senders make them. Other ND
 * messages, and ones behind extension headers, are not answered.
 */
bool nvsw_is_ndisc_solicit(struct sk_buff *skb)
{
	const struct icmp6hdr *icmp6;
	const struct ipv6hdr *ip6;

	if (skb->protocol != htons(ETH_P_IPV6) ||
	    !pskb_may_pull(skb, sizeof(*ip6) + sizeof(*icmp6)))
		return false;
	ip6 = (const struct ipv6hdr *)skb->data;
	icmp6 = (const struct icmp6hdr *)(ip6 + 1);
	return ip6->nexthdr == IPPROTO_ICMPV6 &&
	       icmp6->icmp6_type == NDISC_NEIGHBOUR_SOLICITATION;
}

/*
 * An advertisement for target with MAC target_mac, to daddr at dst_mac,
 * ready for nvsw_port_xmit() on dev: skb->data past the Ethernet header.
 */
static struct sk_buff *na_create(struct net_device *dev,
				 const struct in6_addr *target,
				 const u8 *target_mac,
				 const struct in6_addr *daddr,
				 const u8 *dst_mac, bool solicited, bool router)
{
	unsigned int hlen = LL_RESERVED_SPACE(dev);
	struct ipv6hdr *ip6;
	struct nd_msg *na;
	struct sk_buff *skb;
	u8 *opt;

	skb = alloc_skb(hlen + sizeof(*ip6) + NA_LEN, GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, hlen);
	skb->protocol = htons(ETH_P_IPV6);
	skb->dev = dev;

	skb_reset_network_header(skb);
	ip6 = skb_put(skb, sizeof(*ip6));
	ip6_flow_hdr(ip6, 0, 0);
	ip6->payload_len = htons(NA_LEN);
	ip6->nexthdr = IPPROTO_ICMPV6;
	ip6->hop_limit = 255;
	ip6->saddr = *target;
	ip6->daddr = *daddr;

	skb_set_transport_header(skb, sizeof(*ip6));
	na = skb_put_zero(skb, NA_LEN);
	na->icmph.icmp6_type = NDISC_NEIGHBOUR_ADVERTISEMENT;
	na->icmph.icmp6_router = router;
	na->icmph.icmp6_solicited = solicited;
	na->icmph.icmp6_override = 1;
	na->target = *target;
	opt = na->opt;
	opt[0] = ND_OPT_TARGET_LL_ADDR;
	opt[1] = NA_OPT_LEN / 8;
	ether_addr_copy(opt + 2, target_mac);
	na->icmph.icmp6_cksum = csum_ipv6_magic(&ip6->saddr, &ip6->daddr,
						NA_LEN, IPPROTO_ICMPV6,
						csum_partial(na, NA_LEN, 0));
	skb->ip_summed = CHECKSUM_NONE;

	eth_header(skb, dev, ETH_P_IPV6, dst_mac, target_mac, skb->len);
	skb_reset_mac_header(skb);
	__skb_pull(skb, ETH_HLEN);
	return skb;
}

/* skb->data is at the IPv6 header; nvsw_is_ndisc_solicit(skb) said yes. */
void nvsw_ndisc_input(const struct nvsw_path *path, struct sk_buff *skb)
{
	struct in6_addr saddr, daddr, target;
	const struct ipv6hdr *ip6;
	const struct nd_msg *ns;
	struct nvsw_record *rec;
	struct sk_buff *reply;
	u8 mac[ETH_ALEN], dst_mac[ETH_ALEN];
	bool dad, router;

	if (!pskb_may_pull(skb, sizeof(*ip6) + sizeof(*ns))) {
		nvsw_drop(path, skb, NVSW_DROP_MALFORMED);
		return;
	}
	ip6 = (const struct ipv6hdr *)skb->data;
	ns = (const struct nd_msg *)(ip6 + 1);
	/* RFC 4861 7.1.1: what a node must not answer, the switch won't. */
	if (ip6->hop_limit != 255 || ns->icmph.icmp6_code ||
	    ipv6_addr_is_multicast(&ns->target)) {
		nvsw_drop(path, skb, NVSW_DROP_MALFORMED);
		return;
	}
	saddr = ip6->saddr;
	target = ns->target;
	dad = ipv6_addr_any(&saddr);

	router = nvsw_is_gateway6(path->vsid, &target);
	if (router) {
		ether_addr_copy(mac, path->sw->dev->dev_addr);
	} else {
		rec = nvsw_record_by_ca6(path->sw, path->vsid->id, &target);
		if (!rec) {
			nvsw_miss_ca6(path, &target);
			/* As an ARP request for an unknown CA: flooded if the VSID says so. */
			nvsw_bum_input(path, skb, NVSW_DROP_NO_RECORD);
			return;
		}
		ether_addr_copy(mac, nvsw_record_mac(rec));
	}
	/* A VM asking for its own address must not hear itself as a conflict. */
	if (ether_addr_equal(mac, eth_hdr(skb)->h_source)) {
		nvsw_drop(path, skb, NVSW_DROP_BROADCAST);
		return;
	}

	if (dad) {
		/* RFC 4861 7.2.4: to all-nodes, not solicited. */
		daddr = all_nodes;
		ipv6_eth_mc_map(&daddr, dst_mac);
	} else {
		daddr = saddr;
		ether_addr_copy(dst_mac, eth_hdr(skb)->h_source);
	}
	reply = na_create(path->port->dev, &target, mac, &daddr, dst_mac, !dad,
			  router);
	if (!reply) {
		nvsw_drop(path, skb, NVSW_DROP_TX_ERROR);
		return;
	}
	consume_skb(skb);
	nvsw_count(path, NVSW_CTR_ARP, reply->len + ETH_HLEN);
	nvsw_port_xmit(path, path->port, reply);
}

/*
 * For a VM that arrived (its IPv6 record now points here): an unsolicited
 * advertisement of ca to all-nodes, the IPv6 form of a gratuitous ARP,
 * from dev; nvsw_announce() sends it to the ports. skb->data is past the
 * Ethernet header. Process context.
 */
struct sk_buff *nvsw_ndisc_unsolicited(struct net_device *dev,
				       const struct in6_addr *ca, const u8 *mac)
{
	u8 dst_mac[ETH_ALEN];

	ipv6_eth_mc_map(&all_nodes, dst_mac);
	return na_create(dev, ca, mac, &all_nodes, dst_mac, false, false);
}
