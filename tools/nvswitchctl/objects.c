// SPDX-License-Identifier: GPL-2.0
/*
 * The object descriptor tables and the printer that walks them (objects.h),
 * the counters, and how "show" and "monitor" place objects.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>

#include "attr_words.h"
#include "nvswitchctl.h"
#include "objects.h"
#include "parse.h"
#include "print.h"

/*
 * What a switch holds at most, set as link attributes and shown, with how
 * many it holds, by SWITCH_GET (Documentation/reliability.rst).
 */
const struct switch_limit switch_limits[N_SWITCH_LIMITS] = {
	{ "max-records", "max_records", NULL, IFLA_NVSW_MAX_RECORDS,
	  A_OBJ(NVSW_SWITCH_A_MAX_RECORDS), A_OBJ(NVSW_SWITCH_A_RECORD_COUNT) },
	{ "max-ports", "max_ports", NULL, IFLA_NVSW_MAX_PORTS,
	  A_OBJ(NVSW_SWITCH_A_MAX_PORTS), A_OBJ(NVSW_SWITCH_A_PORT_COUNT) },
	{ "max-pas", "max_pas", "pas", IFLA_NVSW_MAX_PAS,
	  A_OBJ(NVSW_SWITCH_A_MAX_PAS), A_OBJ(NVSW_SWITCH_A_PA_COUNT) },
	{ "max-vsubnets", "max_vsubnets", "vsubnets", IFLA_NVSW_MAX_VSUBNETS,
	  A_OBJ(NVSW_SWITCH_A_MAX_VSUBNETS), A_OBJ(NVSW_SWITCH_A_VSUBNET_COUNT) },
	{ "max-routes", "max_routes", "routes", IFLA_NVSW_MAX_ROUTES,
	  A_OBJ(NVSW_SWITCH_A_MAX_ROUTES), A_OBJ(NVSW_SWITCH_A_ROUTE_COUNT) },
};

/* --- Values as text ------------------------------------------------------ */

unsigned int attr_uint(struct nlattr *a)
{
	if (!a)
		return 0;
	return nla_len(a) == 1 ? nla_get_u8(a) : nla_get_u32(a);
}

bool get_addr(struct nlattr **tb, int attr, struct ca_addr *a)
{
	if (!tb[attr]) {
		memset(a, 0, sizeof(*a));
		return false;
	}
	addr_from_wire(nla_data(tb[attr]), a);
	return true;
}

/* 16 bytes: an IPv4-mapped address is printed as IPv4. */
static const char *fmt_addr(char *buf, size_t len, struct nlattr **tb, int attr)
{
	struct ca_addr a;

	if (len < INET6_ADDRSTRLEN || !get_addr(tb, attr, &a))
		return NULL;
	return format_addr(buf, &a);
}

/* The prefix nest: its address and the length in its family's bits. */
static const char *fmt_prefix(char *buf, size_t len, struct nlattr **tb, int attr)
{
	char addr[INET6_ADDRSTRLEN];

	if (!tb[A_PFX(NVSW_PREFIX_A_LEN)] || !fmt_addr(addr, sizeof(addr), tb, attr))
		return NULL;
	snprintf(buf, len, "%s/%u", addr, nla_get_u8(tb[A_PFX(NVSW_PREFIX_A_LEN)]));
	return buf;
}

static const char *fmt_mac(char *buf, size_t len, struct nlattr **tb, int attr)
{
	if (!tb[attr] || nla_len(tb[attr]) < MAC_LEN || len < MAC_STRLEN)
		return NULL;
	return format_mac(buf, nla_data(tb[attr]));
}

/* A port's own message names its device; others give only its ifindex. */
static const char *fmt_port(char *buf, size_t len, struct nlattr **tb, int attr)
{
	return tb[attr] ? port_name(tb, buf, len) : NULL;
}

static const char *fmt_ifindex(char *buf, size_t len, struct nlattr **tb, int attr)
{
	return tb[attr] ? ifindex_name(nla_get_u32(tb[attr]), buf, len) : NULL;
}

static const char *fmt_flowid(char *buf, size_t len, struct nlattr **tb, int attr)
{
	(void)buf;
	(void)len;
	return flowid_name(attr_uint(tb[attr]));
}

static const char *fmt_dscp(char *buf, size_t len, struct nlattr **tb, int attr)
{
	return dscp_name(buf, len, attr_uint(tb[attr]));
}

/* A kernel from before BUM modes had only drop (at no rate). */
static const char *fmt_bum(char *buf, size_t len, struct nlattr **tb, int attr)
{
	(void)buf;
	(void)len;
	return bum_name(tb[attr] ? attr_uint(tb[attr]) : NVSW_BUM_DROP);
}

/* The source of a miss, or explain's verdict. */
static const char *fmt_enum(char *buf, size_t len, struct nlattr **tb, int attr)
{
	static const char *const sources[] = {
		[NVSW_MISS_ARP]		= "arp",
		[NVSW_MISS_PORT]	= "port",
		[NVSW_MISS_UNDERLAY]	= "underlay",
		[NVSW_MISS_ND]		= "nd",
	};
	static const char *const verdicts[] = {
		[NVSW_EXPLAIN_DELIVER]	= "deliver",
		[NVSW_EXPLAIN_ENCAP]	= "encap",
		[NVSW_EXPLAIN_FLOOD]	= "flood",
		[NVSW_EXPLAIN_DROP]	= "drop",
	};

	(void)buf;
	(void)len;
	if (!tb[attr])
		return NULL;
	if (attr == A_OBJ(NVSW_MISS_A_SOURCE))
		return enum_name(sources, ARRAY_SIZE(sources), attr_uint(tb[attr]));
	return enum_name(verdicts, ARRAY_SIZE(verdicts), attr_uint(tb[attr]));
}

/* "" for AF_UNSPEC. */
const char *format_addr(char buf[INET6_ADDRSTRLEN], const struct ca_addr *a)
{
	buf[0] = '\0';
	if (a->family == AF_INET6 || a->family == AF_INET)
		inet_ntop(a->family, a->family == AF_INET6 ? (const void *)&a->v6 :
			  (const void *)&a->v4, buf, INET6_ADDRSTRLEN);
	return buf;
}

const char *ifindex_name(uint32_t ifindex, char *buf, size_t len)
{
	char ifname[IFNAMSIZ];

	if (if_indextoname(ifindex, ifname))
		snprintf(buf, len, "%s", ifname);
	else
		snprintf(buf, len, "if%u", ifindex);
	return buf;
}

const char *port_name(struct nlattr **tb, char *buf, size_t len)
{
	if (tb[A_OBJ(NVSW_PORT_A_IFNAME)]) {
		nla_strlcpy(buf, tb[A_OBJ(NVSW_PORT_A_IFNAME)], len);
		return buf;
	}
	return ifindex_name(nla_get_u32(tb[A_OBJ(NVSW_PORT_A_IFINDEX)]), buf, len);
}

/* --- The objects ---------------------------------------------------------- */

#define UINT(k, t, a, f)	{ FIELD_UINT, k, t, a, NULL, f, 0 }
#define BOOL(k, word, a)	{ FIELD_BOOL, k, word, a, NULL, 0, 0 }
#define ONOFF(k, word, a)	{ FIELD_ONOFF, k, word, a, NULL, 0, 0 }
#define STRING(k, t, a, fmt, f)	{ FIELD_STRING, k, t, a, fmt, f, 0 }
#define OBJECT(n, nest, f)	{ n, nest, f, ARRAY_SIZE(f) }
#define SW(a)			A_OBJ(NVSW_SWITCH_A_##a)
#define PORT(a)			A_OBJ(NVSW_PORT_A_##a)
#define VSID(a)			A_OBJ(NVSW_VSID_A_##a)
#define RECORD(a)		A_OBJ(NVSW_RECORD_A_##a)
#define VSUBNET(a)		A_OBJ(NVSW_VSUBNET_A_##a)
#define PREFIX(a)		A_PFX(NVSW_PREFIX_A_##a)
#define ROUTE(a)		A_OBJ(NVSW_ROUTE_A_##a)
#define MISS(a)			A_OBJ(NVSW_MISS_A_##a)
#define EXPLAIN(a)		A_OBJ(NVSW_EXPLAIN_A_##a)

/*
 * A notification has no room for the PAs (their own notifications
 * follow), and monitor says the switch's name first.
 */
static const struct field switch_fields[] = {
	STRING("ifname", "%s:", NVSW_A_IFNAME, NULL, F_REQUIRED | F_NAME),
	UINT("ifindex", "", NVSW_A_IFINDEX, F_REQUIRED),
	STRING("flowid", NULL, SW(FLOWID_MODE), fmt_flowid, 0),
	UINT("move_grace_ms", "move-grace", SW(MOVE_GRACE_MS), 0),
	STRING("dscp", NULL, SW(DSCP), fmt_dscp, 0),
	UINT("default_vsid", "default-vsid", SW(DEFAULT_VSID), F_TEXT_IF_SET),
	{ FIELD_EXTRA, "pa", NULL, 0, NULL, 0, 0 },
	UINT("ports", NULL, SW(PORT_COUNT), F_COUNT),
	UINT("records", NULL, SW(RECORD_COUNT), 0),
	{ FIELD_LIMITS, NULL, NULL, 0, NULL, 0, 0 },
};

static const struct field pa_fields[] = {
	STRING("pa", "%s", A_OBJ(NVSW_PA_A_ADDR), fmt_addr, F_REQUIRED),
};

/*
 * A pinned port learns no other MAC than its pin: the text says only it.
 * A guard shows in text when on, as the command that turns it on says it.
 */
static const struct field port_fields[] = {
	STRING("dev", "%s", PORT(IFINDEX), fmt_port, F_REQUIRED),
	UINT("ifindex", "", PORT(IFINDEX), F_REQUIRED),
	UINT("vsid", NULL, PORT(VSID), F_REQUIRED),
	BOOL("internal", "internal", PORT(INTERNAL)),
	{ FIELD_STRING, "mac", NULL, PORT(MAC), fmt_mac, F_OPTIONAL, PORT(PIN) },
	STRING("pin", "mac %s pinned", PORT(PIN), fmt_mac, F_OPTIONAL),
	ONOFF("dhcp_guard", "dhcp-guard on", PORT(DHCP_GUARD)),
	ONOFF("router_guard", "router-guard on", PORT(ROUTER_GUARD)),
};

static const struct field record_fields[] = {
	UINT("vsid", NULL, RECORD(VSID), F_REQUIRED),
	STRING("ca", NULL, RECORD(CA), fmt_addr, F_REQUIRED),
	STRING("mac", NULL, RECORD(MAC), fmt_mac, F_REQUIRED),
	STRING("pa", NULL, RECORD(PA), fmt_addr, F_REQUIRED),
};

/* The dump says how many ports; a VSID_SET notification does not. */
static const struct field vsid_fields[] = {
	UINT("vsid", NULL, VSID(ID), F_REQUIRED),
	UINT("ports", NULL, VSID(PORT_COUNT), F_OPTIONAL),
	STRING("bum", NULL, VSID(BUM_MODE), fmt_bum, 0),
	UINT("rate", NULL, VSID(BUM_RATE), 0),
};

/* One item per prefix (obj_each()): a dual-stack vsubnet is two. */
static const struct field vsubnet_fields[] = {
	UINT("vsid", NULL, VSUBNET(VSID), F_REQUIRED),
	UINT("rdid", NULL, VSUBNET(RDID), F_REQUIRED),
	STRING("prefix", NULL, PREFIX(ADDR), fmt_prefix, F_REQUIRED),
	STRING("gateway", NULL, PREFIX(GATEWAY), fmt_addr, F_REQUIRED),
};

static const struct field route_fields[] = {
	UINT("rdid", NULL, ROUTE(RDID), F_REQUIRED),
	UINT("vsid", NULL, ROUTE(VSID), F_OPTIONAL),
	STRING("prefix", NULL, PREFIX(ADDR), fmt_prefix, F_REQUIRED),
	STRING("nexthop", NULL, ROUTE(NEXTHOP), fmt_addr, F_REQUIRED),
	UINT("metric", NULL, ROUTE(METRIC), F_REQUIRED),
};

/* What was missed (a CA or a MAC) and who sent it (a port or a PA). */
static const struct field miss_fields[] = {
	STRING("source", "%s", MISS(SOURCE), fmt_enum, F_REQUIRED),
	UINT("vsid", NULL, MISS(VSID), F_REQUIRED),
	STRING("ca", NULL, MISS(CA), fmt_addr, F_OPTIONAL),
	STRING("mac", NULL, MISS(MAC), fmt_mac, F_OPTIONAL),
	STRING("port", NULL, MISS(PORT_IFINDEX), fmt_ifindex, F_OPTIONAL),
	STRING("pa", NULL, MISS(PA), fmt_addr, F_OPTIONAL),
};

static const struct field explain_fields[] = {
	STRING("verdict", "%s", EXPLAIN(VERDICT), fmt_enum, F_REQUIRED),
	STRING("drop", "%s", EXPLAIN(DROP), NULL, F_OPTIONAL),
	BOOL("routed", "routed", EXPLAIN(ROUTED)),
	UINT("vsid", NULL, EXPLAIN(VSID), F_REQUIRED),
	STRING("ca", NULL, EXPLAIN(CA), fmt_addr, F_OPTIONAL),
	STRING("mac", NULL, EXPLAIN(MAC), fmt_mac, F_OPTIONAL),
	STRING("pa", NULL, EXPLAIN(PA), fmt_addr, F_OPTIONAL),
	STRING("dev", NULL, EXPLAIN(PORT_IFINDEX), fmt_ifindex, F_OPTIONAL),
	UINT("mtu", NULL, EXPLAIN(MTU), F_OPTIONAL),
};

static const struct field flush_fields[] = {
	UINT("flushed", NULL, NVSW_A_FLUSHED, F_REQUIRED),
};

const struct object obj_switch = OBJECT("switch", NVSW_A_SWITCH, switch_fields);
const struct object obj_pa = OBJECT("pa", NVSW_A_PA, pa_fields);
const struct object obj_port = OBJECT("port", NVSW_A_PORT, port_fields);
const struct object obj_record = OBJECT("record", NVSW_A_RECORD, record_fields);
const struct object obj_vsid = OBJECT("vsid", NVSW_A_VSID, vsid_fields);
const struct object obj_vsubnet = OBJECT("vsubnet", NVSW_A_VSUBNET, vsubnet_fields);
const struct object obj_route = OBJECT("route", NVSW_A_ROUTE, route_fields);
const struct object obj_miss = OBJECT("miss", NVSW_A_MISS, miss_fields);
const struct object obj_explain = OBJECT("explain", NVSW_A_EXPLAIN, explain_fields);
const struct object obj_flush = OBJECT("flush", 0, flush_fields);

/*
 * A vsubnet message holds a prefix per family: @fn sees each in turn at
 * A_PFX(), as if it were the only one. Other objects are one item.
 */
int obj_each(const struct object *o, struct nlattr **tb,
	     int (*fn)(struct nlattr **tb, void *arg), void *arg)
{
	struct nlattr *nla;
	int rem, err, n = 0;

	if (o != &obj_vsubnet || !tb[NVSW_A_VSUBNET])
		return fn(tb, arg);
	nla_for_each_nested(nla, tb[NVSW_A_VSUBNET], rem) {
		if (nla_type(nla) != NVSW_VSUBNET_A_PREFIX)
			continue;
		err = prefix_parse(tb, nla) ?: fn(tb, arg);
		if (err)
			return err;
		n++;
	}
	/* None: the caller finds the object incomplete. */
	return n ? 0 : fn(tb, arg);
}

/* --- The printer ---------------------------------------------------------- */

/* Room for any value: an IPv6 prefix, a device or drop reason name. */
#define VALUE_LEN	64

static const char *field_string(const struct field *f, struct nlattr **tb, char *buf)
{
	if (f->format)
		return f->format(buf, VALUE_LEN, tb, f->attr);
	if (!tb[f->attr])
		return NULL;
	nla_strlcpy(buf, tb[f->attr], VALUE_LEN);
	return buf;
}

bool obj_complete(const struct object *o, struct nlattr **tb)
{
	char buf[VALUE_LEN];
	size_t i;

	for (i = 0; i < o->n; i++) {
		const struct field *f = &o->fields[i];

		if (!(f->flags & F_REQUIRED))
			continue;
		if (f->kind == FIELD_STRING ? !field_string(f, tb, buf) : !tb[f->attr])
			return false;
	}
	return true;
}

/* count/limit in text, as `df` says used and size. */
static void limits_print(struct nlattr **tb, unsigned int omit)
{
	const struct switch_limit *l;
	unsigned int count, max;
	char buf[VALUE_LEN];

	for (l = switch_limits; l < switch_limits + N_SWITCH_LIMITS; l++) {
		count = attr_uint(tb[l->count_attr]);
		max = attr_uint(tb[l->max_attr]);
		if (l->json_count && !(omit & F_COUNT))
			print_uint(PRINT_JSON, l->json_count, NULL, count);
		print_uint(PRINT_JSON, l->json_max, NULL, max);
		snprintf(buf, sizeof(buf), "%s %u/%u", l->name, count, max);
		print_string(PRINT_TEXT, NULL, "%s", buf);
	}
}

static void field_print(const struct field *f, struct nlattr **tb, unsigned int omit,
			const struct obj_extra *extra)
{
	enum print_type type = PRINT_ANY;
	char buf[VALUE_LEN];
	const char *s;
	unsigned int v;

	if (f->flags & omit & ~F_COUNT)
		return;
	if ((f->text && !*f->text) || (f->text_unless && tb[f->text_unless]))
		type = PRINT_JSON;
	/* The overview's JSON lists what a count counts; its text keeps the count. */
	if (f->flags & omit & F_COUNT) {
		if (type == PRINT_JSON)
			return;
		type = PRINT_TEXT;
	}

	switch (f->kind) {
	case FIELD_UINT:
		if (!tb[f->attr] && (f->flags & F_OPTIONAL))
			return;
		v = attr_uint(tb[f->attr]);
		if (!v && (f->flags & F_TEXT_IF_SET) && type == PRINT_ANY)
			type = PRINT_JSON;
		print_uint(type, f->key, f->text, v);
		break;
	case FIELD_BOOL:
		print_bool(type, f->key, f->text, tb[f->attr]);
		break;
	case FIELD_ONOFF:
		print_bool(type, f->key, f->text, attr_uint(tb[f->attr]));
		break;
	case FIELD_STRING:
		s = field_string(f, tb, buf);
		if (!s && (f->flags & F_OPTIONAL))
			return;
		print_string(type, f->key, f->text, s ?: "");
		break;
	case FIELD_LIMITS:
		limits_print(tb, omit);
		break;
	case FIELD_EXTRA:
		if (extra)
			extra->print(extra->arg);
		break;
	}
}

void obj_print(const struct object *o, struct nlattr **tb, unsigned int omit,
	       const struct obj_extra *extra)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		field_print(&o->fields[i], tb, omit, extra);
}

int obj_print_reply(struct nlattr **tb, void *arg)
{
	const struct object *o = arg;

	if (!obj_complete(o, tb))
		return -EBADMSG;
	item_open();
	obj_print(o, tb, 0, NULL);
	item_close();
	return 0;
}

struct nlattr **attrs_dup(struct nlattr **tb, int maxtype)
{
	size_t size = (maxtype + 1) * sizeof(*tb);
	struct nlattr **copy;
	char *p;
	int i;

	for (i = 0; i <= maxtype; i++)
		if (tb[i])
			size += NLA_ALIGN(nla_attr_size(nla_len(tb[i])));
	copy = calloc(1, size);
	if (!copy)
		return NULL;
	p = (char *)(copy + maxtype + 1);
	for (i = 0; i <= maxtype; i++) {
		if (!tb[i])
			continue;
		memcpy(p, tb[i], nla_attr_size(nla_len(tb[i])));
		copy[i] = (struct nlattr *)p;
		p += NLA_ALIGN(nla_attr_size(nla_len(tb[i])));
	}
	return copy;
}

/* A switch's PAs: they come from their own dump. */
void pa_list_print(void *arg)
{
	const struct addr_list *l = arg;
	char buf[INET6_ADDRSTRLEN], *text, *p;
	size_t i;

	open_json_array("pa");
	for (i = 0; i < l->n; i++)
		print_string(PRINT_JSON, NULL, NULL, format_addr(buf, &l->a[i]));
	close_json_array();
	if (!l->n)
		return;
	/* In text one word, "pa ADDR,ADDR". */
	text = malloc(l->n * INET6_ADDRSTRLEN + 1);
	if (!text)
		return;
	for (i = 0, p = text; i < l->n; i++)
		p += sprintf(p, "%s%s", i ? "," : "", format_addr(buf, &l->a[i]));
	print_string(PRINT_TEXT, "pa", NULL, text);
	free(text);
}

/* --- Counters ------------------------------------------------------------- */

#define MAX_U64_TYPE \
	((int)NVSW_DROP_A_MAX > (int)NVSW_STATS_A_MAX ? (int)NVSW_DROP_A_MAX : (int)NVSW_STATS_A_MAX)

/*
 * The names of the counters of NVSW_A_STATS, and of the drops nested in
 * it: the JSON keys, the lowercase enum suffixes.
 */
static const char *const counter_names[2][MAX_U64_TYPE + 1] = {
	{
		[NVSW_STATS_A_TX_PACKETS]	= "tx_packets",
		[NVSW_STATS_A_TX_BYTES]		= "tx_bytes",
		[NVSW_STATS_A_RX_PACKETS]	= "rx_packets",
		[NVSW_STATS_A_RX_BYTES]		= "rx_bytes",
		[NVSW_STATS_A_LOCAL_PACKETS]	= "local_packets",
		[NVSW_STATS_A_LOCAL_BYTES]	= "local_bytes",
		[NVSW_STATS_A_ARP_REPLIES]	= "arp_replies",
		[NVSW_STATS_A_FORWARDED_PACKETS] = "forwarded_packets",
		[NVSW_STATS_A_FORWARDED_BYTES]	= "forwarded_bytes",
		[NVSW_STATS_A_ANNOUNCES]	= "announces",
		[NVSW_STATS_A_ROUTED_PACKETS]	= "routed_packets",
		[NVSW_STATS_A_ROUTED_BYTES]	= "routed_bytes",
		[NVSW_STATS_A_FLOODED_PACKETS]	= "flooded_packets",
		[NVSW_STATS_A_FLOODED_BYTES]	= "flooded_bytes",
	}, {
		[NVSW_DROP_A_NO_RECORD]		= "no_record",
		[NVSW_DROP_A_UNKNOWN_VSID]	= "unknown_vsid",
		[NVSW_DROP_A_RESERVED_VSID]	= "reserved_vsid",
		[NVSW_DROP_A_VLAN_TAGGED]	= "vlan_tagged",
		[NVSW_DROP_A_BAD_GRE]		= "bad_gre",
		[NVSW_DROP_A_MALFORMED]		= "malformed",
		[NVSW_DROP_A_NOT_LOCAL]		= "not_local",
		[NVSW_DROP_A_NO_PORT]		= "no_port",
		[NVSW_DROP_A_PORT_DOWN]		= "port_down",
		[NVSW_DROP_A_SWITCH_DOWN]	= "switch_down",
		[NVSW_DROP_A_BROADCAST]		= "broadcast",
		[NVSW_DROP_A_NO_PA]		= "no_pa",
		[NVSW_DROP_A_NO_ROUTE]		= "no_route",
		[NVSW_DROP_A_HOST_TX]		= "host_tx",
		[NVSW_DROP_A_TX_ERROR]		= "tx_error",
		[NVSW_DROP_A_TOO_BIG]		= "too_big",
		[NVSW_DROP_A_SPOOFED]		= "spoofed",
		[NVSW_DROP_A_NO_CA_ROUTE]	= "no_ca_route",
		[NVSW_DROP_A_TTL_EXCEEDED]	= "ttl_exceeded",
		[NVSW_DROP_A_BUM_LIMITED]	= "bum_limited",
		[NVSW_DROP_A_DHCP_GUARD]	= "dhcp_guard",
		[NVSW_DROP_A_ROUTER_GUARD]	= "router_guard",
	},
};
static const char *const *const stat_names = counter_names[0];
static const char *const *const drop_names = counter_names[1];

/*
 * The counters of one scope, in the order they are printed. A port has no
 * NVGRE of its own: it counts what it sent to (tx) and took from (rx) its VM.
 */
static const uint8_t subnet_stats[] = {
	NVSW_STATS_A_TX_PACKETS, NVSW_STATS_A_TX_BYTES,
	NVSW_STATS_A_RX_PACKETS, NVSW_STATS_A_RX_BYTES,
	NVSW_STATS_A_LOCAL_PACKETS, NVSW_STATS_A_LOCAL_BYTES,
	NVSW_STATS_A_ARP_REPLIES,
	NVSW_STATS_A_FORWARDED_PACKETS, NVSW_STATS_A_FORWARDED_BYTES,
	NVSW_STATS_A_ANNOUNCES,
	NVSW_STATS_A_ROUTED_PACKETS, NVSW_STATS_A_ROUTED_BYTES,
	NVSW_STATS_A_FLOODED_PACKETS, NVSW_STATS_A_FLOODED_BYTES,
};

static const uint8_t port_stats[] = {
	NVSW_STATS_A_RX_PACKETS, NVSW_STATS_A_RX_BYTES,
	NVSW_STATS_A_TX_PACKETS, NVSW_STATS_A_TX_BYTES,
};

/* Reads the u64 attributes of @nest named in @names into @out. */
static int get_u64s(struct nlattr *nest, const char *const *names, int maxtype,
		    uint64_t *out)
{
	struct nla_policy policy[MAX_U64_TYPE + 1] = { 0 };
	struct nlattr *tb[MAX_U64_TYPE + 1];
	int i;

	for (i = 0; i <= maxtype; i++)
		if (names[i])
			policy[i].type = NLA_U64;
	if (nla_parse_nested(tb, maxtype, nest, policy) < 0)
		return -EBADMSG;
	for (i = 0; i <= maxtype; i++)
		if (names[i] && tb[i])
			out[i] = nla_get_u64(tb[i]);
	return 0;
}

int stats_parse(struct nlattr *nest, struct counters *c)
{
	struct nlattr *stats[NVSW_STATS_A_MAX + 1];
	int err;

	memset(c, 0, sizeof(*c));
	if (!nest)
		return -EBADMSG;
	err = get_u64s(nest, stat_names, NVSW_STATS_A_MAX, c->stat);
	if (err)
		return err;
	if (nla_parse_nested(stats, NVSW_STATS_A_MAX, nest, NULL) < 0)
		return -EBADMSG;
	if (stats[NVSW_STATS_A_DROPS])
		err = get_u64s(stats[NVSW_STATS_A_DROPS], drop_names, NVSW_DROP_A_MAX, c->drop);
	return err;
}

/* The counters of @ids, then the drops: by reason in JSON, their total in text. */
static void counters_print(enum print_type type, const struct counters *c,
			   const uint8_t *ids, size_t n)
{
	uint64_t total = 0;
	size_t i;

	for (i = 0; i < n; i++)
		print_uint(type, stat_names[ids[i]], NULL, c->stat[ids[i]]);
	open_json_object("drops");
	for (i = 0; i <= NVSW_DROP_A_MAX; i++) {
		total += c->drop[i];
		if (drop_names[i] && type != PRINT_TEXT)
			print_uint(PRINT_JSON, drop_names[i], NULL, c->drop[i]);
	}
	close_json_object();
	if (type != PRINT_JSON)
		print_uint(PRINT_TEXT, "drops", NULL, total);
}

void stats_put(const char *key, const struct counters *c, bool port)
{
	open_json_object(key);
	if (port)
		counters_print(PRINT_ANY, c, port_stats, ARRAY_SIZE(port_stats));
	else
		counters_print(PRINT_ANY, c, subnet_stats, ARRAY_SIZE(subnet_stats));
	close_json_object();
}

/*
 * Every known counter is printed, zero when the kernel left it out, so the
 * keys stay the same from one kernel to the next. The text has a line per
 * counter, in uapi order, then one per drop reason.
 */
void stats_print(const struct counters *c)
{
	char key[VALUE_LEN];
	int i;

	open_json_object(NULL);
	counters_print(PRINT_JSON, c, subnet_stats, ARRAY_SIZE(subnet_stats));
	close_json_object();
	for (i = 0; i <= NVSW_STATS_A_MAX; i++) {
		if (!stat_names[i])
			continue;
		print_uint(PRINT_TEXT, stat_names[i], NULL, c->stat[i]);
		print_nl();
	}
	for (i = 0; i <= NVSW_DROP_A_MAX; i++) {
		if (!drop_names[i])
			continue;
		snprintf(key, sizeof(key), "drop_%s", drop_names[i]);
		print_uint(PRINT_TEXT, key, NULL, c->drop[i]);
		print_nl();
	}
}

/* Counters come with every port dump, but the line shows them on request. */
void port_print(struct nlattr **tb, bool stats)
{
	struct counters c;

	obj_print(&obj_port, tb, 0, NULL);
	if (!stats || stats_parse(tb[A_OBJ(NVSW_PORT_A_STATS)], &c))
		return;
	print_nl();
	print_indent("    ");
	stats_put("stats", &c, true);
}

/* --- show and monitor ----------------------------------------------------- */

/* The counters belong to "port show -s" and "vsid show": here, what is configured. */
const struct section show_sections[N_SHOW_SECTIONS] = {
	{ NVSW_CMD_PORT_GET,	"ports",	"port",		&obj_port },
	{ NVSW_CMD_VSID_GET,	"vsids",	"",		&obj_vsid },
	{ NVSW_CMD_VSUBNET_GET,	"vsubnets",	"vsubnet",	&obj_vsubnet },
	{ NVSW_CMD_ROUTE_GET,	"routes",	"route",	&obj_route },
};

void section_item_print(const struct section *s, struct nlattr **tb)
{
	item_open();
	print_indent("    ");
	if (*s->label)
		print_string(PRINT_TEXT, NULL, "%s", s->label);
	obj_print(s->obj, tb, 0, NULL);
	item_close();
}

struct event {
	const struct object *obj;
	const char *action;	/* NULL for misses, which change nothing */
	const char *label;	/* text before the object's words, or NULL */
};

/*
 * A record set is announced as "add", as replacing a record always was:
 * what monitor prints is the record as it now is. "port show" lines start
 * with the device; an event line says what it is.
 */
static const struct event events[NVSW_CMD_MAX + 1] = {
	[NVSW_CMD_SWITCH_NEW_NTF]	= { &obj_switch, "add" },
	[NVSW_CMD_SWITCH_DEL_NTF]	= { &obj_switch, "del" },
	[NVSW_CMD_PA_NEW_NTF]		= { &obj_pa, "add" },
	[NVSW_CMD_PA_DEL_NTF]		= { &obj_pa, "del" },
	[NVSW_CMD_PORT_NEW_NTF]		= { &obj_port, "add", "dev" },
	[NVSW_CMD_PORT_DEL_NTF]		= { &obj_port, "del", "dev" },
	[NVSW_CMD_PORT_SET_NTF]		= { &obj_port, "set", "dev" },
	[NVSW_CMD_RECORD_NEW_NTF]	= { &obj_record, "add" },
	[NVSW_CMD_RECORD_SET_NTF]	= { &obj_record, "change" },
	[NVSW_CMD_RECORD_DEL_NTF]	= { &obj_record, "del" },
	[NVSW_CMD_MISS_NTF]		= { &obj_miss, NULL },
	[NVSW_CMD_VSUBNET_NEW_NTF]	= { &obj_vsubnet, "add" },
	[NVSW_CMD_VSUBNET_DEL_NTF]	= { &obj_vsubnet, "del" },
	[NVSW_CMD_ROUTE_NEW_NTF]	= { &obj_route, "add" },
	[NVSW_CMD_ROUTE_DEL_NTF]	= { &obj_route, "del" },
	[NVSW_CMD_VSID_SET_NTF]		= { &obj_vsid, "set" },
};

static int print_event_item(struct nlattr **tb, void *arg)
{
	const struct event *e = arg;
	char sw[IFNAMSIZ];

	if (!obj_complete(e->obj, tb))
		return -EBADMSG;
	nla_strlcpy(sw, tb[NVSW_A_IFNAME], sizeof(sw));
	item_open();
	print_string(PRINT_ANY, "event", "[%s]", e->obj->name);
	if (e->action)
		print_string(PRINT_ANY, "action", "%s", e->action);
	print_string(PRINT_ANY, "switch", "%s", sw);
	if (e->label)
		print_string(PRINT_TEXT, NULL, "%s", e->label);
	obj_print(e->obj, tb, F_NAME, NULL);
	item_close();
	return 0;
}

/* A vsubnet event with two prefixes is two lines, as "vsubnet show" has them. */
int event_print(uint8_t cmd, struct nlattr **tb)
{
	const struct event *e = cmd <= NVSW_CMD_MAX ? &events[cmd] : NULL;
	struct nlattr *nla;
	int rem, n = 0;

	if (!e || !e->obj || !tb[NVSW_A_IFNAME])
		return 0;
	if (obj_each(e->obj, tb, print_event_item, (void *)e))
		return 0;
	if (e->obj != &obj_vsubnet)
		return 1;
	nla_for_each_nested(nla, tb[NVSW_A_VSUBNET], rem)
		n += nla_type(nla) == NVSW_VSUBNET_A_PREFIX;
	return n;
}

void overrun_print(void)
{
	item_open();
	print_string(PRINT_ANY, "event", "[%s]", "overrun");
	print_string(PRINT_TEXT, NULL, "%s", "events were lost");
	item_close();
}
