// SPDX-License-Identifier: GPL-2.0
/*
 * Host-side unit test of the parsers: no kernel module needed.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/nvswitch.h>

#include "attr_words.h"
#include "nvswitchctl.h"
#include "parse.h"

const char cli_prog[] = "test_parse";

static int failures, tests;

#define CHECK(cond) do {							\
	tests++;								\
	if (!(cond)) {								\
		failures++;							\
		fprintf(stderr, "%s:%d: FAIL: %s\n", __FILE__, __LINE__, #cond);\
	}									\
} while (0)

/* The message of the last failure is exactly @msg. */
#define CHECK_ERR(expr, msg) do {						\
	CHECK((expr) != 0);							\
	if (strcmp(parse_error(), (msg))) {					\
		failures++;							\
		fprintf(stderr, "%s:%d: FAIL: got '%s', want '%s'\n",		\
			__FILE__, __LINE__, parse_error(), (msg));		\
	}									\
} while (0)

static void test_vsid(void)
{
	uint32_t v = 0;

	CHECK(!parse_vsid("4096", &v) && v == 4096);
	CHECK(!parse_vsid("16777214", &v) && v == 16777214);
	CHECK(!parse_vsid("0x1389", &v) && v == 5001);
	CHECK(!parse_vsid("010000", &v) && v == 10000);	/* not octal */
	CHECK_ERR(parse_vsid("4095", &v), "invalid VSID \"4095\": must be 4096-16777214");
	CHECK_ERR(parse_vsid("16777215", &v), "invalid VSID \"16777215\": must be 4096-16777214");
	CHECK_ERR(parse_vsid("", &v), "invalid VSID \"\": must be 4096-16777214");
	CHECK_ERR(parse_vsid("-5000", &v), "invalid VSID \"-5000\": must be 4096-16777214");
	CHECK_ERR(parse_vsid("5000x", &v), "invalid VSID \"5000x\": must be 4096-16777214");
	CHECK_ERR(parse_vsid(" 5000", &v), "invalid VSID \" 5000\": must be 4096-16777214");

	setenv("NVSWITCHCTL_NO_CHECK", "1", 1);
	CHECK(!parse_vsid("0", &v) && v == 0);
	CHECK(!parse_vsid("16777215", &v) && v == 16777215);
	CHECK(!parse_vsid("4294967295", &v) && v == 4294967295u);
	CHECK_ERR(parse_vsid("4294967296", &v), "invalid VSID \"4294967296\": not a 32-bit number");
	CHECK_ERR(parse_vsid("abc", &v), "invalid VSID \"abc\": not a 32-bit number");
	setenv("NVSWITCHCTL_NO_CHECK", "0", 1);
	CHECK_ERR(parse_vsid("0", &v), "invalid VSID \"0\": must be 4096-16777214");
	unsetenv("NVSWITCHCTL_NO_CHECK");
}

static void test_ca(void)
{
	struct ca_addr ca;

	CHECK(!parse_ca("10.0.0.1", &ca) && ca.family == AF_INET &&
	      ca.v4.s_addr == htonl(0x0a000001));
	CHECK(!parse_ca("2001:db8::5", &ca) && ca.family == AF_INET6 &&
	      ca.v6.s6_addr[0] == 0x20 && ca.v6.s6_addr[1] == 0x01 &&
	      ca.v6.s6_addr[15] == 5);
	CHECK(!parse_ca("fe80::1", &ca) && ca.family == AF_INET6);
	CHECK(!parse_ca("192.168.0.1", &ca) && ca.family == AF_INET &&
	      ca.v4.s_addr == htonl(0xc0a80001));
	CHECK_ERR(parse_ca("10.0.0.300", &ca),
		  "invalid address \"10.0.0.300\": expected IPv4 or IPv6");
	CHECK_ERR(parse_ca("10.1", &ca), "invalid address \"10.1\": expected IPv4 or IPv6");
	CHECK_ERR(parse_ca("2001:db8::5/64", &ca),
		  "invalid address \"2001:db8::5/64\": expected IPv4 or IPv6");
	CHECK_ERR(parse_ca("2001:db8:::5", &ca),
		  "invalid address \"2001:db8:::5\": expected IPv4 or IPv6");
}

static void test_mac(void)
{
	static const uint8_t want[MAC_LEN] = { 0x02, 0, 0, 0, 0xab, 0x01 };
	char buf[MAC_STRLEN];
	uint8_t m[MAC_LEN];

	CHECK(!parse_mac("02:00:00:00:AB:01", m) && !memcmp(m, want, MAC_LEN));
	CHECK(!parse_mac("2:0:0:0:ab:1", m) && !memcmp(m, want, MAC_LEN));
	CHECK(!strcmp(format_mac(buf, want), "02:00:00:00:ab:01"));
	CHECK_ERR(parse_mac("zz:00:00:00:00:01", m),
		  "invalid MAC address \"zz:00:00:00:00:01\": expected xx:xx:xx:xx:xx:xx");
	CHECK_ERR(parse_mac("02:00:00:00:00", m),
		  "invalid MAC address \"02:00:00:00:00\": expected xx:xx:xx:xx:xx:xx");
	CHECK_ERR(parse_mac("02:00:00:00:00:01:02", m),
		  "invalid MAC address \"02:00:00:00:00:01:02\": expected xx:xx:xx:xx:xx:xx");
	CHECK_ERR(parse_mac("02:00:00:00:00:001", m),
		  "invalid MAC address \"02:00:00:00:00:001\": expected xx:xx:xx:xx:xx:xx");
	CHECK_ERR(parse_mac("01:00:5e:00:00:01", m),
		  "invalid MAC address \"01:00:5e:00:00:01\": must be unicast");
	CHECK_ERR(parse_mac("00:00:00:00:00:00", m),
		  "invalid MAC address \"00:00:00:00:00:00\": must not be all zeros");
	setenv("NVSWITCHCTL_NO_CHECK", "1", 1);
	CHECK(!parse_mac("ff:ff:ff:ff:ff:ff", m) && m[0] == 0xff);
	CHECK(!parse_mac("00:00:00:00:00:00", m) && m[0] == 0);
	CHECK(parse_mac("zz:00:00:00:00:01", m));	/* syntax is still checked */
	unsetenv("NVSWITCHCTL_NO_CHECK");
}

static void test_bum(void)
{
	uint32_t r;
	uint8_t m;

	CHECK(!parse_bum("drop", &m) && m == NVSW_BUM_DROP);
	CHECK(!parse_bum("replicate", &m) && m == NVSW_BUM_REPLICATE);
	CHECK(!strcmp(bum_name(NVSW_BUM_REPLICATE), "replicate"));
	CHECK_ERR(parse_bum("flood", &m), "invalid bum mode \"flood\": must be drop or replicate");
	CHECK(!parse_rate("1", &r) && r == 1);
	CHECK(!parse_rate("1000000", &r) && r == 1000000);
	CHECK_ERR(parse_rate("0", &r), "invalid rate \"0\": must be 1-1000000 frames per second");
	CHECK_ERR(parse_rate("1000001", &r),
		  "invalid rate \"1000001\": must be 1-1000000 frames per second");
	CHECK_ERR(parse_rate("10pps", &r), "invalid rate \"10pps\": must be 1-1000000 frames per second");
}

static void test_flowid(void)
{
	uint8_t f = 9;

	CHECK(!parse_flowid("hash", &f) && f == NVSW_FLOWID_HASH);
	CHECK(!parse_flowid("zero", &f) && f == NVSW_FLOWID_ZERO);
	CHECK(!strcmp(flowid_name(NVSW_FLOWID_ZERO), "zero"));
	CHECK_ERR(parse_flowid("Hash", &f), "invalid flowid mode \"Hash\": must be hash or zero");
}

static void test_dscp(void)
{
	uint8_t d = 9;
	char buf[8];

	CHECK(!parse_dscp("inherit", &d) && d == NVSWITCH_DSCP_INHERIT);
	CHECK(!parse_dscp("46", &d) && d == 46);
	CHECK(!parse_dscp("0", &d) && d == 0);
	CHECK(!strcmp(dscp_name(buf, sizeof(buf), NVSWITCH_DSCP_INHERIT), "inherit"));
	CHECK(!strcmp(dscp_name(buf, sizeof(buf), 46), "46"));
	CHECK_ERR(parse_dscp("64", &d), "invalid dscp \"64\": must be 0-63 or inherit");
	CHECK_ERR(parse_dscp("ef", &d), "invalid dscp \"ef\": must be 0-63 or inherit");
}

static int keywords(const char *line, struct keyword *kw, size_t n)
{
	char buf[256], *argv[16], *tok;
	int argc = 0;

	snprintf(buf, sizeof(buf), "%s", line);
	for (tok = strtok(buf, " "); tok; tok = strtok(NULL, " "))
		argv[argc++] = tok;
	return parse_keywords(argc, argv, kw, n);
}

static void test_keywords(void)
{
	uint8_t mac[MAC_LEN];
	struct ca_addr ca;
	uint32_t vsid, dev;
	struct keyword kw[] = {
		KEYWORD("vsid", KW_VSID, true, &vsid),
		KEYWORD("ca", KW_CA, true, &ca),
		KEYWORD("mac", KW_MAC, false, mac),
	};
	struct keyword devkw[] = {
		KEYWORD("dev", KW_DEV, true, &dev),
	};

	CHECK(keywords("ca 10.0.0.1 vsid 5001", kw, 3) == EXIT_OK);
	CHECK(vsid == 5001 && ca.v4.s_addr == htonl(0x0a000001) && !kw[2].seen && kw[0].seen);
	CHECK(keywords("mac 02:00:00:00:00:01 vsid 5002 ca 10.0.0.2", kw, 3) == EXIT_OK);
	CHECK(kw[2].seen && vsid == 5002);
	CHECK_ERR(keywords("vsdi 5001 ca 10.0.0.1", kw, 3), "unknown keyword \"vsdi\"");
	CHECK_ERR(keywords("vsid 5001 vsid 5002 ca 10.0.0.1", kw, 3),
		  "keyword \"vsid\" given twice");
	CHECK_ERR(keywords("vsid 5001 ca", kw, 3), "keyword \"ca\" needs a value");
	CHECK_ERR(keywords("vsid 5001", kw, 3), "missing keyword \"ca\"");
	CHECK(keywords("vsid 1 ca 10.0.0.1", kw, 3) == EXIT_USAGE);
	CHECK(keywords("dev lo", devkw, 1) == EXIT_OK && dev == 1);
	CHECK(keywords("dev nvsw-nosuch", devkw, 1) == EXIT_FAIL);
	CHECK(!strcmp(parse_error(), "device \"nvsw-nosuch\" does not exist"));
	CHECK(keywords("dev 0123456789abcdefXYZ", devkw, 1) == EXIT_USAGE);
	setenv("NVSWITCHCTL_NO_CHECK", "1", 1);
	CHECK(keywords("dev 0123456789abcdefXYZ", devkw, 1) == EXIT_USAGE);
	unsetenv("NVSWITCHCTL_NO_CHECK");
	/* Values first, devices after: the bad VSID is what is reported. */
	{
		struct keyword portkw[] = {
			KEYWORD("dev", KW_DEV, true, &dev),
			KEYWORD("vsid", KW_VSID, true, &vsid),
		};

		CHECK_ERR(keywords("dev nvsw-nosuch vsid 1", portkw, 2),
			  "invalid VSID \"1\": must be 4096-16777214");
		CHECK_ERR(keywords("dev nvsw-nosuch", portkw, 2), "missing keyword \"vsid\"");
	}
}

static void test_ifname(void)
{
	const char *name = NULL;
	struct keyword kw[] = {
		KEYWORD("internal", KW_IFNAME, true, &name),
	};

	/* A name to create: it need not exist. */
	CHECK(keywords("internal nvsw-new0", kw, 1) == EXIT_OK && name &&
	      !strcmp(name, "nvsw-new0"));
	CHECK_ERR(keywords("internal 0123456789abcdefXYZ", kw, 1),
		  "invalid device name \"0123456789abcdefXYZ\": longer than 15 characters");
	CHECK(keywords("internal 0123456789abcdefXYZ", kw, 1) == EXIT_USAGE);
	/* Names that later command lines would read as an option or help. */
	CHECK_ERR(parse_new_ifname("help"), "invalid device name \"help\": a help word");
	CHECK_ERR(parse_new_ifname("--help"),
		  "invalid device name \"--help\": must not start with \"-\"");
	CHECK_ERR(parse_new_ifname("-x"), "invalid device name \"-x\": must not start with \"-\"");
	CHECK(!parse_new_ifname("helpdesk") && !parse_new_ifname("sw-1"));
}

static void test_routing(void)
{
	struct in6_addr a6;
	struct prefix p;
	uint32_t v;

	CHECK(!parse_prefix("10.1.0.0/24", &p) && p.len == 24 &&
	      p.family == AF_INET && p.addr.s_addr == inet_addr("10.1.0.0"));
	CHECK(!parse_prefix("0.0.0.0/0", &p) && p.len == 0);
	CHECK(!parse_prefix("10.1.0.7/32", &p) && p.len == 32);
	CHECK_ERR(parse_prefix("10.1.0.1/24", &p),
		  "invalid prefix \"10.1.0.1/24\": host bits set past /24");
	CHECK_ERR(parse_prefix("10.1.0.0", &p),
		  "invalid prefix \"10.1.0.0\": expected ADDR/LEN");
	CHECK_ERR(parse_prefix("10.1.0.0/33", &p),
		  "invalid prefix \"10.1.0.0/33\": LEN must be 0-32 for IPv4");
	CHECK_ERR(parse_prefix("10.1.0/24", &p),
		  "invalid prefix \"10.1.0/24\": expected ADDR/LEN");
	inet_pton(AF_INET6, "2001:db8:1::", &a6);
	CHECK(!parse_prefix("2001:db8:1::/64", &p) && p.len == 64 &&
	      p.family == AF_INET6 && !memcmp(&p.addr6, &a6, sizeof(a6)));
	CHECK(!parse_prefix("::/0", &p) && p.len == 0 && p.family == AF_INET6);
	CHECK(!parse_prefix("2001:db8:1::80/121", &p) && p.len == 121);
	CHECK_ERR(parse_prefix("2001:db8:1::80/120", &p),
		  "invalid prefix \"2001:db8:1::80/120\": host bits set past /120");
	CHECK_ERR(parse_prefix("2001:db8:1::1/64", &p),
		  "invalid prefix \"2001:db8:1::1/64\": host bits set past /64");
	CHECK_ERR(parse_prefix("2001:db8::/129", &p),
		  "invalid prefix \"2001:db8::/129\": LEN must be 0-128 for IPv6");
	CHECK_ERR(parse_prefix("2001:db8::g/64", &p),
		  "invalid prefix \"2001:db8::g/64\": expected ADDR/LEN");
	CHECK(!parse_rdid("1", &v) && v == 1);
	CHECK(!parse_rdid("4294967295", &v) && v == 4294967295U);
	CHECK_ERR(parse_rdid("0", &v), "invalid RDID \"0\": must be 1-4294967295");
	CHECK(!parse_metric("0", &v) && v == 0);
	CHECK_ERR(parse_metric("-1", &v), "invalid metric \"-1\": must be 0-4294967295");
}

/* The keywords of the attributes an error points at, set by set. */
static void test_attr_words(void)
{
	CHECK(!strcmp(attr_word(obj_set(NVSW_A_PORT), NVSW_PORT_A_IFINDEX), "dev"));
	CHECK(!attr_word(obj_set(NVSW_A_PORT), NVSW_PORT_A_STATS));
	CHECK(!strcmp(attr_word(obj_set(NVSW_A_EXPLAIN), NVSW_EXPLAIN_A_SIZE), "size"));
	CHECK(!strcmp(attr_word(obj_set(NVSW_A_RECORD), NVSW_RECORD_A_CA), "ca"));
	CHECK(!strcmp(attr_word(obj_set(NVSW_A_VSID), NVSW_VSID_A_ID), "vsid"));
	CHECK(!strcmp(attr_word(&prefix_set, NVSW_PREFIX_A_GATEWAY), "gateway"));
	CHECK(!strcmp(attr_word(&top_set, NVSW_A_IFNAME), "SWITCH"));
	CHECK(!attr_word(&top_set, NVSW_A_MAX + 1) && !attr_word(NULL, 1));
	CHECK(!obj_set(NVSW_A_IFNAME) && !obj_set(NVSW_A_FLUSHED) && !obj_set(NVSW_A_MAX + 1));
	/* Each object set fits the flat array, and the prefix comes after them all. */
	CHECK(obj_set(NVSW_A_SWITCH)->maxtype <= OBJ_A_MAX &&
	      obj_set(NVSW_A_VSUBNET)->prefix == NVSW_VSUBNET_A_PREFIX);
	CHECK(A_PFX(NVSW_PREFIX_A_MAX) == MSG_A_MAX && A_OBJ(OBJ_A_MAX) < A_PFX(0));
}

/* Addresses go to the kernel as 16 bytes, IPv4 IPv4-mapped. */
static void test_wire(void)
{
	struct ca_addr a, b;
	struct prefix p;
	struct in6_addr w;

	CHECK(!parse_ca("192.0.2.1", &a));
	addr_to_wire(&a, &w);
	CHECK(IN6_IS_ADDR_V4MAPPED(&w) && w.s6_addr[12] == 192 && w.s6_addr[15] == 1);
	addr_from_wire(&w, &b);
	CHECK(b.family == AF_INET && b.v4.s_addr == a.v4.s_addr);
	CHECK(!parse_ca("2001:db8::1", &a));
	addr_to_wire(&a, &w);
	addr_from_wire(&w, &b);
	CHECK(b.family == AF_INET6 && !memcmp(&b.v6, &a.v6, sizeof(a.v6)));
	/* The wire cannot tell ::ffff:a.b.c.d from a.b.c.d: the CLI refuses it. */
	CHECK_ERR(parse_ca("::ffff:10.0.0.2", &a),
		  "invalid address \"::ffff:10.0.0.2\": IPv4-mapped, write the IPv4 address");
	CHECK_ERR(parse_prefix("::ffff:10.0.0.0/120", &p),
		  "invalid prefix \"::ffff:10.0.0.0/120\": IPv4-mapped, write the IPv4 prefix");
}

int main(void)
{
	test_vsid();
	test_ca();
	test_mac();
	test_flowid();
	test_dscp();
	test_bum();
	test_keywords();
	test_ifname();
	test_routing();
	test_attr_words();
	test_wire();
	printf("test_parse: %d checks, %d failed\n", tests, failures);
	return failures ? 1 : 0;
}
