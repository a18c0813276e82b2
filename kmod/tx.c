// SPDX-License-Identifier: GPL-2.0
/*
 * Frames from ports: switched within the port's virtual subnet, either to a
 * local port or NVGRE-encapsulated to the host that owns the destination.
 */
#include <linux/if_vlan.h>
#include <net/dsfield.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/ip6_tunnel.h>
#include <net/route.h>

#include "bum.h"
#include "compat.h"
#include "datapath.h"
#include "drop.h"
#include "guard.h"
#include "record.h"
#include "notify.h"
#include "nvswitch.h"
#include "pa.h"
#include "port.h"
#include "port_guard.h"
#include "remote.h"
#include "routing.h"
#include "stats.h"
#include "trace.h"

/* skb->data is past the Ethernet header, as rx handlers get it. */
void nvsw_port_xmit(const struct nvsw_path *path, struct nvsw_port *port,
		    struct sk_buff *skb)
{
	if (unlikely(!netif_running(port->dev))) {
		nvsw_drop(path, skb, NVSW_DROP_PORT_DOWN);
		return;
	}
	/*
	 * A CHECKSUM_COMPLETE skb->csum covers skb->data on: it must cover the
	 * Ethernet header again, because dev_forward_skb() (internal ports,
	 * veth) pulls it back out with skb_postpull_rcsum(). Otherwise the
	 * host's stack sees a wrong sum, reports "hw csum failure" and
	 * checksums every such frame in software.
	 */
	skb_push_rcsum(skb, ETH_HLEN);
	/*
	 * Larger than the port takes: dropped, as the bridge drops it
	 * (br_dev_queue_push_xmit()). A tap would hand it to its VM whole.
	 */
	if (unlikely(!is_skb_forwardable(port->dev, skb))) {
		nvsw_drop(path, skb, NVSW_DROP_TOO_BIG);
		return;
	}
	nvsw_count_port(port, NVSW_CTR_TX, skb->len);
	if (port->internal) {
		nvsw_internal_receive(port, skb);
		return;
	}
	skb_forward_csum(skb);
	/*
	 * The receive timestamp must not leave with the frame: fq and other
	 * EDT qdiscs take skb->tstamp for a departure time (the bridge and
	 * ip_forward clear it too).
	 */
	skb_clear_tstamp(skb);
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

	list_for_each_entry_rcu(port, &path->vsid->ports, vsid_node) {
		if (READ_ONCE(port->mac) == dst) {
			last = port;
			goto send;
		}
	}

	list_for_each_entry_rcu(port, &path->vsid->ports, vsid_node) {
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

/* Stable per flow: GRO merges only equal keys, ECMP hashes on them. */
static u8 flowid(const struct nvsw_switch *sw, u32 hash)
{
	if (READ_ONCE(sw->flowid_mode) == NVSW_FLOWID_ZERO)
		return 0;
	return (u8)hash;
}

/*
 * The route to a remote, from its per-CPU cache when still valid, with the
 * source address: the switch's first PA of the remote's family.
 */
static struct dst_entry *route4(struct nvsw_switch *sw,
				struct nvsw_remote *remote, __be32 *saddr)
{
	const struct in6_addr *src;
	struct flowi4 fl4 = {};
	struct rtable *rt;

	rt = dst_cache_get_ip4(&remote->dst_cache, saddr);
	if (likely(rt))
		return &rt->dst;

	src = nvsw_pa_source(sw, true);
	if (unlikely(!src))
		return ERR_PTR(-EADDRNOTAVAIL);
	fl4.saddr = nvsw_pa_ipv4(src);
	fl4.daddr = nvsw_pa_ipv4(&remote->pa);
	fl4.flowi4_proto = IPPROTO_GRE;
	rt = ip_route_output_key(dev_net(sw->dev), &fl4);
	if (IS_ERR(rt))
		return ERR_CAST(rt);
	dst_cache_set_ip4(&remote->dst_cache, &rt->dst, fl4.saddr);
	*saddr = fl4.saddr;
	return &rt->dst;
}

static struct dst_entry *route6(struct nvsw_switch *sw,
				struct nvsw_remote *remote,
				struct in6_addr *saddr)
{
	const struct in6_addr *src;
	struct flowi6 fl6 = {};
	struct dst_entry *dst;

	dst = dst_cache_get_ip6(&remote->dst_cache, saddr);
	if (likely(dst))
		return dst;

	src = nvsw_pa_source(sw, false);
	if (unlikely(!src))
		return ERR_PTR(-EADDRNOTAVAIL);
	/*
	 * A PA this host does not have (a typo) would go out as a forged
	 * source: IPv6's route lookup takes any source it is given, where
	 * ip_route_output_key() refuses one that is not local. Refused the
	 * same way, counted no_route; checked only when the cache is cold.
	 */
	if (unlikely(!ipv6_chk_addr(dev_net(sw->dev), src, NULL, 0)))
		return ERR_PTR(-EINVAL);
	fl6.saddr = *src;
	fl6.daddr = remote->pa;
	fl6.flowi6_proto = IPPROTO_GRE;
	dst = ip6_dst_lookup_flow(dev_net(sw->dev), NULL, &fl6, NULL);
	if (IS_ERR(dst))
		return dst;
	dst_cache_set_ip6(&remote->dst_cache, dst, &fl6.saddr);
	*saddr = fl6.saddr;
	return dst;
}

/*
 * The largest IP packet that NVGRE to remote carries whole now: the
 * underlay path's MTU less the headers nvsw_encap_xmit() adds; or
 * -EADDRNOTAVAIL (no PA of the family to send from) or the route lookup's
 * error. For explain.c, under RCU; only a cold route cache is written.
 */
int nvsw_encap_mtu(struct nvsw_switch *sw, struct nvsw_remote *remote)
{
	bool ipv4 = nvsw_pa_is_ipv4(&remote->pa);
	struct in6_addr saddr6;
	struct dst_entry *dst;
	__be32 saddr4;
	int mtu;

	/* The route cache is per CPU, as the datapath's softirq uses it. */
	local_bh_disable();
	dst = ipv4 ? route4(sw, remote, &saddr4) : route6(sw, remote, &saddr6);
	local_bh_enable();
	if (IS_ERR(dst))
		return PTR_ERR(dst);
	mtu = dst_mtu(dst) - (ipv4 ? NVSW_ENCAP_HLEN : NVSW_ENCAP6_HLEN);
	dst_release(dst);
	return mtu;
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
		    struct dst_entry *dst, unsigned int encap_hlen)
{
	struct ethhdr *eth;
	u64 vm_mac;

	nvsw_count_drop(path, NVSW_DROP_TOO_BIG);
	/* On success, skb is now that ICMP error, addressed to the VM. */
	if (!path->port ||
	    skb_tunnel_check_pmtu(skb, dst, encap_hlen, true) <= 0) {
		kfree_skb_reason(skb, nvsw_drop_reasons[NVSW_DROP_TOO_BIG].kernel);
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
 * The outer DS field. DSCP: the switch's (default 0), as the kernel's own
 * tunnels do unless told to inherit: which class a packet gets in the
 * provider network is the operator's to choose, not a tenant's. With
 * NVSWITCH_DSCP_INHERIT, the inner one (DiffServ's uniform model). ECN:
 * always the inner one, RFC 6040's normal mode, which copies CE too so a
 * congestion mark is never lost. (The kernel's own tunnels turn an inner CE
 * into ECT(0), RFC 3168's older full-functionality mode.) Decapsulation is
 * ip_gre's ip_tunnel_rcv(), which already follows RFC 6040.
 */
static u8 outer_dsfield(const struct nvsw_switch *sw, struct sk_buff *skb)
{
	u8 dscp = READ_ONCE(sw->dscp);
	u8 inner = 0;

	switch (skb->protocol) {
	case htons(ETH_P_IP):
		if (pskb_network_may_pull(skb, sizeof(struct iphdr)))
			inner = ipv4_get_dsfield(ip_hdr(skb));
		break;
	case htons(ETH_P_IPV6):
		if (pskb_network_may_pull(skb, sizeof(struct ipv6hdr)))
			inner = ipv6_get_dsfield(ipv6_hdr(skb));
		break;
	}
	if (dscp == NVSWITCH_DSCP_INHERIT)
		return inner;
	return dscp << 2 | (inner & INET_ECN_MASK);
}

/*
 * The outer IPv6 header, as ip6_tnl_xmit() builds it for ip6gretap. The
 * flow label comes from the inner flow's hash (RFC 6438), so that ECMP in
 * the underlay keeps a tenant's flow on one path and spreads the others.
 */
static void xmit6(struct nvsw_switch *sw, struct dst_entry *dst,
		  struct sk_buff *skb, const struct in6_addr *saddr,
		  const struct in6_addr *daddr, u8 tos, __be32 label)
{
	struct ipv6hdr *ip6h;

	skb_scrub_packet(skb, false);
	skb_dst_set(skb, dst);
	skb_push(skb, sizeof(*ip6h));
	skb_reset_network_header(skb);
	ip6h = ipv6_hdr(skb);
	ip6_flow_hdr(ip6h, tos, label);
	ip6h->payload_len = htons(skb->len - sizeof(*ip6h));
	ip6h->nexthdr = IPPROTO_GRE;
	ip6h->hop_limit = ip6_dst_hoplimit(dst);
	ip6h->saddr = *saddr;
	ip6h->daddr = *daddr;
	ip6tunnel_xmit(NULL, skb, sw->dev);
}

/*
 * NVGRE to the host of remote, in virtual subnet vsid: the destination's,
 * which may have no port here: a routed packet, or one forwarded
 * for a VM that moved away (path->vsid is then NULL). The remote's PA
 * decides the underlay family. skb->data is past the Ethernet header, as
 * rx handlers get it.
 */
void nvsw_encap_xmit(const struct nvsw_path *path, struct nvsw_remote *remote,
		     u32 vsid, struct sk_buff *skb)
{
	bool ipv4 = nvsw_pa_is_ipv4(&remote->pa);
	unsigned int hlen = ipv4 ? NVSW_ENCAP_HLEN : NVSW_ENCAP6_HLEN;
	unsigned int len = skb->len + ETH_HLEN;
	struct nvsw_switch *sw = path->sw;
	struct in6_addr saddr6;
	struct dst_entry *dst;
	__be32 saddr4, key;
	u32 hash;
	u8 tos;

	dst = ipv4 ? route4(sw, remote, &saddr4) : route6(sw, remote, &saddr6);
	if (IS_ERR(dst)) {
		nvsw_drop(path, skb, PTR_ERR(dst) == -EADDRNOTAVAIL ?
			  NVSW_DROP_NO_PA : NVSW_DROP_NO_ROUTE);
		return;
	}

	hash = skb_get_hash(skb);
	key = htonl(vsid << 8 | flowid(sw, hash));
	tos = outer_dsfield(sw, skb);
	/* skb->csum stays right until iptunnel_handle_offloads() drops it. */
	skb_push_rcsum(skb, ETH_HLEN);
	if (unlikely(!fits(skb, dst_mtu(dst) - hlen))) {
		too_big(path, skb, dst, hlen);
		dst_release(dst);
		return;
	}
	if (skb_cow_head(skb, LL_RESERVED_SPACE(dst->dev) + dst->header_len +
			      hlen - ETH_HLEN) ||
	    iptunnel_handle_offloads(skb, SKB_GSO_GRE)) {
		dst_release(dst);
		nvsw_drop(path, skb, NVSW_DROP_TX_ERROR);
		return;
	}
	nvsw_gre_push_key(skb, key);
	/* Not a departure time for the underlay's qdisc (nvsw_port_xmit()). */
	skb_clear_tstamp(skb);

	nvsw_count(path, NVSW_CTR_TX, len);
	if (trace_encap_enabled()) {
		if (ipv4)
			ipv6_addr_set_v4mapped(saddr4, &saddr6);
		trace_encap(sw, key, len, &saddr6, &remote->pa);
	}
	skb->dev = sw->dev;
	if (!ipv4) {
		xmit6(sw, dst, skb, &saddr6, &remote->pa, tos,
		      cpu_to_be32(hash) & IPV6_FLOWLABEL_MASK);
		return;
	}
	/* RFC 7637: encapsulated packets are never fragmented. */
	iptunnel_xmit(NULL, container_of(dst, struct rtable, dst), skb, saddr4,
		      nvsw_pa_ipv4(&remote->pa), IPPROTO_GRE, tos,
		      ip4_dst_hoplimit(dst), htons(IP_DF), false);
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
		.vsid = port->vsid,
		.port = port,
	};
	const struct ethhdr *eth;
	struct nvsw_remote *remote;
	struct nvsw_record *rec;
	enum nvsw_drop reason;

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
	/* The port's own policy, before any path is chosen. */
	if (nvsw_port_guards_drop(port, skb, &reason)) {
		nvsw_drop(&path, skb, reason);
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
		nvsw_bum_input(&path, skb, NVSW_DROP_BROADCAST);
		return;
	}
	/* For the gateway MAC: routed, when the VSID has a vsubnet. */
	if (ether_addr_equal(eth->h_dest, path.sw->dev->dev_addr)) {
		nvsw_router_input(&path, skb);
		return;
	}

	rec = nvsw_record_by_mac(path.sw, path.vsid->id, eth->h_dest);
	if (!rec) {
		nvsw_miss(&path, NVSW_MISS_PORT, 0, eth->h_dest, NULL);
		nvsw_bum_input(&path, skb, NVSW_DROP_NO_RECORD);
		return;
	}
	remote = nvsw_record_remote(rec);
	if (READ_ONCE(remote->local))
		nvsw_deliver_local(&path, skb);
	else
		nvsw_encap_xmit(&path, remote, path.vsid->id, skb);
}
