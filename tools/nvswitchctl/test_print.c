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

#include "nvswitchctl.h"
#include "objects.h"
#include "parse.h"
#include "print.h"

bool opt_stats;

static struct nl_msg *msg;
static struct nlattr *tb[NVSW_A_MAX + 1];

static void start(void)
{
	nlmsg_free(msg);
	msg = nlmsg_alloc();
	if (!msg)
		exit(1);
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

/* An address in the attribute of its family. */
static void put_ip(int v4, int v6, const char *s)
{
	struct in6_addr a6;
	struct in_addr a;

	if (inet_pton(AF_INET6, s, &a6) == 1)
		nla_put(msg, v6, sizeof(a6), &a6);
	else if (inet_pton(AF_INET, s, &a) == 1)
		nla_put_u32(msg, v4, a.s_addr);
	else
		exit(1);
}

static void put_mac(int type, const char *s)
{
	uint8_t mac[MAC_LEN];

	if (parse_mac(s, mac))
		exit(1);
	nla_put(msg, type, MAC_LEN, mac);
}

/* Counters numbered by their attribute, drops too: each value tells where it went. */
static void put_stats(void)
{
	struct nlattr *stats, *drops;
	int i;

	stats = nla_nest_start(msg, NVSW_A_STATS);
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

static struct nlattr **parsed(void)
{
	struct nlmsghdr *h = nlmsg_hdr(msg);

	if (nla_parse(tb, NVSW_A_MAX, nlmsg_attrdata(h, 0), nlmsg_attrlen(h, 0), NULL))
		exit(1);
	return tb;
}

static void name(const char *n)
{
	printf("%s\t", n);
}

static void item(const char *n, const struct object *o)
{
	name(n);
	item_open();
	obj_print(o, parsed(), 0, NULL);
	item_close();
}

/* The canned messages, one per object (and per shape of an object). */
static void msg_switch(bool variant)
{
	(void)variant;
	start();
	put_str(NVSW_A_IFNAME, "sw0");
	put_u32(NVSW_A_IFINDEX, 7);
	put_u8(NVSW_A_FLOWID_MODE, NVSW_FLOWID_ZERO);
	put_u32(NVSW_A_MOVE_GRACE_MS, 10000);
	put_u8(NVSW_A_DSCP, 46);
	put_u32(NVSW_A_DEFAULT_VSID, 5001);
	put_u32(NVSW_A_PA_COUNT, 2);
	put_u32(NVSW_A_PORT_COUNT, 1);
	put_u32(NVSW_A_LOOKUP_COUNT, 3);
	put_u32(NVSW_A_VSUBNET_COUNT, 4);
	put_u32(NVSW_A_ROUTE_COUNT, 5);
	put_u32(NVSW_A_MAX_RECORDS, 1000000);
	put_u32(NVSW_A_MAX_PORTS, 1024);
	put_u32(NVSW_A_MAX_PAS, 64);
	put_u32(NVSW_A_MAX_VSUBNETS, 4096);
	put_u32(NVSW_A_MAX_ROUTES, 4097);
}

static void msg_port(bool pinned)
{
	start();
	put_str(NVSW_A_IFNAME, "sw0");
	put_u32(NVSW_A_PORT_IFINDEX, 9);
	put_str(NVSW_A_PORT_IFNAME, pinned ? "vnet0" : "vnet1");
	put_u32(NVSW_A_VSID, 5001);
	put_mac(NVSW_A_PORT_MAC, "02:00:00:00:50:01");
	if (pinned) {
		nla_put_flag(msg, NVSW_A_PORT_INTERNAL);
		put_mac(NVSW_A_MAC, "02:00:00:00:50:09");
	}
	put_stats();
}

static void msg_lookup(bool variant)
{
	(void)variant;
	start();
	put_str(NVSW_A_IFNAME, "sw0");
	put_u32(NVSW_A_VSID, 5001);
	put_ip(NVSW_A_CA_IPV4, NVSW_A_CA_IPV6, "10.0.0.2");
	put_mac(NVSW_A_MAC, "02:00:00:00:50:02");
	put_ip(NVSW_A_PA_IPV4, NVSW_A_PA_IPV6, "192.0.2.2");
}

static void msg_vsid(bool notification)
{
	start();
	put_str(NVSW_A_IFNAME, "sw0");
	put_u32(NVSW_A_VSID, 7001);
	if (!notification) {
		put_u32(NVSW_A_PORT_COUNT, 2);
		put_stats();
	}
	put_u8(NVSW_A_BUM_MODE, NVSW_BUM_REPLICATE);
	put_u32(NVSW_A_BUM_RATE, 1000);
}

static void msg_vsubnet(bool variant)
{
	(void)variant;
	start();
	put_str(NVSW_A_IFNAME, "sw0");
	put_u32(NVSW_A_VSID, 5001);
	put_u32(NVSW_A_RDID, 1);
	put_ip(NVSW_A_PREFIX_IPV4, NVSW_A_PREFIX_IPV6, "2001:db8:1::");
	put_u8(NVSW_A_PREFIX_LEN, 64);
	put_ip(NVSW_A_GATEWAY_IPV4, NVSW_A_GATEWAY_IPV6, "2001:db8:1::1");
}

static void msg_route(bool scoped)
{
	start();
	put_str(NVSW_A_IFNAME, "sw0");
	put_u32(NVSW_A_RDID, 1);
	if (scoped)
		put_u32(NVSW_A_VSID, 5001);
	put_ip(NVSW_A_PREFIX_IPV4, NVSW_A_PREFIX_IPV6, "172.16.0.0");
	put_u8(NVSW_A_PREFIX_LEN, 16);
	put_ip(NVSW_A_NEXTHOP_IPV4, NVSW_A_NEXTHOP_IPV6, "10.0.0.1");
	put_u32(NVSW_A_METRIC, 5);
}

static void msg_miss(bool from_port)
{
	start();
	put_str(NVSW_A_IFNAME, "sw0");
	put_u8(NVSW_A_MISS_SOURCE, from_port ? NVSW_MISS_ND : NVSW_MISS_UNDERLAY);
	put_u32(NVSW_A_VSID, 5001);
	if (from_port) {
		put_ip(NVSW_A_CA_IPV4, NVSW_A_CA_IPV6, "2001:db8::9");
		put_u32(NVSW_A_PORT_IFINDEX, 9);
		put_str(NVSW_A_PORT_IFNAME, "vnet0");
	} else {
		put_mac(NVSW_A_MAC, "02:00:00:00:50:09");
		put_ip(NVSW_A_PA_IPV4, NVSW_A_PA_IPV6, "192.0.2.2");
	}
}

static void msg_explain(bool drop)
{
	start();
	put_u8(NVSW_A_EXPLAIN_VERDICT, drop ? NVSW_EXPLAIN_DROP : NVSW_EXPLAIN_ENCAP);
	put_u32(NVSW_A_VSID, 5002);
	if (drop) {
		put_str(NVSW_A_EXPLAIN_DROP, "no_record");
		put_u32(NVSW_A_PORT_IFINDEX, 9);
		put_str(NVSW_A_PORT_IFNAME, "vnet0");
		return;
	}
	nla_put_flag(msg, NVSW_A_EXPLAIN_ROUTED);
	put_ip(NVSW_A_CA_IPV4, NVSW_A_CA_IPV6, "10.1.0.2");
	put_mac(NVSW_A_MAC, "02:00:00:00:51:02");
	put_ip(NVSW_A_PA_IPV4, NVSW_A_PA_IPV6, "192.0.2.2");
	put_u32(NVSW_A_EXPLAIN_MTU, 1458);
}

static void msg_pa(bool event)
{
	start();
	put_str(NVSW_A_IFNAME, "sw0");
	put_ip(NVSW_A_PA_IPV4, NVSW_A_PA_IPV6, event ? "192.0.2.41" : "2001:db8:ff::1");
}

static void msg_flush(bool variant)
{
	(void)variant;
	start();
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
	sw = attrs_dup(tb, NVSW_A_MAX);
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

	start();
	put_str(NVSW_A_IFNAME, "sw1");
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

	msg_lookup(false);
	item("lookup", &obj_lookup);

	msg_vsid(false);
	name("vsid");
	item_open();
	obj_print(&obj_vsid, parsed(), 0, NULL);
	if (stats_parse(tb, &c))
		exit(1);
	stats_put("stats", &c, false);
	item_close();

	for (o = canned; o < canned + ARRAY_SIZE(canned); o++) {
		o->build(o->variant);
		item(o->name, o->obj);
	}

	msg_port(true);
	if (stats_parse(parsed(), &c))
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
		{ NVSW_CMD_SWITCH_NEW,	msg_switch,	false },
		{ NVSW_CMD_PA_DEL,	msg_pa,		true },
		{ NVSW_CMD_PORT_NEW,	msg_port,	false },
		{ NVSW_CMD_LOOKUP_NEW,	msg_lookup,	false },
		{ NVSW_CMD_MISS,	msg_miss,	true },
		{ NVSW_CMD_VSUBNET_NEW,	msg_vsubnet,	false },
		{ NVSW_CMD_ROUTE_DEL,	msg_route,	true },
		{ NVSW_CMD_VSID_SET,	msg_vsid,	true },
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
