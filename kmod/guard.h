/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Anti-spoofing (guard.c): a frame gets into a virtual subnet only if its
 * source is who policy says it is, and a port keeps the MAC it claimed
 * only while policy places that MAC on this host.
 */
#ifndef _NVSW_GUARD_H
#define _NVSW_GUARD_H

#include <linux/types.h>

struct in6_addr;
struct nvsw_port;
struct nvsw_switch;
struct sk_buff;

bool nvsw_port_source_ok(struct nvsw_port *port, struct sk_buff *skb);
bool nvsw_mac_taken(const struct nvsw_port *port, u64 mac);
void nvsw_claims_recheck(struct nvsw_switch *sw, u32 vsid);
bool nvsw_underlay_source_ok(struct nvsw_switch *sw, u32 vsid,
			     struct sk_buff *skb,
			     const struct in6_addr *outer_src, bool relayed);

#endif /* _NVSW_GUARD_H */
