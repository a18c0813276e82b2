// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing of command-line values. The kernel validates every attribute too;
 * the checks here exist to give a message that quotes what the user typed.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/nvswitch.h>

#include "nvswitchctl.h"
#include "parse.h"

static char errbuf[256];

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(errbuf, sizeof(errbuf), fmt, ap);
	va_end(ap);
	return -1;
}

const char *parse_error(void)
{
	return errbuf;
}

bool parse_no_check(void)
{
	const char *v = getenv("NVSWITCHCTL_NO_CHECK");

	return v && *v && strcmp(v, "0");
}

/* Decimal, or hexadecimal with 0x: never octal, "010" is ten. */
static int parse_u32(const char *s, uint32_t *out)
{
	unsigned long long v;
	const char *p = s;
	char *end;
	int base = 10;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		p += 2;
		base = 16;
	}
	if (!isxdigit((unsigned char)*p))
		return -1;
	errno = 0;
	v = strtoull(p, &end, base);
	if (errno || *end || v > UINT32_MAX)
		return -1;
	*out = v;
	return 0;
}

int parse_vsid(const char *s, uint32_t *vsid)
{
	uint32_t v;

	if (parse_u32(s, &v))
		return parse_no_check() ?
			fail("invalid VSID \"%s\": not a 32-bit number", s) :
			fail("invalid VSID \"%s\": must be %u-%u", s, NVSWITCH_VSID_MIN, NVSWITCH_VSID_MAX);
	if (!parse_no_check() && (v < NVSWITCH_VSID_MIN || v > NVSWITCH_VSID_MAX))
		return fail("invalid VSID \"%s\": must be %u-%u", s, NVSWITCH_VSID_MIN, NVSWITCH_VSID_MAX);
	*vsid = v;
	return 0;
}

static int parse_vsid_or_none(const char *s, uint32_t *vsid)
{
	if (!strcmp(s, "none")) {
		*vsid = 0;
		return 0;
	}
	return parse_vsid(s, vsid);
}

int parse_count(const char *s, uint32_t *n)
{
	if (parse_u32(s, n) || !*n)
		return fail("invalid count \"%s\": must be 1-%u", s, UINT32_MAX);
	return 0;
}

/* The kernel enforces the same bound, so -n/NO_CHECK changes nothing here. */

int parse_msecs(const char *s, uint32_t *ms)
{
	if (parse_u32(s, ms) ||
	    (!parse_no_check() && *ms > NVSWITCH_MOVE_GRACE_MS_MAX))
		return fail("invalid time \"%s\": must be 0-%u milliseconds", s,
			    NVSWITCH_MOVE_GRACE_MS_MAX);
	return 0;
}

int parse_rdid(const char *s, uint32_t *rdid)
{
	if (parse_u32(s, rdid) || !*rdid)
		return fail("invalid RDID \"%s\": must be 1-%u", s, UINT32_MAX);
	return 0;
}

int parse_metric(const char *s, uint32_t *metric)
{
	if (parse_u32(s, metric))
		return fail("invalid metric \"%s\": must be 0-%u", s, UINT32_MAX);
	return 0;
}

/* Are the bits of addr (len bytes) past the first plen all zero? */
static bool host_bits_zero(const uint8_t *addr, size_t len, unsigned int plen)
{
	size_t i;

	for (i = plen / 8; i < len; i++) {
		uint8_t mask = i == plen / 8 ? 0xff >> (plen % 8) : 0xff;

		if (addr[i] & mask)
			return false;
	}
	return true;
}

/*
 * IPv4 ADDR/LEN (LEN 0-32) or IPv6 ADDR/LEN (LEN 0-128); the kernel
 * refuses host bits too, this quotes the token.
 */
int parse_prefix(const char *s, struct prefix *p)
{
	char buf[INET6_ADDRSTRLEN];
	const char *slash = strchr(s, '/');
	uint32_t len;
	bool ok;

	memset(p, 0, sizeof(*p));
	if (!slash || (size_t)(slash - s) >= sizeof(buf) ||
	    parse_u32(slash + 1, &len))
		return fail("invalid prefix \"%s\": expected ADDR/LEN", s);
	memcpy(buf, s, slash - s);
	buf[slash - s] = '\0';
	if (inet_pton(AF_INET, buf, &p->addr) == 1) {
		if (len > 32)
			return fail("invalid prefix \"%s\": LEN must be 0-32 for IPv4", s);
		p->family = AF_INET;
		ok = host_bits_zero((const uint8_t *)&p->addr, 4, len);
	} else if (inet_pton(AF_INET6, buf, &p->addr6) == 1) {
		if (IN6_IS_ADDR_V4MAPPED(&p->addr6))
			return fail("invalid prefix \"%s\": IPv4-mapped, write the IPv4 prefix", s);
		if (len > 128)
			return fail("invalid prefix \"%s\": LEN must be 0-128 for IPv6", s);
		p->family = AF_INET6;
		ok = host_bits_zero(p->addr6.s6_addr, 16, len);
	} else {
		return fail("invalid prefix \"%s\": expected ADDR/LEN", s);
	}
	if (!parse_no_check() && !ok)
		return fail("invalid prefix \"%s\": host bits set past /%u", s, len);
	p->len = len;
	return 0;
}

void addr_to_wire(const struct ca_addr *a, struct in6_addr *out)
{
	if (a->family == AF_INET6) {
		*out = a->v6;
		return;
	}
	memset(out, 0, sizeof(*out));
	out->s6_addr[10] = 0xff;
	out->s6_addr[11] = 0xff;
	memcpy(&out->s6_addr[12], &a->v4, sizeof(a->v4));
}

void addr_from_wire(const void *wire, struct ca_addr *a)
{
	const struct in6_addr *w = wire;

	memset(a, 0, sizeof(*a));
	if (IN6_IS_ADDR_V4MAPPED(w)) {
		a->family = AF_INET;
		memcpy(&a->v4, &w->s6_addr[12], sizeof(a->v4));
	} else {
		a->family = AF_INET6;
		a->v6 = *w;
	}
}

/* IPv4 in the four-dotted form, or IPv6 in any form inet_pton takes. */
int parse_ca(const char *s, struct ca_addr *ca)
{
	if (inet_pton(AF_INET, s, &ca->v4) == 1) {
		ca->family = AF_INET;
		return 0;
	}
	if (inet_pton(AF_INET6, s, &ca->v6) == 1) {
		/* On the wire it is the IPv4 address: say so rather than send that. */
		if (IN6_IS_ADDR_V4MAPPED(&ca->v6))
			return fail("invalid address \"%s\": IPv4-mapped, write the IPv4 address", s);
		ca->family = AF_INET6;
		return 0;
	}
	return fail("invalid address \"%s\": expected IPv4 or IPv6", s);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* xx:xx:xx:xx:xx:xx (or 2:0:0:0:0:1) into m, any MAC; -1 if it is none. */
static int mac_syntax(const char *s, uint8_t m[MAC_LEN])
{
	const char *p = s;
	int i, hi, lo;

	for (i = 0; i < MAC_LEN; i++) {
		hi = hexval(p[0]);
		lo = hi < 0 ? -1 : hexval(p[1]);
		if (hi < 0)
			return -1;
		if (lo < 0) {		/* one digit, as in 2:0:0:0:0:1 */
			m[i] = hi;
			p += 1;
		} else {
			m[i] = hi << 4 | lo;
			p += 2;
		}
		if (i < MAC_LEN - 1 && *p++ != ':')
			return -1;
	}
	return *p ? -1 : 0;
}

int parse_mac(const char *s, uint8_t mac[MAC_LEN])
{
	uint8_t m[MAC_LEN];

	if (mac_syntax(s, m))
		return fail("invalid MAC address \"%s\": expected xx:xx:xx:xx:xx:xx", s);
	if (!parse_no_check()) {
		if (m[0] & 1)
			return fail("invalid MAC address \"%s\": must be unicast", s);
		if (!(m[0] | m[1] | m[2] | m[3] | m[4] | m[5]))
			return fail("invalid MAC address \"%s\": must not be all zeros", s);
	}
	memcpy(mac, m, MAC_LEN);
	return 0;
}

const char *enum_name(const char *const *names, size_t n, unsigned int v)
{
	return v < n && names[v] ? names[v] : "unknown";
}

/* The index of @s in @names, which are the names of a uapi enum. */
static int parse_enum(const char *s, const char *const *names, size_t n, uint8_t *v)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (names[i] && !strcmp(s, names[i])) {
			*v = i;
			return 0;
		}
	}
	return -1;
}

static const char *const flowid_names[] = {
	[NVSW_FLOWID_HASH] = "hash",
	[NVSW_FLOWID_ZERO] = "zero",
};

const char *flowid_name(unsigned int mode)
{
	return enum_name(flowid_names, ARRAY_SIZE(flowid_names), mode);
}

int parse_flowid(const char *s, uint8_t *mode)
{
	if (parse_enum(s, flowid_names, ARRAY_SIZE(flowid_names), mode))
		return fail("invalid flowid mode \"%s\": must be hash or zero", s);
	return 0;
}

/* The highest DSCP: the kernel's inherit value is the one after it. */
#define DSCP_MAX	(NVSWITCH_DSCP_INHERIT - 1)

/* The DSCP of a switch's NVGRE: 0-63, or inherit (the tenant frame's). */
int parse_dscp(const char *s, uint8_t *dscp)
{
	uint32_t v;

	if (!strcmp(s, "inherit")) {
		*dscp = NVSWITCH_DSCP_INHERIT;
		return 0;
	}
	if (parse_u32(s, &v) || (!parse_no_check() && v > DSCP_MAX) || v > UINT8_MAX)
		return fail("invalid dscp \"%s\": must be 0-%u or inherit", s, DSCP_MAX);
	*dscp = v;
	return 0;
}

const char *dscp_name(char *buf, size_t len, unsigned int dscp)
{
	if (dscp == NVSWITCH_DSCP_INHERIT)
		return "inherit";
	snprintf(buf, len, "%u", dscp);
	return buf;
}

static const char *const bum_names[] = {
	[NVSW_BUM_DROP] = "drop",
	[NVSW_BUM_REPLICATE] = "replicate",
};

const char *bum_name(unsigned int mode)
{
	return enum_name(bum_names, ARRAY_SIZE(bum_names), mode);
}

int parse_bum(const char *s, uint8_t *mode)
{
	if (parse_enum(s, bum_names, ARRAY_SIZE(bum_names), mode))
		return fail("invalid bum mode \"%s\": must be drop or replicate", s);
	return 0;
}

/* A switch of a port's policy (dhcp-guard, router-guard): on or off. */
int parse_onoff(const char *name, const char *s, uint8_t *on)
{
	if (!strcmp(s, "on"))
		*on = 1;
	else if (!strcmp(s, "off"))
		*on = 0;
	else
		return fail("invalid %s \"%s\": must be on or off", name, s);
	return 0;
}

int parse_rate(const char *s, uint32_t *pps)
{
	if (parse_u32(s, pps) ||
	    (!parse_no_check() && (!*pps || *pps > NVSWITCH_BUM_RATE_MAX)))
		return fail("invalid rate \"%s\": must be 1-%u frames per second",
			    s, NVSWITCH_BUM_RATE_MAX);
	return 0;
}

int parse_ifname(const char *s)
{
	if (!*s)
		return fail("invalid device name \"\"");
	if (!parse_no_check() && strlen(s) >= IFNAMSIZ)
		return fail("invalid device name \"%s\": longer than %d characters",
			    s, IFNAMSIZ - 1);
	return 0;
}

/* explain's dst: an address, or any MAC (broadcast too). */
static int parse_destination(const char *s, struct destination *d)
{
	d->is_mac = false;
	if (!parse_ca(s, &d->ca))
		return 0;
	if (mac_syntax(s, d->mac))
		return fail("invalid destination \"%s\": expected an IPv4 or IPv6 address or a MAC", s);
	d->is_mac = true;
	return 0;
}

static int parse_size(const char *s, uint32_t *bytes)
{
	if (parse_u32(s, bytes) || *bytes < NVSWITCH_EXPLAIN_SIZE_MIN ||
	    *bytes > NVSWITCH_EXPLAIN_SIZE_MAX)
		return fail("invalid size \"%s\": must be %u-%u bytes", s,
			    NVSWITCH_EXPLAIN_SIZE_MIN, NVSWITCH_EXPLAIN_SIZE_MAX);
	return 0;
}

/*
 * A device nvswitchctl is to create (a switch, an internal port): its
 * name must not read as an option or a help word on later command lines.
 */
int parse_new_ifname(const char *s)
{
	if (parse_ifname(s))
		return -1;
	if (s[0] == '-')
		return fail("invalid device name \"%s\": must not start with \"-\"", s);
	if (is_help(s))
		return fail("invalid device name \"%s\": a help word", s);
	return 0;
}

/* Resolved here, in the netns entered with -n: the kernel takes an ifindex. */
static int parse_dev_name(const char *s)
{
	if (strlen(s) >= IFNAMSIZ)
		return fail("invalid device name \"%s\": longer than %d characters",
			    s, IFNAMSIZ - 1);
	return 0;
}

int parse_dev(const char *s, uint32_t *ifindex)
{
	unsigned int idx;

	if (parse_dev_name(s))
		return -1;
	idx = if_nametoindex(s);
	if (!idx)
		return fail("device \"%s\" does not exist", s);
	*ifindex = idx;
	return 0;
}

static int parse_value(const struct keyword *kw, const char *s)
{
	switch (kw->type) {
	case KW_VSID:
		return parse_vsid(s, kw->val);
	case KW_MAC:
		return parse_mac(s, kw->val);
	case KW_DEV:
		return parse_dev_name(s);	/* resolved once every value parsed */
	case KW_FLOWID:
		return parse_flowid(s, kw->val);
	case KW_COUNT:
		return parse_count(s, kw->val);
	case KW_MSECS:
		return parse_msecs(s, kw->val);
	case KW_DSCP:
		return parse_dscp(s, kw->val);
	case KW_RDID:
		return parse_rdid(s, kw->val);
	case KW_PREFIX:
		return parse_prefix(s, kw->val);
	case KW_U32:
		return parse_metric(s, kw->val);
	case KW_IFNAME:
		if (parse_new_ifname(s))
			return -1;
		*(const char **)kw->val = s;
		return 0;
	case KW_CA:
		return parse_ca(s, kw->val);
	case KW_BUM:
		return parse_bum(s, kw->val);
	case KW_RATE:
		return parse_rate(s, kw->val);
	case KW_DEST:
		return parse_destination(s, kw->val);
	case KW_SIZE:
		return parse_size(s, kw->val);
	case KW_VSID_NONE:
		return parse_vsid_or_none(s, kw->val);
	case KW_ONOFF:
		return parse_onoff(kw->name, s, kw->val);
	}
	return fail("internal error: keyword \"%s\" has no parser", kw->name);
}

int parse_keywords(int argc, char **argv, struct keyword *kw, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		kw[i].seen = false;

	while (argc > 0) {
		for (i = 0; i < n; i++)
			if (!strcmp(argv[0], kw[i].name))
				break;
		if (i == n) {
			fail("unknown keyword \"%s\"", argv[0]);
			return EXIT_USAGE;
		}
		if (kw[i].seen) {
			fail("keyword \"%s\" given twice", argv[0]);
			return EXIT_USAGE;
		}
		if (argc < 2) {
			fail("keyword \"%s\" needs a value", argv[0]);
			return EXIT_USAGE;
		}
		if (parse_value(&kw[i], argv[1]))
			return EXIT_USAGE;
		kw[i].seen = true;
		kw[i].arg = argv[1];
		argc -= 2;
		argv += 2;
	}

	for (i = 0; i < n; i++) {
		if (kw[i].required && !kw[i].seen) {
			fail("missing keyword \"%s\"", kw[i].name);
			return EXIT_USAGE;
		}
	}
	/* A well-formed name of a device that is not there is not a usage error. */
	for (i = 0; i < n; i++)
		if (kw[i].seen && kw[i].type == KW_DEV && parse_dev(kw[i].arg, kw[i].val))
			return EXIT_FAIL;
	return EXIT_OK;
}

const char *format_mac(char buf[MAC_STRLEN], const uint8_t mac[MAC_LEN])
{
	snprintf(buf, MAC_STRLEN, "%02x:%02x:%02x:%02x:%02x:%02x",
		 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	return buf;
}
