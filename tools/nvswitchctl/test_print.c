// SPDX-License-Identifier: GPL-2.0
/*
 * Prints every object through the CLI's own print layer and descriptor
 * tables, from canned netlink messages that hold each attribute the kernel
 * may send: "NAME<TAB>" then the object's JSON (-j) or text. test_print.sh
 * checks the JSON keys against the man page and the text against what
 * nvswitchctl has always printed. Needs no kernel module.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "attr_words.h"
#include "nvswitchctl.h"
#include "objects.h"
#include "parse.h"
#include "print.h"

bool opt_stats;
const char cli_prog[] = "test_print";

static struct nl_msg *msg;
static struct nlattr *tb[MSG_A_MAX + 1];
/* The object nest being filled, and its prefix nest, if open. */
static struct nlattr *nest, *prefix;

/* A message about switch sw0 (or none), with object nest @attr (or none). */
static void start(const char *sw, int attr)
{
	nlmsg_free(msg);
	msg = nlmsg_alloc();
	if (!msg)
		exit(1);
	if (sw)
		nla_put_string(msg, NVSW_A_IFNAME, sw);
	nest = attr ? nla_nest_start(msg, attr) : NULL;
	prefix = NULL;
}

static void prefix_start(int attr)
{
	prefix = nla_nest_start(msg, attr);
}

static void prefix_end(void)
{
	nla_nest_end(msg, prefix);
	prefix = NULL;
}

static void put_u32(int type, uint32_t v)
{
	nla_put_u32(msg, type, v);
}

static void put_u8(int type, uint8_t v)
{
	nla_put_u8(msg, type, v);
}

static void put_str(int type, const char *s)
{
	nla_put_string(msg, type, s);
}

/* An address as the kernel sends it: 16 bytes, IPv4 IPv4-mapped. */
static void put_ip(int type, const char *s)
{
	struct in6_addr w;
	struct ca_addr a;

	if (parse_ca(s, &a))
		exit(1);
	addr_to_wire(&a, &w);
	nla_put(msg, type, sizeof(w), &w);
}

static void put_mac(int type, const char *s)
{
	uint8_t mac[MAC_LEN];

	if (parse_mac(s, mac))
		exit(1);
	nla_put(msg, type, MAC_LEN, mac);
}

/* Counters numbered by their attribute, drops too: each value tells where it went. */
static void put_stats(int type)
{
	struct nlattr *stats, *drops;
	int i;

	stats = nla_nest_start(msg, type);
	for (i = 1; i < NVSW_STATS_A_DROPS && i <= NVSW_STATS_A_MAX; i++)
		nla_put_u64(msg, i, 100 + i);
	drops = nla_nest_start(msg, NVSW_STATS_A_DROPS);
	for (i = 1; i <= NVSW_DROP_A_MAX; i++)
		nla_put_u64(msg, i, i);
	nla_nest_end(msg, drops);
	for (i = NVSW_STATS_A_DROPS + 1; i <= NVSW_STATS_A_MAX; i++)
		nla_put_u64(msg, i, 100 + i);
	nla_nest_end(msg, stats);
}

/* The message as nvswitchctl reads one: the flat array of attr_words.h. */
static struct nlattr **parsed(void)
{
	struct nlmsghdr *h = nlmsg_hdr(msg);

	if (nest)
		nla_nest_end(msg, nest);
	nest = NULL;
	if (attrs_parse(tb, nlmsg_attrdata(h, 0), nlmsg_attrlen(h, 0)))
		exit(1);
	return tb;
}

static void name(const char *n)
{
	printf("%s\t", n);
}

struct printing {
	const char *name;
	const struct object *obj;
};

static int print_item(struct nlattr **attrs, void *arg)
{
	const struct printing *p = arg;

	name(p->name);
	item_open();
	obj_print(p->obj, attrs, 0, NULL);
	item_close();
	return 0;
}

/* Each item of the message, as a list prints it (obj_each()). */
static void item(const char *n, const struct object *o)
{
	struct printing p = { n, o };

	if (obj_each(o, parsed(), print_item, &p))
		exit(1);
}

/* The canned messages, one per object (and per shape of an object). */
static void msg_switch(bool variant)
{
	(void)variant;
	start("sw0", 0);
	put_u32(NVSW_A_IFINDEX, 7);
	nest = nla_nest_start(msg, NVSW_A_SWITCH);
	put_u8(NVSW_SWITCH_A_FLOWID_MODE, NVSW_FLOWID_ZERO);
	put_u32(NVSW_SWITCH_A_MOVE_GRACE_MS, 10000);
	put_u8(NVSW_SWITCH_A_DSCP, 46);
	put_u32(NVSW_SWITCH_A_DEFAULT_VSID, 5001);
	put_u32(NVSW_SWITCH_A_PA_COUNT, 2);
	put_u32(NVSW_SWITCH_A_PORT_COUNT, 1);
	put_u32(NVSW_SWITCH_A_RECORD_COUNT, 3);
	put_u32(NVSW_SWITCH_A_VSUBNET_COUNT, 4);
	put_u32(NVSW_SWITCH_A_ROUTE_COUNT, 5);
	put_u32(NVSW_SWITCH_A_MAX_RECORDS, 1000000);
	put_u32(NVSW_SWITCH_A_MAX_PORTS, 1024);
	put_u32(NVSW_SWITCH_A_MAX_PAS, 64);
	put_u32(NVSW_SWITCH_A_MAX_VSUBNETS, 4096);
	put_u32(NVSW_SWITCH_A_MAX_ROUTES, 4097);
	put_stats(NVSW_SWITCH_A_STATS);
}

static void msg_port(bool pinned)
{
	start("sw0", NVSW_A_PORT);
	put_u32(NVSW_PORT_A_IFINDEX, 9);
	put_str(NVSW_PORT_A_IFNAME, pinned ? "vnet0" : "vnet1");
	put_u32(NVSW_PORT_A_VSID, 5001);
	put_mac(NVSW_PORT_A_MAC, "02:00:00:00:50:01");
	if (pinned) {
		nla_put_flag(msg, NVSW_PORT_A_INTERNAL);
		put_mac(NVSW_PORT_A_PIN, "02:00:00:00:50:09");
	}
	put_stats(NVSW_PORT_A_STATS);
}

static void msg_record(bool variant)
{
	(void)variant;
	start("sw0", NVSW_A_RECORD);
	put_u32(NVSW_RECORD_A_VSID, 5001);
	put_ip(NVSW_RECORD_A_CA, "10.0.0.2");
	put_mac(NVSW_RECORD_A_MAC, "02:00:00:00:50:02");
	put_ip(NVSW_RECORD_A_PA, "192.0.2.2");
}

static void msg_vsid(bool notification)
{
	start("sw0", NVSW_A_VSID);
	put_u32(NVSW_VSID_A_ID, 7001);
	if (!notification) {
		put_u32(NVSW_VSID_A_PORT_COUNT, 2);
		put_stats(NVSW_VSID_A_STATS);
	}
	put_u8(NVSW_VSID_A_BUM_MODE, NVSW_BUM_REPLICATE);
	put_u32(NVSW_VSID_A_BUM_RATE, 1000);
}

/* A dual-stack vsubnet: one message, two prefixes, printed as two items. */
static void msg_vsubnet(bool dual)
{
	start("sw0", NVSW_A_VSUBNET);
	put_u32(NVSW_VSUBNET_A_VSID, 5001);
	put_u32(NVSW_VSUBNET_A_RDID, 1);
	if (dual) {
		prefix_start(NVSW_VSUBNET_A_PREFIX);
		put_ip(NVSW_PREFIX_A_ADDR, "10.0.0.0");
		put_u8(NVSW_PREFIX_A_LEN, 24);
		put_ip(NVSW_PREFIX_A_GATEWAY, "10.0.0.1");
		prefix_end();
	}
	prefix_start(NVSW_VSUBNET_A_PREFIX);
	put_ip(NVSW_PREFIX_A_ADDR, "2001:db8:1::");
	put_u8(NVSW_PREFIX_A_LEN, 64);
	put_ip(NVSW_PREFIX_A_GATEWAY, "2001:db8:1::1");
	prefix_end();
}

static void msg_route(bool scoped)
{
	start("sw0", NVSW_A_ROUTE);
	put_u32(NVSW_ROUTE_A_RDID, 1);
	if (scoped)
		put_u32(NVSW_ROUTE_A_VSID, 5001);
	prefix_start(NVSW_ROUTE_A_PREFIX);
	put_ip(NVSW_PREFIX_A_ADDR, "172.16.0.0");
	put_u8(NVSW_PREFIX_A_LEN, 16);
	prefix_end();
	put_ip(NVSW_ROUTE_A_NEXTHOP, "10.0.0.1");
	put_u32(NVSW_ROUTE_A_METRIC, 5);
}

/* Only the ifindex of the port: a device of the host that the test runs on. */
static void msg_miss(bool from_port)
{
	start("sw0", NVSW_A_MISS);
	put_u8(NVSW_MISS_A_SOURCE, from_port ? NVSW_MISS_ND : NVSW_MISS_UNDERLAY);
	put_u32(NVSW_MISS_A_VSID, 5001);
	if (from_port) {
		put_ip(NVSW_MISS_A_CA, "2001:db8::9");
		put_u32(NVSW_MISS_A_PORT_IFINDEX, 1);
	} else {
		put_mac(NVSW_MISS_A_MAC, "02:00:00:00:50:09");
		put_ip(NVSW_MISS_A_PA, "192.0.2.2");
	}
}

static void msg_explain(bool drop)
{
	start("sw0", NVSW_A_EXPLAIN);
	put_u8(NVSW_EXPLAIN_A_VERDICT, drop ? NVSW_EXPLAIN_DROP : NVSW_EXPLAIN_ENCAP);
	put_u32(NVSW_EXPLAIN_A_VSID, 5002);
	if (drop) {
		put_str(NVSW_EXPLAIN_A_DROP, "no_record");
		put_u32(NVSW_EXPLAIN_A_PORT_IFINDEX, 1);
		return;
	}
	nla_put_flag(msg, NVSW_EXPLAIN_A_ROUTED);
	put_ip(NVSW_EXPLAIN_A_CA, "10.1.0.2");
	put_mac(NVSW_EXPLAIN_A_MAC, "02:00:00:00:51:02");
	put_ip(NVSW_EXPLAIN_A_PA, "192.0.2.2");
	put_u32(NVSW_EXPLAIN_A_MTU, 1458);
}

static void msg_pa(bool event)
{
	start("sw0", NVSW_A_PA);
	put_ip(NVSW_PA_A_ADDR, event ? "192.0.2.41" : "2001:db8:ff::1");
}

static void msg_flush(bool variant)
{
	(void)variant;
	start(NULL, 0);
	put_u32(NVSW_A_FLUSHED, 3);
}

/* The objects printed as they are, after the port, the record and the VSID. */
static const struct canned {
	const char *name;
	void (*build)(bool variant);
	bool variant;
	const struct object *obj;
} canned[] = {
	{ "vsubnet",	msg_vsubnet,	false,	&obj_vsubnet },
	{ "vsubnet",	msg_vsubnet,	true,	&obj_vsubnet },
	{ "route",	msg_route,	true,	&obj_route },
	{ "route",	msg_route,	false,	&obj_route },
	{ "miss",	msg_miss,	true,	&obj_miss },
	{ "miss",	msg_miss,	false,	&obj_miss },
	{ "explain",	msg_explain,	false,	&obj_explain },
	{ "explain",	msg_explain,	true,	&obj_explain },
	{ "flush",	msg_flush,	false,	&obj_flush },
};

static void test_switch(void)
{
	struct ca_addr pa[2] = { { .family = AF_INET }, { .family = AF_INET6 } };
	struct addr_list pas = { .a = pa, .n = 2 };
	const struct obj_extra extra = { .print = pa_list_print, .arg = &pas };
	const struct section *s;
	struct nlattr **sw;

	inet_pton(AF_INET, "192.0.2.1", &pa[0].v4);
	inet_pton(AF_INET6, "2001:db8:ff::1", &pa[1].v6);
	msg_switch(false);
	name("switch");
	item_open();
	obj_print(&obj_switch, parsed(), 0, &extra);
	item_close();

	/* The overview: the switch, then each section with one item. */
	sw = attrs_dup(tb, MSG_A_MAX);
	if (!sw)
		exit(1);
	name("show");
	item_open();
	obj_print(&obj_switch, sw, F_COUNT, &extra);
	print_nl();
	for (s = show_sections; s < show_sections + N_SHOW_SECTIONS; s++) {
		if (s->obj == &obj_port)
			msg_port(false);
		else if (s->obj == &obj_vsid)
			msg_vsid(false);
		else if (s->obj == &obj_vsubnet)
			msg_vsubnet(false);
		else
			msg_route(false);
		open_json_array(s->key);
		section_item_print(s, parsed());
		close_json_array();
	}
	close_json_object();
	free(sw);

	start("sw1", 0);
	put_u32(NVSW_A_IFINDEX, 8);
	item("switch", &obj_switch);
}

static void test_objects(void)
{
	const struct canned *o;
	struct counters c;

	msg_pa(false);
	item("pa", &obj_pa);

	msg_port(true);
	name("port");
	item_open();
	port_print(parsed(), true);
	item_close();
	msg_port(false);
	item("port", &obj_port);

	msg_record(false);
	item("record", &obj_record);

	msg_vsid(false);
	name("vsid");
	item_open();
	obj_print(&obj_vsid, parsed(), 0, NULL);
	if (stats_parse(tb[A_OBJ(NVSW_VSID_A_STATS)], &c))
		exit(1);
	stats_put("stats", &c, false);
	item_close();

	for (o = canned; o < canned + ARRAY_SIZE(canned); o++) {
		o->build(o->variant);
		item(o->name, o->obj);
	}

	msg_switch(false);
	if (stats_parse(parsed()[A_OBJ(NVSW_SWITCH_A_STATS)], &c))
		exit(1);
	name("stats");
	print_nl();
	stats_print(&c);
}

/* Each notification: the object as above, after [object] action switch. */
static void test_monitor(void)
{
	static const struct {
		uint8_t cmd;
		void (*build)(bool variant);
		bool variant;
	} events[] = {
		{ NVSW_CMD_SWITCH_NEW_NTF,	msg_switch,	false },
		{ NVSW_CMD_PA_DEL_NTF,		msg_pa,		true },
		{ NVSW_CMD_PORT_NEW_NTF,	msg_port,	false },
		{ NVSW_CMD_RECORD_NEW_NTF,	msg_record,	false },
		{ NVSW_CMD_RECORD_SET_NTF,	msg_record,	false },
		{ NVSW_CMD_RECORD_DEL_NTF,	msg_record,	false },
		{ NVSW_CMD_MISS_NTF,		msg_miss,	true },
		{ NVSW_CMD_VSUBNET_NEW_NTF,	msg_vsubnet,	false },
		{ NVSW_CMD_VSUBNET_DEL_NTF,	msg_vsubnet,	false },
		{ NVSW_CMD_ROUTE_DEL_NTF,	msg_route,	true },
		{ NVSW_CMD_VSID_SET_NTF,	msg_vsid,	true },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(events); i++) {
		events[i].build(events[i].variant);
		name("monitor");
		if (!event_print(events[i].cmd, parsed()))
			exit(1);
	}
	name("monitor");
	overrun_print();
}

int main(int argc, char **argv)
{
	opt_json = argc > 1 && !strcmp(argv[1], "-j");
	test_switch();
	test_objects();
	test_monitor();
	nlmsg_free(msg);
	return 0;
}
