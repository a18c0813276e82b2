// SPDX-License-Identifier: GPL-2.0
/*
 * DHCP guard and router guard, per VM port and off by default, as Hyper-V's
 * Set-VMNetworkAdapter -DhcpGuard On -RouterGuard On: a tenant VM must not
 * hand out addresses or routes to its neighbours unless the operator lets
 * its port do so (Documentation/extensions.rst).
 *
 *  - dhcp-guard drops the DHCP server messages the VM sends: IPv4 UDP from
 *    port 67 (OFFER, ACK, NAK: BOOTREPLY) and DHCPv6 UDP from port 547
 *    (ADVERTISE, REPLY, RECONFIGURE to port 546; RELAY-REPL to port 547).
 *    One thing from a server port passes: a relay agent's forwarded
 *    request (67 to 67 with BOOTP op BOOTREQUEST, 547 to 547 with
 *    RELAY-FORW), which is a client's word, not a server's. Client messages
 *    (68 to 67, 546 to 547) always pass.
 *  - router-guard drops ICMPv6 Router Advertisements (134) and Redirects
 *    (137), ICMP Redirects (5) and ICMP Router Advertisements (9, IRDP).
 *
 * The IPv6 transport header is found behind any extension headers, as the
 * receiver finds it: an RA behind a Destination Options header is an RA.
 * A fragment other than the first has no transport header and passes: a
 * DHCP reply cut there is useless without its first fragment, which the
 * guard drops; Neighbor Discovery in any fragment is dropped already as
 * spoofed (guard.c, RFC 6980); an IPv4 redirect or IRDP message is a few
 * dozen bytes, and a receiver reassembles nothing without the first
 * fragment either.
 *
 * Only read: skb_header_pointer() copies what is not linear, so nothing
 * moves and callers keep their eth_hdr().
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include "notify.h"
#include "port_guard.h"

#define BOOTP_SERVER_PORT	67
#define BOOTP_REQUEST		1	/* BOOTP op (RFC 951) */
#define DHCPV6_SERVER_PORT	547
#define DHCPV6_RELAY_FORW	12	/* DHCPv6 msg-type (RFC 8415) */
#define ICMP_IRDP_ADVERT	9	/* ICMP Router Advertisement (RFC 1256) */

/*
 * UDP at off is a DHCP server's: from server_port, unless it is a relay
 * agent's forwarded request (to server_port, whose first payload byte,
 * BOOTP op or DHCPv6 msg-type, is relay_fwd). A header cut short is
 * nobody's message: no receiver takes it.
 */
static bool dhcp_server(const struct sk_buff *skb, unsigned int off,
			u16 server_port, u8 relay_fwd)
{
	const struct udphdr *uh;
	struct udphdr uh_buf;
	const u8 *type;
	u8 type_buf;

	uh = skb_header_pointer(skb, off, sizeof(uh_buf), &uh_buf);
	if (!uh || uh->source != htons(server_port))
		return false;
	if (uh->dest != htons(server_port))
		return true;
	type = skb_header_pointer(skb, off + sizeof(*uh), sizeof(type_buf),
				  &type_buf);
	return type && *type != relay_fwd;
}

/* The type of the ICMP or ICMPv6 header at off, -1 when cut short. */
static int icmp_type(const struct sk_buff *skb, unsigned int off)
{
	const u8 *type;
	u8 type_buf;

	type = skb_header_pointer(skb, off, sizeof(type_buf), &type_buf);
	return type ? *type : -1;
}

/* What the guards look for in one IP version. */
struct guarded {
	u8 icmp;			/* IPPROTO_ICMP or IPPROTO_ICMPV6 */
	u16 server_port;		/* DHCP's */
	u8 relay_fwd;			/* a relay's forwarded request */
	u8 router[2];			/* ICMP types only routers send */
};

static const struct guarded guarded4 = {
	.icmp = IPPROTO_ICMP,
	.server_port = BOOTP_SERVER_PORT,
	.relay_fwd = BOOTP_REQUEST,
	.router = { ICMP_REDIRECT, ICMP_IRDP_ADVERT },
};

static const struct guarded guarded6 = {
	.icmp = IPPROTO_ICMPV6,
	.server_port = DHCPV6_SERVER_PORT,
	.relay_fwd = DHCPV6_RELAY_FORW,
	.router = { NDISC_ROUTER_ADVERTISEMENT, NDISC_REDIRECT },
};

/* The transport header at off, of protocol proto, in what g describes. */
static bool guard_transport(const struct guarded *g, u8 guards,
			    const struct sk_buff *skb, u8 proto,
			    unsigned int off, enum nvsw_drop *reason)
{
	int type;

	if (proto == IPPROTO_UDP) {
		if (!(guards & NVSW_GUARD_DHCP) ||
		    !dhcp_server(skb, off, g->server_port, g->relay_fwd))
			return false;
		*reason = NVSW_DROP_DHCP_GUARD;
		return true;
	}
	if (proto != g->icmp || !(guards & NVSW_GUARD_ROUTER))
		return false;
	type = icmp_type(skb, off);
	if (type != g->router[0] && type != g->router[1])
		return false;
	*reason = NVSW_DROP_ROUTER_GUARD;
	return true;
}

static bool guard4(u8 guards, const struct sk_buff *skb,
		   enum nvsw_drop *reason)
{
	const struct iphdr *iph;
	struct iphdr iph_buf;

	iph = skb_header_pointer(skb, 0, sizeof(iph_buf), &iph_buf);
	/* Not IPv4 to any receiver, or a later fragment: see above. */
	if (!iph || iph->ihl < 5 || iph->frag_off & htons(IP_OFFSET))
		return false;
	return guard_transport(&guarded4, guards, skb, iph->protocol,
			       iph->ihl * 4, reason);
}

static bool guard6(u8 guards, const struct sk_buff *skb,
		   enum nvsw_drop *reason)
{
	const struct ipv6hdr *ip6;
	struct ipv6hdr ip6_buf;
	__be16 frag_off = 0;
	u8 nexthdr;
	int off;

	ip6 = skb_header_pointer(skb, 0, sizeof(ip6_buf), &ip6_buf);
	if (!ip6)
		return false;
	nexthdr = ip6->nexthdr;
	off = ipv6_skip_exthdr(skb, sizeof(*ip6), &nexthdr, &frag_off);
	if (off < 0 || frag_off & htons(IP6_OFFSET))
		return false;
	return guard_transport(&guarded6, guards, skb, nexthdr, off, reason);
}

/* Under RCU: the guards in guards (NVSW_GUARD_*) drop skb, for *reason. */
bool nvsw_guard_drops(u8 guards, const struct sk_buff *skb,
		      enum nvsw_drop *reason)
{
	switch (skb->protocol) {
	case htons(ETH_P_IP):
		return guard4(guards, skb, reason);
	case htons(ETH_P_IPV6):
		return guard6(guards, skb, reason);
	default:
		return false;
	}
}

/*
 * Under RTNL, the writer of port->guards: the guards in mask become those
 * of guards, the others stay; announced with the port as port-get shows it.
 */
void nvsw_port_set_guards(struct nvsw_port *port, u8 mask, u8 guards)
{
	ASSERT_RTNL();
	WRITE_ONCE(port->guards, (port->guards & ~mask) | (guards & mask));
	nvsw_notify_port(port, NVSW_CMD_PORT_SET_NTF);
}
