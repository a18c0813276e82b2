// SPDX-License-Identifier: GPL-2.0
/*
 * Frames from ports: switched within the port's virtual subnet, either to a
 * local port or NVGRE-encapsulated to the host that owns the destination.
 */
#include <linux/if_vlan.h>
#include <net/dsfield.h>
#include <net/ip.h>
#include <net/route.h>

#include "compat.h"
#include "nvswitch.h"

/* skb->data is past the Ethernet header, as rx handlers get it. */
void nvsw_port_xmit(const struct nvsw_path *path, struct nvsw_port *port,
		    struct sk_buff *skb)
{
	if (unlikely(!netif_running(port->dev))) {
		nvsw_drop(path, skb, NVSW_DROP_PORT_DOWN);
		return;
	}
	skb_push(skb, ETH_HLEN);
	nvsw_count_port(port, NVSW_CTR_TX, skb->len);
	if (port->internal) {
		nvsw_internal_receive(port, skb);
		return;
	}
	skb_forward_csum(skb);
	skb->dev = port->dev;
	dev_queue_xmit(skb);
}

/*
 * To the port whose VM owns the destination MAC; until a port has learned
 * its VM's MAC, to every port of the subnet that has not learned one yet.
 * Either way, only ports of this subnet ever see the frame.
 */
void nvsw_deliver_local(const struct nvsw_path *path, struct sk_buff *skb)
{
	u64 dst = ether_addr_to_u64(eth_hdr(skb)->h_dest);
	struct nvsw_port *port, *last = NULL;
	unsigned int len = skb->len + ETH_HLEN;

	list_for_each_entry_rcu(port, &path->vnet->ports, vnet_node) {
		if (READ_ONCE(port->mac) == dst) {
			last = port;
			goto send;
		}
	}

	list_for_each_entry_rcu(port, &path->vnet->ports, vnet_node) {
		struct sk_buff *copy;

		if (port == path->port || READ_ONCE(port->mac))
			continue;
		if (last) {
			copy = skb_clone(skb, GFP_ATOMIC);
			if (copy)
				nvsw_port_xmit(path, last, copy);
		}
		last = port;
	}

send:
	/* Nobody, or a VM sending to its own MAC. */
	if (!last || last == path->port) {
		nvsw_drop(path, skb, NVSW_DROP_NO_PORT);
		return;
	}
	nvsw_count(path, path->from_underlay ? NVSW_CTR_RX : NVSW_CTR_LOCAL,
		   len);
	nvsw_port_xmit(path, last, skb);
}

static u8 flowid(const struct nvsw_switch *sw, struct sk_buff *skb)
{
	if (READ_ONCE(sw->flowid_mode) == NVSW_FLOWID_ZERO)
		return 0;
	/* Stable per flow: GRO merges only equal keys, ECMP hashes on them. */
	return (u8)skb_get_hash(skb);
}

/* First PA of the switch: the source of everything it encapsulates. */
static __be32 source_pa(struct nvsw_switch *sw)
{
	struct nvsw_pa *pa;

	pa = list_first_or_null_rcu(&sw->pas, struct nvsw_pa, node);
	return pa ? pa->addr : 0;
}

/* The route to a remote, from its per-CPU cache when still valid. */
static struct rtable *route(struct nvsw_switch *sw, struct nvsw_remote *remote,
			    __be32 *saddr)
{
	struct flowi4 fl4 = {};
	struct rtable *rt;

	rt = dst_cache_get_ip4(&remote->dst_cache, saddr);
	if (likely(rt))
		return rt;

	fl4.saddr = source_pa(sw);
	if (unlikely(!fl4.saddr))
		return ERR_PTR(-EADDRNOTAVAIL);
	fl4.daddr = remote->pa;
	fl4.flowi4_proto = IPPROTO_GRE;
	rt = ip_route_output_key(dev_net(sw->dev), &fl4);
	if (IS_ERR(rt))
		return rt;
	dst_cache_set_ip4(&remote->dst_cache, &rt->dst, fl4.saddr);
	*saddr = fl4.saddr;
	return rt;
}

static bool fits(struct sk_buff *skb, unsigned int mtu)
{
	if (skb_is_gso(skb))
		return skb_gso_validate_network_len(skb, mtu);
	return skb->len - skb_network_offset(skb) <= mtu;
}

/*
 * RFC 7637 forbids fragmenting NVGRE. Tell the VM the size that fits, as a
 * router on its path would, so its TCP adapts: ICMP fragmentation needed
 * for IPv4, ICMPv6 Packet Too Big for IPv6 (from the inner destination,
 * which skb_tunnel_check_pmtu() builds for both families); a frame that may not carry
 * an ICMP error (no DF, an ICMP error itself) is just dropped, and so is
 * one that did not come from a port (forwarded for a VM that moved).
 * skb->data is at the Ethernet header.
 */
static void too_big(const struct nvsw_path *path, struct sk_buff *skb,
		    struct rtable *rt)
{
	struct ethhdr *eth;
	u64 vm_mac;

	nvsw_count_drop(path, NVSW_DROP_TOO_BIG);
	/* On success, skb is now that ICMP error, addressed to the VM. */
	if (!path->port ||
	    skb_tunnel_check_pmtu(skb, &rt->dst, NVSW_ENCAP_HLEN, true) <= 0) {
		kfree_skb(skb);
		return;
	}
	/*
	 * Its MACs are the frame's, swapped: a routed frame's were already
	 * rewritten (router.c), so the answer must come from the gateway MAC
	 * to the VM's own, which its port learned.
	 */
	eth = eth_hdr(skb);
	vm_mac = READ_ONCE(path->port->mac);
	if (vm_mac && ether_addr_equal(eth->h_dest, path->sw->dev->dev_addr)) {
		ether_addr_copy(eth->h_source, path->sw->dev->dev_addr);
		u64_to_ether_addr(vm_mac, eth->h_dest);
	}
	__skb_pull(skb, ETH_HLEN);
	nvsw_port_xmit(path, path->port, skb);
}

/*
 * The outer DS field: the inner one as it is. DiffServ's uniform model (the
 * underlay queues by the tenant's class) and RFC 6040's normal mode for
 * ECN, which copies CE too so a congestion mark is never lost. (The
 * kernel's own tunnels turn an inner CE into ECT(0), RFC 3168's older
 * full-functionality mode.) Decapsulation is ip_gre's ip_tunnel_rcv(),
 * which already follows RFC 6040.
 */
static u8 outer_dsfield(struct sk_buff *skb)
{
	switch (skb->protocol) {
	case htons(ETH_P_IP):
		if (pskb_network_may_pull(skb, sizeof(struct iphdr)))
			return ipv4_get_dsfield(ip_hdr(skb));
		break;
	case htons(ETH_P_IPV6):
		if (pskb_network_may_pull(skb, sizeof(struct ipv6hdr)))
			return ipv6_get_dsfield(ipv6_hdr(skb));
		break;
	}
	return 0;
}

/*
 * NVGRE to the host of remote, in virtual subnet vsid: the destination's,
 * which may have no port (no vnet) here: a routed packet, or one forwarded
 * for a VM that moved away (path->vnet is then NULL). skb->data is past
 * the Ethernet header, as rx handlers get it.
 */
void nvsw_encap_xmit(const struct nvsw_path *path, struct nvsw_remote *remote,
		     u32 vsid, struct sk_buff *skb)
{
	struct nvsw_switch *sw = path->sw;
	unsigned int len = skb->len + ETH_HLEN;
	struct rtable *rt;
	__be32 saddr, key;
	u8 tos;

	rt = route(sw, remote, &saddr);
	if (IS_ERR(rt)) {
		nvsw_drop(path, skb, PTR_ERR(rt) == -EADDRNOTAVAIL ?
			  NVSW_DROP_NO_PA : NVSW_DROP_NO_ROUTE);
		return;
	}

	key = htonl(vsid << 8 | flowid(sw, skb));
	tos = outer_dsfield(skb);
	skb_push(skb, ETH_HLEN);
	if (unlikely(!fits(skb, dst_mtu(&rt->dst) - NVSW_ENCAP_HLEN))) {
		too_big(path, skb, rt);
		ip_rt_put(rt);
		return;
	}
	if (skb_cow_head(skb, LL_RESERVED_SPACE(rt->dst.dev) +
			      rt->dst.header_len + sizeof(struct iphdr) +
			      NVSW_GRE_HLEN) ||
	    iptunnel_handle_offloads(skb, SKB_GSO_GRE)) {
		ip_rt_put(rt);
		nvsw_drop(path, skb, NVSW_DROP_TX_ERROR);
		return;
	}
	nvsw_gre_push_key(skb, key);

	nvsw_count(path, NVSW_CTR_TX, len);
	skb->dev = sw->dev;
	/* RFC 7637: encapsulated packets are never fragmented. */
	iptunnel_xmit(NULL, rt, skb, saddr, remote->pa, IPPROTO_GRE, tos,
		      ip4_dst_hoplimit(&rt->dst), htons(IP_DF), false);
}

static bool is_arp_request(struct sk_buff *skb)
{
	const struct arphdr *arp;

	if (skb->protocol != htons(ETH_P_ARP) ||
	    !pskb_may_pull(skb, sizeof(*arp)))
		return false;
	arp = arp_hdr(skb);
	return arp->ar_op == htons(ARPOP_REQUEST);
}

void nvsw_port_input(struct nvsw_port *port, struct sk_buff *skb)
{
	const struct nvsw_path path = {
		.sw = port->sw,
		.vnet = port->vnet,
		.port = port,
	};
	const struct ethhdr *eth;
	struct nvsw_remote *remote;
	struct nvsw_record *rec;

	nvsw_count_port(port, NVSW_CTR_RX, skb->len + ETH_HLEN);
	if (unlikely(!netif_running(path.sw->dev))) {
		nvsw_drop(&path, skb, NVSW_DROP_SWITCH_DOWN);
		return;
	}
	/* RFC 7637: the inner frame of NVGRE carries no 802.1Q tag. */
	if (unlikely(skb_vlan_tag_present(skb) || eth_type_vlan(skb->protocol))) {
		nvsw_drop(&path, skb, NVSW_DROP_VLAN_TAGGED);
		return;
	}

	if (unlikely(!nvsw_port_source_ok(port, skb))) {
		nvsw_drop(&path, skb, NVSW_DROP_SPOOFED);
		return;
	}

	if (is_arp_request(skb)) {
		nvsw_arp_input(&path, skb);
		return;
	}
	if (nvsw_is_ndisc_solicit(skb)) {
		nvsw_ndisc_input(&path, skb);
		return;
	}
	/* The checks above may have moved the header. */
	eth = eth_hdr(skb);
	if (is_multicast_ether_addr(eth->h_dest)) {
		nvsw_flood(&path, skb, NVSW_DROP_BROADCAST);
		return;
	}
	/* For the gateway MAC: routed, when the VSID has a vsubnet. */
	if (ether_addr_equal(eth->h_dest, path.sw->dev->dev_addr)) {
		nvsw_router_input(&path, skb);
		return;
	}

	rec = nvsw_record_by_mac(path.sw, path.vnet->vsid, eth->h_dest);
	if (!rec) {
		nvsw_miss(&path, NVSW_MISS_PORT, 0, eth->h_dest, 0);
		nvsw_flood(&path, skb, NVSW_DROP_NO_RECORD);
		return;
	}
	remote = nvsw_record_remote(rec);
	if (READ_ONCE(remote->local))
		nvsw_deliver_local(&path, skb);
	else
		nvsw_encap_xmit(&path, remote, path.vnet->vsid, skb);
}
