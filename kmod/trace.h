/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nvswitch's tracepoints: where a frame is dropped and why, where policy
 * has no record, and each NVGRE packet sent and received; for perf, bpftrace
 * and tracefs (Documentation/troubleshooting.rst). Addresses are IPv6, an
 * IPv4 one mapped (::ffff:192.0.2.1), as the switch keeps its PAs; :: for
 * none. Disabled, each costs a static branch.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM nvswitch

#if !defined(_NVSW_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _NVSW_TRACE_H

#include <linux/etherdevice.h>
#include <linux/tracepoint.h>

#include "drop.h"
#include "nvswitch.h"
#include "port.h"
#include "vsid.h"

TRACE_DEFINE_ENUM(NVSW_MISS_ARP);
TRACE_DEFINE_ENUM(NVSW_MISS_PORT);
TRACE_DEFINE_ENUM(NVSW_MISS_UNDERLAY);
TRACE_DEFINE_ENUM(NVSW_MISS_ND);

/* Every drop counted: what the packet was known to belong to, and why. */
TRACE_EVENT(drop,
	TP_PROTO(const struct nvsw_path *path, enum nvsw_drop reason),
	TP_ARGS(path, reason),
	TP_STRUCT__entry(
		__array(char, dev, IFNAMSIZ)
		__field(u32, vsid)
		__field(int, port)
		__field(bool, from_underlay)
		__array(char, reason, NVSW_DROP_NAME_SIZE)
	),
	TP_fast_assign(
		memcpy(__entry->dev, path->sw->dev->name, IFNAMSIZ);
		__entry->vsid = path->vsid ? path->vsid->id : 0;
		__entry->port = path->port ? path->port->dev->ifindex : 0;
		__entry->from_underlay = path->from_underlay;
		strscpy(__entry->reason, nvsw_drop_reasons[reason].name,
			NVSW_DROP_NAME_SIZE);
	),
	TP_printk("dev=%s vsid=%u port=%d from=%s reason=%s",
		  __entry->dev, __entry->vsid, __entry->port,
		  __entry->from_underlay ? "underlay" : "port",
		  __entry->reason)
);

/*
 * A destination without a record, whether or not a miss
 * notification went out for it (they are rate limited): the CA an ARP
 * request or Neighbor Solicitation asked for, or the MAC a frame went to.
 */
TRACE_EVENT(miss,
	TP_PROTO(const struct nvsw_path *path, enum nvsw_miss_source source,
		 const struct in6_addr *ca, const u8 *mac,
		 const struct in6_addr *pa),
	TP_ARGS(path, source, ca, mac, pa),
	TP_STRUCT__entry(
		__array(char, dev, IFNAMSIZ)
		__field(u32, vsid)
		__field(int, port)
		__field(u8, source)
		__array(u8, mac, ETH_ALEN)
		__array(u8, ca, sizeof(struct in6_addr))
		__array(u8, pa, sizeof(struct in6_addr))
	),
	TP_fast_assign(
		memcpy(__entry->dev, path->sw->dev->name, IFNAMSIZ);
		__entry->vsid = path->vsid->id;
		__entry->port = path->port ? path->port->dev->ifindex : 0;
		__entry->source = source;
		if (mac)
			ether_addr_copy(__entry->mac, mac);
		else
			eth_zero_addr(__entry->mac);
		memcpy(__entry->ca, ca ?: &in6addr_any, sizeof(*ca));
		memcpy(__entry->pa, pa ?: &in6addr_any, sizeof(*pa));
	),
	TP_printk("dev=%s vsid=%u port=%d source=%s ca=%pI6c mac=%pM pa=%pI6c",
		  __entry->dev, __entry->vsid, __entry->port,
		  __print_symbolic(__entry->source,
				   { NVSW_MISS_ARP, "arp" },
				   { NVSW_MISS_PORT, "port" },
				   { NVSW_MISS_UNDERLAY, "underlay" },
				   { NVSW_MISS_ND, "nd" }),
		  __entry->ca, __entry->mac, __entry->pa)
);

/* An NVGRE packet: its key's VSID and FlowID, its PAs, its frame's length. */
DECLARE_EVENT_CLASS(nvsw_nvgre,
	TP_PROTO(const struct nvsw_switch *sw, __be32 key, unsigned int len,
		 const struct in6_addr *src, const struct in6_addr *dst),
	TP_ARGS(sw, key, len, src, dst),
	TP_STRUCT__entry(
		__array(char, dev, IFNAMSIZ)
		__field(u32, vsid)
		__field(u8, flowid)
		__field(unsigned int, len)
		__array(u8, src, sizeof(struct in6_addr))
		__array(u8, dst, sizeof(struct in6_addr))
	),
	TP_fast_assign(
		memcpy(__entry->dev, sw->dev->name, IFNAMSIZ);
		__entry->vsid = be32_to_cpu(key) >> 8;
		__entry->flowid = be32_to_cpu(key) & 0xff;
		__entry->len = len;
		memcpy(__entry->src, src, sizeof(*src));
		memcpy(__entry->dst, dst, sizeof(*dst));
	),
	TP_printk("dev=%s vsid=%u flowid=%u len=%u src=%pI6c dst=%pI6c",
		  __entry->dev, __entry->vsid, __entry->flowid, __entry->len,
		  __entry->src, __entry->dst)
);

/* Encapsulated and handed to the underlay's IP layer. */
DEFINE_EVENT(nvsw_nvgre, encap,
	TP_PROTO(const struct nvsw_switch *sw, __be32 key, unsigned int len,
		 const struct in6_addr *src, const struct in6_addr *dst),
	TP_ARGS(sw, key, len, src, dst)
);

/* Taken from the underlay for this switch, before its checks. */
DEFINE_EVENT(nvsw_nvgre, decap,
	TP_PROTO(const struct nvsw_switch *sw, __be32 key, unsigned int len,
		 const struct in6_addr *src, const struct in6_addr *dst),
	TP_ARGS(sw, key, len, src, dst)
);

#endif /* _NVSW_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
