// SPDX-License-Identifier: GPL-2.0
/*
 * A file of save's commands read into struct cfg_obj (config.h), with the
 * CLI's own value parsers, and checked whole: sync changes nothing unless
 * every line is good.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

static void __attribute__((format(printf, 3, 4)))
file_err(const char *path, unsigned int line, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: %s:%u: ", PROG_NAME, path, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Where parse_keywords() puts the values that are not @o's as they are. */
struct scratch {
	uint32_t u32[2 + N_SWITCH_LIMITS];
	uint8_t u8[2];
	uint8_t mac[MAC_LEN];
	const char *dev;
};

/* The keywords of each line; values land in @o or @t. Returns their count. */
static size_t line_keywords(struct cfg_obj *o, struct keyword *kw, struct scratch *t)
{
	uint32_t *u32 = t->u32;
	uint8_t *u8 = t->u8;
	size_t n = 0, i;

	switch (o->kind) {
	case CFG_SWITCH:
		kw[n++] = (struct keyword)KEYWORD("address", KW_MAC, false, t->mac);
		kw[n++] = (struct keyword)KEYWORD("flowid", KW_FLOWID, false, &u8[0]);
		kw[n++] = (struct keyword)KEYWORD("move-grace", KW_MSECS, false, &u32[0]);
		kw[n++] = (struct keyword)KEYWORD("dscp", KW_DSCP, false, &u8[1]);
		kw[n++] = (struct keyword)KEYWORD("default-vsid", KW_VSID_NONE, false, &u32[1]);
		for (i = 0; i < N_SWITCH_LIMITS; i++)
			kw[n++] = (struct keyword)KEYWORD(switch_limits[i].name, KW_COUNT,
							  false, &u32[2 + i]);
		break;
	case CFG_PA:
		break;
	case CFG_PORT:
		/* Names only: the device may not exist yet, the VM not started. */
		kw[n++] = (struct keyword)KEYWORD("dev", KW_IFNAME, false, &t->dev);
		kw[n++] = (struct keyword)KEYWORD("internal", KW_IFNAME, false, &t->dev);
		kw[n++] = (struct keyword)KEYWORD("vsid", KW_VSID, true, &o->port.vsid);
		kw[n++] = (struct keyword)KEYWORD("mac", KW_MAC, false, o->port.mac);
		kw[n++] = (struct keyword)KEYWORD("dhcp-guard", KW_ONOFF, false,
						  &o->port.dhcp_guard);
		kw[n++] = (struct keyword)KEYWORD("router-guard", KW_ONOFF, false,
						  &o->port.router_guard);
		break;
	case CFG_VSID:
		kw[n++] = (struct keyword)KEYWORD("vsid", KW_VSID, true, &o->vsid.vsid);
		kw[n++] = (struct keyword)KEYWORD("bum", KW_BUM, false, &o->vsid.mode);
		kw[n++] = (struct keyword)KEYWORD("rate", KW_RATE, false, &o->vsid.rate);
		break;
	case CFG_VSUBNET:
		kw[n++] = (struct keyword)KEYWORD("vsid", KW_VSID, true, &o->vsubnet.vsid);
		kw[n++] = (struct keyword)KEYWORD("rdid", KW_RDID, true, &o->vsubnet.rdid);
		kw[n++] = (struct keyword)KEYWORD("prefix", KW_PREFIX, true, &o->vsubnet.prefix);
		kw[n++] = (struct keyword)KEYWORD("gateway", KW_CA, false, &o->vsubnet.gateway);
		break;
	case CFG_ROUTE:
		kw[n++] = (struct keyword)KEYWORD("rdid", KW_RDID, true, &o->route.rdid);
		kw[n++] = (struct keyword)KEYWORD("vsid", KW_VSID, false, &o->route.vsid);
		kw[n++] = (struct keyword)KEYWORD("prefix", KW_PREFIX, true, &o->route.prefix);
		kw[n++] = (struct keyword)KEYWORD("nexthop", KW_CA, true, &o->route.nexthop);
		kw[n++] = (struct keyword)KEYWORD("metric", KW_U32, false, &o->route.metric);
		break;
	case CFG_RECORD:
		kw[n++] = (struct keyword)KEYWORD("vsid", KW_VSID, true, &o->record.vsid);
		kw[n++] = (struct keyword)KEYWORD("ca", KW_CA, true, &o->record.ca);
		kw[n++] = (struct keyword)KEYWORD("mac", KW_MAC, true, o->record.mac);
		kw[n++] = (struct keyword)KEYWORD("pa", KW_CA, true, &o->record.pa);
		break;
	}
	return n;
}

/* What the parsed keywords mean, where the line leaves the kernel to choose. */
static const char *line_finish(struct cfg_obj *o, const struct keyword *kw,
			       const struct scratch *t)
{
	const uint32_t *u32 = t->u32;
	const uint8_t *u8 = t->u8;
	size_t i;

	switch (o->kind) {
	case CFG_SWITCH:
		for (i = 0; i < SW_SETTINGS; i++)
			o->sw.given[i] = kw[i].seen;
		/* The keyword table's order is the settings' (line_keywords()). */
		o->sw.val[SW_ADDRESS] = cfg_mac_u64(t->mac);
		o->sw.val[SW_FLOWID] = u8[0];
		o->sw.val[SW_MOVE_GRACE] = u32[0];
		o->sw.val[SW_DSCP] = u8[1];
		o->sw.val[SW_DEFAULT_VSID] = u32[1];
		for (i = 0; i < N_SWITCH_LIMITS; i++)
			o->sw.val[SW_LIMITS + i] = u32[2 + i];
		return NULL;
	case CFG_PORT:
		if (kw[0].seen == kw[1].seen)
			return "a port is one of \"dev IFNAME\" or \"internal NAME\"";
		o->port.internal = kw[1].seen;
		snprintf(o->port.dev, sizeof(o->port.dev), "%s", t->dev);
		o->port.has_mac = kw[3].seen;
		return NULL;
	case CFG_VSID:
		/* Declarative: what the line leaves out is the default. */
		if (!kw[1].seen)
			o->vsid.mode = NVSW_BUM_DROP;
		if (!kw[2].seen)
			o->vsid.rate = NVSWITCH_BUM_RATE_DEFAULT;
		return NULL;
	case CFG_VSUBNET:
		if (kw[3].seen && o->vsubnet.gateway.family != o->vsubnet.prefix.family)
			return "gateway: not of the prefix's family";
		if (!kw[3].seen) {
			/* The first address of the prefix, as the kernel chooses. */
			cfg_prefix_addr(&o->vsubnet.prefix, &o->vsubnet.gateway);
			if (o->vsubnet.gateway.family == AF_INET6)
				o->vsubnet.gateway.v6.s6_addr[15] |= 1;
			else
				o->vsubnet.gateway.v4.s_addr |= htonl(1);
		}
		return NULL;
	case CFG_ROUTE:
		o->route.has_vsid = kw[1].seen;
		if (o->route.nexthop.family != o->route.prefix.family)
			return "nexthop: not of the prefix's family";
		return NULL;
	case CFG_PA:
	case CFG_RECORD:
		return NULL;
	}
	return NULL;
}

/* OBJECT VERB SWITCH ...: which object, or -1. */
static int line_kind(char **argv)
{
	static const char *const verbs[] = {
		[CFG_SWITCH] = "add", [CFG_PA] = "add", [CFG_PORT] = "add",
		[CFG_VSID] = "set", [CFG_VSUBNET] = "add", [CFG_ROUTE] = "add",
		[CFG_RECORD] = "add",
	};
	size_t k;

	for (k = 0; k < (size_t)CFG_KINDS; k++) {
		if (strcmp(argv[0], cfg_objects[k]))
			continue;
		if (!strcmp(argv[1], verbs[k]) ||
		    (k == CFG_RECORD && !strcmp(argv[1], "replace")))
			return k;
		return -1;
	}
	return -1;
}

static int parse_line(const char *path, unsigned int line, int argc, char **argv,
		      const char *name, struct cfg *c)
{
	struct keyword kw[SW_SETTINGS];
	struct scratch t = { 0 };
	struct cfg_obj *o;
	const char *why;
	size_t nkw;
	int kind;

	kind = argc >= 3 ? line_kind(argv) : -1;
	if (kind < 0) {
		file_err(path, line, "\"%s%s%s\" is not a line of save: switch add, pa add, port add, vsid set, vsubnet add, route add or record add",
			 argv[0], argc > 1 ? " " : "", argc > 1 ? argv[1] : "");
		return EXIT_USAGE;
	}
	if (strcmp(argv[2], name)) {
		file_err(path, line, "names switch \"%s\", not \"%s\"", argv[2], name);
		return EXIT_USAGE;
	}
	o = cfg_new(c, kind);
	if (!o)
		return EXIT_FAIL;
	o->line = line;
	if (kind == CFG_PA) {
		if (argc != 4 || parse_ca(argv[3], &o->pa)) {
			file_err(path, line, "%s", argc != 4 ? "pa add takes SWITCH ADDR" :
				 parse_error());
			return EXIT_USAGE;
		}
		return EXIT_OK;
	}
	nkw = line_keywords(o, kw, &t);
	if (parse_keywords(argc - 3, argv + 3, kw, nkw)) {
		file_err(path, line, "%s", parse_error());
		return EXIT_USAGE;
	}
	why = line_finish(o, kw, &t);
	if (why) {
		file_err(path, line, "%s", why);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int cfg_read_file(const char *path, const char *name, struct cfg *c)
{
	char *text = NULL, *argv[64];
	unsigned int line = 0;
	size_t cap = 0, i;
	int argc, ret = EXIT_OK;
	FILE *f;

	f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!f) {
		pr_err("cannot open \"%s\": %s", path, strerror(errno));
		return EXIT_FAIL;
	}
	while (!ret && getline(&text, &cap, f) >= 0) {
		line++;
		argc = split_words(text, argv, sizeof(argv) / sizeof(argv[0]));
		if (argc < 0)
			ret = EXIT_USAGE;
		else if (argc > 0)
			ret = parse_line(path, line, argc, argv, name, c);
	}
	free(text);
	if (f != stdin)
		fclose(f);
	if (ret)
		return ret;
	cfg_sort(c);
	/* Sorted: two lines naming one object are neighbours. */
	for (i = 1; i < c->n; i++) {
		if (!cfg_cmp(&c->obj[i - 1], &c->obj[i])) {
			file_err(path, c->obj[i - 1].line > c->obj[i].line ?
				 c->obj[i - 1].line : c->obj[i].line,
				 "%s of line %u again", cfg_objects[c->obj[i].kind],
				 c->obj[i - 1].line < c->obj[i].line ?
				 c->obj[i - 1].line : c->obj[i].line);
			return EXIT_USAGE;
		}
	}
	return EXIT_OK;
}

