// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's attribute names in the words of the command line: errors
 * print "dev is not a port of this switch", not "NVSW_A_PORT_IFINDEX is
 * not a port of this switch". The kernel's messages are left as they are
 * (they are its netlink contract); this table is the CLI's side of it.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <linux/nvswitch.h>

#include "attr_words.h"

struct attr_word {
	const char *name;	/* as the kernel's messages spell it */
	int type;		/* the NVSW_A_ attribute, 0 for the others */
	const char *word;	/* the keyword that sets it */
	const char *phrase;	/* what replaces the name in a message */
};

#define A(attr, w, p)	{ "NVSW_A_" #attr, NVSW_A_##attr, w, p }
#define L(attr, w)	{ "IFLA_NVSW_" #attr, 0, w, w }

/* Pairs the kernel writes as one thing come first: they read as one word. */
static const struct attr_word words[] = {
	/* explain's destination, which its dst keyword sets to any of them */
	{ "NVSW_A_CA_IPV4, NVSW_A_CA_IPV6 or NVSW_A_MAC", 0, "dst", "dst (an address or a MAC)" },
	{ "NVSW_A_IFINDEX/NVSW_A_IFNAME", 0, "SWITCH", "SWITCH" },
	{ "NVSW_A_IFINDEX or NVSW_A_IFNAME", 0, "SWITCH", "SWITCH" },
	{ "NVSW_A_PREFIX_IPV4/NVSW_A_PREFIX_LEN", 0, "prefix", "IPv4 prefix" },
	{ "NVSW_A_PREFIX_IPV6/NVSW_A_PREFIX_LEN", 0, "prefix", "IPv6 prefix" },
	A(IFINDEX,	"SWITCH",	"SWITCH"),
	A(IFNAME,	"SWITCH",	"SWITCH"),
	A(FLOWID_MODE,	"flowid",	"flowid"),
	A(VSID,		"vsid",		"vsid"),
	A(CA_IPV4,	"ca",		"IPv4 ca"),
	A(CA_IPV6,	"ca",		"IPv6 ca"),
	A(MAC,		"mac",		"mac"),
	A(PA_IPV4,	"pa",		"IPv4 pa"),
	A(PA_IPV6,	"pa",		"IPv6 pa"),
	A(PORT_IFINDEX,	"dev",		"dev"),
	A(PORT_IFNAME,	"internal",	"internal"),
	A(PORT_INTERNAL, "internal",	"internal"),
	A(MOVE_GRACE_MS, "move-grace",	"move-grace"),
	A(RDID,		"rdid",		"rdid"),
	A(PREFIX_IPV4,	"prefix",	"IPv4 prefix"),
	A(PREFIX_IPV6,	"prefix",	"IPv6 prefix"),
	A(PREFIX_LEN,	"prefix",	"prefix length"),
	A(GATEWAY_IPV4,	"gateway",	"IPv4 gateway"),
	A(GATEWAY_IPV6,	"gateway",	"IPv6 gateway"),
	A(NEXTHOP_IPV4,	"nexthop",	"IPv4 nexthop"),
	A(NEXTHOP_IPV6,	"nexthop",	"IPv6 nexthop"),
	A(METRIC,	"metric",	"metric"),
	A(BUM_MODE,	"bum",		"bum"),
	A(BUM_RATE,	"rate",		"rate"),
	A(DSCP,		"dscp",		"dscp"),
	A(EXPLAIN_SIZE,	"size",		"size"),
	L(FLOWID_MODE,	"flowid"),
	L(MOVE_GRACE_MS, "move-grace"),
	L(DSCP,		"dscp"),
	L(MAX_RECORDS,	"max-records"),
	L(MAX_PORTS,	"max-ports"),
	L(MAX_PAS,	"max-pas"),
	L(MAX_VSUBNETS,	"max-vsubnets"),
	L(MAX_ROUTES,	"max-routes"),
	L(DEFAULT_VSID,	"default-vsid"),
};

#define NWORDS	(sizeof(words) / sizeof(words[0]))

const char *attr_word(int type)
{
	size_t i;

	for (i = 0; type > 0 && i < NWORDS; i++)
		if (words[i].type == type)
			return words[i].word;
	return NULL;
}

static bool name_char(char c)
{
	return isupper((unsigned char)c) || isdigit((unsigned char)c) || c == '_';
}

/* The entry @p starts with, as a whole name, or NULL. */
static const struct attr_word *word_at(const char *p)
{
	size_t i, n;

	for (i = 0; i < NWORDS; i++) {
		n = strlen(words[i].name);
		if (!strncmp(p, words[i].name, n) && !name_char(p[n]))
			return &words[i];
	}
	return NULL;
}

bool attr_words(char *buf, size_t len, const char *msg)
{
	const struct attr_word *w;
	bool named = false;
	size_t out = 0;
	const char *p;

	if (!len)
		return false;
	for (p = msg; *p && out + 1 < len;) {
		/* At the start of a name only: "XNVSW_A_" is someone else's. */
		w = (p == msg || !name_char(p[-1])) ? word_at(p) : NULL;
		if (!w) {
			buf[out++] = *p++;
			continue;
		}
		named = true;
		out += snprintf(buf + out, len - out, "%s", w->phrase);
		if (out >= len)
			out = len - 1;
		p += strlen(w->name);
	}
	buf[out] = '\0';
	return named;
}
