// SPDX-License-Identifier: GPL-2.0
/*
 * The ARP responder: a VM's ARP request is answered from the records
 * of its virtual subnet, so no ARP ever crosses the physical network.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <net/arp.h>

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

struct arp_eth_ipv4 {
	u8 sha[ETH_ALEN];
	__be32 sip;
	u8 tha[ETH_ALEN];
	__be32 tip;
} __packed;

/* skb->data is at the ARP header; the caller checked it is a request. */
void nvsw_arp_input(const struct nvsw_path *path, struct sk_buff *skb)
{
	const struct arp_eth_ipv4 *body;
	const struct arphdr *arp;
	struct nvsw_record *rec;
	struct sk_buff *reply;
	u8 mac[ETH_ALEN];

	if (!pskb_may_pull(skb, sizeof(*arp) + sizeof(*body))) {
		nvsw_drop(path, skb, NVSW_DROP_MALFORMED);
		return;
	}
	arp = arp_hdr(skb);
	if (arp->ar_hrd != htons(ARPHRD_ETHER) ||
	    arp->ar_pro != htons(ETH_P_IP) ||
	    arp->ar_hln != ETH_ALEN || arp->ar_pln != sizeof(__be32)) {
		nvsw_drop(path, skb, NVSW_DROP_MALFORMED);
		return;
	}
	body = (const struct arp_eth_ipv4 *)(arp + 1);

	/* The gateway of a routed subnet is the switch itself (router.c). */
	if (nvsw_is_gateway(path->vsid, body->tip)) {
		ether_addr_copy(mac, path->sw->dev->dev_addr);
	} else {
		rec = nvsw_record_by_ca(path->sw, path->vsid->id, body->tip);
		if (!rec) {
			nvsw_miss(path, NVSW_MISS_ARP, body->tip, NULL, NULL);
			/* Policy has no answer: the VSID may flood the question. */
			nvsw_bum_input(path, skb, NVSW_DROP_NO_RECORD);
			return;
		}
		ether_addr_copy(mac, nvsw_record_mac(rec));
	}
	/*
	 * A VM asking for its own address (duplicate address detection, a
	 * gratuitous request) must not hear itself as a conflict.
	 */
	if (ether_addr_equal(mac, body->sha)) {
		nvsw_drop(path, skb, NVSW_DROP_BROADCAST);
		return;
	}

	reply = arp_create(ARPOP_REPLY, ETH_P_ARP, body->sip, path->port->dev,
			   body->tip, body->sha, mac, body->sha);
	if (!reply) {
		nvsw_drop(path, skb, NVSW_DROP_TX_ERROR);
		return;
	}
	consume_skb(skb);
	nvsw_count(path, NVSW_CTR_ARP, reply->len);
	skb_reset_mac_header(reply);
	__skb_pull(reply, ETH_HLEN);
	nvsw_port_xmit(path, path->port, reply);
}
