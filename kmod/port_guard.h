/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DHCP guard and router guard (port_guard.c): per VM port, off by default,
 * as Hyper-V's Set-VMNetworkAdapter -DhcpGuard and -RouterGuard.
 */
#ifndef _NVSW_PORT_GUARD_H
#define _NVSW_PORT_GUARD_H

#include <linux/bits.h>
#include <linux/compiler.h>

#include "drop.h"
#include "port.h"

/* The bits of nvsw_port.guards. */
#define NVSW_GUARD_DHCP		BIT(0)
#define NVSW_GUARD_ROUTER	BIT(1)

struct sk_buff;

bool nvsw_guard_drops(u8 guards, const struct sk_buff *skb,
		      enum nvsw_drop *reason);
void nvsw_port_set_guards(struct nvsw_port *port, u8 mask, u8 guards);

/*
 * Under RCU, for a frame the port's VM sent (skb->data past the Ethernet
 * header): true, with the reason, when one of the port's guards drops it.
 * A port with no guard on pays this one test.
 */
static inline bool nvsw_port_guards_drop(const struct nvsw_port *port,
					 const struct sk_buff *skb,
					 enum nvsw_drop *reason)
{
	u8 guards = READ_ONCE(port->guards);

	return unlikely(guards) && nvsw_guard_drops(guards, skb, reason);
}

#endif /* _NVSW_PORT_GUARD_H */
