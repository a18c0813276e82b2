// SPDX-License-Identifier: GPL-2.0
/*
 * The distributed router of each routing domain (HNV's virtual gateway).
 * A VM sends off-subnet traffic to its gateway, whose ARP the switch
 * answers with its own MAC (arp.c); what arrives for that MAC is routed
 * here: the destination is looked up across the VM's routing domain
 * (route.c), the TTL goes down by one, the MACs become the gateway's and
 * the destination VM's, and the packet is delivered to a local port or
 * encapsulated with the destination's VSID. Nothing leaves the domain.
 * IPv6 goes the same way: ND for the gateway is answered in ndisc.c, the
 * hop limit goes down by one, and ICMPv6 time exceeded comes from the
 * sender's IPv6 gateway. Link-local addresses are never routed.
 *
 * Datapath: under RCU, no locks, no allocation except the ICMP error.
 */
#include <linux/etherdevice.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>

#include "datapath.h"
#include "drop.h"
#include "record.h"
#include "nvswitch.h"
#include "remote.h"
#include "routing.h"
#include "stats.h"
#include "vsid.h"

/* Under RCU: is addr the gateway of vsid's virtual subnet? */
bool nvsw_is_gateway(const struct nvsw_vsid *vsid, __be32 addr)
{
	const struct nvsw_vsubnet *vs = rcu_dereference(vsid->vsubnet);

	return vs && nvsw_vsubnet_has4(vs) && vs->gateway == addr;
}

/* Under RCU: is addr the IPv6 gateway of vsid's virtual subnet? */
bool nvsw_is_gateway6(const struct nvsw_vsid *vsid, const struct in6_addr *addr)
{
	const struct nvsw_vsubnet *vs = rcu_dereference(vsid->vsubnet);

	return vs && nvsw_vsubnet_has6(vs) && ipv6_addr_equal(&vs->gateway6, addr);
}

/* The ICMP error, ready from the IP header on: to the VM, from the gateway MAC. */
static void icmp_to_sender(const struct nvsw_path *path, struct sk_buff *reply,
			   const struct sk_buff *skb, __be16 proto)
{
	struct ethhdr *eth;

	eth = skb_push(reply, ETH_HLEN);
	skb_reset_mac_header(reply);
	ether_addr_copy(eth->h_dest, eth_hdr(skb)->h_source);
	ether_addr_copy(eth->h_source, path->sw->dev->dev_addr);
	eth->h_proto = proto;
	reply->protocol = proto;
	__skb_pull(reply, ETH_HLEN);
	nvsw_port_xmit(path, path->port, reply);
}

/*
 * An ICMP error about skb, headers zeroed for the caller to fill in: an
 * IP header of iphlen bytes, an ICMP header of icmplen, then the first
 * quote bytes of skb, with room before for the Ethernet header. NULL
 * when memory is short.
 */
static struct sk_buff *icmp_alloc(const struct sk_buff *skb,
				  unsigned int iphlen, unsigned int icmplen,
				  unsigned int quote)
{
	struct sk_buff *reply;

	reply = alloc_skb(NET_IP_ALIGN + ETH_HLEN + iphlen + icmplen + quote,
			  GFP_ATOMIC);
	if (!reply)
		return NULL;
	skb_reserve(reply, NET_IP_ALIGN + ETH_HLEN);
	skb_reset_network_header(reply);
	skb_set_transport_header(reply, iphlen);
	skb_put_zero(reply, iphlen + icmplen);
	if (skb_copy_bits(skb, 0, skb_put(reply, quote), quote)) {
		kfree_skb(reply);
		return NULL;
	}
	return reply;
}

/* RFC 1122 3.2.2: no error about an error, a later fragment or a broadcast. */
static bool may_send_icmp(struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	u8 type;

	if (iph->frag_off & htons(IP_OFFSET) ||
	    ipv4_is_multicast(iph->saddr) || ipv4_is_zeronet(iph->saddr) ||
	    ipv4_is_lbcast(iph->saddr))
		return false;
	if (iph->protocol != IPPROTO_ICMP)
		return true;
	if (skb_copy_bits(skb, iph->ihl * 4, &type, sizeof(type)))
		return false;
	return !icmp_is_err(type);
}

/*
 * ICMP time exceeded from the gateway of the sender's subnet, so that
 * traceroute shows the gateway as the first hop. skb->data is at the IP
 * header; the caller still owns skb.
 */
static void time_exceeded(const struct nvsw_path *path,
			  const struct nvsw_vsubnet *from, struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	unsigned int quote = min(skb->len, iph->ihl * 4U + 8);
	unsigned int len = sizeof(struct iphdr) + sizeof(struct icmphdr) + quote;
	struct sk_buff *reply;
	struct icmphdr *icmp;
	struct iphdr *rip;

	if (!may_send_icmp(skb))
		return;
	reply = icmp_alloc(skb, sizeof(*rip), sizeof(*icmp), quote);
	if (!reply)
		return;
	rip = ip_hdr(reply);
	icmp = icmp_hdr(reply);
	icmp->type = ICMP_TIME_EXCEEDED;
	icmp->code = ICMP_EXC_TTL;
	icmp->checksum = ip_compute_csum(icmp, sizeof(*icmp) + quote);

	*rip = (struct iphdr) {
		.version = 4,
		.ihl = 5,
		.tos = IPTOS_PREC_INTERNETCONTROL,
		.tot_len = htons(len),
		.ttl = IPDEFTTL,
		.protocol = IPPROTO_ICMP,
		.saddr = from->gateway,
		.daddr = iph->saddr,
	};
	ip_send_check(rip);
	icmp_to_sender(path, reply, skb, htons(ETH_P_IP));
}

/*
 * RFC 4443 2.4 (e): no error about an error, or to a multicast or
 * unspecified source. skb->data is at the IPv6 header.
 */
static bool may_send_icmp6(struct sk_buff *skb)
{
	const struct ipv6hdr *ip6 = ipv6_hdr(skb);
	__be16 frag_off;
	u8 nexthdr = ip6->nexthdr;
	u8 type;
	int off;

	if (ipv6_addr_any(&ip6->saddr) || ipv6_addr_is_multicast(&ip6->saddr))
		return false;
	off = ipv6_skip_exthdr(skb, sizeof(*ip6), &nexthdr, &frag_off);
	if (off < 0 || nexthdr != IPPROTO_ICMPV6)
		return true;
	/* A later fragment does not say what it carries: let it be. */
	if (frag_off & htons(IP6_OFFSET))
		return true;
	if (skb_copy_bits(skb, off, &type, sizeof(type)))
		return false;
	return !icmpv6_is_err(type);
}

/*
 * ICMPv6 time exceeded from the IPv6 gateway of the sender's subnet, with
 * as much of the packet as fits in the IPv6 minimum MTU (RFC 4443 3.3).
 * skb->data is at the IPv6 header; the caller still owns skb.
 */
static void time_exceeded6(const struct nvsw_path *path,
			   const struct nvsw_vsubnet *from, struct sk_buff *skb)
{
	unsigned int quote = min(skb->len, IPV6_MIN_MTU -
				 sizeof(struct ipv6hdr) - sizeof(struct icmp6hdr));
	unsigned int len = sizeof(struct icmp6hdr) + quote;
	struct icmp6hdr *icmp6;
	struct sk_buff *reply;
	struct ipv6hdr *rip6;

	if (!may_send_icmp6(skb))
		return;
	reply = icmp_alloc(skb, sizeof(*rip6), sizeof(*icmp6), quote);
	if (!reply)
		return;
	rip6 = ipv6_hdr(reply);
	icmp6 = icmp6_hdr(reply);
	ip6_flow_hdr(rip6, 0, 0);
	rip6->payload_len = htons(len);
	rip6->nexthdr = IPPROTO_ICMPV6;
	rip6->hop_limit = IPV6_DEFAULT_HOPLIMIT;
	rip6->saddr = from->gateway6;
	rip6->daddr = ipv6_hdr(skb)->saddr;

	icmp6->icmp6_type = ICMPV6_TIME_EXCEED;
	icmp6->icmp6_code = ICMPV6_EXC_HOPLIMIT;
	icmp6->icmp6_cksum = csum_ipv6_magic(&rip6->saddr, &rip6->daddr, len,
					     IPPROTO_ICMPV6,
					     csum_partial(icmp6, len, 0));
	icmp_to_sender(path, reply, skb, htons(ETH_P_IPV6));
}

/*
 * The packet, its TTL or hop limit already down by one, goes to the VM of
 * rec in subnet to: MACs rewritten, delivered here or encapsulated.
 */
static void route_out(const struct nvsw_path *path, const struct nvsw_vsubnet *to,
		      const struct nvsw_record *rec, struct sk_buff *skb)
{
	struct nvsw_switch *sw = path->sw;
	struct nvsw_remote *remote;
	struct nvsw_path out;
	struct ethhdr *eth;

	eth = eth_hdr(skb);
	ether_addr_copy(eth->h_dest, nvsw_record_mac(rec));
	ether_addr_copy(eth->h_source, sw->dev->dev_addr);
	nvsw_count(path, NVSW_CTR_ROUTED, skb->len + ETH_HLEN);

	/* From here on, charged to the destination subnet if it has ports. */
	out = (struct nvsw_path) {
		.sw = sw,
		.vsid = nvsw_vsid_serving(sw, to->vsid),
		.port = path->port,
	};
	remote = nvsw_record_remote(rec);
	if (!READ_ONCE(remote->local)) {
		nvsw_encap_xmit(&out, remote, to->vsid, skb);
		return;
	}
	if (!out.vsid) {
		nvsw_drop(&out, skb, NVSW_DROP_NO_PORT);
		return;
	}
	nvsw_deliver_local(&out, skb);
}

/*
 * The hop limit down by one. Unlike IPv4's TTL it has no header checksum
 * to compensate, so a CHECKSUM_COMPLETE sum changes with it (as Open
 * vSwitch's set_ipv6_ttl() does), or the host of an internal port would
 * find it wrong.
 */
static void hop_limit(struct sk_buff *skb)
{
	struct ipv6hdr *ip6 = ipv6_hdr(skb);
	u8 hl = ip6->hop_limit;

	/* The low byte of the 16-bit word nexthdr, hop_limit. */
	if (skb->ip_summed == CHECKSUM_COMPLETE)
		csum_replace(&skb->csum, (__force __wsum)htons(hl),
			     (__force __wsum)htons(hl - 1));
	ip6->hop_limit = hl - 1;
}

/*
 * To the VM of rec in subnet to, once the TTL (IPv4) or hop limit (IPv6)
 * allows it and is one less: an ICMP time exceeded goes back otherwise.
 * skb->data is at the IP header.
 */
static void route_forward(const struct nvsw_path *path,
			  const struct nvsw_vsubnet *from,
			  const struct nvsw_vsubnet *to,
			  const struct nvsw_record *rec, struct sk_buff *skb,
			  bool ipv6)
{
	if (!rec) {
		nvsw_drop(path, skb, NVSW_DROP_NO_RECORD);
		return;
	}
	if ((ipv6 ? ipv6_hdr(skb)->hop_limit : ip_hdr(skb)->ttl) <= 1) {
		if (ipv6)
			time_exceeded6(path, from, skb);
		else
			time_exceeded(path, from, skb);
		nvsw_drop(path, skb, NVSW_DROP_TTL_EXCEEDED);
		return;
	}
	/* The Ethernet header sits in the headroom this makes private too. */
	if (skb_ensure_writable(skb, ipv6 ? sizeof(struct ipv6hdr) :
					    sizeof(struct iphdr))) {
		nvsw_drop(path, skb, NVSW_DROP_TX_ERROR);
		return;
	}
	/* IPv4's header checksum absorbs the change: skb->csum stays right. */
	if (ipv6)
		hop_limit(skb);
	else
		ip_decrease_ttl(ip_hdr(skb));
	route_out(path, to, rec, skb);
}

static void route4(const struct nvsw_path *path,
		   const struct nvsw_vsubnet *from, struct sk_buff *skb)
{
	struct nvsw_vsubnet *to;
	const struct iphdr *iph;
	__be32 target;

	if (!nvsw_vsubnet_has4(from)) {
		nvsw_drop(path, skb, NVSW_DROP_NO_CA_ROUTE);
		return;
	}
	if (!pskb_may_pull(skb, sizeof(*iph)))
		goto malformed;
	iph = ip_hdr(skb);
	if (iph->version != 4 || iph->ihl < 5 ||
	    !pskb_may_pull(skb, iph->ihl * 4))
		goto malformed;
	iph = ip_hdr(skb);

	to = nvsw_route_lookup(from, iph->daddr, &target);
	if (!to) {
		nvsw_drop(path, skb, NVSW_DROP_NO_CA_ROUTE);
		return;
	}
	route_forward(path, from, to,
		      nvsw_record_by_ca(path->sw, to->vsid, target), skb, false);
	return;

malformed:
	nvsw_drop(path, skb, NVSW_DROP_MALFORMED);
}

static void route6(const struct nvsw_path *path,
		   const struct nvsw_vsubnet *from, struct sk_buff *skb)
{
	const struct ipv6hdr *ip6;
	struct in6_addr target;
	struct nvsw_vsubnet *to;

	if (!nvsw_vsubnet_has6(from)) {
		nvsw_drop(path, skb, NVSW_DROP_NO_CA_ROUTE);
		return;
	}
	if (!pskb_may_pull(skb, sizeof(*ip6))) {
		nvsw_drop(path, skb, NVSW_DROP_MALFORMED);
		return;
	}
	ip6 = ipv6_hdr(skb);
	if (ip6->version != 6) {
		nvsw_drop(path, skb, NVSW_DROP_MALFORMED);
		return;
	}
	/*
	 * RFC 4291 2.5.6: nothing from or to a link-local address is routed.
	 * The gateway address itself is not a destination either: the
	 * switch answers only ND for it (ndisc.c).
	 */
	if (!nvsw_ipv6_routable(&ip6->saddr) || !nvsw_ipv6_routable(&ip6->daddr) ||
	    ipv6_addr_equal(&ip6->daddr, &from->gateway6)) {
		nvsw_drop(path, skb, NVSW_DROP_NO_CA_ROUTE);
		return;
	}

	to = nvsw_route_lookup6(from, &ip6->daddr, &target);
	if (!to) {
		nvsw_drop(path, skb, NVSW_DROP_NO_CA_ROUTE);
		return;
	}
	route_forward(path, from, to,
		      nvsw_record_by_ca6(path->sw, to->vsid, &target), skb, true);
}

/* skb->data is past the Ethernet header, which is for the switch's MAC. */
void nvsw_router_input(const struct nvsw_path *path, struct sk_buff *skb)
{
	struct nvsw_vsubnet *from;

	/* A VSID without a vsubnet is switched only: nothing routes it. */
	from = rcu_dereference(path->vsid->vsubnet);
	if (!from) {
		nvsw_drop(path, skb, NVSW_DROP_NO_CA_ROUTE);
		return;
	}
	skb_reset_network_header(skb);
	switch (skb->protocol) {
	case htons(ETH_P_IP):
		route4(path, from, skb);
		return;
	case htons(ETH_P_IPV6):
		route6(path, from, skb);
		return;
	default:
		nvsw_drop(path, skb, NVSW_DROP_NO_CA_ROUTE);
	}
}
