/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The datapath: frames from ports (tx.c), NVGRE from the underlay (rx.c),
 * and the ARP and Neighbor Discovery responders (arp.c, ndisc.c). It runs
 * under RCU, takes no configuration lock, and counts what it drops
 * (stats.h).
 */
#ifndef _NVSW_DATAPATH_H
#define _NVSW_DATAPATH_H

#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netdevice.h>

struct in6_addr;
struct nvsw_path;
struct nvsw_port;
struct nvsw_remote;
struct nvsw_switch;

/* The GRE header nvswitch sends: flags/protocol word plus the key. */
#define NVSW_GRE_HLEN		8
/* What NVGRE adds to an inner IP packet: 42 bytes over IPv4, 62 over IPv6. */
#define NVSW_ENCAP_HLEN		(sizeof(struct iphdr) + NVSW_GRE_HLEN + ETH_HLEN)
#define NVSW_ENCAP6_HLEN	(sizeof(struct ipv6hdr) + NVSW_GRE_HLEN + ETH_HLEN)

/* tx.c */
void nvsw_port_input(struct nvsw_port *port, struct sk_buff *skb);
void nvsw_encap_xmit(const struct nvsw_path *path, struct nvsw_remote *remote,
		     u32 vsid, struct sk_buff *skb);
int nvsw_encap_mtu(struct nvsw_switch *sw, struct nvsw_remote *remote);
void nvsw_deliver_local(const struct nvsw_path *path, struct sk_buff *skb);
void nvsw_port_xmit(const struct nvsw_path *path, struct nvsw_port *port,
		    struct sk_buff *skb);

/* rx.c */
rx_handler_result_t nvsw_underlay_rx(struct sk_buff **pskb);
void nvsw_tunnel_dst_drop(struct sk_buff *skb);

/* arp.c */
void nvsw_arp_input(const struct nvsw_path *path, struct sk_buff *skb);

/* ndisc.c */
bool nvsw_is_ndisc_solicit(struct sk_buff *skb);
void nvsw_ndisc_input(const struct nvsw_path *path, struct sk_buff *skb);
struct sk_buff *nvsw_ndisc_unsolicited(struct net_device *dev,
				       const struct in6_addr *ca, const u8 *mac);

#endif /* _NVSW_DATAPATH_H */
