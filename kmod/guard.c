// SPDX-License-Identifier: GPL-2.0
/*
 * Anti-spoofing, on by default as in HNV: a frame gets into a virtual subnet
 * only if its source is who policy says it is.
 *
 *  - From a port: the source MAC is one that a record places on this
 *    host and that no other port of the subnet has claimed, and the source
 *    CA (IPv4 source, ARP sender) is a record of that MAC.
 *  - From the underlay: the source MAC's record is at the outer source PA,
 *    and the source CA is a record of that MAC. Within the grace period of
 *    a move (migrate.c), the PA a VM left still speaks for it, and so does
 *    the host a destination VM left, which forwards what reaches it late.
 *    A routed frame comes from the gateway MAC (router.c): its source CA
 *    (IPv4 or IPv6), found in the routing domain as the router finds
 *    destinations, must have its record at the outer source PA.
 *
 * 0.0.0.0 is no claim (DHCP, ARP probes) and passes. A VM that a customer
 * route of its routing domain names as next hop (a router or gateway
 * appliance) may also send from the addresses that route covers, IPv4 or
 * IPv6.
 *
 * IPv6: the source must be a record of the source MAC, or the unspecified
 * address (duplicate address detection), or link-local (fe80::/10). Link-
 * local addresses are not in policy: every VM makes its own, ND and router
 * discovery need them, and they never leave the virtual subnet (the switch
 * routes nothing from them), so a VM can only speak to its own subnet
 * with one, as on a physical link. The target of a Neighbor Advertisement
 * is a claim too, the IPv6 form of an ARP sender, and is checked the same,
 * behind whatever extension headers; Neighbor Discovery in a fragment is
 * dropped (RFC 6980).
 *
 * skb->data is past the Ethernet header, as rx handlers get it; the checks
 * may pull headers, so callers read eth_hdr() again afterwards.
 */
#include <linux/if_arp.h>
#include <linux/ip.h>
#include <linux/rhashtable.h>
#include <net/addrconf.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include "compat.h"
#include "guard.h"
#include "record.h"
#include "migrate.h"
#include "nvswitch.h"
#include "port.h"
#include "remote.h"
#include "routing.h"
#include "vsid.h"

/* The sender protocol address of an Ethernet/IPv4 ARP packet. */
#define ARP_SIP_OFFSET	(sizeof(struct arphdr) + ETH_ALEN)

/*
 * The customer address the frame claims to come from, 0 when it claims
 * none; false when its header is cut short or not Ethernet/IPv4 ARP.
 */
static bool source_ca(struct sk_buff *skb, __be32 *ca)
{
	const struct arphdr *arp;

	*ca = 0;
	switch (skb->protocol) {
	case htons(ETH_P_IP):
		if (!pskb_may_pull(skb, sizeof(struct iphdr)))
			return false;
		*ca = ip_hdr(skb)->saddr;
		return true;
	case htons(ETH_P_ARP):
		if (!pskb_may_pull(skb, ARP_SIP_OFFSET + sizeof(__be32)))
			return false;
		arp = arp_hdr(skb);
		if (arp->ar_hln != ETH_ALEN || arp->ar_pln != sizeof(__be32))
			return false;
		*ca = get_unaligned((__be32 *)(skb->data + ARP_SIP_OFFSET));
		return true;
	default:
		return true;
	}
}

/*
 * Under RCU: ca is not an address of a subnet but one that a customer route
 * of vsid's routing domain sends to the VM of mac, its next hop.
 */
static bool routed_to(struct nvsw_switch *sw, u32 vsid, __be32 ca,
		      const u8 *mac)
{
	struct nvsw_vsubnet *here, *via;
	struct nvsw_record *rec;
	__be32 nexthop;

	here = nvsw_vsubnet_find(sw, vsid);
	if (!here)
		return false;
	via = nvsw_route_lookup(here, ca, &nexthop);
	if (!via || nexthop == ca)
		return false;
	rec = nvsw_record_by_ca(sw, via->vsid, nexthop);
	return rec && ether_addr_equal(nvsw_record_mac(rec), mac);
}

/* routed_to() for IPv6: ca is behind a customer route whose next hop is mac's. */
static bool routed_to6(struct nvsw_switch *sw, u32 vsid,
		       const struct in6_addr *ca, const u8 *mac)
{
	struct nvsw_vsubnet *here, *via;
	struct nvsw_record *rec;
	struct in6_addr nexthop;

	here = nvsw_vsubnet_find(sw, vsid);
	if (!here || !nvsw_vsubnet_has6(here))
		return false;
	via = nvsw_route_lookup6(here, ca, &nexthop);
	if (!via || ipv6_addr_equal(&nexthop, ca))
		return false;
	rec = nvsw_record_by_ca6(sw, via->vsid, &nexthop);
	return rec && ether_addr_equal(nvsw_record_mac(rec), mac);
}

/* Under RCU: ca is an IPv6 address that the VM of mac may use. */
static bool ca6_ok(struct nvsw_switch *sw, u32 vsid,
		   const struct in6_addr *ca, const u8 *mac)
{
	struct nvsw_record *rec;

	if (ipv6_addr_any(ca) || ipv6_addr_type(ca) & IPV6_ADDR_LINKLOCAL)
		return true;
	rec = nvsw_record_by_ca6(sw, vsid, ca);
	if (rec)
		return ether_addr_equal(nvsw_record_mac(rec), mac);
	return routed_to6(sw, vsid, ca, mac);
}

/* ICMPv6 types of Neighbor Discovery (RFC 4861), which RFC 6980 forbids to fragment. */
static bool is_ndisc(u8 type)
{
	return type >= NDISC_ROUTER_SOLICITATION && type <= NDISC_REDIRECT;
}

/*
 * Under RCU: the IPv6 source and any advertised ND target are the VM's.
 * The ICMPv6 header is found past any extension headers, as the receiver
 * finds it: a Neighbor Advertisement behind a Destination Options header
 * claims its target all the same.  ND in a fragment is dropped (RFC 6980):
 * receivers ignore it, and a guard that cannot see the target of a later
 * fragment must not let the first one through either.
 */
static bool source_ca6_ok(struct nvsw_switch *sw, u32 vsid,
			  struct sk_buff *skb)
{
	const struct in6_addr *target;
	const struct icmp6hdr *icmp;
	struct in6_addr target_buf;
	struct icmp6hdr icmp_buf;
	unsigned int off = 0;
	int flags = 0;

	if (!pskb_may_pull(skb, sizeof(struct ipv6hdr)))
		return false;
	/* Where ipv6_find_hdr() and ipv6_hdr() start: skb->data, see above. */
	skb_reset_network_header(skb);
	/* Not found in a fragment other than the first: no header to check. */
	if (ipv6_find_hdr(skb, &off, IPPROTO_ICMPV6, NULL, &flags) == IPPROTO_ICMPV6) {
		icmp = skb_header_pointer(skb, off, sizeof(icmp_buf), &icmp_buf);
		if (!icmp)
			return false;
		if (is_ndisc(icmp->icmp6_type) && (flags & IP6_FH_F_FRAG))
			return false;
		if (icmp->icmp6_type == NDISC_NEIGHBOUR_ADVERTISEMENT) {
			target = skb_header_pointer(skb, off + sizeof(*icmp),
						    sizeof(target_buf), &target_buf);
			if (!target ||
			    !ca6_ok(sw, vsid, target, eth_hdr(skb)->h_source))
				return false;
		}
	}
	return ca6_ok(sw, vsid, &ipv6_hdr(skb)->saddr, eth_hdr(skb)->h_source);
}

/* Under RCU: the frame's source CA, if any, is one its source MAC may use. */
static bool source_ca_ok(struct nvsw_switch *sw, u32 vsid,
			 struct sk_buff *skb)
{
	struct nvsw_record *rec;
	const u8 *mac;
	__be32 ca;

	if (skb->protocol == htons(ETH_P_IPV6))
		return source_ca6_ok(sw, vsid, skb);
	if (!source_ca(skb, &ca))
		return false;
	if (!ca)
		return true;
	/* After source_ca(): pulling a header may have moved it. */
	mac = eth_hdr(skb)->h_source;
	rec = nvsw_record_by_ca(sw, vsid, ca);
	if (rec)
		return ether_addr_equal(nvsw_record_mac(rec), mac);
	return routed_to(sw, vsid, ca, mac);
}

/* Under RCU: a record places mac in vsid on this host. */
static bool mac_is_local(struct nvsw_switch *sw, u32 vsid, const u8 *mac)
{
	struct nvsw_record *rec = nvsw_record_by_mac(sw, vsid, mac);

	return rec && READ_ONCE(nvsw_record_remote(rec)->local);
}

/*
 * Under the VSID's claim_lock: another port of port's VSID sends from mac
 * or is pinned to it. port itself need not be in the list yet.
 */
bool nvsw_mac_taken(const struct nvsw_port *port, u64 mac)
{
	struct nvsw_port *other;

	list_for_each_entry_rcu(other, &port->vsid->ports, vsid_node,
				lockdep_is_held(&port->vsid->claim_lock))
		if (other != port &&
		    (READ_ONCE(other->mac) == mac || other->pin == mac))
			return true;
	return false;
}

/*
 * A port belongs to one VM: it claims the first MAC the VM sends from, if
 * policy places that MAC on this host, no other port of the subnet holds
 * it or is pinned to it, and the port is pinned to no other. It may move
 * on to another MAC (a VM whose record was replaced with a new MAC).
 * Claims are rare (the first frame, a new MAC) and serialized per subnet,
 * so two ports can never both win the same MAC; the record is looked at
 * under the same lock as claim_recheck() drops claims, so a claim never
 * outlives the record that allowed it.
 */
static bool port_claim(struct nvsw_port *port, const u8 *src)
{
	struct nvsw_vsid *vsid = port->vsid;
	u64 mac = ether_addr_to_u64(src);
	bool ok;

	spin_lock(&vsid->claim_lock);
	ok = (!port->pin || port->pin == mac) &&
	     mac_is_local(port->sw, vsid->id, src) &&
	     !nvsw_mac_taken(port, mac);
	if (ok)
		WRITE_ONCE(port->mac, mac);
	spin_unlock(&vsid->claim_lock);
	return ok;
}

bool nvsw_port_source_ok(struct nvsw_port *port, struct sk_buff *skb)
{
	const u8 *src = eth_hdr(skb)->h_source;

	if (unlikely(READ_ONCE(port->mac) != ether_addr_to_u64(src)) &&
	    !port_claim(port, src))
		return false;
	return source_ca_ok(port->sw, port->vsid->id, skb);
}

/* Under RCU: the port gives up its MAC unless policy still places it here. */
static void claim_recheck(struct nvsw_port *port)
{
	struct nvsw_vsid *vsid = port->vsid;
	u8 addr[ETH_ALEN];
	u64 mac;

	spin_lock_bh(&vsid->claim_lock);
	mac = READ_ONCE(port->mac);
	u64_to_ether_addr(mac, addr);
	if (mac && !mac_is_local(port->sw, vsid->id, addr))
		WRITE_ONCE(port->mac, 0);
	spin_unlock_bh(&vsid->claim_lock);
}

static void vsid_claims_recheck(struct nvsw_vsid *vsid)
{
	struct nvsw_port *port;

	list_for_each_entry_rcu(port, &vsid->ports, vsid_node)
		claim_recheck(port);
}

/*
 * A claim lasts as long as the policy that allowed it: after records of
 * VSID id (0: of any VSID) were deleted, moved to another host or given
 * another MAC, or a PA of the switch went, every port whose MAC policy no
 * longer places on this host gives it up, and its next frame from that MAC
 * is dropped as spoofed. Called with sw->lock held, after the change.
 */
void nvsw_claims_recheck(struct nvsw_switch *sw, u32 id)
{
	struct rhashtable_iter iter;
	struct nvsw_vsid *vsid;

	lockdep_assert_held(&sw->lock);
	if (id) {
		rcu_read_lock();	/* for the ports list; sw->lock keeps vsid */
		vsid = nvsw_vsid_find(sw, id);
		if (vsid)
			vsid_claims_recheck(vsid);
		rcu_read_unlock();
		return;
	}
	rhashtable_walk_enter(&sw->vsids, &iter);
	rhashtable_walk_start(&iter);
	while ((vsid = rhashtable_walk_next(&iter))) {
		if (!IS_ERR(vsid))	/* -EAGAIN: resized, walking on */
			vsid_claims_recheck(vsid);
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
}

/* Under RCU: the VM of (vsid, mac) left outer_src within the grace period. */
static bool moved_from(struct nvsw_switch *sw, u32 vsid, const u8 *mac,
		       const struct in6_addr *outer_src)
{
	const struct nvsw_move *move = nvsw_move_find(sw, vsid, mac);

	return move && ipv6_addr_equal(&move->from, outer_src);
}

/*
 * A frame the sending host routed (router.c) comes from the gateway MAC,
 * the switch's own and the same on every host, with a source CA of another
 * subnet of the routing domain, or one a customer route leads to (a
 * gateway VM's): the record that CA resolves to must be at the outer
 * source PA, the host that routed it.
 */
static bool routed_from(struct nvsw_switch *sw, const struct nvsw_record *rec,
			u32 vsid, const struct in6_addr *outer_src,
			bool relayed)
{
	return rec && (ipv6_addr_equal(&nvsw_record_remote(rec)->pa, outer_src) ||
		       (relayed &&
			moved_from(sw, vsid, nvsw_record_mac(rec), outer_src)));
}

/* routed_source_ok() of an IPv6 frame: the same test on its source. */
static bool routed_source6_ok(struct nvsw_switch *sw,
			      const struct nvsw_vsubnet *here,
			      struct sk_buff *skb,
			      const struct in6_addr *outer_src, bool relayed)
{
	const struct ipv6hdr *ip6;
	struct nvsw_vsubnet *there;
	struct in6_addr target;

	if (!nvsw_vsubnet_has6(here) || !pskb_may_pull(skb, sizeof(*ip6)))
		return false;
	ip6 = (const struct ipv6hdr *)skb->data;
	/* The router never routes from a link-local or unspecified source. */
	if (!nvsw_ipv6_routable(&ip6->saddr))
		return false;
	there = nvsw_route_lookup6(here, &ip6->saddr, &target);
	if (!there)
		return false;
	return routed_from(sw, nvsw_record_by_ca6(sw, there->vsid, &target),
			   there->vsid, outer_src, relayed);
}

static bool routed_source_ok(struct nvsw_switch *sw, u32 vsid,
			     struct sk_buff *skb,
			     const struct in6_addr *outer_src, bool relayed)
{
	struct nvsw_vsubnet *here, *there;
	__be32 ca, target;

	here = nvsw_vsubnet_find(sw, vsid);
	if (!here)
		return false;
	if (skb->protocol == htons(ETH_P_IPV6))
		return routed_source6_ok(sw, here, skb, outer_src, relayed);
	if (skb->protocol != htons(ETH_P_IP) ||
	    !source_ca(skb, &ca) || !ca)
		return false;
	there = nvsw_route_lookup(here, ca, &target);
	if (!there)
		return false;
	return routed_from(sw, nvsw_record_by_ca(sw, there->vsid, target),
			   there->vsid, outer_src, relayed);
}

/*
 * NVGRE from outer_src comes from the host of its inner source: the PA of
 * the sender's record, or with relayed, also a PA a move allows (the
 * sender's old host, or the old host of the destination forwarding what
 * still reached it, migrate.c). Without relayed, only the frame straight
 * from the sender's host passes: what a host forwards for a VM that left
 * it, so that a frame is forwarded at most once, and never on the word of
 * a host that is not the sender's, however stale records on several
 * hosts are.
 */
bool nvsw_underlay_source_ok(struct nvsw_switch *sw, u32 vsid,
			     struct sk_buff *skb,
			     const struct in6_addr *outer_src, bool relayed)
{
	const struct ethhdr *eth = eth_hdr(skb);
	struct nvsw_record *rec;

	if (ether_addr_equal(eth->h_source, sw->dev->dev_addr))
		return routed_source_ok(sw, vsid, skb, outer_src, relayed);
	rec = nvsw_record_by_mac(sw, vsid, eth->h_source);
	if (!rec)
		return false;
	if (!ipv6_addr_equal(&nvsw_record_remote(rec)->pa, outer_src) &&
	    (!relayed || (!moved_from(sw, vsid, eth->h_source, outer_src) &&
			  !moved_from(sw, vsid, eth->h_dest, outer_src))))
		return false;
	return source_ca_ok(sw, vsid, skb);
}
