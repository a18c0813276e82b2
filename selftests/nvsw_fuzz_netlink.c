// SPDX-License-Identifier: GPL-2.0
/*
 * nvsw_fuzz_netlink: random and mutated requests to the "nvswitch" generic
 * netlink family and to its rtnetlink link kind, and a fail_nth sweep of
 * every request (Documentation/reliability.rst, "Stress runs").
 *
 *   nvsw_fuzz_netlink fuzz SEED COUNT    COUNT requests, deterministic from SEED
 *   nvsw_fuzz_netlink failnth            each allocation of each request of
 *                                        the scenario fails once
 *
 * Run by nvsw_stress_netlink.sh in a namespace of its own holding the veths
 * fp0 and fp1 (ports to be).  What the requests may be is read from the
 * kernel (CTRL_CMD_GETFAMILY and CTRL_CMD_GETPOLICY): every command the
 * family has, every attribute with its type and range, so the fuzzer never
 * lags behind the spec, nested policies included: an object's nest is
 * filled from its own policy.  A third of the requests are the valid requests of
 * a scenario (switch, PAs, ports, records, vsubnets, routes, VSID settings,
 * explain, dumps, changelink, and their deletion) with random parameters:
 * they reach the code past the policy.  The rest are those mutated (bad
 * lengths, truncation, garbage nests, unknown types, wrong sizes, huge
 * values, other flags) or built from the policy with values in and just
 * out of range.
 *
 * The outcome is not checked here, beyond the kernel answering: the script
 * checks the kernel log, the module's unload and delivery afterwards.
 * Prints what it sent and how the kernel answered, by errno.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <linux/nvswitch.h>

#include "nvsw_rng.h"

/* NLA_OK/NLA_NEXT as rtnetlink.h has them for rtattr. */
#define NLA_OK(a, len) ((len) >= (int)sizeof(struct nlattr) && \
			(a)->nla_len >= sizeof(struct nlattr) && (a)->nla_len <= (len))
#define NLA_NEXT(a, len) ((len) -= NLA_ALIGN((a)->nla_len), \
			  (struct nlattr *)((char *)(a) + NLA_ALIGN((a)->nla_len)))

#define KSFT_SKIP	4
#define BUF_SIZE	8192
#define MAX_ATTR	128

/* One request: room for oversized ones. */
struct req {
	union {
		struct nlmsghdr nlh;
		char buf[BUF_SIZE];
	};
	int len;		/* bytes to send, may differ from nlmsg_len */
	int proto;		/* NETLINK_GENERIC or NETLINK_ROUTE */
	int linkinfo_off;	/* rtnl: where IFLA_INFO_DATA's content starts, or 0 */
};

/* What the policy dump says of one attribute of the family. */
struct attr_pol {
	int type;		/* NL_ATTR_TYPE_*, 0: not in the policy */
	uint64_t min, max;
	uint32_t min_len, max_len;
	int nested;		/* NESTED: the index of its policy, else -1 */
};

/* The family's policies: [0] the top level's, the others its nests'. */
#define MAX_POLICIES	16
static int genl_id, genl_maxattr;
static int ops[64], n_ops;
static struct attr_pol pol[MAX_POLICIES][MAX_ATTR];
static int pol_max[MAX_POLICIES];	/* the highest attribute of each */
static int fd_genl, fd_rtnl, fd_query;
static unsigned int seq = 1;

/* Kernel's answers: [0] ok, [errno] otherwise; sent, dump messages. */
static unsigned long answers[4096], n_sent, n_data, n_noreply;

/* Time spent per kind of request: genl command, or 256 + rtnetlink type. */
static double kind_time[512];
static unsigned long kind_count[512];

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}


/* --- Building requests ----------------------------------------------------- */

static void req_genl(struct req *r, int cmd, int flags)
{
	struct genlmsghdr *g;

	memset(r, 0, offsetof(struct req, len));
	r->nlh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	r->nlh.nlmsg_type = genl_id;
	r->nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	g = NLMSG_DATA(&r->nlh);
	g->cmd = cmd;
	g->version = NVSW_GENL_VERSION;
	r->proto = NETLINK_GENERIC;
	r->linkinfo_off = 0;
	r->len = 0;
}

static void req_rtnl(struct req *r, int type, int flags, int ifindex)
{
	struct ifinfomsg *ifi;

	memset(r, 0, offsetof(struct req, len));
	r->nlh.nlmsg_len = NLMSG_LENGTH(sizeof(*ifi));
	r->nlh.nlmsg_type = type;
	r->nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	ifi = NLMSG_DATA(&r->nlh);
	ifi->ifi_index = ifindex;
	r->proto = NETLINK_ROUTE;
	r->linkinfo_off = 0;
	r->len = 0;
}

/* Appends an attribute of any length, and returns its offset. */
static int put(struct req *r, int type, const void *data, int len)
{
	int off = NLMSG_ALIGN(r->nlh.nlmsg_len);
	struct nlattr *nla = (void *)(r->buf + off);

	if (off + NLA_HDRLEN + NLA_ALIGN(len) > BUF_SIZE - 64)
		return off;
	nla->nla_type = type;
	nla->nla_len = NLA_HDRLEN + len;
	if (data)
		memcpy((char *)nla + NLA_HDRLEN, data, len);
	else
		memset((char *)nla + NLA_HDRLEN, 0, len);
	r->nlh.nlmsg_len = off + NLA_ALIGN(NLA_HDRLEN + len);
	return off;
}

static void put_u8(struct req *r, int type, uint8_t v) { put(r, type, &v, 1); }
static void put_u32(struct req *r, int type, uint32_t v) { put(r, type, &v, 4); }
static void put_str(struct req *r, int type, const char *s) { put(r, type, s, strlen(s) + 1); }

/* An address attribute: 16 bytes, an IPv4 address IPv4-mapped. */
static void put_ip(struct req *r, int type, const char *a)
{
	struct in6_addr in6 = { .s6_addr = { [10] = 0xff, [11] = 0xff } };

	inet_pton(AF_INET, a, &in6.s6_addr[12]);
	put(r, type, &in6, 16);
}

static void put_ip6(struct req *r, int type, const char *a)
{
	struct in6_addr in6;

	inet_pton(AF_INET6, a, &in6);
	put(r, type, &in6, 16);
}

static void put_mac(struct req *r, int type, unsigned int last)
{
	unsigned char m[6] = { 0x02, 0, 0, 0, 0x50, last };

	put(r, type, m, 6);
}

static int nest_start(struct req *r, int type)
{
	return put(r, type | NLA_F_NESTED, NULL, 0);
}

static void nest_end(struct req *r, int off)
{
	struct nlattr *nla = (void *)(r->buf + off);

	nla->nla_len = r->nlh.nlmsg_len - off;
}

/* --- Talking to the kernel ------------------------------------------------- */

static int nl_open(int proto)
{
	int one = 1, fd, big = 1 << 20;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, proto);
	if (fd < 0)
		die("socket(AF_NETLINK, %d): %s", proto, strerror(errno));
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	return fd;
}

/*
 * Sends R and reads whatever comes back until the socket is empty.  Netlink
 * handles a request within sendmsg(), and a dump's next part within the
 * recvmsg() that makes room for it: nothing is still on its way when recv
 * says EAGAIN.  Returns the request's error (0 for an ack), or 1 when no
 * error message came (no NLM_F_ACK, or a dump that only sent NLMSG_DONE).
 */
static int exchange(struct req *r)
{
	static char buf[1 << 16];
	int fd = r->proto == NETLINK_ROUTE ? fd_rtnl : fd_genl;
	int ret = 1, len = r->len ? r->len : (int)r->nlh.nlmsg_len;
	int kind = r->proto == NETLINK_ROUTE ? 256 + (r->nlh.nlmsg_type & 255) :
		   ((struct genlmsghdr *)NLMSG_DATA(&r->nlh))->cmd;
	double t0 = now();
	struct nlmsghdr *nlh;
	ssize_t n;

	if (len > BUF_SIZE)
		len = BUF_SIZE;
	r->nlh.nlmsg_seq = ++seq;
	n_sent++;
	if (send(fd, r->buf, len, 0) < 0) {
		answers[errno < 4096 ? errno : 0]++;
		return -errno;
	}
	for (;;) {
		n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EAGAIN)
				break;
			if (errno == EINTR || errno == ENOBUFS)
				continue;
			break;
		}
		for (nlh = (void *)buf; NLMSG_OK(nlh, n); nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(nlh);

				if (nlh->nlmsg_seq == r->nlh.nlmsg_seq)
					ret = e->error;
			} else if (nlh->nlmsg_type != NLMSG_DONE) {
				n_data++;
			}
		}
	}
	if (ret == 1)
		n_noreply++;
	else
		answers[-ret < 4096 ? -ret : 0]++;
	t0 = now() - t0;
	kind_time[kind] += t0;
	kind_count[kind]++;
	if (t0 > 2)
		printf("# slow: request %lu (%s %d, flags %#x) took %.1f s, answer %d\n", n_sent,
		       kind >= 256 ? "rtnl type" : "genl cmd", kind & 255,
		       r->nlh.nlmsg_flags, t0, ret);
	return ret;
}

/* The family's id, ops and multicast groups (joined: notifications are
 * sent, and the fuzzer reads them as any listener would). */
static void family_resolve(void)
{
	static char buf[1 << 16];
	struct nlattr *a, *b, *c;
	struct nlmsghdr *nlh;
	struct req r;
	ssize_t n;
	int len, l2, l3;

	memset(&r, 0, sizeof(r));
	r.nlh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	r.nlh.nlmsg_type = GENL_ID_CTRL;
	r.nlh.nlmsg_flags = NLM_F_REQUEST;
	((struct genlmsghdr *)NLMSG_DATA(&r.nlh))->cmd = CTRL_CMD_GETFAMILY;
	((struct genlmsghdr *)NLMSG_DATA(&r.nlh))->version = 1;
	put_str(&r, CTRL_ATTR_FAMILY_NAME, NVSW_GENL_NAME);
	if (send(fd_genl, r.buf, r.nlh.nlmsg_len, 0) < 0)
		die("send: %s", strerror(errno));
	n = recv(fd_genl, buf, sizeof(buf), 0);
	nlh = (void *)buf;
	if (n < 0 || !NLMSG_OK(nlh, n) || nlh->nlmsg_type == NLMSG_ERROR)
		die("family %s not found: is the module loaded?", NVSW_GENL_NAME);
	len = nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
	for (a = (void *)((char *)NLMSG_DATA(nlh) + GENL_HDRLEN); NLA_OK(a, len);
	     a = NLA_NEXT(a, len)) {
		switch (a->nla_type & NLA_TYPE_MASK) {
		case CTRL_ATTR_FAMILY_ID:
			genl_id = *(uint16_t *)((char *)a + NLA_HDRLEN);
			break;
		case CTRL_ATTR_MAXATTR:
			genl_maxattr = *(uint32_t *)((char *)a + NLA_HDRLEN);
			break;
		case CTRL_ATTR_OPS:
		case CTRL_ATTR_MCAST_GROUPS:
			l2 = a->nla_len - NLA_HDRLEN;
			for (b = (void *)((char *)a + NLA_HDRLEN); NLA_OK(b, l2); b = NLA_NEXT(b, l2)) {
				l3 = b->nla_len - NLA_HDRLEN;
				for (c = (void *)((char *)b + NLA_HDRLEN); NLA_OK(c, l3);
				     c = NLA_NEXT(c, l3)) {
					uint32_t v = *(uint32_t *)((char *)c + NLA_HDRLEN);

					if ((a->nla_type & NLA_TYPE_MASK) == CTRL_ATTR_OPS &&
					    c->nla_type == CTRL_ATTR_OP_ID && n_ops < 64)
						ops[n_ops++] = v;
					if ((a->nla_type & NLA_TYPE_MASK) == CTRL_ATTR_MCAST_GROUPS &&
					    c->nla_type == CTRL_ATTR_MCAST_GRP_ID)
						setsockopt(fd_genl, SOL_NETLINK,
							   NETLINK_ADD_MEMBERSHIP, &v, sizeof(v));
				}
			}
			break;
		}
	}
	if (!genl_id || !n_ops)
		die("family %s: no id or no ops", NVSW_GENL_NAME);
}

static uint64_t nla_uint(const struct nlattr *a)
{
	const char *d = (const char *)a + NLA_HDRLEN;

	switch (a->nla_len - NLA_HDRLEN) {
	case 1: return *(uint8_t *)d;
	case 2: return *(uint16_t *)d;
	case 4: return *(uint32_t *)d;
	case 8: return *(uint64_t *)d;
	}
	return 0;
}

/* Every attribute of the family's policy, with its type and limits. */
static void policy_resolve(void)
{
	static char buf[1 << 16];
	struct nlattr *a, *p, *at, *f;
	struct nlmsghdr *nlh;
	struct req r;
	int len, l1, l2, l3, done = 0, n_attrs = 0;
	ssize_t n;

	memset(&r, 0, sizeof(r));
	r.nlh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	r.nlh.nlmsg_type = GENL_ID_CTRL;
	r.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	((struct genlmsghdr *)NLMSG_DATA(&r.nlh))->cmd = CTRL_CMD_GETPOLICY;
	((struct genlmsghdr *)NLMSG_DATA(&r.nlh))->version = 1;
	put(&r, CTRL_ATTR_FAMILY_ID, &(uint16_t){ genl_id }, 2);
	if (send(fd_genl, r.buf, r.nlh.nlmsg_len, 0) < 0)
		die("send: %s", strerror(errno));
	while (!done) {
		n = recv(fd_genl, buf, sizeof(buf), 0);
		if (n < 0)
			die("policy dump: %s", strerror(errno));
		for (nlh = (void *)buf; NLMSG_OK(nlh, n); nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_type == NLMSG_DONE || nlh->nlmsg_type == NLMSG_ERROR) {
				done = 1;
				break;
			}
			len = nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
			for (a = (void *)((char *)NLMSG_DATA(nlh) + GENL_HDRLEN);
			     NLA_OK(a, len); a = NLA_NEXT(a, len)) {
				if ((a->nla_type & NLA_TYPE_MASK) != CTRL_ATTR_POLICY)
					continue;
				/* POLICY { index { attr { NL_POLICY_TYPE_ATTR_* } } } */
				l1 = a->nla_len - NLA_HDRLEN;
				for (p = (void *)((char *)a + NLA_HDRLEN); NLA_OK(p, l1);
				     p = NLA_NEXT(p, l1)) {
					int idx = p->nla_type & NLA_TYPE_MASK;

					if (idx >= MAX_POLICIES)
						continue;
					l2 = p->nla_len - NLA_HDRLEN;
					for (at = (void *)((char *)p + NLA_HDRLEN); NLA_OK(at, l2);
					     at = NLA_NEXT(at, l2)) {
						int t = at->nla_type & NLA_TYPE_MASK;
						struct attr_pol *ap;

						if (t >= MAX_ATTR)
							continue;
						ap = &pol[idx][t];
						ap->max = ~0ULL;
						ap->nested = -1;
						if (t > pol_max[idx])
							pol_max[idx] = t;
						l3 = at->nla_len - NLA_HDRLEN;
						for (f = (void *)((char *)at + NLA_HDRLEN);
						     NLA_OK(f, l3); f = NLA_NEXT(f, l3)) {
							switch (f->nla_type) {
							case NL_POLICY_TYPE_ATTR_TYPE:
								ap->type = nla_uint(f);
								n_attrs++;
								break;
							case NL_POLICY_TYPE_ATTR_MIN_VALUE_U:
								ap->min = nla_uint(f);
								break;
							case NL_POLICY_TYPE_ATTR_MAX_VALUE_U:
								ap->max = nla_uint(f);
								break;
							case NL_POLICY_TYPE_ATTR_MIN_LENGTH:
								ap->min_len = nla_uint(f);
								break;
							case NL_POLICY_TYPE_ATTR_MAX_LENGTH:
								ap->max_len = nla_uint(f);
								break;
							case NL_POLICY_TYPE_ATTR_POLICY_IDX:
								ap->nested = nla_uint(f);
								break;
							}
						}
					}
				}
			}
		}
	}
	if (!n_attrs)
		die("family %s: empty policy dump", NVSW_GENL_NAME);
	printf("# family %s: id %d, %d commands, %d attributes in its policies (maxattr %d)\n",
	       NVSW_GENL_NAME, genl_id, n_ops, n_attrs, genl_maxattr);
}

/* --- The scenario: valid requests, in an order where each one succeeds ---- */

/*
 * The ifindex of NAME, 0 if there is none, asked over rtnetlink: not
 * if_nametoindex(), whose ioctl makes the kernel run modprobe twice
 * (dev_load()) for a name that does not exist, which costs a tenth of a
 * second under emulation, and most names here come and go.
 */
static int ifindex(const char *name)
{
	static char buf[16384];
	struct nlmsghdr *nlh = (void *)buf;
	struct req r;
	ssize_t n;

	req_rtnl(&r, RTM_GETLINK, 0, 0);
	r.nlh.nlmsg_flags = NLM_F_REQUEST;
	r.nlh.nlmsg_seq = ++seq;
	put_str(&r, IFLA_IFNAME, name);
	if (send(fd_query, r.buf, r.nlh.nlmsg_len, 0) < 0)
		return 0;
	n = recv(fd_query, buf, sizeof(buf), 0);
	if (n < (ssize_t)NLMSG_LENGTH(sizeof(struct ifinfomsg)) || nlh->nlmsg_type != RTM_NEWLINK)
		return 0;
	return ((struct ifinfomsg *)NLMSG_DATA(nlh))->ifi_index;
}

/*
 * Step I of the scenario into R.  With VARY, the parameters are picked at
 * random among a few, so that repeated steps create and delete different
 * objects and meet existing ones.
 */
#define N_STEPS 40
static void step(struct req *r, int i, int vary)
{
	static const char *const prefixes[] = { "10.0.0.0", "10.0.1.0", "10.1.0.0" };
	unsigned int vsid = vary ? 5001 + rnd(3) : 5001;
	unsigned int ca = vary ? 2 + rnd(6) : 2;
	char a[64];
	int li, d, o, p, sw = ifindex("sw0");

#define SW(cmd, flags) do { req_genl(r, cmd, flags); put_str(r, NVSW_A_IFNAME, "sw0"); } while (0)
/* The request's object, in its nest. */
#define OBJ(type) (o = nest_start(r, NVSW_A_##type))
#define END() nest_end(r, o)
	switch (i) {
	case 0:	/* ip link add sw0 type nvswitch ... */
	case 1:	/* ip link set sw0 type nvswitch ... */
		if (i == 0) {
			req_rtnl(r, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0);
			put_str(r, IFLA_IFNAME, "sw0");
		} else {
			req_rtnl(r, RTM_NEWLINK, 0, sw);
		}
		li = nest_start(r, IFLA_LINKINFO);
		put_str(r, IFLA_INFO_KIND, "nvswitch");
		d = nest_start(r, IFLA_INFO_DATA);
		r->linkinfo_off = d + NLA_HDRLEN;
		put_u8(r, IFLA_NVSW_FLOWID_MODE, vary ? rnd(3) : 0);
		put_u32(r, IFLA_NVSW_MOVE_GRACE_MS, vary ? rnd(600001) : 1000);
		put_u8(r, IFLA_NVSW_DSCP, vary ? rnd(65) : 64);
		put_u32(r, IFLA_NVSW_MAX_RECORDS, vary ? 1 + rnd(100) : 1000);
		put_u32(r, IFLA_NVSW_MAX_PORTS, vary ? 1 + rnd(8) : 16);
		put_u32(r, IFLA_NVSW_MAX_PAS, vary ? 1 + rnd(4) : 8);
		put_u32(r, IFLA_NVSW_MAX_VSUBNETS, vary ? 1 + rnd(8) : 16);
		put_u32(r, IFLA_NVSW_MAX_ROUTES, vary ? 1 + rnd(8) : 16);
		put_u32(r, IFLA_NVSW_DEFAULT_VSID, vsid);
		nest_end(r, d);
		nest_end(r, li);
		break;
	case 2: SW(NVSW_CMD_SWITCH_GET, 0); break;
	case 3: req_genl(r, NVSW_CMD_SWITCH_GET, NLM_F_DUMP); break;
	case 4: SW(NVSW_CMD_PA_NEW, 0); OBJ(PA); put_ip(r, NVSW_PA_A_ADDR, "192.0.2.1"); END(); break;
	case 5: SW(NVSW_CMD_PA_NEW, 0); OBJ(PA); put_ip6(r, NVSW_PA_A_ADDR, "2001:db8:ff::1"); END();
		break;
	case 6: SW(NVSW_CMD_PA_GET, 0); OBJ(PA); put_ip(r, NVSW_PA_A_ADDR, "192.0.2.1"); END(); break;
	case 7: SW(NVSW_CMD_PA_GET, NLM_F_DUMP); break;
	case 8: SW(NVSW_CMD_PORT_NEW, 0); OBJ(PORT);
		put_u32(r, NVSW_PORT_A_IFINDEX, ifindex("fp0"));
		put_u32(r, NVSW_PORT_A_VSID, vsid); END(); break;
	case 9:	/* an internal port: the module makes a netdev */
		SW(NVSW_CMD_PORT_NEW, 0); OBJ(PORT); put(r, NVSW_PORT_A_INTERNAL, NULL, 0);
		put_str(r, NVSW_PORT_A_IFNAME, vary && rnd(2) ? "fi1" : "fi0");
		put_mac(r, NVSW_PORT_A_PIN, 0xfe); put_u32(r, NVSW_PORT_A_VSID, vsid); END();
		break;
	case 10: /* ip link set fp1 master sw0: a port in the default VSID */
		req_rtnl(r, RTM_NEWLINK, 0, ifindex("fp1"));
		put_u32(r, IFLA_MASTER, sw);
		break;
	case 11: SW(NVSW_CMD_PORT_GET, 0); OBJ(PORT);
		put_u32(r, NVSW_PORT_A_IFINDEX, ifindex("fp0")); END(); break;
	case 12: SW(NVSW_CMD_PORT_GET, NLM_F_DUMP); break;
	case 13: case 14:
		SW(vary && rnd(2) ? NVSW_CMD_RECORD_SET : NVSW_CMD_RECORD_NEW, 0); OBJ(RECORD);
		put_u32(r, NVSW_RECORD_A_VSID, vsid);
		if (i == 13) {
			snprintf(a, sizeof(a), "10.0.0.%u", ca);
			put_ip(r, NVSW_RECORD_A_CA, a);
		} else {
			snprintf(a, sizeof(a), "2001:db8:1::%u", ca);
			put_ip6(r, NVSW_RECORD_A_CA, a);
		}
		put_mac(r, NVSW_RECORD_A_MAC, ca);
		if (vary && rnd(2))
			put_ip6(r, NVSW_RECORD_A_PA, "2001:db8:ff::2");
		else
			put_ip(r, NVSW_RECORD_A_PA, vary && rnd(2) ? "192.0.2.1" : "192.0.2.2");
		END();
		break;
	case 15: SW(NVSW_CMD_RECORD_GET, 0); OBJ(RECORD); put_u32(r, NVSW_RECORD_A_VSID, vsid);
		put_ip(r, NVSW_RECORD_A_CA, "10.0.0.2"); END(); break;
	case 16: SW(NVSW_CMD_RECORD_GET, NLM_F_DUMP);
		if (vary && rnd(2)) {
			OBJ(RECORD); put_u32(r, NVSW_RECORD_A_VSID, vsid); END();
		}
		break;
	case 17: case 18:
		SW(NVSW_CMD_VSUBNET_NEW, 0); OBJ(VSUBNET);
		put_u32(r, NVSW_VSUBNET_A_VSID, vsid);
		put_u32(r, NVSW_VSUBNET_A_RDID, vary ? 1 + rnd(2) : 1);
		if (i == 17 || (vary && !rnd(4))) {
			p = nest_start(r, NVSW_VSUBNET_A_PREFIX);
			snprintf(a, sizeof(a), "10.0.%u.0", vsid - 5001);
			put_ip(r, NVSW_PREFIX_A_ADDR, a);
			put_u8(r, NVSW_PREFIX_A_LEN, 24);
			snprintf(a, sizeof(a), "10.0.%u.1", vsid - 5001);
			put_ip(r, NVSW_PREFIX_A_GATEWAY, a);
			nest_end(r, p);
		}
		if (i == 18) {
			p = nest_start(r, NVSW_VSUBNET_A_PREFIX);
			snprintf(a, sizeof(a), "2001:db8:%u::", vsid - 5000);
			put_ip6(r, NVSW_PREFIX_A_ADDR, a);
			put_u8(r, NVSW_PREFIX_A_LEN, 64);
			snprintf(a, sizeof(a), "2001:db8:%u::1", vsid - 5000);
			put_ip6(r, NVSW_PREFIX_A_GATEWAY, a);
			nest_end(r, p);
		}
		END();
		break;
	case 19: SW(NVSW_CMD_VSUBNET_GET, NLM_F_DUMP); break;
	case 20: case 21:
		SW(NVSW_CMD_ROUTE_NEW, 0); OBJ(ROUTE);
		put_u32(r, NVSW_ROUTE_A_RDID, 1);
		p = nest_start(r, NVSW_ROUTE_A_PREFIX);
		if (i == 20) {
			put_ip(r, NVSW_PREFIX_A_ADDR, vary ? PICK(prefixes) : "10.1.0.0");
			put_u8(r, NVSW_PREFIX_A_LEN, vary ? 8 + rnd(25) : 16);
			nest_end(r, p);
			put_ip(r, NVSW_ROUTE_A_NEXTHOP, "10.0.0.2");
		} else {
			put_ip6(r, NVSW_PREFIX_A_ADDR, "2001:db8:99::");
			put_u8(r, NVSW_PREFIX_A_LEN, vary ? rnd(129) : 48);
			nest_end(r, p);
			put_ip6(r, NVSW_ROUTE_A_NEXTHOP, "2001:db8:1::2");
		}
		if (!vary || rnd(2))
			put_u32(r, NVSW_ROUTE_A_VSID, 5001);
		put_u32(r, NVSW_ROUTE_A_METRIC, vary ? rnd(4) : 10);
		END();
		break;
	case 22: SW(NVSW_CMD_ROUTE_GET, NLM_F_DUMP); break;
	case 23: SW(NVSW_CMD_VSID_SET, 0); OBJ(VSID); put_u32(r, NVSW_VSID_A_ID, vsid);
		put_u8(r, NVSW_VSID_A_BUM_MODE, vary ? rnd(2) : 1);
		put_u32(r, NVSW_VSID_A_BUM_RATE, vary ? rnd(1000001) : 100); END(); break;
	case 24: SW(NVSW_CMD_VSID_GET, 0); OBJ(VSID); put_u32(r, NVSW_VSID_A_ID, vsid); END();
		break;
	case 25: SW(NVSW_CMD_VSID_GET, NLM_F_DUMP); break;
	case 26: req_genl(r, NVSW_CMD_SWITCH_GET, 0); put_u32(r, NVSW_A_IFINDEX, sw); break;
	case 27: case 28:
		SW(NVSW_CMD_EXPLAIN, 0); OBJ(EXPLAIN);
		put_u32(r, NVSW_EXPLAIN_A_PORT_IFINDEX, ifindex("fp0"));
		if (vary && !rnd(3)) {
			put_mac(r, NVSW_EXPLAIN_A_MAC, ca);
		} else if (i == 27) {
			snprintf(a, sizeof(a), "10.%u.0.%u", vary ? rnd(2) : 0, ca);
			put_ip(r, NVSW_EXPLAIN_A_CA, a);
		} else {
			put_ip6(r, NVSW_EXPLAIN_A_CA, "2001:db8:99::5");
		}
		put_u32(r, NVSW_EXPLAIN_A_SIZE, vary ? 20 + rnd(65516) : 1400);
		END();
		break;
	case 29: SW(NVSW_CMD_RECORD_DEL, 0); OBJ(RECORD); put_u32(r, NVSW_RECORD_A_VSID, vsid);
		snprintf(a, sizeof(a), "10.0.0.%u", ca); put_ip(r, NVSW_RECORD_A_CA, a); END();
		break;
	case 30: SW(NVSW_CMD_ROUTE_DEL, 0); OBJ(ROUTE); put_u32(r, NVSW_ROUTE_A_RDID, 1);
		p = nest_start(r, NVSW_ROUTE_A_PREFIX);
		put_ip(r, NVSW_PREFIX_A_ADDR, "10.1.0.0"); put_u8(r, NVSW_PREFIX_A_LEN, 16);
		nest_end(r, p);
		put_ip(r, NVSW_ROUTE_A_NEXTHOP, "10.0.0.2");
		put_u32(r, NVSW_ROUTE_A_VSID, 5001);
		END();
		break;
	case 31: SW(NVSW_CMD_VSUBNET_DEL, 0); OBJ(VSUBNET); put_u32(r, NVSW_VSUBNET_A_VSID, vsid);
		if (!vary || rnd(2)) {
			p = nest_start(r, NVSW_VSUBNET_A_PREFIX);
			snprintf(a, sizeof(a), "10.0.%u.0", vsid - 5001);
			put_ip(r, NVSW_PREFIX_A_ADDR, a); put_u8(r, NVSW_PREFIX_A_LEN, 24);
			nest_end(r, p);
		}
		END();
		break;
	case 32: SW(NVSW_CMD_RECORD_FLUSH, 0);
		if (!vary || rnd(2)) {
			OBJ(RECORD); put_u32(r, NVSW_RECORD_A_VSID, vsid); END();
		}
		break;
	case 33: SW(NVSW_CMD_PORT_DEL, 0); OBJ(PORT);
		put_u32(r, NVSW_PORT_A_IFINDEX, ifindex("fp0")); END(); break;
	case 34: /* ip link set fp1 nomaster */
		req_rtnl(r, RTM_NEWLINK, 0, ifindex("fp1"));
		put_u32(r, IFLA_MASTER, 0);
		break;
	case 35: SW(NVSW_CMD_PORT_DEL, 0); OBJ(PORT); put_str(r, NVSW_PORT_A_IFNAME, "fi0"); END();
		break;
	case 36: SW(NVSW_CMD_PA_DEL, 0); OBJ(PA); put_ip6(r, NVSW_PA_A_ADDR, "2001:db8:ff::1"); END();
		break;
	case 37: SW(NVSW_CMD_PA_DEL, 0); OBJ(PA); put_ip(r, NVSW_PA_A_ADDR, "192.0.2.1"); END();
		break;
	case 38: /* ip link get sw0: fill_info */
		req_rtnl(r, RTM_GETLINK, 0, sw);
		break;
	default: /* ip link del sw0 */
		req_rtnl(r, RTM_DELLINK, 0, sw);
		break;
	}
	r->len = 0;
#undef SW
#undef OBJ
#undef END
}

/* Back to nothing: the switch gone (its ports, PAs, records with it). */
static void reset(void)
{
	static const char *const links[] = { "sw0", "fi0", "fi1", "fz0", "fz1",
					     "nvsw_gre6" };
	struct req r;
	unsigned int i;

	for (i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		int idx = ifindex(links[i]);

		if (!idx)
			continue;
		req_rtnl(&r, RTM_DELLINK, 0, idx);
		r.len = 0;
		exchange(&r);
	}
}

/* The scenario up to step N (excluded), from nothing. */
static void setup(int n)
{
	struct req r;
	int i;

	reset();
	for (i = 0; i < n; i++) {
		step(&r, i, 0);
		exchange(&r);
	}
}

/* --- Fuzzing --------------------------------------------------------------- */

static uint64_t interesting(void)
{
	static const uint64_t v[] = {
		0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0xfff, 0x1000, 0x7fff, 0xffff,
		0x10000, 4095, 4096, 5001, 5002, 6001, 0xfffffe, 0xffffff, 0x1000000,
		0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 600000, 600001,
		1000000, 1000001, 64, 65, 128, 129, 24, 32, 33, 19, 20, 65535, 65536,
		0xffffffffffffffffULL, 0x100000000ULL,
	};

	switch (rnd(4)) {
	case 0: return rnd64();
	case 1: return rnd(32);
	default: return PICK(v);
	}
}

static void put_from_policy(struct req *r, int idx, int t, int depth);

/* Attributes of policy @idx, mostly ones it has, into the current nest. */
static void fill_from_policy(struct req *r, int idx, int depth)
{
	int n = rnd(7), t;

	while (n--) {
		do {
			t = 1 + rnd(pol_max[idx] + 1);
		} while (!pol[idx][t].type && rnd(4));
		put_from_policy(r, idx, t, depth);
	}
}

/*
 * A value for attribute @t of policy @idx: mostly right, sometimes off. A
 * nest is filled from its own policy (to @depth nests deep), or garbage.
 */
static void put_from_policy(struct req *r, int idx, int t, int depth)
{
	static const char *const strs[] = { "sw0", "fp0", "fp1", "fi0", "fz0", "lo", "" };
	const struct attr_pol *p = &pol[idx][t];
	unsigned char data[300];
	uint64_t v;
	int len, i;

	for (i = 0; i < (int)sizeof(data); i++)
		data[i] = rnd(256);
	switch (p->type) {
	case NL_ATTR_TYPE_FLAG:
		put(r, t, NULL, rnd(8) ? 0 : 4);
		return;
	case NL_ATTR_TYPE_U8: case NL_ATTR_TYPE_U16: case NL_ATTR_TYPE_U32:
	case NL_ATTR_TYPE_U64: case NL_ATTR_TYPE_S8: case NL_ATTR_TYPE_S16:
	case NL_ATTR_TYPE_S32: case NL_ATTR_TYPE_S64:
		len = p->type == NL_ATTR_TYPE_U8 || p->type == NL_ATTR_TYPE_S8 ? 1 :
		      p->type == NL_ATTR_TYPE_U16 || p->type == NL_ATTR_TYPE_S16 ? 2 :
		      p->type == NL_ATTR_TYPE_U32 || p->type == NL_ATTR_TYPE_S32 ? 4 : 8;
		switch (rnd(6)) {
		case 0: v = p->min; break;
		case 1: v = p->max; break;
		case 2: v = p->max + 1; break;
		case 3: v = p->min - 1; break;
		default:
			v = interesting();
			/* An ifindex, of the switch or of a port, now and then. */
			if (t == 1 && rnd(2))
				v = ifindex(PICK(strs));
		}
		if (!rnd(10))
			len = PICK(((int[]){ 0, 1, 2, 3, 4, 8, 16 }));
		put(r, t, (uint64_t[2]){ v, v }, len);
		return;
	case NL_ATTR_TYPE_STRING: case NL_ATTR_TYPE_NUL_STRING:
		switch (rnd(5)) {
		case 0: put(r, t, data, rnd(300)); return;		/* no NUL */
		case 1: memset(data, 'x', 40); data[15 + rnd(3)] = 0;
			put(r, t, data, 40); return;			/* too long */
		default: put_str(r, t, PICK(strs)); return;
		}
	case NL_ATTR_TYPE_NESTED: case NL_ATTR_TYPE_NESTED_ARRAY:
		if (p->nested > 0 && p->nested < MAX_POLICIES && depth < 3 && rnd(8)) {
			int nest = nest_start(r, t);

			fill_from_policy(r, p->nested, depth + 1);
			nest_end(r, nest);
			return;
		}
		put(r, t | NLA_F_NESTED, data, rnd(64));
		return;
	default:	/* BINARY: exact length mostly, an address inside */
		len = p->max_len ? (rnd(4) ? (int)p->max_len : (int)p->max_len + (int)rnd(3) - 1) :
		      (int)rnd(40);
		if (len == 6 && rnd(2)) {
			put_mac(r, t, 2 + rnd(6));
			return;
		}
		if (len == 16 && rnd(2)) {
			put_ip6(r, t, PICK(((const char *[]){ "2001:db8:ff::1", "2001:db8:ff::2",
				"2001:db8:1::2", "::", "fe80::1", "ff02::1", "::ffff:192.0.2.1" })));
			return;
		}
		put(r, t, data, len < 0 ? 0 : len);
	}
}

/* A request built from the policy: a random command, flags, attributes. */
static void gen_genl(struct req *r)
{
	int cmd = rnd(16) ? ops[rnd(n_ops)] : (int)rnd(256), n, i, t;
	/* Mostly none: genetlink refuses NLM_F_CREATE and the rest (v2). */
	static const int flags[] = { 0, 0, 0, 0, NLM_F_DUMP, NLM_F_DUMP, NLM_F_CREATE,
				     NLM_F_REPLACE, NLM_F_APPEND };

	req_genl(r, cmd, PICK(flags));
	if (rnd(4))
		put_str(r, NVSW_A_IFNAME, rnd(8) ? "sw0" : "fz0");
	n = rnd(5);
	for (i = 0; i < n; i++) {
		if (rnd(10)) {
			do {
				t = 1 + rnd(genl_maxattr);
			} while (!pol[0][t].type && rnd(4));
			put_from_policy(r, 0, t, 0);
		} else {
			/* Not in the policy: unknown, or one only the kernel sends. */
			t = PICK(((int[]){ 0, genl_maxattr + 1, genl_maxattr + 2 + (int)rnd(100),
					   NLA_TYPE_MASK, NVSW_A_SWITCH, NVSW_A_MISS,
					   NVSW_A_FLUSHED }));
			put(r, t | (rnd(4) ? 0 : NLA_F_NESTED), (char[64]){ 0 }, rnd(64));
		}
	}
}

/*
 * RTM_NEWLINK with the nvswitch kind and random IFLA_NVSW_* data: most
 * change sw0, the rest create or delete a second switch.  Never another
 * kind: the kernel would run modprobe for it.
 */
static void gen_rtnl(struct req *r)
{
	static const char *const names[] = { "sw0", "fz0", "fz1" };
	int li, d, i, n, t;
	uint64_t v;

	switch (rnd(10)) {
	case 0:
		req_rtnl(r, RTM_DELLINK, 0, ifindex(names[1 + rnd(2)]));
		return;
	case 1: case 2:
		req_rtnl(r, RTM_NEWLINK, NLM_F_CREATE | (rnd(2) ? NLM_F_EXCL : 0), 0);
		put_str(r, IFLA_IFNAME, PICK(names));
		break;
	default:	/* changelink of sw0 */
		req_rtnl(r, RTM_NEWLINK, 0, ifindex("sw0"));
	}
	li = nest_start(r, IFLA_LINKINFO);
	put_str(r, IFLA_INFO_KIND, "nvswitch");
	d = nest_start(r, rnd(8) ? IFLA_INFO_DATA : IFLA_INFO_SLAVE_DATA);
	r->linkinfo_off = d + NLA_HDRLEN;
	n = rnd(12);
	for (i = 0; i < n; i++) {
		t = rnd(8) ? 1 + (int)rnd(IFLA_NVSW_MAX) : (int)rnd(64);
		v = interesting();
		put(r, t, &v, rnd(6) ? (t == IFLA_NVSW_FLOWID_MODE || t == IFLA_NVSW_DSCP ? 1 : 4) :
		    (int)rnd(9));
	}
	nest_end(r, d);
	nest_end(r, li);
}

/*
 * One to three mutations of a request.  An rtnetlink request is mutated
 * only inside its IFLA_INFO_DATA: the rest of rtnetlink is not ours to
 * fuzz, an attribute turned into IFLA_NET_NS_PID would move links out of
 * the test's namespace, and another kind makes the kernel run modprobe.
 */
static void mutate(struct req *r)
{
	int len = r->nlh.nlmsg_len, lo, n, k, off, lie = -1;
	struct nlattr *nla;

	lo = r->proto == NETLINK_ROUTE ? r->linkinfo_off :
	     (int)NLMSG_LENGTH(GENL_HDRLEN);
	if (r->proto == NETLINK_ROUTE && !lo)
		return;
	n = 1 + rnd(3);
	while (n--) {
		off = lo + rnd(len - lo > 0 ? len - lo : 1);
		off &= ~3;
		nla = (void *)(r->buf + off);
		switch (rnd(11)) {
		case 0:	/* a byte flipped */
			if (len > lo)
				r->buf[lo + rnd(len - lo)] ^= 1 << rnd(8);
			break;
		case 1:	/* an attribute's length: short, long, huge */
			if (off + 4 <= len)
				nla->nla_len = PICK(((int[]){ 0, 1, 3, 4, 5, 7, 8, 0xffff,
					nla->nla_len - 1, nla->nla_len + 1, nla->nla_len + 4,
					len - off + 4 }));
			break;
		case 2:	/* an attribute's type: unknown, nested, or another */
			if (off + 4 <= len)
				nla->nla_type = rnd(2) ? (nla->nla_type ^ NLA_F_NESTED) :
					rnd(2) ? (int)rnd(genl_maxattr + 4) : (int)rnd(65536);
			break;
		case 3:	/* the request cut anywhere */
			if (len > lo)
				r->nlh.nlmsg_len = lo - 4 + rnd(len - lo + 4);
			break;
		case 4:	/* nlmsg_len against what is sent: applied last */
			lie = PICK(((int[]){ 0, 15, 16, 19, 20, len - 1, len + 4,
					     len + 4096, 0xffff }));
			break;
		case 5:	/* a nest of garbage appended */
			if (r->proto == NETLINK_GENERIC) {
				k = nest_start(r, 1 + rnd(genl_maxattr + 2));
				for (n = rnd(4); n; n--)
					put(r, rnd(8), (char[32]){ 1, 2, 3 }, rnd(32));
				nest_end(r, k);
			}
			break;
		case 6:	/* an attribute repeated at the end */
			if (off + 4 <= len && nla->nla_len >= 4 && off + nla->nla_len <= len &&
			    len + NLA_ALIGN(nla->nla_len) < BUF_SIZE - 64 &&
			    r->proto == NETLINK_GENERIC) {
				memcpy(r->buf + len, nla, nla->nla_len);
				r->nlh.nlmsg_len = len + NLA_ALIGN(nla->nla_len);
			}
			break;
		case 7:	/* an attribute's value: huge, zero, or off by one */
			if (off + 8 <= len && nla->nla_len >= 8)
				*(uint32_t *)(nla + 1) = (uint32_t)interesting();
			break;
		case 8:	/* flags and command */
			if (r->proto == NETLINK_GENERIC) {
				r->nlh.nlmsg_flags ^= 1 << rnd(12);
				if (!rnd(4))
					((struct genlmsghdr *)NLMSG_DATA(&r->nlh))->cmd = rnd(40);
				if (!rnd(8))
					((struct genlmsghdr *)NLMSG_DATA(&r->nlh))->version = rnd(256);
			}
			break;
		case 9:	/* an attribute of the policy, in or out of range */
			if (r->proto == NETLINK_GENERIC)
				put_from_policy(r, 0, 1 + rnd(genl_maxattr), 0);
			break;
		default: /* the genl header alone, or less */
			if (r->proto == NETLINK_GENERIC && !rnd(4)) {
				r->nlh.nlmsg_len = NLMSG_HDRLEN + rnd(GENL_HDRLEN + 1);
				r->len = 0;
			}
		}
		len = r->nlh.nlmsg_len;
		if (len > BUF_SIZE - 64)
			r->nlh.nlmsg_len = len = BUF_SIZE - 64;
	}
	/* A header that lies about the length of what is sent. */
	if (lie >= 0) {
		r->len = len < (int)NLMSG_HDRLEN ? (int)NLMSG_HDRLEN : len;
		r->nlh.nlmsg_len = lie;
	}
}

/* Where the time went: the kinds of request that took longest in all,
 * and the fuzzer's own CPU time. */
static void print_slowest(void)
{
	struct rusage ru;
	int i, k, best;

	getrusage(RUSAGE_SELF, &ru);
	printf("# fuzzer CPU time: %ld.%02ld s user, %ld.%02ld s system\n",
	       (long)ru.ru_utime.tv_sec, (long)ru.ru_utime.tv_usec / 10000,
	       (long)ru.ru_stime.tv_sec, (long)ru.ru_stime.tv_usec / 10000);

	printf("# slowest kinds of request:");
	for (i = 0; i < 6; i++) {
		best = -1;
		for (k = 0; k < 512; k++)
			if (kind_count[k] && (best < 0 || kind_time[k] > kind_time[best]))
				best = k;
		if (best < 0 || kind_time[best] < 0.01)
			break;
		printf(" %s %d: %lu in %.1f s;", best >= 256 ? "rtnl type" : "genl cmd",
		       best >= 256 ? best - 256 : best, kind_count[best],
		       kind_time[best]);
		kind_time[best] = -1;
	}
	printf("\n");
}

/*
 * A step of the scenario, those that make or delete a netdev (the switch,
 * an internal port, a port's promiscuous mode) an eighth as often as the
 * rest: each costs some twenty other requests (measured under emulation:
 * 5 ms against 0.2), and the rest is where the parsing is.
 */
static int pick_step(void)
{
	int s;

	for (;;) {
		s = rnd(N_STEPS);
		switch (s) {
		case 0: case 8: case 9: case 10: case 33: case 34: case 35: case 39:
			if (rnd(8))
				continue;
		}
		return s;
	}
}

static int fuzz(unsigned long long seed, unsigned long count)
{
	unsigned long i, kind[4] = { 0 };
	struct timespec t0, t1;
	struct req r;
	int k;

	rnd_seed(seed);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	setup(0);
	for (i = 0; i < count; i++) {
		/* Now and then the scenario's creations: valid requests meet state. */
		if (i % 2000 == 0) {
			int s;

			for (s = 0; s < 29; s++) {
				step(&r, s, 1);
				exchange(&r);
			}
		}
		k = rnd(100);
		if (k < 30) {
			step(&r, pick_step(), 1);
			kind[0]++;
		} else if (k < 65) {
			step(&r, pick_step(), 1);
			mutate(&r);
			kind[1]++;
		} else if (k < 95) {
			gen_genl(&r);
			if (rnd(3) == 0)
				mutate(&r);
			kind[2]++;
		} else {
			gen_rtnl(&r);
			if (rnd(2))
				mutate(&r);
			kind[3]++;
		}
		exchange(&r);
		if (i && i % 10000 == 0) {
			clock_gettime(CLOCK_MONOTONIC, &t1);
			printf("# %lu requests, %ld s\n", i, (long)(t1.tv_sec - t0.tv_sec));
			fflush(stdout);
		}
	}
	reset();
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("# seed %llu: %lu requests in %ld s: %lu valid scenario steps, %lu mutated, "
	       "%lu from the policy, %lu rtnetlink link kind\n", seed, n_sent,
	       (long)(t1.tv_sec - t0.tv_sec), kind[0], kind[1], kind[2], kind[3]);
	printf("# answers: %lu ok, %lu dump messages, %lu without an error message",
	       answers[0], n_data, n_noreply);
	for (k = 1; k < 4096; k++)
		if (answers[k])
			printf(", %lu %s", answers[k], strerrorname_np(k) ?: "?");
	printf("\n");
	print_slowest();
	return 0;
}

/* --- fail_nth -------------------------------------------------------------- */

static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY), ok;

	if (fd < 0)
		return -1;
	ok = write(fd, s, strlen(s)) == (ssize_t)strlen(s);
	close(fd);
	return ok ? 0 : -1;
}

/*
 * For each step of the scenario, from nothing up to the step before it:
 * the step with its first allocation failing, then its second... until
 * one runs with none failing (fail-nth still armed afterwards).  Needs
 * CONFIG_FAULT_INJECTION with failslab and fail_page_alloc (the debug
 * kernel): otherwise it says so and exits with KSFT_SKIP.
 */
static int failnth(void)
{
	static const char *const knobs[][2] = {
		/* GFP_KERNEL allocations too, and no stack dump per failure. */
		{ "/sys/kernel/debug/failslab/ignore-gfp-wait", "N" },
		{ "/sys/kernel/debug/failslab/verbose", "0" },
		{ "/sys/kernel/debug/fail_page_alloc/ignore-gfp-wait", "N" },
		{ "/sys/kernel/debug/fail_page_alloc/ignore-gfp-highmem", "N" },
		{ "/sys/kernel/debug/fail_page_alloc/verbose", "0" },
	};
	unsigned long injected = 0, failed_ok = 0, total_steps = 0;
	char path[64], val[32];
	struct req r;
	int fd, i, n, ret, rc = 0;
	unsigned int k;

	snprintf(path, sizeof(path), "/proc/self/task/%d/fail-nth", gettid());
	fd = open(path, O_RDWR);
	if (fd < 0) {
		printf("# SKIP fail_nth: %s: %s (needs CONFIG_FAULT_INJECTION and "
		       "CONFIG_FAULT_INJECTION_DEBUG_FS: the debug kernel)\n", path, strerror(errno));
		return KSFT_SKIP;
	}
	for (k = 0; k < sizeof(knobs) / sizeof(knobs[0]); k++) {
		if (write_file(knobs[k][0], knobs[k][1])) {
			printf("# SKIP fail_nth: cannot write %s (needs CONFIG_FAILSLAB and "
			       "CONFIG_FAIL_PAGE_ALLOC, and debugfs mounted)\n", knobs[k][0]);
			return KSFT_SKIP;
		}
	}
	for (i = 0; i < N_STEPS; i++) {
		for (n = 1; n < 2000; n++) {
			setup(i);
			step(&r, i, 0);
			/* Armed last: the step's own sendmsg is the first call counted. */
			snprintf(val, sizeof(val), "%d", n);
			if (pwrite(fd, val, strlen(val), 0) < 0)
				die("write %s: %s", path, strerror(errno));
			ret = exchange(&r);
			memset(val, 0, sizeof(val));
			if (pread(fd, val, sizeof(val) - 1, 0) < 0)
				die("read %s: %s", path, strerror(errno));
			if (pwrite(fd, "0", 1, 0) < 0)
				die("disarm %s: %s", path, strerror(errno));
			total_steps++;
			if (atoi(val) != 0)
				break;	/* nothing left to fail in this step */
			injected++;
			if (ret < 0)
				failed_ok++;
		}
		if (n == 2000) {
			printf("# step %d: its 2000th allocation still failed: a retry loop?\n", i);
			rc = 1;
		}
		printf("# step %d: %d allocations failed one at a time\n", i, n - 1);
		fflush(stdout);
	}
	reset();
	printf("# fail_nth: %d steps, %lu failures injected (%lu answered with an error), "
	       "%lu requests\n", N_STEPS, injected, failed_ok, n_sent);
	return rc;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	fd_genl = nl_open(NETLINK_GENERIC);
	fd_rtnl = nl_open(NETLINK_ROUTE);
	fd_query = nl_open(NETLINK_ROUTE);
	family_resolve();
	policy_resolve();
	if (argc == 4 && !strcmp(argv[1], "fuzz"))
		return fuzz(strtoull(argv[2], NULL, 0), strtoul(argv[3], NULL, 0));
	if (argc == 2 && !strcmp(argv[1], "failnth"))
		return failnth();
	fprintf(stderr, "usage: %s fuzz SEED COUNT | failnth\n", argv[0]);
	return 2;
}
