/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parsing of command-line values and of iproute2-style "keyword value" lists.
 * Failures leave a message quoting the bad token in parse_error(), so the
 * caller decides how to report it and the unit test can compare it.
 */
#ifndef NVSWITCHCTL_PARSE_H
#define NVSWITCHCTL_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#define MAC_LEN		6
#define MAC_STRLEN	18	/* "xx:xx:xx:xx:xx:xx" and its NUL */

enum kw_type {
	KW_VSID,	/* uint32_t */
	KW_MAC,		/* uint8_t[MAC_LEN] */
	KW_DEV,		/* uint32_t ifindex of an existing device */
	KW_FLOWID,	/* uint8_t, enum nvsw_flowid_mode */
	KW_COUNT,	/* uint32_t, at least 1 */
	KW_MSECS,	/* uint32_t, milliseconds, 0-600000 */
	KW_RDID,	/* uint32_t, at least 1 */
	KW_PREFIX,	/* struct prefix: IPv4 or IPv6 */
	KW_U32,		/* uint32_t */
	KW_IFNAME,	/* const char *: the name of a device to create */
	KW_CA,		/* struct ca_addr: IPv4 or IPv6 */
	KW_BUM,		/* uint8_t, enum nvsw_bum_mode */
	KW_RATE,	/* uint32_t, frames per second, 1-1000000 */
	KW_DSCP,	/* uint8_t, 0-63 or NVSWITCH_DSCP_INHERIT */
	KW_DEST,	/* struct destination: an address or a MAC */
	KW_SIZE,	/* uint32_t, an IP packet's bytes */
	KW_VSID_NONE,	/* uint32_t, a VSID or "none" (0) */
	KW_ONOFF,	/* uint8_t, on (1) or off (0) */
};


/* An address of either family, network order: a customer or provider address. */
struct ca_addr {
	int family;		/* AF_INET or AF_INET6 */
	union {
		struct in_addr v4;
		struct in6_addr v6;
	};
};

/* An IPv4 or IPv6 prefix, ADDR/LEN with no host bits set. */
struct prefix {
	int family;		/* AF_INET or AF_INET6 */
	union {
		struct in_addr addr;
		struct in6_addr addr6;
	};
	uint8_t len;
};

/* Where a frame goes: an IPv4 or IPv6 address, or any MAC (broadcast too). */
struct destination {
	bool is_mac;
	struct ca_addr ca;
	uint8_t mac[MAC_LEN];
};

struct keyword {
	const char *name;
	enum kw_type type;
	bool required;
	void *val;
	bool seen;	/* set by parse_keywords() */
	const char *arg;	/* the value's word, set by parse_keywords() */
	int attr;	/* where its value goes: A_OBJ() or A_PFX() of attr_words.h */
	int mac_attr;	/* KW_DEST: where a MAC goes instead */
};

#define KEYWORD(n, t, req, v) \
	{ .name = (n), .type = (t), .required = (req), .val = (v) }
/* A keyword whose value a request carries as attribute @a (keywords_msg()). */
#define ATTR_KEYWORD(n, t, req, v, a) \
	{ .name = (n), .type = (t), .required = (req), .val = (v), .attr = (a) }

/*
 * The 16 bytes of an address attribute: IPv6, or IPv4 IPv4-mapped
 * (::ffff:a.b.c.d), as the kernel keeps them; and back.
 */
void addr_to_wire(const struct ca_addr *a, struct in6_addr *out);
void addr_from_wire(const void *wire, struct ca_addr *a);

const char *parse_error(void);

/* NVSWITCHCTL_NO_CHECK=1 keeps parsing but skips range checks the kernel also does. */
bool parse_no_check(void);

int parse_vsid(const char *s, uint32_t *vsid);
int parse_ca(const char *s, struct ca_addr *ca);
int parse_mac(const char *s, uint8_t mac[MAC_LEN]);
int parse_flowid(const char *s, uint8_t *mode);
int parse_dscp(const char *s, uint8_t *dscp);
int parse_onoff(const char *name, const char *s, uint8_t *on);
const char *dscp_name(char *buf, size_t len, unsigned int dscp);
int parse_count(const char *s, uint32_t *n);
int parse_msecs(const char *s, uint32_t *ms);
int parse_rdid(const char *s, uint32_t *rdid);
int parse_metric(const char *s, uint32_t *metric);
int parse_prefix(const char *s, struct prefix *p);
int parse_bum(const char *s, uint8_t *mode);
int parse_rate(const char *s, uint32_t *pps);
int parse_dev(const char *s, uint32_t *ifindex);
int parse_ifname(const char *s);
/* A device to create: also not "help" nor "-...". */
int parse_new_ifname(const char *s);

/*
 * Returns EXIT_OK, EXIT_USAGE (bad syntax) or EXIT_FAIL (no such device).
 * Every value is checked before any device is looked up.
 */
int parse_keywords(int argc, char **argv, struct keyword *kw, size_t n);

const char *format_mac(char buf[MAC_STRLEN], const uint8_t mac[MAC_LEN]);
/* names[@v], or "unknown" for a value of a newer kernel. */
const char *enum_name(const char *const *names, size_t n, unsigned int v);
const char *flowid_name(unsigned int mode);
const char *bum_name(unsigned int mode);

#endif /* NVSWITCHCTL_PARSE_H */
