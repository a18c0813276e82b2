// SPDX-License-Identifier: GPL-2.0
/*
 * The distributed router of each routing domain (HNV's virtual gateway).
 * A VM sends off-subnet traffic to its gateway, whose ARP the switch
 * answers with its own MAC (arp.c); what arrives for that MAC is routed
 * here: the destination is looked up across the VM's routing domain
 * (route.c), the TTL goes down by one, the MACs become the gateway's and
 * the destination VM's, and the packet is delivered to a local port or
 * encapsulated with the destination's VSID. Nothing leaves the domain.
 *
 * Datapath: under RCU, no locks, no allocation except the ICMP error.
 */
#include <linux/icmp.h>
#include <net/ip.h>

#include "nvswitch.h"

/* Under RCU: is addr the gateway of subnet vsid? */
bool nvsw_is_gateway(struct nvsw_switch *sw, u32 vsid, __be32 addr)
{
	struct nvsw_vsubnet *vs = nvsw_vsubnet_find(sw, vsid);

	return vs && nvsw_vsubnet_has4(vs) && vs->gateway == addr;
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
	struct ethhdr *eth;

	if (!may_send_icmp(skb))
		return;
	reply = alloc_skb(NET_IP_ALIGN + ETH_HLEN + len, GFP_ATOMIC);
	if (!reply)
		return;
	skb_reserve(reply, NET_IP_ALIGN + ETH_HLEN);
	skb_reset_network_header(reply);
	rip = skb_put(reply, sizeof(*rip));
	skb_set_transport_header(reply, sizeof(*rip));
	icmp = skb_put_zero(reply, sizeof(*icmp));
	if (skb_copy_bits(skb, 0, skb_put(reply, quote), quote)) {
		kfree_skb(reply);
		return;
	}
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

	eth = skb_push(reply, ETH_HLEN);
	skb_reset_mac_header(reply);
	ether_addr_copy(eth->h_dest, eth_hdr(skb)->h_source);
	ether_addr_copy(eth->h_source, path->sw->dev->dev_addr);
	eth->h_proto = htons(ETH_P_IP);
	reply->protocol = htons(ETH_P_IP);
	__skb_pull(reply, ETH_HLEN);
	nvsw_port_xmit(path, path->port, reply);
}

/* skb->data is past the Ethernet header, which is for the switch's MAC. */
void nvsw_router_input(const struct nvsw_path *path, struct sk_buff *skb)
{
	struct nvsw_switch *sw = path->sw;
	unsigned int len = skb->len + ETH_HLEN;
	struct nvsw_vsubnet *from, *to;
	struct nvsw_remote *remote;
	struct nvsw_record *rec;
	const struct iphdr *iph;
	struct nvsw_path out;
	struct ethhdr *eth;
	__be32 target;

	/* A VSID without a vsubnet is switched only: nothing routes it. */
	from = nvsw_vsubnet_find(sw, path->vnet->vsid);
	if (!from || !nvsw_vsubnet_has4(from) ||
	    skb->protocol != htons(ETH_P_IP)) {
		nvsw_drop(path, skb, NVSW_DROP_NO_CA_ROUTE);
		return;
	}
	skb_reset_network_header(skb);
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
	rec = nvsw_record_by_ca(sw, to->vsid, target);
	if (!rec) {
		nvsw_drop(path, skb, NVSW_DROP_NO_RECORD);
		return;
	}
	if (iph->ttl <= 1) {
		time_exceeded(path, from, skb);
		nvsw_drop(path, skb, NVSW_DROP_TTL_EXCEEDED);
		return;
	}
	/* The Ethernet header sits in the headroom this makes private too. */
	if (skb_ensure_writable(skb, sizeof(*iph))) {
		nvsw_drop(path, skb, NVSW_DROP_TX_ERROR);
		return;
	}
	ip_decrease_ttl(ip_hdr(skb));
	eth = eth_hdr(skb);
	ether_addr_copy(eth->h_dest, nvsw_record_mac(rec));
	ether_addr_copy(eth->h_source, sw->dev->dev_addr);
	nvsw_count(path, NVSW_CTR_ROUTED, len);

	/* From here on, charged to the destination subnet if it has ports. */
	out = (struct nvsw_path) {
		.sw = sw,
		.vnet = nvsw_vnet_find(sw, to->vsid),
		.port = path->port,
	};
	remote = nvsw_record_remote(rec);
	if (!READ_ONCE(remote->local)) {
		nvsw_encap_xmit(&out, remote, to->vsid, skb);
		return;
	}
	if (!out.vnet) {
		nvsw_drop(&out, skb, NVSW_DROP_NO_PORT);
		return;
	}
	nvsw_deliver_local(&out, skb);
	return;

malformed:
	nvsw_drop(path, skb, NVSW_DROP_MALFORMED);
}
