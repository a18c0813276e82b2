// SPDX-License-Identifier: GPL-2.0
/*
 * nvsw_genl_test: the "nvswitch" generic netlink family against malformed
 * and unauthorised requests, over raw netlink sockets.
 *
 * Every rejection must carry the exact errno and an extack message
 * (NLMSGERR_ATTR_MSG); where the kernel names an attribute (its offset, or
 * a missing one's type and nest) the test checks it is the right one: the
 * request's objects are nests, so an attribute is named by its path, the
 * top-level attribute and the one inside its nest. After each rejection a
 * snapshot of the switch (switch-get, pa-get and record-get dumps) must be
 * what it was before.
 *
 * Each test runs in its own child (kselftest_harness) in a new netns with
 * one switch sw0, PA 192.0.2.1, a port p1 in VSID 5001 and one record.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <grp.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include <linux/nvswitch.h>

#include "kselftest_harness.h"

/* NLA_OK/NLA_NEXT as rtnetlink.h has them for rtattr. */
#ifndef NLA_OK
#define NLA_OK(a, len) ((len) >= (int)sizeof(struct nlattr) && \
			(a)->nla_len >= sizeof(struct nlattr) && (a)->nla_len <= (len))
#define NLA_NEXT(a, len) ((len) -= NLA_ALIGN((a)->nla_len), \
			  (struct nlattr *)((char *)(a) + NLA_ALIGN((a)->nla_len)))
#endif

#define BUF_SIZE	(1 << 16)
#define SNAP_SIZE	(1 << 20)

struct req {
	union {
		struct nlmsghdr nlh;
		char buf[4096];
	};
};

/* What the kernel answered to one request. */
struct reply {
	int error;		/* 0 or a positive errno */
	char msg[256];		/* NLMSGERR_ATTR_MSG, "" when absent */
	/* The attribute at NLMSGERR_ATTR_OFFS: its path, or -1s. */
	int bad_outer, bad_inner;
	/* NLMSGERR_ATTR_MISS_TYPE, and the type of the nest it misses from. */
	int miss_outer, miss_inner;
	int dump_intr;		/* some message had NLM_F_DUMP_INTR */
	int n_msgs;		/* data messages received */
};

#define REPLY_INIT { .bad_outer = -1, .bad_inner = -1, .miss_outer = -1, \
		     .miss_inner = -1 }

static int family_id;

static int nl_open(void)
{
	int one = 1, fd;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	return fd;
}

static void req_init(struct req *r, int family, int cmd, int flags)
{
	struct genlmsghdr *g;

	memset(r, 0, sizeof(*r));
	r->nlh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	r->nlh.nlmsg_type = family;
	r->nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	r->nlh.nlmsg_seq = 1;
	g = NLMSG_DATA(&r->nlh);
	g->cmd = cmd;
	g->version = NVSW_GENL_VERSION;
}

/* Appends an attribute of any length: the tests lie about sizes on purpose. */
static struct nlattr *put(struct req *r, int type, const void *data, int len)
{
	struct nlattr *nla = (void *)r->buf + NLMSG_ALIGN(r->nlh.nlmsg_len);

	nla->nla_type = type;
	nla->nla_len = NLA_HDRLEN + len;
	if (len)
		memcpy((char *)nla + NLA_HDRLEN, data, len);
	r->nlh.nlmsg_len = NLMSG_ALIGN(r->nlh.nlmsg_len) + NLA_ALIGN(nla->nla_len);
	return nla;
}

static void put_u32(struct req *r, int type, unsigned int v)
{
	put(r, type, &v, 4);
}

static void put_str(struct req *r, int type, const char *s)
{
	put(r, type, s, strlen(s) + 1);
}

/* An address attribute: 16 bytes, an IPv4 address IPv4-mapped. */
static void put_ip(struct req *r, int type, const char *a)
{
	struct in6_addr in6 = { .s6_addr = { [10] = 0xff, [11] = 0xff } };

	if (!strchr(a, ':'))
		inet_pton(AF_INET, a, &in6.s6_addr[12]);
	else
		inet_pton(AF_INET6, a, &in6);
	put(r, type, &in6, sizeof(in6));
}

static void put_mac(struct req *r, int type, const char *mac)
{
	unsigned char m[6];

	sscanf(mac, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &m[0], &m[1], &m[2],
	       &m[3], &m[4], &m[5]);
	put(r, type, m, 6);
}

/* Opens a nest; nest_end() closes it once its attributes are in. */
static struct nlattr *nest_start(struct req *r, int type)
{
	return put(r, type | NLA_F_NESTED, NULL, 0);
}

static void nest_end(struct req *r, struct nlattr *nest)
{
	nest->nla_len = r->buf + r->nlh.nlmsg_len - (char *)nest;
}

/*
 * The path of the attribute at offset @off of the request: the top-level
 * attribute that holds it, and its type inside that nest (-1 when it is the
 * top-level attribute itself).
 */
static void attr_path(const struct req *sent, unsigned int off, int *outer,
		      int *inner)
{
	unsigned int at = NLMSG_LENGTH(GENL_HDRLEN);

	*outer = -1;
	*inner = -1;
	while (at + NLA_HDRLEN <= sent->nlh.nlmsg_len) {
		const struct nlattr *a = (const void *)(sent->buf + at);

		if (a->nla_len < NLA_HDRLEN)
			return;
		if (off >= at && off < at + a->nla_len) {
			*outer = a->nla_type & NLA_TYPE_MASK;
			if (off > at)
				*inner = ((const struct nlattr *)(sent->buf + off))->nla_type &
					 NLA_TYPE_MASK;
			return;
		}
		at += NLA_ALIGN(a->nla_len);
	}
}

static void parse_extack(const struct nlmsghdr *nlh, const struct req *sent,
			 int off, struct reply *rep)
{
	const struct nlattr *a;
	int left = nlh->nlmsg_len - off;

	for (a = (void *)nlh + off; left >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
	     a->nla_len <= left; left -= NLA_ALIGN(a->nla_len),
	     a = (void *)a + NLA_ALIGN(a->nla_len)) {
		const void *d = (const char *)a + NLA_HDRLEN;

		switch (a->nla_type & NLA_TYPE_MASK) {
		case NLMSGERR_ATTR_MSG:
			snprintf(rep->msg, sizeof(rep->msg), "%.*s",
				 (int)(a->nla_len - NLA_HDRLEN), (const char *)d);
			break;
		case NLMSGERR_ATTR_OFFS: {
			unsigned int o = *(const unsigned int *)d;

			if (sent && o + NLA_HDRLEN <= sent->nlh.nlmsg_len)
				attr_path(sent, o, &rep->bad_outer, &rep->bad_inner);
			break;
		}
		case NLMSGERR_ATTR_MISS_TYPE:
			rep->miss_inner = *(const unsigned int *)d;
			break;
		case NLMSGERR_ATTR_MISS_NEST: {
			unsigned int o = *(const unsigned int *)d;
			int unused;

			if (sent && o + NLA_HDRLEN <= sent->nlh.nlmsg_len)
				attr_path(sent, o, &rep->miss_outer, &unused);
			break;
		}
		}
	}
	/* Missing at the top: no nest, the type is the outer one. */
	if (rep->miss_inner >= 0 && rep->miss_outer < 0) {
		rep->miss_outer = rep->miss_inner;
		rep->miss_inner = -1;
	}
}

/*
 * Appends a data message to a snapshot: its attributes, but not the
 * switch's counters (in switch-get), which move on their own (the switch
 * device's own IPv6 traffic is counted as a drop).
 */
static void snap_add(char *snap, size_t *snap_len, const struct nlmsghdr *nlh)
{
	const struct nlattr *a = (const void *)((const char *)NLMSG_DATA(nlh) + GENL_HDRLEN);
	int left = nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);

	for (; NLA_OK(a, left); a = NLA_NEXT(a, left)) {
		const struct nlattr *in = (const void *)((const char *)a + NLA_HDRLEN);
		int in_left = a->nla_len - NLA_HDRLEN;

		if ((a->nla_type & NLA_TYPE_MASK) != NVSW_A_SWITCH) {
			if (*snap_len + a->nla_len <= SNAP_SIZE) {
				memcpy(snap + *snap_len, a, a->nla_len);
				*snap_len += a->nla_len;
			}
			continue;
		}
		for (; NLA_OK(in, in_left); in = NLA_NEXT(in, in_left)) {
			if ((in->nla_type & NLA_TYPE_MASK) == NVSW_SWITCH_A_STATS ||
			    *snap_len + in->nla_len > SNAP_SIZE)
				continue;
			memcpy(snap + *snap_len, in, in->nla_len);
			*snap_len += in->nla_len;
		}
	}
}

/*
 * Reads until the ack or NLMSG_DONE of the request. Data messages are
 * appended to snap (their attributes only) when given. max_batches > 0
 * stops after that many recv() calls (for the interrupted dump).
 */
static int recv_reply(int fd, const struct req *sent, struct reply *rep,
		      char *snap, size_t *snap_len, int max_batches)
{
	static char buf[BUF_SIZE];
	int batches = 0;

	for (;;) {
		struct nlmsghdr *nlh;
		int n;

		if (max_batches && batches == max_batches)
			return 1;
		n = recv(fd, buf, sizeof(buf), 0);
		batches++;
		if (n < 0)
			return -1;
		for (nlh = (void *)buf; NLMSG_OK(nlh, n); nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
				rep->dump_intr = 1;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(nlh);
				int off = NLMSG_HDRLEN + sizeof(*e);

				rep->error = -e->error;
				if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
					off += e->msg.nlmsg_len - NLMSG_HDRLEN;
				if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
					parse_extack(nlh, sent, off, rep);
				return 0;
			}
			if (nlh->nlmsg_type == NLMSG_DONE) {
				int err = *(int *)NLMSG_DATA(nlh);

				rep->error = err < 0 ? -err : 0;
				if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
					parse_extack(nlh, sent, NLMSG_HDRLEN + sizeof(int), rep);
				/* The end of a dump: no ack follows, even if asked. */
				return 0;
			}
			rep->n_msgs++;
			if (snap)
				snap_add(snap, snap_len, nlh);
		}
	}
}

static int send_req(int fd, struct req *r)
{
	return send(fd, r->buf, r->nlh.nlmsg_len, 0) == r->nlh.nlmsg_len ? 0 : -1;
}

static struct reply xfer(int fd, struct req *r)
{
	struct reply rep = REPLY_INIT;

	if (send_req(fd, r) || recv_reply(fd, r, &rep, NULL, NULL, 0) < 0)
		rep.error = -1;
	return rep;
}

static int resolve_family(int fd)
{
	static char buf[BUF_SIZE];
	struct nlattr *a;
	struct req r;
	int n, left;

	req_init(&r, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 0);
	r.nlh.nlmsg_flags = NLM_F_REQUEST;
	put_str(&r, CTRL_ATTR_FAMILY_NAME, NVSW_GENL_NAME);
	if (send_req(fd, &r))
		return -1;
	n = recv(fd, buf, sizeof(buf), 0);
	if (n < (int)NLMSG_LENGTH(GENL_HDRLEN) ||
	    ((struct nlmsghdr *)buf)->nlmsg_type != GENL_ID_CTRL)
		return -1;
	left = ((struct nlmsghdr *)buf)->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
	for (a = (void *)buf + NLMSG_LENGTH(GENL_HDRLEN); NLA_OK(a, left);
	     a = NLA_NEXT(a, left))
		if (a->nla_type == CTRL_ATTR_FAMILY_ID)
			return *(unsigned short *)((char *)a + NLA_HDRLEN);
	return -1;
}

static int run(const char *cmd)
{
	int rc = system(cmd);

	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/* A request naming sw0 by name. */
static void sw_req(struct req *r, int cmd, int flags)
{
	req_init(r, family_id, cmd, flags);
	put_str(r, NVSW_A_IFNAME, "sw0");
}

/* A pa-new, pa-del or pa-get of one PA. */
static void pa_req(struct req *r, int cmd, const char *pa)
{
	struct nlattr *nest;

	sw_req(r, cmd, 0);
	nest = nest_start(r, NVSW_A_PA);
	put_ip(r, NVSW_PA_A_ADDR, pa);
	nest_end(r, nest);
}

/* No VSID in a port request. */
#define NO_VSID	-1LL

/* A port request: the device by ifindex, and the VSID unless NO_VSID. */
static void port_req(struct req *r, int cmd, int ifindex, long long vsid)
{
	struct nlattr *nest;

	sw_req(r, cmd, 0);
	nest = nest_start(r, NVSW_A_PORT);
	put_u32(r, NVSW_PORT_A_IFINDEX, ifindex);
	if (vsid != NO_VSID)
		put_u32(r, NVSW_PORT_A_VSID, vsid);
	nest_end(r, nest);
}

/*
 * A record request: (vsid, ca), and with mac and pa (not NULL) what it
 * maps to. The record nest is left open, for a test to add to: close it
 * with nest_end(r, the returned nest).
 */
static struct nlattr *record_open(struct req *r, int cmd, unsigned int vsid,
				  const char *ca, const char *mac, const char *pa)
{
	struct nlattr *nest;

	sw_req(r, cmd, 0);
	nest = nest_start(r, NVSW_A_RECORD);
	put_u32(r, NVSW_RECORD_A_VSID, vsid);
	if (ca)
		put_ip(r, NVSW_RECORD_A_CA, ca);
	if (mac)
		put_mac(r, NVSW_RECORD_A_MAC, mac);
	if (pa)
		put_ip(r, NVSW_RECORD_A_PA, pa);
	return nest;
}

static void record_req(struct req *r, unsigned int vsid, const char *ca,
		       const char *mac, const char *pa)
{
	nest_end(r, record_open(r, NVSW_CMD_RECORD_NEW, vsid, ca, mac, pa));
}

/* The state a rejected request must not touch, as bytes. */
static size_t snapshot(int fd, char *snap)
{
	static const int dumps[] = { NVSW_CMD_SWITCH_GET, NVSW_CMD_PA_GET,
				     NVSW_CMD_RECORD_GET };
	size_t len = 0;
	unsigned int i;

	for (i = 0; i < sizeof(dumps) / sizeof(dumps[0]); i++) {
		struct reply rep = REPLY_INIT;
		struct req r;

		req_init(&r, family_id, dumps[i], NLM_F_DUMP);
		if (dumps[i] != NVSW_CMD_SWITCH_GET)
			put_str(&r, NVSW_A_IFNAME, "sw0");
		if (send_req(fd, &r) || recv_reply(fd, &r, &rep, snap, &len, 0) ||
		    rep.error)
			return 0;
	}
	return len;
}

FIXTURE(sw) {
	int fd;
	int port_ifindex;
	char *before, *after;
	size_t before_len;
};

FIXTURE_SETUP(sw)
{
	struct reply rep;
	struct req r;

	if (geteuid())
		SKIP(return, "needs root");
	run("modprobe -q veth; modprobe -q nvswitch");
	ASSERT_EQ(0, unshare(CLONE_NEWNET));
	self->fd = nl_open();
	ASSERT_LE(0, self->fd);
	family_id = resolve_family(self->fd);
	if (family_id < 0)
		SKIP(return, "no genl family %s (module not loaded?)", NVSW_GENL_NAME);
	ASSERT_EQ(0, run("ip link add sw0 type nvswitch && ip link set sw0 up && "
			 "ip link add p1 type veth peer name p1x"));
	self->port_ifindex = if_nametoindex("p1");
	ASSERT_LT(0, self->port_ifindex);

	pa_req(&r, NVSW_CMD_PA_NEW, "192.0.2.1");
	rep = xfer(self->fd, &r);
	ASSERT_EQ(0, rep.error) TH_LOG("pa-new: %s", rep.msg);
	port_req(&r, NVSW_CMD_PORT_NEW, self->port_ifindex, 5001);
	rep = xfer(self->fd, &r);
	ASSERT_EQ(0, rep.error) TH_LOG("port-new: %s", rep.msg);
	record_req(&r, 5001, "10.0.0.2", "02:00:00:00:50:02", "192.0.2.2");
	rep = xfer(self->fd, &r);
	ASSERT_EQ(0, rep.error) TH_LOG("record-new: %s", rep.msg);

	self->before = malloc(SNAP_SIZE);
	self->after = malloc(SNAP_SIZE);
	ASSERT_NE(NULL, self->before);
	ASSERT_NE(NULL, self->after);
	self->before_len = snapshot(self->fd, self->before);
	ASSERT_LT(0, self->before_len);
}

FIXTURE_TEARDOWN(sw)
{
	/* The netns, and with it the switch, goes with this child. */
}

/*
 * Whether an error to a dump names the attribute it is about. 6.1's netlink
 * core sends a dump's extack message but neither NLMSGERR_ATTR_OFFS nor
 * NLMSGERR_ATTR_MISS_TYPE; 6.12's sends both. Requests that are not dumps
 * name their attribute on every kernel.
 */
static bool names_attribute(const struct req *r)
{
	struct utsname u;
	int major = 0, minor = 0;

	if ((r->nlh.nlmsg_flags & NLM_F_DUMP) != NLM_F_DUMP)
		return true;
	if (uname(&u) || sscanf(u.release, "%d.%d", &major, &minor) != 2)
		return true;
	return major > 6 || (major == 6 && minor >= 12);
}

/* No attribute named: EXPECT_REJECT's _outer. */
#define NONE	-2

/*
 * The request must fail with err, with an extack message containing msg
 * (any message when msg is NULL), naming the attribute at path (_outer,
 * _inner) by offset or as missing (_inner -1: the top-level attribute
 * _outer itself; _outer NONE: no check), and change nothing.
 */
#define EXPECT_REJECT(_r, _err, _msg, _outer, _inner) do {			\
	struct reply __rep = xfer(self->fd, (_r));				\
	const char *__want = (_msg);						\
	size_t __len;								\
										\
	EXPECT_EQ((_err), __rep.error)						\
		TH_LOG("errno %d (%s), message \"%s\"", __rep.error,		\
		       strerror(__rep.error), __rep.msg);			\
	EXPECT_NE(0, __rep.msg[0]) TH_LOG("no extack message");		\
	EXPECT_EQ(NULL, strstr(__rep.msg, "NVSW_A_"))				\
		TH_LOG("message \"%s\" names a uapi attribute", __rep.msg);	\
	if (__want)								\
		EXPECT_NE(NULL, strstr(__rep.msg, __want))			\
			TH_LOG("message \"%s\", want \"%s\"", __rep.msg, __want); \
	if ((_outer) != NONE && names_attribute(_r))				\
		EXPECT_TRUE((__rep.bad_outer == (_outer) &&			\
			     __rep.bad_inner == (_inner)) ||			\
			    (__rep.miss_outer == (_outer) &&			\
			     __rep.miss_inner == (_inner)))			\
			TH_LOG("names %d.%d (offset) / %d.%d (missing), want %d.%d", \
			       __rep.bad_outer, __rep.bad_inner,		\
			       __rep.miss_outer, __rep.miss_inner,		\
			       (_outer), (_inner));				\
	__len = snapshot(self->fd, self->after);				\
	EXPECT_EQ(self->before_len, __len);					\
	EXPECT_EQ(0, memcmp(self->before, self->after, __len))			\
		TH_LOG("the switch changed");					\
} while (0)

/* What the kernel says when a request leaves out a required attribute. */
struct missing {
	int cmd, flags;
	int nest;		/* the object's nest, 0: none in the request */
	unsigned int have;	/* bit n: attribute n of the nest is in it */
	int outer, inner;	/* the one reported missing */
	const char *msg;
};

#define SWITCH	"Missing the switch"
#define OBJECT	"Missing the object"
#define B(x)	(1u << (x))
#define REC_ALL	(B(NVSW_RECORD_A_VSID) | B(NVSW_RECORD_A_CA) | B(NVSW_RECORD_A_MAC) | \
		 B(NVSW_RECORD_A_PA))

static const struct missing missing[] = {
	{ NVSW_CMD_SWITCH_GET, 0, 0, 0, NVSW_A_IFNAME, -1, SWITCH },
	{ NVSW_CMD_PA_NEW, 0, 0, 0, NVSW_A_PA, -1, OBJECT },
	{ NVSW_CMD_PA_NEW, 0, NVSW_A_PA, 0, NVSW_A_PA, NVSW_PA_A_ADDR,
	  "Missing the provider address" },
	{ NVSW_CMD_PA_DEL, 0, NVSW_A_PA, 0, NVSW_A_PA, NVSW_PA_A_ADDR,
	  "Missing the provider address" },
	{ NVSW_CMD_PA_GET, 0, NVSW_A_PA, 0, NVSW_A_PA, NVSW_PA_A_ADDR,
	  "Missing the provider address" },
	{ NVSW_CMD_PORT_NEW, 0, 0, 0, NVSW_A_PORT, -1, OBJECT },
	{ NVSW_CMD_PORT_NEW, 0, NVSW_A_PORT, B(NVSW_PORT_A_VSID), NVSW_A_PORT,
	  NVSW_PORT_A_IFINDEX, "Missing the port" },
	{ NVSW_CMD_PORT_NEW, 0, NVSW_A_PORT, B(NVSW_PORT_A_IFINDEX), NVSW_A_PORT,
	  NVSW_PORT_A_VSID, "Missing the port's VSID" },
	{ NVSW_CMD_PORT_DEL, 0, NVSW_A_PORT, 0, NVSW_A_PORT, NVSW_PORT_A_IFINDEX,
	  "Missing the port" },
	{ NVSW_CMD_PORT_GET, 0, NVSW_A_PORT, 0, NVSW_A_PORT, NVSW_PORT_A_IFINDEX,
	  "Missing the port" },
	{ NVSW_CMD_RECORD_NEW, 0, 0, 0, NVSW_A_RECORD, -1, OBJECT },
	{ NVSW_CMD_RECORD_NEW, 0, NVSW_A_RECORD, REC_ALL & ~B(NVSW_RECORD_A_VSID),
	  NVSW_A_RECORD, NVSW_RECORD_A_VSID, "Missing the VSID" },
	{ NVSW_CMD_RECORD_NEW, 0, NVSW_A_RECORD, REC_ALL & ~B(NVSW_RECORD_A_CA),
	  NVSW_A_RECORD, NVSW_RECORD_A_CA, "Missing the customer address" },
	{ NVSW_CMD_RECORD_NEW, 0, NVSW_A_RECORD, REC_ALL & ~B(NVSW_RECORD_A_MAC),
	  NVSW_A_RECORD, NVSW_RECORD_A_MAC, "Missing the VM's MAC address" },
	{ NVSW_CMD_RECORD_NEW, 0, NVSW_A_RECORD, REC_ALL & ~B(NVSW_RECORD_A_PA),
	  NVSW_A_RECORD, NVSW_RECORD_A_PA, "Missing the provider address" },
	{ NVSW_CMD_RECORD_SET, 0, NVSW_A_RECORD, REC_ALL & ~B(NVSW_RECORD_A_PA),
	  NVSW_A_RECORD, NVSW_RECORD_A_PA, "Missing the provider address" },
	{ NVSW_CMD_RECORD_DEL, 0, NVSW_A_RECORD, B(NVSW_RECORD_A_CA),
	  NVSW_A_RECORD, NVSW_RECORD_A_VSID, "Missing the VSID" },
	{ NVSW_CMD_RECORD_DEL, 0, NVSW_A_RECORD, B(NVSW_RECORD_A_VSID),
	  NVSW_A_RECORD, NVSW_RECORD_A_CA, "Missing the customer address" },
	{ NVSW_CMD_RECORD_GET, 0, NVSW_A_RECORD, B(NVSW_RECORD_A_VSID),
	  NVSW_A_RECORD, NVSW_RECORD_A_CA, "Missing the customer address" },
	{ NVSW_CMD_RECORD_GET, NLM_F_DUMP, -1, 0, NVSW_A_IFNAME, -1, SWITCH },
	{ NVSW_CMD_PA_GET, NLM_F_DUMP, -1, 0, NONE, -1, SWITCH },
	{ NVSW_CMD_PORT_GET, NLM_F_DUMP, -1, 0, NONE, -1, SWITCH },
	{ NVSW_CMD_RECORD_FLUSH, 0, -1, 0, NVSW_A_IFNAME, -1, SWITCH },
	{ NVSW_CMD_VSID_GET, 0, 0, 0, NVSW_A_VSID, -1, OBJECT },
	{ NVSW_CMD_VSID_GET, 0, NVSW_A_VSID, 0, NVSW_A_VSID, NVSW_VSID_A_ID,
	  "Missing the VSID" },
	{ NVSW_CMD_VSID_GET, NLM_F_DUMP, -1, 0, NONE, -1, SWITCH },
	{ NVSW_CMD_VSID_SET, 0, NVSW_A_VSID, B(NVSW_VSID_A_ID), NVSW_A_VSID,
	  NVSW_VSID_A_BUM_MODE, "Nothing to set" },
	{ NVSW_CMD_VSID_SET, 0, NVSW_A_VSID, 0, NVSW_A_VSID, NVSW_VSID_A_ID,
	  "Missing the VSID" },
	{ NVSW_CMD_VSUBNET_NEW, 0, NVSW_A_VSUBNET, 0, NVSW_A_VSUBNET,
	  NVSW_VSUBNET_A_VSID, "Missing the VSID" },
	{ NVSW_CMD_ROUTE_NEW, 0, NVSW_A_ROUTE, 0, NVSW_A_ROUTE,
	  NVSW_ROUTE_A_RDID, "Missing the routing domain" },
	{ NVSW_CMD_EXPLAIN, 0, NVSW_A_EXPLAIN, 0, NVSW_A_EXPLAIN,
	  NVSW_EXPLAIN_A_PORT_IFINDEX, "Missing the sending port" },
};

/* Adds the attributes of @have to the nest of a missing[] request. */
static void put_have(struct req *r, const struct missing *m, int port_ifindex)
{
	if (m->have & B(1))	/* vsid, port ifindex, PA addr, VSID id, ... */
		switch (m->nest) {
		case NVSW_A_PORT:
			put_u32(r, NVSW_PORT_A_IFINDEX, port_ifindex);
			break;
		case NVSW_A_PA:
			put_ip(r, NVSW_PA_A_ADDR, "192.0.2.9");
			break;
		default:
			put_u32(r, 1, 5001);	/* record vsid, VSID id */
		}
	if (m->nest == NVSW_A_PORT && m->have & B(NVSW_PORT_A_VSID))
		put_u32(r, NVSW_PORT_A_VSID, 5001);
	if (m->nest != NVSW_A_RECORD)
		return;
	if (m->have & B(NVSW_RECORD_A_CA))
		put_ip(r, NVSW_RECORD_A_CA, "10.0.0.9");
	if (m->have & B(NVSW_RECORD_A_MAC))
		put_mac(r, NVSW_RECORD_A_MAC, "02:00:00:00:50:09");
	if (m->have & B(NVSW_RECORD_A_PA))
		put_ip(r, NVSW_RECORD_A_PA, "192.0.2.9");
}

TEST_F(sw, missing_attributes)
{
	unsigned int i;

	for (i = 0; i < sizeof(missing) / sizeof(missing[0]); i++) {
		const struct missing *m = &missing[i];
		struct nlattr *nest;
		struct req r;

		TH_LOG("cmd %d, flags %#x, nest %d with %#x: want %s", m->cmd,
		       m->flags, m->nest, m->have, m->msg);
		req_init(&r, family_id, m->cmd, m->flags);
		if (m->nest >= 0 && strcmp(m->msg, SWITCH))
			put_str(&r, NVSW_A_IFNAME, "sw0");
		if (m->nest > 0) {
			nest = nest_start(&r, m->nest);
			put_have(&r, m, self->port_ifindex);
			nest_end(&r, nest);
		}
		EXPECT_REJECT(&r, EINVAL, m->msg, m->outer, m->inner);
	}
}

TEST_F(sw, wrong_types_and_lengths)
{
	unsigned char u8 = 2, mac5[5] = { 2, 0, 0, 0, 0x50 }, four[4] = { 10 };
	char noterm[3] = { 's', 'w', '0' };
	struct nlattr *nest;
	char longname[32];
	struct req r;

	/* u32 given as u8 */
	req_init(&r, family_id, NVSW_CMD_SWITCH_GET, 0);
	put(&r, NVSW_A_IFINDEX, &u8, 1);
	EXPECT_REJECT(&r, EINVAL, "invalid attribute length", NVSW_A_IFINDEX, -1);

	nest = record_open(&r, NVSW_CMD_RECORD_NEW, 5001, "10.0.0.9",
			   "02:00:00:00:50:09", "192.0.2.9");
	put(&r, NVSW_RECORD_A_VSID, &u8, 1);	/* a second, short VSID */
	nest_end(&r, nest);
	EXPECT_REJECT(&r, EINVAL, "invalid attribute length", NVSW_A_RECORD,
		      NVSW_RECORD_A_VSID);

	/* An address of 4 bytes: addresses are 16, IPv4 ones IPv4-mapped. */
	sw_req(&r, NVSW_CMD_PA_NEW, 0);
	nest = nest_start(&r, NVSW_A_PA);
	put(&r, NVSW_PA_A_ADDR, four, sizeof(four));
	nest_end(&r, nest);
	EXPECT_REJECT(&r, ERANGE, "binary attribute size out of range", NVSW_A_PA,
		      NVSW_PA_A_ADDR);

	/* a MAC of 5 bytes */
	nest = record_open(&r, NVSW_CMD_RECORD_NEW, 5001, "10.0.0.9", NULL,
			   "192.0.2.9");
	put(&r, NVSW_RECORD_A_MAC, mac5, sizeof(mac5));
	nest_end(&r, nest);
	EXPECT_REJECT(&r, ERANGE, "binary attribute size out of range",
		      NVSW_A_RECORD, NVSW_RECORD_A_MAC);

	/* ifname without its NUL */
	req_init(&r, family_id, NVSW_CMD_SWITCH_GET, 0);
	put(&r, NVSW_A_IFNAME, noterm, sizeof(noterm));
	EXPECT_REJECT(&r, EINVAL, NULL, NVSW_A_IFNAME, -1);

	/* an ifname longer than IFNAMSIZ - 1 */
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
	req_init(&r, family_id, NVSW_CMD_SWITCH_GET, 0);
	put_str(&r, NVSW_A_IFNAME, longname);
	EXPECT_REJECT(&r, EINVAL, NULL, NVSW_A_IFNAME, -1);
}

TEST_F(sw, unknown_attribute_and_command)
{
	struct nlattr *nest;
	struct reply rep;
	struct req r;
	int cmd;

	/* Strict validation: a type past NVSW_A_MAX is refused, not skipped. */
	sw_req(&r, NVSW_CMD_SWITCH_GET, 0);
	put_u32(&r, NVSW_A_MAX + 1, 1);
	EXPECT_REJECT(&r, EINVAL, "Unknown attribute type", NVSW_A_MAX + 1, -1);

	/* The same inside an object's nest. */
	sw_req(&r, NVSW_CMD_PA_GET, 0);
	nest = nest_start(&r, NVSW_A_PA);
	put_ip(&r, NVSW_PA_A_ADDR, "192.0.2.1");
	put_u32(&r, NVSW_PA_A_MAX + 1, 1);
	nest_end(&r, nest);
	EXPECT_REJECT(&r, EINVAL, "Unknown attribute type", NVSW_A_PA,
		      NVSW_PA_A_MAX + 1);

	/*
	 * Unknown commands, and the notifications: genetlink itself answers
	 * EOPNOTSUPP, without an extack message. port-set came after the
	 * notifications, which kept their numbers.
	 */
	for (cmd = NVSW_CMD_SWITCH_NEW_NTF; cmd <= NVSW_CMD_MAX + 5; cmd++) {
		if (cmd == NVSW_CMD_PORT_SET)
			continue;
		sw_req(&r, cmd, 0);
		rep = xfer(self->fd, &r);
		EXPECT_EQ(EOPNOTSUPP, rep.error) TH_LOG("cmd %d: %s", cmd, rep.msg);
	}
	sw_req(&r, 0, 0);	/* no command has number 0 */
	rep = xfer(self->fd, &r);
	EXPECT_EQ(EOPNOTSUPP, rep.error);

	/* No rtnetlink flags: every command is a new one to genetlink. */
	record_req(&r, 5001, "10.0.0.9", "02:00:00:00:50:09", "192.0.2.9");
	r.nlh.nlmsg_flags |= NLM_F_CREATE | NLM_F_EXCL;
	EXPECT_REJECT(&r, EINVAL, "ambiguous or reserved bits set in nlmsg_flags",
		      NONE, -1);
}

TEST_F(sw, nests_and_reply_only_attributes)
{
	unsigned int garbage[3] = { 0xdeadbeef, 0x12345678, 0 };
	/*
	 * What the kernel only sends at the top (the switch's own nest, a
	 * miss, a flush's count) has no entry in the family's policy: strict
	 * validation refuses it, as unsupported inside the policy's range and
	 * unknown past the last attribute a request takes.
	 */
	static const int reply_only[] = {
		NVSW_A_SWITCH, NVSW_A_MISS, NVSW_A_FLUSHED,
	};
	unsigned int i;
	struct req r;

	for (i = 0; i < sizeof(reply_only) / sizeof(reply_only[0]); i++) {
		TH_LOG("attribute %d", reply_only[i]);
		sw_req(&r, NVSW_CMD_SWITCH_GET, 0);
		put(&r, reply_only[i], garbage, 4);
		EXPECT_REJECT(&r, EINVAL, reply_only[i] > NVSW_A_EXPLAIN ?
			      "Unknown attribute type" : "Unsupported attribute",
			      reply_only[i], -1);
	}

	/* An object that is not a nest. */
	sw_req(&r, NVSW_CMD_VSID_GET, 0);
	put_u32(&r, NVSW_A_VSID, 5001);
	EXPECT_REJECT(&r, EINVAL, NULL, NVSW_A_VSID, -1);

	/* A nest of garbage. */
	sw_req(&r, NVSW_CMD_VSID_GET, 0);
	put(&r, NVSW_A_VSID | NLA_F_NESTED, garbage, sizeof(garbage));
	EXPECT_REJECT(&r, EINVAL, NULL, NONE, -1);

	/* A scalar inside a nest flagged as a nest. */
	sw_req(&r, NVSW_CMD_VSID_GET, 0);
	{
		struct nlattr *nest = nest_start(&r, NVSW_A_VSID);

		put(&r, NVSW_VSID_A_ID | NLA_F_NESTED, garbage, 4);
		nest_end(&r, nest);
	}
	EXPECT_REJECT(&r, EINVAL, "NLA_F_NESTED not expected", NVSW_A_VSID,
		      NVSW_VSID_A_ID);
}

/* Get one PA or port: the one asked for, or ENOENT naming the attribute. */
TEST_F(sw, get_one)
{
	struct reply rep;
	struct req r;

	pa_req(&r, NVSW_CMD_PA_GET, "192.0.2.1");
	rep = xfer(self->fd, &r);
	EXPECT_EQ(0, rep.error) TH_LOG("pa-get: %s", rep.msg);
	EXPECT_EQ(1, rep.n_msgs);

	pa_req(&r, NVSW_CMD_PA_GET, "192.0.2.77");
	EXPECT_REJECT(&r, ENOENT, "not a provider address of this switch",
		      NVSW_A_PA, NVSW_PA_A_ADDR);

	port_req(&r, NVSW_CMD_PORT_GET, self->port_ifindex, NO_VSID);
	rep = xfer(self->fd, &r);
	EXPECT_EQ(0, rep.error) TH_LOG("port-get: %s", rep.msg);
	EXPECT_EQ(1, rep.n_msgs);

	/* p1's peer exists but is no port. */
	port_req(&r, NVSW_CMD_PORT_GET, if_nametoindex("p1x"), NO_VSID);
	EXPECT_REJECT(&r, ENOENT, "The device is not a port of this switch",
		      NVSW_A_PORT, NVSW_PORT_A_IFINDEX);

	port_req(&r, NVSW_CMD_PORT_GET, 0x7fffffff, NO_VSID);
	EXPECT_REJECT(&r, ENODEV, "No such device", NVSW_A_PORT,
		      NVSW_PORT_A_IFINDEX);

	/* A VSID not in use here reads as the defaults. */
	sw_req(&r, NVSW_CMD_VSID_GET, 0);
	{
		struct nlattr *nest = nest_start(&r, NVSW_A_VSID);

		put_u32(&r, NVSW_VSID_A_ID, 7777);
		nest_end(&r, nest);
	}
	rep = xfer(self->fd, &r);
	EXPECT_EQ(0, rep.error) TH_LOG("vsid-get: %s", rep.msg);
	EXPECT_EQ(1, rep.n_msgs);
}

/* An internal port request: the flag, a name, the VSID, an ifindex if > 0. */
static void internal_req(struct req *r, const char *name, int ifindex)
{
	struct nlattr *nest;

	sw_req(r, NVSW_CMD_PORT_NEW, 0);
	nest = nest_start(r, NVSW_A_PORT);
	put(r, NVSW_PORT_A_INTERNAL, NULL, 0);
	if (ifindex > 0)
		put_u32(r, NVSW_PORT_A_IFINDEX, ifindex);
	if (name)
		put_str(r, NVSW_PORT_A_IFNAME, name);
	put_u32(r, NVSW_PORT_A_VSID, 5001);
	nest_end(r, nest);
}

/* Internal ports: what the CLI never sends is refused, naming the attribute. */
TEST_F(sw, internal_port_requests)
{
	struct reply rep;
	struct req r;

	/* An existing device and a new one at once. */
	internal_req(&r, "nvsw-int0", self->port_ifindex);
	EXPECT_REJECT(&r, EINVAL, "An internal port is a new device",
		      NVSW_A_PORT, NVSW_PORT_A_IFINDEX);

	internal_req(&r, NULL, 0);
	EXPECT_REJECT(&r, EINVAL, "Missing the name of the internal port's device",
		      NVSW_A_PORT, NVSW_PORT_A_IFNAME);

	internal_req(&r, "bad name", 0);
	EXPECT_REJECT(&r, EINVAL, "is not a valid interface name", NVSW_A_PORT,
		      NVSW_PORT_A_IFNAME);

	internal_req(&r, "p1x", 0);
	EXPECT_REJECT(&r, EEXIST, "A device of that name exists", NVSW_A_PORT,
		      NVSW_PORT_A_IFNAME);

	/* Made, shown as internal, and gone with port-del. */
	internal_req(&r, "nvsw-int0", 0);
	rep = xfer(self->fd, &r);
	ASSERT_EQ(0, rep.error) TH_LOG("port-new internal: %s", rep.msg);
	ASSERT_LT(0, if_nametoindex("nvsw-int0"));
	port_req(&r, NVSW_CMD_PORT_DEL, if_nametoindex("nvsw-int0"), NO_VSID);
	rep = xfer(self->fd, &r);
	EXPECT_EQ(0, rep.error) TH_LOG("port-del internal: %s", rep.msg);
	EXPECT_EQ(0, if_nametoindex("nvsw-int0"));
}

TEST_F(sw, reserved_vsids)
{
	static const unsigned int bad[] = { 0, 4095, 16777215, 16777216, 0xffffffff };
	struct nlattr *nest;
	unsigned int i;
	struct req r;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		TH_LOG("VSID %u", bad[i]);
		record_req(&r, bad[i], "10.0.0.9", "02:00:00:00:50:09", "192.0.2.9");
		EXPECT_REJECT(&r, ERANGE, "integer out of range", NVSW_A_RECORD,
			      NVSW_RECORD_A_VSID);

		port_req(&r, NVSW_CMD_PORT_NEW, self->port_ifindex, bad[i]);
		EXPECT_REJECT(&r, ERANGE, "integer out of range", NVSW_A_PORT,
			      NVSW_PORT_A_VSID);

		sw_req(&r, NVSW_CMD_RECORD_GET, NLM_F_DUMP);
		nest = nest_start(&r, NVSW_A_RECORD);
		put_u32(&r, NVSW_RECORD_A_VSID, bad[i]);
		nest_end(&r, nest);
		EXPECT_REJECT(&r, ERANGE, "integer out of range", NVSW_A_RECORD,
			      NVSW_RECORD_A_VSID);
	}
	/* The bounds themselves are fine. */
	record_req(&r, NVSWITCH_VSID_MIN, "10.0.0.9", "02:00:00:00:50:09", "192.0.2.9");
	EXPECT_EQ(0, xfer(self->fd, &r).error);
	record_req(&r, NVSWITCH_VSID_MAX, "10.0.0.9", "02:00:00:00:50:09", "192.0.2.9");
	EXPECT_EQ(0, xfer(self->fd, &r).error);
}

TEST_F(sw, bad_macs)
{
	static const char * const bad[] = {
		"00:00:00:00:00:00", "01:00:5e:00:00:01", "ff:ff:ff:ff:ff:ff", "03:00:00:00:00:01",
	};
	unsigned int i;
	struct req r;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		TH_LOG("MAC %s", bad[i]);
		record_req(&r, 5001, "10.0.0.9", bad[i], "192.0.2.9");
		EXPECT_REJECT(&r, EINVAL, "The MAC address must be unicast and not all zero",
			      NVSW_A_RECORD, NVSW_RECORD_A_MAC);
	}
}

/* A record request of an IPv6 CA. */
static void record6_req(struct req *r, int cmd, const char *ca6)
{
	nest_end(r, record_open(r, cmd, 5001, ca6,
				cmd == NVSW_CMD_RECORD_NEW ? "02:00:00:00:50:09" : NULL,
				cmd == NVSW_CMD_RECORD_NEW ? "192.0.2.9" : NULL));
}

TEST_F(sw, ipv6_cas)
{
	static const char * const bad[] = { "::", "::1", "ff02::1:ff00:9" };
	static const int cmds[] = {
		NVSW_CMD_RECORD_NEW, NVSW_CMD_RECORD_DEL, NVSW_CMD_RECORD_GET,
	};
	struct reply rep;
	unsigned int i, j;
	struct req r;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		for (j = 0; j < sizeof(cmds) / sizeof(cmds[0]); j++) {
			TH_LOG("CA %s, command %d", bad[i], cmds[j]);
			record6_req(&r, cmds[j], bad[i]);
			EXPECT_REJECT(&r, EINVAL, "A customer address must be unicast",
				      NVSW_A_RECORD, NVSW_RECORD_A_CA);
		}
	}

	record6_req(&r, NVSW_CMD_RECORD_GET, "2001:db8::9");
	EXPECT_REJECT(&r, ENOENT, "No record for this VSID and CA",
		      NONE, -1);

	/* The good one: added, found, a second add refused, removed. */
	record6_req(&r, NVSW_CMD_RECORD_NEW, "2001:db8::9");
	rep = xfer(self->fd, &r);
	EXPECT_EQ(0, rep.error) TH_LOG("add: %s", rep.msg);
	record6_req(&r, NVSW_CMD_RECORD_GET, "2001:db8::9");
	rep = xfer(self->fd, &r);
	EXPECT_EQ(0, rep.error) TH_LOG("get: %s", rep.msg);
	EXPECT_EQ(1, rep.n_msgs);
	record6_req(&r, NVSW_CMD_RECORD_NEW, "2001:db8::9");
	rep = xfer(self->fd, &r);
	EXPECT_EQ(EEXIST, rep.error);
	record6_req(&r, NVSW_CMD_RECORD_DEL, "2001:db8::9");
	rep = xfer(self->fd, &r);
	EXPECT_EQ(0, rep.error) TH_LOG("del: %s", rep.msg);
}

TEST_F(sw, ipv6_pas)
{
	static const char * const bad[] = { "::", "::1", "fe80::1", "ff02::1" };
	struct reply rep;
	unsigned int i;
	struct req r;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		TH_LOG("PA %s", bad[i]);
		pa_req(&r, NVSW_CMD_PA_NEW, bad[i]);
		EXPECT_REJECT(&r, EINVAL, "An IPv6 provider address must be global unicast",
			      NVSW_A_PA, NVSW_PA_A_ADDR);
		record_req(&r, 5001, "10.0.0.9", "02:00:00:00:50:09", bad[i]);
		EXPECT_REJECT(&r, EINVAL, "An IPv6 provider address must be global unicast",
			      NVSW_A_RECORD, NVSW_RECORD_A_PA);
	}

	/* No external ip6gretap device in this netns: refused, nothing changed. */
	pa_req(&r, NVSW_CMD_PA_NEW, "2001:db8:ff::1");
	EXPECT_REJECT(&r, ENXIO, "needs an external ip6gretap device", NVSW_A_PA,
		      NVSW_PA_A_ADDR);

	/* With one: added, found, refused twice, removed. */
	ASSERT_EQ(0, run("ip link add nvsw_gre6 type ip6gretap external"));
	pa_req(&r, NVSW_CMD_PA_NEW, "2001:db8:ff::1");
	rep = xfer(self->fd, &r);
	EXPECT_EQ(0, rep.error) TH_LOG("add: %s", rep.msg);
	pa_req(&r, NVSW_CMD_PA_GET, "2001:db8:ff::1");
	rep = xfer(self->fd, &r);
	EXPECT_EQ(0, rep.error) TH_LOG("get: %s", rep.msg);
	EXPECT_EQ(1, rep.n_msgs);
	pa_req(&r, NVSW_CMD_PA_NEW, "2001:db8:ff::1");
	rep = xfer(self->fd, &r);
	EXPECT_EQ(EEXIST, rep.error);
	EXPECT_NE(NULL, strstr(rep.msg, "is already a provider address"))
		TH_LOG("message \"%s\"", rep.msg);
	pa_req(&r, NVSW_CMD_PA_DEL, "2001:db8:ff::1");
	rep = xfer(self->fd, &r);
	EXPECT_EQ(0, rep.error) TH_LOG("del: %s", rep.msg);
	/* (Not EXPECT_REJECT: the add and del above changed the state it compares.) */
	pa_req(&r, NVSW_CMD_PA_GET, "2001:db8:ff::1");
	rep = xfer(self->fd, &r);
	EXPECT_EQ(ENOENT, rep.error);
	EXPECT_NE(NULL, strstr(rep.msg, "is not a provider address of this switch"))
		TH_LOG("message \"%s\"", rep.msg);
	EXPECT_EQ(NVSW_A_PA, rep.bad_outer);
	EXPECT_EQ(NVSW_PA_A_ADDR, rep.bad_inner);
	EXPECT_EQ(0, run("ip link del nvsw_gre6"));
}

/* Adds (or with del, removes) n records in VSID 6001, batched. */
static int records(int fd, int first, int n, int del)
{
	static char buf[1 << 16];
	struct reply rep = REPLY_INIT;
	size_t len = 0;
	int i;

	for (i = first; i < first + n; i++) {
		char ca[32], mac[32];
		struct req r;

		snprintf(ca, sizeof(ca), "10.1.%d.%d", i / 250, i % 250 + 1);
		snprintf(mac, sizeof(mac), "02:00:00:01:%02x:%02x", i >> 8, i & 0xff);
		if (del) {
			nest_end(&r, record_open(&r, NVSW_CMD_RECORD_DEL, 6001, ca,
						 NULL, NULL));
		} else {
			record_req(&r, 6001, ca, mac, "192.0.2.3");
		}
		/* Only the last one asks for an ack; errors come anyway. */
		if (i != first + n - 1)
			r.nlh.nlmsg_flags &= ~NLM_F_ACK;
		r.nlh.nlmsg_seq = i + 2;
		if (len + r.nlh.nlmsg_len > sizeof(buf)) {
			if (send(fd, buf, len, 0) != (ssize_t)len)
				return -1;
			len = 0;
		}
		memcpy(buf + len, r.buf, r.nlh.nlmsg_len);
		len += NLMSG_ALIGN(r.nlh.nlmsg_len);
	}
	if (send(fd, buf, len, 0) != (ssize_t)len)
		return -1;
	if (recv_reply(fd, NULL, &rep, NULL, NULL, 0))
		return -1;
	return rep.error;
}

TEST_F(sw, interrupted_dump)
{
	struct reply rep = REPLY_INIT;
	int rcvbuf = 1 << 20, fd;
	struct req r;

	ASSERT_EQ(0, records(self->fd, 0, 3000, 0));

	/* A reader on its own socket; a small first read, then changes. */
	fd = nl_open();
	ASSERT_LE(0, fd);
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	nest_end(&r, record_open(&r, NVSW_CMD_RECORD_GET, 6001, NULL, NULL, NULL));
	r.nlh.nlmsg_flags |= NLM_F_DUMP;
	ASSERT_EQ(0, send_req(fd, &r));
	ASSERT_EQ(1, recv_reply(fd, &r, &rep, NULL, NULL, 1));
	ASSERT_LT(0, rep.n_msgs);
	ASSERT_GT(3000, rep.n_msgs) TH_LOG("the whole dump came in one read");
	EXPECT_EQ(0, rep.dump_intr);

	ASSERT_EQ(0, records(self->fd, 5000, 20, 0));
	ASSERT_EQ(0, records(self->fd, 5000, 20, 1));

	ASSERT_EQ(0, recv_reply(fd, &r, &rep, NULL, NULL, 0));
	EXPECT_EQ(0, rep.error);
	EXPECT_EQ(1, rep.dump_intr) TH_LOG("%d messages, none with NLM_F_DUMP_INTR",
					   rep.n_msgs);
	close(fd);

	/* Left alone, the same dump is consistent and complete. */
	memset(&rep, 0, sizeof(rep));
	fd = nl_open();
	ASSERT_EQ(0, send_req(fd, &r));
	ASSERT_EQ(0, recv_reply(fd, &r, &rep, NULL, NULL, 0));
	EXPECT_EQ(0, rep.dump_intr);
	EXPECT_EQ(3000, rep.n_msgs);
	close(fd);
}

/*
 * A reader that stops in the middle of a record dump holds nothing: the
 * switch can still be deleted, and the rest of the dump says it is gone.
 */
TEST_F(sw, stalled_dump_pins_nothing)
{
	struct reply rep = REPLY_INIT;
	int status, i, fd;
	struct req r;
	pid_t pid;

	ASSERT_EQ(0, records(self->fd, 0, 3000, 0));
	fd = nl_open();
	ASSERT_LE(0, fd);
	sw_req(&r, NVSW_CMD_RECORD_GET, NLM_F_DUMP);
	ASSERT_EQ(0, send_req(fd, &r));
	ASSERT_EQ(1, recv_reply(fd, &r, &rep, NULL, NULL, 1));
	ASSERT_GT(3000, rep.n_msgs) TH_LOG("the whole dump came in one read");

	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid)
		_exit(run("ip link del sw0"));
	for (i = 0; i < 100 && !waitpid(pid, &status, WNOHANG); i++)
		usleep(100 * 1000);
	EXPECT_GT(100, i) TH_LOG("ip link del sw0 still waits after 10 s");
	if (i == 100) {
		close(fd);	/* lets it finish: the fixture's netns goes next */
		waitpid(pid, &status, 0);
		return;
	}
	EXPECT_EQ(0, WEXITSTATUS(status));

	ASSERT_EQ(0, recv_reply(fd, &r, &rep, NULL, NULL, 0));
	EXPECT_EQ(ENODEV, rep.error);
	EXPECT_STREQ("The switch was deleted during the dump", rep.msg);
	close(fd);
}

/* In a child: the errno pa-new gets once fn() has dropped privileges. */
static int errno_as(int (*fn)(void))
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return -1;
	if (!pid) {
		struct reply rep;
		struct req r;
		int fd;

		if (fn())
			_exit(200);
		fd = nl_open();
		if (fd < 0)
			_exit(201);
		pa_req(&r, NVSW_CMD_PA_NEW, "192.0.2.77");
		rep = xfer(fd, &r);
		_exit(rep.error < 0 ? 202 : rep.error);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int drop_to_nobody(void)
{
	return setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	       setresuid(65534, 65534, 65534);
}

static int new_userns(void)
{
	return unshare(CLONE_NEWUSER);
}

static int nothing(void)
{
	return 0;
}

TEST_F(sw, permissions)
{
	struct req r;
	size_t len;

	EXPECT_EQ(EPERM, errno_as(drop_to_nobody));
	len = snapshot(self->fd, self->after);
	EXPECT_EQ(self->before_len, len);
	EXPECT_EQ(0, memcmp(self->before, self->after, len));
	/* The same request as root goes through: the test itself is sound. */
	EXPECT_EQ(0, errno_as(nothing));
	pa_req(&r, NVSW_CMD_PA_DEL, "192.0.2.77");
	EXPECT_EQ(0, xfer(self->fd, &r).error);
}

/* Full capabilities, but in a user namespace that does not own the netns. */
TEST_F(sw, permissions_userns)
{
	int err = errno_as(new_userns);

	/* The kernel refuses new user namespaces to a chrooted process. */
	if (err == 200)
		SKIP(return, "unshare(CLONE_NEWUSER) refused (run in a chroot?)");
	EXPECT_EQ(EPERM, err);
	EXPECT_EQ(self->before_len, snapshot(self->fd, self->after));
	EXPECT_EQ(0, memcmp(self->before, self->after, self->before_len));
}

TEST_F(sw, other_netns)
{
	unsigned int ifindex = if_nametoindex("sw0");
	struct reply rep;
	struct req r;
	int fd;

	ASSERT_LT(0, ifindex);
	/* self->fd stays in the switch's netns; fd lives in a new one. */
	ASSERT_EQ(0, unshare(CLONE_NEWNET));
	fd = nl_open();
	ASSERT_LE(0, fd);

	req_init(&r, family_id, NVSW_CMD_SWITCH_GET, 0);
	put_str(&r, NVSW_A_IFNAME, "sw0");
	rep = xfer(fd, &r);
	EXPECT_EQ(ENODEV, rep.error);
	EXPECT_NE(NULL, strstr(rep.msg, "No such switch")) TH_LOG("message \"%s\"", rep.msg);
	EXPECT_EQ(NVSW_A_IFNAME, rep.bad_outer);

	req_init(&r, family_id, NVSW_CMD_PA_NEW, 0);
	put_u32(&r, NVSW_A_IFINDEX, ifindex);
	{
		struct nlattr *nest = nest_start(&r, NVSW_A_PA);

		put_ip(&r, NVSW_PA_A_ADDR, "192.0.2.78");
		nest_end(&r, nest);
	}
	rep = xfer(fd, &r);
	EXPECT_EQ(ENODEV, rep.error);
	EXPECT_NE(NULL, strstr(rep.msg, "No such switch")) TH_LOG("message \"%s\"", rep.msg);
	EXPECT_EQ(NVSW_A_IFINDEX, rep.bad_outer);
	close(fd);

	EXPECT_EQ(self->before_len, snapshot(self->fd, self->after));
	EXPECT_EQ(0, memcmp(self->before, self->after, self->before_len));
}

TEST_HARNESS_MAIN
