// SPDX-License-Identifier: GPL-2.0
/*
 * A switch's configuration as the commands that make it: read from the
 * kernel's dumps into struct cfg_obj, compared, and printed as commands
 * (config_file.c reads a file of them into the same form). What is
 * compared, sorted and printed is then the same whatever the spelling of
 * a file (keyword order, upper-case MACs, IPv6 written long).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "attr_words.h"
#include "config.h"
#include "netlink.h"
#include "objects.h"

/* --- Reading from the kernel ------------------------------------------- */

struct cfg_obj *cfg_new(struct cfg *c, enum cfg_kind kind)
{
	struct cfg_obj *o;

	c->obj = grow_array(c->obj, &c->cap, c->n, sizeof(*c->obj));
	if (!c->obj)
		return NULL;
	o = &c->obj[c->n++];
	memset(o, 0, sizeof(*o));
	o->kind = kind;
	return o;
}

void cfg_free(struct cfg *c)
{
	free(c->obj);
	memset(c, 0, sizeof(*c));
}

uint64_t cfg_mac_u64(const uint8_t mac[MAC_LEN])
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < MAC_LEN; i++)
		v = v << 8 | mac[i];
	return v;
}

static void u64_to_mac(uint64_t v, uint8_t mac[MAC_LEN])
{
	int i;

	for (i = MAC_LEN - 1; i >= 0; i--, v >>= 8)
		mac[i] = v & 0xff;
}

/* The prefix a message's prefix nest holds (A_PFX()). */
static void nla_prefix(struct nlattr **tb, struct prefix *p)
{
	struct ca_addr a;

	get_addr(tb, A_PFX(NVSW_PREFIX_A_ADDR), &a);
	memset(p, 0, sizeof(*p));
	p->family = a.family;
	if (a.family == AF_INET6)
		p->addr6 = a.v6;
	else
		p->addr = a.v4;
	p->len = nla_get_u8(tb[A_PFX(NVSW_PREFIX_A_LEN)]);
}

/* The MAC of device @name, which rtnetlink's dumps would give at more cost. */
static int dev_address(const char *name, uint8_t mac[MAC_LEN])
{
	struct ifreq ifr = { 0 };
	int fd, ret;

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	ret = ioctl(fd, SIOCGIFHWADDR, &ifr) ? -errno : 0;
	close(fd);
	if (!ret)
		memcpy(mac, ifr.ifr_hwaddr.sa_data, MAC_LEN);
	errno = -ret;
	return ret;
}

static int read_switch(const char *name, struct cfg *c, uint32_t *ifindex)
{
	struct switch_info *sw = NULL;
	uint8_t mac[MAC_LEN];
	struct cfg_obj *o;
	size_t n = 0, i;
	int ret;

	ret = switch_info_get(name, &sw, &n);
	if (!ret && n != 1) {
		pr_err("\"%s\" is not an nvswitch", name);
		ret = EXIT_FAIL;
	}
	if (!ret && dev_address(name, mac)) {
		pr_err("cannot read the address of \"%s\": %s", name, strerror(errno));
		ret = EXIT_FAIL;
	}
	o = ret ? NULL : cfg_new(c, CFG_SWITCH);
	if (!ret && !o)
		ret = EXIT_FAIL;
	if (!ret) {
		*ifindex = sw->ifindex;
		o->sw.val[SW_ADDRESS] = cfg_mac_u64(mac);
		o->sw.val[SW_FLOWID] = sw->flowid;
		o->sw.val[SW_MOVE_GRACE] = sw->move_grace_ms;
		o->sw.val[SW_DSCP] = sw->dscp;
		o->sw.val[SW_DEFAULT_VSID] = sw->default_vsid;
		for (i = 0; i < N_SWITCH_LIMITS; i++)
			o->sw.val[SW_LIMITS + i] = sw->max[i];
		for (i = 0; i < SW_SETTINGS; i++)
			o->sw.given[i] = true;
	}
	free(sw);
	return ret;
}

static int read_pas(uint32_t ifindex, struct cfg *c)
{
	struct addr_list l = { 0 };
	struct cfg_obj *o;
	size_t i;
	int ret;

	ret = pa_list(ifindex, &l);
	for (i = 0; !ret && i < l.n; i++) {
		o = cfg_new(c, CFG_PA);
		if (!o)
			ret = EXIT_FAIL;
		else
			o->pa = l.a[i];
	}
	free(l.a);
	return ret;
}

static int fill_port(struct cfg_obj *o, struct nlattr **tb)
{
	port_name(tb, o->port.dev, sizeof(o->port.dev));
	o->port.vsid = nla_get_u32(tb[A_OBJ(NVSW_PORT_A_VSID)]);
	o->port.internal = tb[A_OBJ(NVSW_PORT_A_INTERNAL)];
	o->port.dhcp_guard = attr_uint(tb[A_OBJ(NVSW_PORT_A_DHCP_GUARD)]);
	o->port.router_guard = attr_uint(tb[A_OBJ(NVSW_PORT_A_ROUTER_GUARD)]);
	/* What makes the port again: a pin, or the address made with it. */
	if (tb[A_OBJ(NVSW_PORT_A_PIN)]) {
		o->port.has_mac = true;
		memcpy(o->port.mac, nla_data(tb[A_OBJ(NVSW_PORT_A_PIN)]), MAC_LEN);
	} else if (o->port.internal) {
		if (dev_address(o->port.dev, o->port.mac))
			return -errno;
		o->port.has_mac = true;
	}
	return 0;
}

/* Only what differs from a VSID nobody set anything for. */
static int fill_vsid(struct cfg_obj *o, struct nlattr **tb)
{
	struct nlattr *mode = tb[A_OBJ(NVSW_VSID_A_BUM_MODE)];
	struct nlattr *rate = tb[A_OBJ(NVSW_VSID_A_BUM_RATE)];

	o->vsid.vsid = nla_get_u32(tb[A_OBJ(NVSW_VSID_A_ID)]);
	o->vsid.mode = mode ? nla_get_u8(mode) : NVSW_BUM_DROP;
	o->vsid.rate = rate ? nla_get_u32(rate) : NVSWITCH_BUM_RATE_DEFAULT;
	return o->vsid.mode == NVSW_BUM_DROP && o->vsid.rate == NVSWITCH_BUM_RATE_DEFAULT;
}

static int fill_vsubnet(struct cfg_obj *o, struct nlattr **tb)
{
	o->vsubnet.vsid = nla_get_u32(tb[A_OBJ(NVSW_VSUBNET_A_VSID)]);
	o->vsubnet.rdid = nla_get_u32(tb[A_OBJ(NVSW_VSUBNET_A_RDID)]);
	nla_prefix(tb, &o->vsubnet.prefix);
	get_addr(tb, A_PFX(NVSW_PREFIX_A_GATEWAY), &o->vsubnet.gateway);
	return 0;
}

static int fill_route(struct cfg_obj *o, struct nlattr **tb)
{
	o->route.rdid = nla_get_u32(tb[A_OBJ(NVSW_ROUTE_A_RDID)]);
	nla_prefix(tb, &o->route.prefix);
	get_addr(tb, A_OBJ(NVSW_ROUTE_A_NEXTHOP), &o->route.nexthop);
	o->route.metric = nla_get_u32(tb[A_OBJ(NVSW_ROUTE_A_METRIC)]);
	o->route.has_vsid = tb[A_OBJ(NVSW_ROUTE_A_VSID)];
	o->route.vsid = attr_uint(tb[A_OBJ(NVSW_ROUTE_A_VSID)]);
	return 0;
}

static int fill_record(struct cfg_obj *o, struct nlattr **tb)
{
	o->record.vsid = nla_get_u32(tb[A_OBJ(NVSW_RECORD_A_VSID)]);
	get_addr(tb, A_OBJ(NVSW_RECORD_A_CA), &o->record.ca);
	memcpy(o->record.mac, nla_data(tb[A_OBJ(NVSW_RECORD_A_MAC)]), MAC_LEN);
	get_addr(tb, A_OBJ(NVSW_RECORD_A_PA), &o->record.pa);
	return 0;
}

/* The dumps a switch's configuration is read from, after the switch and its PAs. */
static const struct dump {
	uint8_t cmd;
	enum cfg_kind kind;
	const struct object *obj;
	/* < 0: an error; > 0: the object is as it would be unset, save leaves it out */
	int (*fill)(struct cfg_obj *o, struct nlattr **tb);
} dumps[] = {
	{ NVSW_CMD_PORT_GET,	CFG_PORT,	&obj_port,	fill_port },
	{ NVSW_CMD_VSID_GET,	CFG_VSID,	&obj_vsid,	fill_vsid },
	{ NVSW_CMD_VSUBNET_GET,	CFG_VSUBNET,	&obj_vsubnet,	fill_vsubnet },
	{ NVSW_CMD_ROUTE_GET,	CFG_ROUTE,	&obj_route,	fill_route },
	{ NVSW_CMD_RECORD_GET,	CFG_RECORD,	&obj_record,	fill_record },
};

struct collector {
	struct cfg *c;
	const struct dump *d;
};

static int collect_one(struct nlattr **tb, void *arg)
{
	struct collector *col = arg;
	struct cfg_obj *o;
	int ret;

	if (!obj_complete(col->d->obj, tb))
		return -EBADMSG;
	o = cfg_new(col->c, col->d->kind);
	if (!o)
		return -ENOMEM;
	ret = col->d->fill(o, tb);
	if (ret > 0)
		col->c->n--;
	return ret < 0 ? ret : 0;
}

/* A dual-stack vsubnet is an object per prefix, as "vsubnet add" makes it. */
static int collect(struct nlattr **tb, void *arg)
{
	struct collector *col = arg;

	return obj_each(col->d->obj, tb, collect_one, col);
}

static int cmp_obj(const void *a, const void *b)
{
	return cfg_cmp(a, b);
}

void cfg_sort(struct cfg *c)
{
	qsort(c->obj, c->n, sizeof(*c->obj), cmp_obj);
}

int cfg_read_kernel(const char *name, struct cfg *c)
{
	struct collector col = { .c = c };
	struct nl_msg *msg;
	uint32_t ifindex;
	size_t i;
	int ret;

	ret = read_switch(name, c, &ifindex);
	if (!ret)
		ret = read_pas(ifindex, c);
	for (i = 0; !ret && i < ARRAY_SIZE(dumps); i++) {
		col.d = &dumps[i];
		msg = nvsw_genl_msg(dumps[i].cmd, NLM_F_DUMP, name);
		if (!msg || nvsw_genl_request(msg, collect, &col))
			ret = EXIT_FAIL;
	}
	if (!ret)
		cfg_sort(c);
	return ret;
}

/* --- Comparing --------------------------------------------------------- */

static int cmp_u32(uint32_t a, uint32_t b)
{
	return a < b ? -1 : a > b;
}

static int cmp_addr(const struct ca_addr *a, const struct ca_addr *b)
{
	if (a->family != b->family)
		return a->family == AF_INET ? -1 : 1;
	if (a->family == AF_INET6)
		return memcmp(&a->v6, &b->v6, sizeof(a->v6));
	return cmp_u32(ntohl(a->v4.s_addr), ntohl(b->v4.s_addr));
}

void cfg_prefix_addr(const struct prefix *p, struct ca_addr *a)
{
	memset(a, 0, sizeof(*a));
	a->family = p->family;
	if (p->family == AF_INET6)
		a->v6 = p->addr6;
	else
		a->v4 = p->addr;
}

static int cmp_prefix(const struct prefix *a, const struct prefix *b)
{
	struct ca_addr x, y;
	int d;

	cfg_prefix_addr(a, &x);
	cfg_prefix_addr(b, &y);
	d = cmp_addr(&x, &y);
	return d ? d : cmp_u32(a->len, b->len);
}

int cfg_cmp(const struct cfg_obj *a, const struct cfg_obj *b)
{
	int d;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	switch (a->kind) {
	case CFG_SWITCH:
		return 0;
	case CFG_PA:
		return cmp_addr(&a->pa, &b->pa);
	case CFG_PORT:
		return strcmp(a->port.dev, b->port.dev);
	case CFG_VSID:
		return cmp_u32(a->vsid.vsid, b->vsid.vsid);
	case CFG_VSUBNET:
		/* One prefix per family and VSID. */
		d = cmp_u32(a->vsubnet.vsid, b->vsubnet.vsid);
		return d ? d : cmp_u32(a->vsubnet.prefix.family, b->vsubnet.prefix.family);
	case CFG_ROUTE:
		d = cmp_u32(a->route.rdid, b->route.rdid);
		if (!d)
			d = cmp_prefix(&a->route.prefix, &b->route.prefix);
		return d ? d : cmp_addr(&a->route.nexthop, &b->route.nexthop);
	case CFG_RECORD:
		d = cmp_u32(a->record.vsid, b->record.vsid);
		return d ? d : cmp_addr(&a->record.ca, &b->record.ca);
	}
	return 0;
}

bool cfg_port_guards_differ(const struct cfg_obj *want, const struct cfg_obj *have)
{
	struct cfg_obj guarded = *want;

	if (want->kind != CFG_PORT || want->port.internal)
		return false;
	guarded.port.dhcp_guard = have->port.dhcp_guard;
	guarded.port.router_guard = have->port.router_guard;
	return cfg_same(&guarded, have) && !cfg_same(want, have);
}

bool cfg_same(const struct cfg_obj *want, const struct cfg_obj *have)
{
	size_t i;

	switch (want->kind) {
	case CFG_SWITCH:
		for (i = 0; i < SW_SETTINGS; i++)
			if (want->sw.given[i] && want->sw.val[i] != have->sw.val[i])
				return false;
		return true;
	case CFG_PA:
		return true;
	case CFG_PORT:
		if (want->port.internal != have->port.internal ||
		    want->port.vsid != have->port.vsid ||
		    want->port.dhcp_guard != have->port.dhcp_guard ||
		    want->port.router_guard != have->port.router_guard)
			return false;
		/* An internal port made without an address keeps its random one. */
		if (!want->port.has_mac)
			return want->port.internal || !have->port.has_mac;
		return have->port.has_mac &&
		       !memcmp(want->port.mac, have->port.mac, MAC_LEN);
	case CFG_VSID:
		return want->vsid.mode == have->vsid.mode && want->vsid.rate == have->vsid.rate;
	case CFG_VSUBNET:
		return want->vsubnet.rdid == have->vsubnet.rdid &&
		       !cmp_prefix(&want->vsubnet.prefix, &have->vsubnet.prefix) &&
		       !cmp_addr(&want->vsubnet.gateway, &have->vsubnet.gateway);
	case CFG_ROUTE:
		/* Without a VSID the kernel finds the next hop's. */
		return want->route.metric == have->route.metric &&
		       (!want->route.has_vsid ||
			(have->route.has_vsid && want->route.vsid == have->route.vsid));
	case CFG_RECORD:
		return !memcmp(want->record.mac, have->record.mac, MAC_LEN) &&
		       !cmp_addr(&want->record.pa, &have->record.pa);
	}
	return false;
}

/* --- Printing ---------------------------------------------------------- */

struct line {
	char *buf;
	size_t len, off;
};

static void __attribute__((format(printf, 2, 3))) add(struct line *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (l->off >= l->len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(l->buf + l->off, l->len - l->off, fmt, ap);
	va_end(ap);
	if (n > 0)
		l->off += n;
}

static void add_addr(struct line *l, const char *key, const struct ca_addr *a)
{
	char buf[INET6_ADDRSTRLEN];

	add(l, " %s %s", key, format_addr(buf, a));
}

static void add_prefix(struct line *l, const struct prefix *p)
{
	char buf[INET6_ADDRSTRLEN];
	struct ca_addr a;

	cfg_prefix_addr(p, &a);
	add(l, " prefix %s/%u", format_addr(buf, &a), p->len);
}

static void add_mac(struct line *l, const char *key, const uint8_t mac[MAC_LEN])
{
	char buf[MAC_STRLEN];

	add(l, " %s %s", key, format_mac(buf, mac));
}

static const char *const sw_keywords[SW_LIMITS] = {
	[SW_ADDRESS] = "address",
	[SW_FLOWID] = "flowid",
	[SW_MOVE_GRACE] = "move-grace",
	[SW_DSCP] = "dscp",
	[SW_DEFAULT_VSID] = "default-vsid",
};

static void add_switch(struct line *l, const struct cfg_obj *o)
{
	uint8_t mac[MAC_LEN];
	char buf[8];
	size_t i;

	for (i = 0; i < SW_SETTINGS; i++) {
		uint64_t v = o->sw.val[i];

		if (!o->sw.given[i])
			continue;
		switch (i) {
		case SW_ADDRESS:
			u64_to_mac(v, mac);
			add_mac(l, sw_keywords[i], mac);
			break;
		case SW_FLOWID:
			add(l, " %s %s", sw_keywords[i], flowid_name(v));
			break;
		case SW_DSCP:
			add(l, " %s %s", sw_keywords[i], dscp_name(buf, sizeof(buf), v));
			break;
		case SW_DEFAULT_VSID:
			if (v)
				add(l, " %s %u", sw_keywords[i], (unsigned int)v);
			else
				add(l, " %s none", sw_keywords[i]);
			break;
		case SW_MOVE_GRACE:
			add(l, " %s %u", sw_keywords[i], (unsigned int)v);
			break;
		default:
			add(l, " %s %u", switch_limits[i - SW_LIMITS].name, (unsigned int)v);
			break;
		}
	}
}

const char *const cfg_objects[CFG_KINDS] = {
	[CFG_SWITCH] = "switch",
	[CFG_PA] = "pa",
	[CFG_PORT] = "port",
	[CFG_VSID] = "vsid",
	[CFG_VSUBNET] = "vsubnet",
	[CFG_ROUTE] = "route",
	[CFG_RECORD] = "record",
};

/* The verb that makes each object: VSIDs are only ever set. */
static const char *create_verb(enum cfg_kind kind)
{
	return kind == CFG_VSID ? "set" : "add";
}

const char *cfg_format(char *buf, size_t len, const struct cfg_obj *o, const char *sw,
		       const char *verb)
{
	struct line l = { .buf = buf, .len = len };
	char addr[INET6_ADDRSTRLEN];
	bool del;

	if (!verb)
		verb = create_verb(o->kind);
	del = !strcmp(verb, "del");
	buf[0] = '\0';
	add(&l, "%s %s %s", cfg_objects[o->kind], verb, sw);
	switch (o->kind) {
	case CFG_SWITCH:
		add_switch(&l, o);
		break;
	case CFG_PA:
		add(&l, " %s", format_addr(addr, &o->pa));	/* no keyword */
		break;
	case CFG_PORT:
		add(&l, " %s %s", o->port.internal && !del ? "internal" : "dev", o->port.dev);
		if (!strcmp(verb, "set")) {
			/* Only what port set changes, both guards as they should be. */
			add(&l, " dhcp-guard %s router-guard %s",
			    o->port.dhcp_guard ? "on" : "off",
			    o->port.router_guard ? "on" : "off");
			break;
		}
		if (del)
			break;
		add(&l, " vsid %u", o->port.vsid);
		if (o->port.has_mac)
			add_mac(&l, "mac", o->port.mac);
		if (o->port.dhcp_guard)
			add(&l, " dhcp-guard on");
		if (o->port.router_guard)
			add(&l, " router-guard on");
		break;
	case CFG_VSID:
		add(&l, " vsid %u bum %s rate %u", o->vsid.vsid, bum_name(o->vsid.mode),
		    o->vsid.rate);
		break;
	case CFG_VSUBNET:
		add(&l, " vsid %u", o->vsubnet.vsid);
		if (!del)
			add(&l, " rdid %u", o->vsubnet.rdid);
		add_prefix(&l, &o->vsubnet.prefix);
		if (!del)
			add_addr(&l, "gateway", &o->vsubnet.gateway);
		break;
	case CFG_ROUTE:
		add(&l, " rdid %u", o->route.rdid);
		if (o->route.has_vsid && !del)
			add(&l, " vsid %u", o->route.vsid);
		add_prefix(&l, &o->route.prefix);
		add_addr(&l, "nexthop", &o->route.nexthop);
		if (!del)
			add(&l, " metric %u", o->route.metric);
		break;
	case CFG_RECORD:
		add(&l, " vsid %u", o->record.vsid);
		add_addr(&l, "ca", &o->record.ca);
		if (del)
			break;
		add_mac(&l, "mac", o->record.mac);
		add_addr(&l, "pa", &o->record.pa);
		break;
	}
	return buf;
}

