// SPDX-License-Identifier: GPL-2.0
/*
 * The names of nvswitch's drop reasons and the kernel's that say the same.
 * A kernel reason is one 6.1 has too; NOT_SPECIFIED where none fits (the
 * nvswitch:drop tracepoint still tells). DEV_READY is the kernel's reason
 * for a device that is not up, IP_INHDR what ip_forward() gives when the
 * TTL runs out.
 */
#include "drop.h"

#define REASON(e, n, k)							\
	[NVSW_DROP_##e] = { .name = n, .kernel = SKB_DROP_REASON_##k }

const struct nvsw_drop_reason nvsw_drop_reasons[NVSW_DROP_COUNT] = {
	REASON(NO_RECORD,	"no_record",	 NOT_SPECIFIED),
	REASON(UNKNOWN_VSID,	"unknown_vsid",	 NOT_SPECIFIED),
	REASON(RESERVED_VSID,	"reserved_vsid", NOT_SPECIFIED),
	REASON(VLAN_TAGGED,	"vlan_tagged",	 UNHANDLED_PROTO),
	REASON(BAD_GRE,		"bad_gre",	 UNHANDLED_PROTO),
	REASON(MALFORMED,	"malformed",	 HDR_TRUNC),
	REASON(NOT_LOCAL,	"not_local",	 OTHERHOST),
	REASON(NO_PORT,		"no_port",	 NOT_SPECIFIED),
	REASON(PORT_DOWN,	"port_down",	 DEV_READY),
	REASON(SWITCH_DOWN,	"switch_down",	 DEV_READY),
	REASON(BROADCAST,	"broadcast",	 NOT_SPECIFIED),
	REASON(NO_PA,		"no_pa",	 IP_OUTNOROUTES),
	REASON(NO_ROUTE,	"no_route",	 IP_OUTNOROUTES),
	REASON(HOST_TX,		"host_tx",	 NOT_SPECIFIED),
	REASON(TX_ERROR,	"tx_error",	 NOMEM),
	REASON(TOO_BIG,		"too_big",	 PKT_TOO_BIG),
	REASON(SPOOFED,		"spoofed",	 NOT_SPECIFIED),
	REASON(NO_CA_ROUTE,	"no_ca_route",	 IP_INNOROUTES),
	REASON(TTL_EXCEEDED,	"ttl_exceeded",	 IP_INHDR),
	REASON(BUM_LIMITED,	"bum_limited",	 NOT_SPECIFIED),
	REASON(DHCP_GUARD,	"dhcp_guard",	 NOT_SPECIFIED),
	REASON(ROUTER_GUARD,	"router_guard",	 NOT_SPECIFIED),
};
