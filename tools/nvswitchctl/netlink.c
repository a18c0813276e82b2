// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink sockets, extended ACKs and the request/dump loop.
 *
 * libnl builds and sends the requests. Replies are read here: libnl 3.7
 * does not report extended ACKs (the kernel's message is printed as it was
 * sent), and its receive path costs a peek and an allocation per message,
 * which a batch of a million records feels.
 */
#include <errno.h>
#include <inttypes.h>
#include <net/if.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "attr_words.h"
#include "netlink.h"
#include "nvswitchctl.h"
#include "objects.h"
#include "print.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

/* The largest request: a switch name and a handful of attributes. */
#define GENL_REQUEST_SIZE	512

/* As "ip monitor": a burst of notifications (a flush) fits without overrun. */
#define LISTEN_RCVBUF	(1024 * 1024)

static struct nl_sock *genl_sk, *rtnl_sk;
/* 0: not resolved yet; -1: not found, which a batch need not ask again. */
static int family;

/* How a reply is read into attributes; NULL for rtnetlink, whose callers want none. */
typedef int parse_fn(struct nlmsghdr *nlh, struct nlattr **tb);

struct request {
	nvsw_reply_fn fn;
	void *arg;
	parse_fn *parse;
	bool done;
	int error;		/* negative errno sent by the kernel */
	int reply_error;	/* first failure of fn */
	int recv_error;		/* a libnl error (NLE_*) while reading */
	bool dump_intr;		/* some reply had NLM_F_DUMP_INTR */
	const struct nlmsghdr *sent;	/* the request, for NLMSGERR_ATTR_OFFS */
	char ext_msg[256];
	int miss_type;		/* -1, or the missing attribute */
	const struct attr_set *miss_set;	/* its set, when the request was ours */
	int bad_type;		/* -1, or the attribute NLMSGERR_ATTR_OFFS points at */
	const struct attr_set *bad_set;
	bool has_range;		/* the policy's range of bad_type: */
	uint64_t min, max;	/* NL_POLICY_TYPE_ATTR_{MIN,MAX}_VALUE_U */
};

static struct nl_sock *open_socket(int protocol)
{
	struct nl_sock *sk;
	int one = 1;
	int err;

	sk = nl_socket_alloc();
	if (!sk) {
		pr_err("cannot allocate a netlink socket: %s", strerror(ENOMEM));
		return NULL;
	}
	err = nl_connect(sk, protocol);
	if (err < 0) {
		pr_err("cannot open a netlink socket: %s", nl_geterror(err));
		nl_socket_free(sk);
		return NULL;
	}
	/*
	 * Extended ACKs carry the kernel's reason for a rejection; capped ACKs
	 * spare echoing the request back. Both are best effort: kernels
	 * without them still report errno.
	 */
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	return sk;
}

static int request(struct nl_sock *sk, struct nl_msg *msg, parse_fn *parse,
		   nvsw_reply_fn fn, void *arg, int expected);

static int parse_ctrl(struct nlmsghdr *nlh, struct nlattr **tb)
{
	static struct nla_policy policy[CTRL_ATTR_MAX + 1] = {
		[CTRL_ATTR_FAMILY_ID]	= { .type = NLA_U16 },
		[CTRL_ATTR_VERSION]	= { .type = NLA_U32 },
	};

	return genlmsg_parse(nlh, 0, tb, CTRL_ATTR_MAX, policy) < 0 ? -EBADMSG : 0;
}

struct family_info {
	int id;
	uint32_t version;
};

static int family_reply(struct nlattr **tb, void *arg)
{
	struct family_info *f = arg;

	if (!tb[CTRL_ATTR_FAMILY_ID] || !tb[CTRL_ATTR_VERSION])
		return -EBADMSG;
	f->id = nla_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	f->version = nla_get_u32(tb[CTRL_ATTR_VERSION]);
	return 0;
}

/*
 * The family's id, and its version: requests of another version than the
 * one this CLI was built for would be refused or, worse, misread, so the
 * CLI says which versions differ and sends nothing.
 */
static int genl_open(void)
{
	struct family_info f = { 0 };
	struct nl_msg *msg;
	int err;

	if (family > 0)
		return 0;
	if (family < 0)
		goto not_found;
	if (!genl_sk) {
		genl_sk = open_socket(NETLINK_GENERIC);
		if (!genl_sk)
			return -1;
	}
	msg = nlmsg_alloc_size(GENL_REQUEST_SIZE);
	if (!msg || !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, GENL_ID_CTRL, 0, 0,
				 CTRL_CMD_GETFAMILY, 1) ||
	    nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, NVSW_GENL_NAME) < 0) {
		nlmsg_free(msg);
		pr_err("cannot build a netlink message: %s", strerror(ENOMEM));
		return -1;
	}
	err = request(genl_sk, msg, parse_ctrl, family_reply, &f, ENOENT);
	if (err == 1) {
		family = -1;
		goto not_found;
	}
	if (err)
		return -1;
	if (f.version != NVSW_GENL_VERSION) {
		pr_err("the nvswitch module speaks version %u of its netlink API, this %s version %u: install matching versions",
		       f.version, PROG_NAME, NVSW_GENL_VERSION);
		return -1;
	}
	family = f.id;
	return 0;

not_found:
	pr_err("the nvswitch module is not loaded (generic netlink family \"%s\" not found)",
	       NVSW_GENL_NAME);
	return -1;
}

void nvsw_nl_close(void)
{
	nl_socket_free(genl_sk);
	nl_socket_free(rtnl_sk);
	genl_sk = rtnl_sk = NULL;
	family = 0;
}

struct nl_msg *nvsw_genl_msg(uint8_t cmd, int flags, const char *ifname)
{
	struct nl_msg *msg;

	if ((ifname && check_switch(ifname)) || genl_open())
		return NULL;
	/* Requests are small: a page each (nlmsg_alloc()) is wasted memset. */
	msg = nlmsg_alloc_size(GENL_REQUEST_SIZE);
	if (!msg)
		goto nomem;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, flags, cmd,
			 NVSW_GENL_VERSION))
		goto nla_put_failure;
	if (ifname)
		NLA_PUT_STRING(msg, NVSW_A_IFNAME, ifname);
	return msg;

nla_put_failure:
	nlmsg_free(msg);
nomem:
	pr_err("cannot build a netlink message: %s", strerror(ENOMEM));
	return NULL;
}

struct nl_msg *nvsw_rtnl_msg(int type, int flags, int ifindex)
{
	struct ifinfomsg ifi = {
		.ifi_family = AF_UNSPEC,
		.ifi_index = ifindex,
	};
	struct nl_msg *msg;

	if (!rtnl_sk) {
		rtnl_sk = open_socket(NETLINK_ROUTE);
		if (!rtnl_sk)
			return NULL;
	}
	msg = nlmsg_alloc_simple(type, flags);
	if (!msg || nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		pr_err("cannot build a netlink message: %s", strerror(ENOMEM));
		return NULL;
	}
	return msg;
}

int nvsw_put_failure(struct nl_msg *msg)
{
	nlmsg_free(msg);
	pr_err("cannot build a netlink message: %s", strerror(EMSGSIZE));
	return EXIT_FAIL;
}

/* The set of the attributes that nest attribute @type of @set holds. */
static const struct attr_set *inner_set(const struct attr_set *set, int type)
{
	if (set == &top_set)
		return obj_set(type);
	if (set != &prefix_set && set->prefix == type)
		return &prefix_set;
	return NULL;
}

/*
 * The set and type of the attribute at byte @off of the request the kernel
 * refused (NLMSGERR_ATTR_OFFS counts from its netlink header): at the top,
 * in the object nest or in its prefix nest. False when it is none of ours.
 */
static bool attr_at(const struct nlmsghdr *sent, uint32_t off,
		    const struct attr_set **set, int *type)
{
	struct genlmsghdr *gnlh = nlmsg_data(sent);
	const struct attr_set *s = &top_set;
	struct nlattr *head, *nla;
	const char *base = (const char *)sent;
	int len, rem, depth;
	uint32_t start;

	if (sent->nlmsg_len < (uint32_t)nlmsg_size(GENL_HDRLEN))
		return false;
	head = genlmsg_attrdata(gnlh, 0);
	len = genlmsg_attrlen(gnlh, 0);
	for (depth = 0; depth < 3; depth++) {
		const struct attr_set *inner = NULL;

		nla_for_each_attr(nla, head, len, rem) {
			start = (const char *)nla - base;
			if (off < start || off >= start + nla->nla_len)
				continue;
			if (off == start) {
				*set = s;
				*type = nla_type(nla);
				return true;
			}
			inner = inner_set(s, nla_type(nla));
			break;
		}
		if (!inner)
			return false;
		s = inner;
		head = nla_data(nla);
		len = nla_len(nla);
	}
	return false;
}

/*
 * The extended ACK TLVs follow the error code and, unless the kernel capped
 * the ACK, a copy of the request: @hlen is how much to skip.
 */
static void parse_ext_ack(struct request *rq, struct nlmsghdr *nlh, int hlen)
{
	static const struct nla_policy policy[NLMSGERR_ATTR_MAX + 1] = {
		[NLMSGERR_ATTR_MSG]	  = { .type = NLA_STRING },
		[NLMSGERR_ATTR_OFFS]	  = { .type = NLA_U32 },
		[NLMSGERR_ATTR_POLICY]	  = { .type = NLA_NESTED },
		[NLMSGERR_ATTR_MISS_TYPE] = { .type = NLA_U32 },
		[NLMSGERR_ATTR_MISS_NEST] = { .type = NLA_U32 },
	};
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	struct nlattr *pol[NL_POLICY_TYPE_ATTR_MAX + 1];
	const struct attr_set *nest_set;
	int nest_type;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (nlmsg_parse(nlh, hlen, tb, NLMSGERR_ATTR_MAX, policy) < 0)
		return;
	if (tb[NLMSGERR_ATTR_MSG])
		nla_strlcpy(rq->ext_msg, tb[NLMSGERR_ATTR_MSG], sizeof(rq->ext_msg));
	if (tb[NLMSGERR_ATTR_MISS_TYPE]) {
		rq->miss_type = nla_get_u32(tb[NLMSGERR_ATTR_MISS_TYPE]);
		rq->miss_set = &top_set;
		/* Missing inside a nest: the set that nest holds. */
		if (tb[NLMSGERR_ATTR_MISS_NEST] && rq->sent)
			rq->miss_set = attr_at(rq->sent, nla_get_u32(tb[NLMSGERR_ATTR_MISS_NEST]),
					       &nest_set, &nest_type) ?
				inner_set(nest_set, nest_type) : NULL;
	}
	if (tb[NLMSGERR_ATTR_OFFS] && rq->sent &&
	    !attr_at(rq->sent, nla_get_u32(tb[NLMSGERR_ATTR_OFFS]), &rq->bad_set,
		     &rq->bad_type))
		rq->bad_type = -1;
	if (tb[NLMSGERR_ATTR_POLICY] &&
	    !nla_parse_nested(pol, NL_POLICY_TYPE_ATTR_MAX,
			      tb[NLMSGERR_ATTR_POLICY], NULL) &&
	    pol[NL_POLICY_TYPE_ATTR_MIN_VALUE_U] &&
	    pol[NL_POLICY_TYPE_ATTR_MAX_VALUE_U]) {
		rq->has_range = true;
		rq->min = nla_get_u64(pol[NL_POLICY_TYPE_ATTR_MIN_VALUE_U]);
		rq->max = nla_get_u64(pol[NL_POLICY_TYPE_ATTR_MAX_VALUE_U]);
	}
}

static int nlmsgerr_hlen(const struct nlmsghdr *nlh, const struct nlmsgerr *e)
{
	int hlen = sizeof(*e);

	if (!(nlh->nlmsg_flags & NLM_F_CAPPED) && e->msg.nlmsg_len >= NLMSG_HDRLEN)
		hlen += e->msg.nlmsg_len - NLMSG_HDRLEN;
	return hlen;
}

/* Every reply and notification, into the flat array of attr_words.h. */
static int parse_nvsw(struct nlmsghdr *nlh, struct nlattr **tb)
{
	struct genlmsghdr *gnlh = nlmsg_data(nlh);

	if (!genlmsg_valid_hdr(nlh, 0))
		return -EBADMSG;
	return attrs_parse(tb, genlmsg_attrdata(gnlh, 0), genlmsg_attrlen(gnlh, 0));
}

/* One message of the reply to @rq: sets rq->done at its last one. */
static void reply_msg(struct request *rq, struct nlmsghdr *nlh)
{
	struct nlattr *tb[MAX_OF(MSG_A_MAX, CTRL_ATTR_MAX) + 1];
	struct nlmsgerr *e;
	int err;

	switch (nlh->nlmsg_type) {
	case NLMSG_NOOP:
		return;
	case NLMSG_ERROR:
		e = nlmsg_data(nlh);
		if (nlh->nlmsg_len < (uint32_t)nlmsg_size(sizeof(*e))) {
			rq->recv_error = -NLE_MSG_TRUNC;
		} else {
			parse_ext_ack(rq, nlh, nlmsgerr_hlen(nlh, e));
			rq->error = e->error;
			/* A successful request can still carry a warning. */
			if (!e->error && rq->ext_msg[0])
				pr_err("Warning: %s", rq->ext_msg);
		}
		rq->done = true;
		return;
	case NLMSG_DONE:
		/* A dump that fails after it started reports its errno here. */
		if (nlmsg_datalen(nlh) >= (int)sizeof(int)) {
			memcpy(&err, nlmsg_data(nlh), sizeof(err));
			if (err < 0) {
				rq->error = err;
				parse_ext_ack(rq, nlh, sizeof(int));
			}
		}
		rq->done = true;
		return;
	case NLMSG_OVERRUN:
		rq->recv_error = -NLE_MSG_OVERFLOW;
		rq->done = true;
		return;
	}
	/* Like libnl: the dump is read to its end, then reported. */
	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
		rq->dump_intr = true;
	if (!rq->fn || rq->reply_error)
		return;
	if (!rq->parse || rq->parse(nlh, tb)) {
		rq->reply_error = -EBADMSG;
		return;
	}
	err = rq->fn(tb, rq->arg);
	if (err < 0)
		rq->reply_error = err;
}

/*
 * Reads the reply to @rq (sequence number @seq) into one buffer for the
 * whole process: a batch of many requests costs one recv() per reply, with
 * no allocation (libnl's receive peeks first and allocates each time).
 * The kernel never sends more than 32 KiB in one datagram
 * (netlink_dump() caps its buffers there).
 */
static int receive(struct nl_sock *sk, struct request *rq, uint32_t seq)
{
	static char buf[32768] __attribute__((aligned(NLMSG_ALIGNTO)));
	int fd = nl_socket_get_fd(sk);
	struct nlmsghdr *nlh;
	ssize_t n;
	int left;

	while (!rq->done && !rq->recv_error) {
		n = recv(fd, buf, sizeof(buf), MSG_TRUNC);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			rq->recv_error = -nl_syserr2nlerr(errno);
			break;
		}
		if ((size_t)n > sizeof(buf)) {
			rq->recv_error = -NLE_MSG_TRUNC;
			break;
		}
		left = (int)n;
		for (nlh = (struct nlmsghdr *)buf; nlmsg_ok(nlh, left);
		     nlh = nlmsg_next(nlh, &left)) {
			if (nlh->nlmsg_seq != seq) {
				rq->recv_error = -NLE_SEQ_MISMATCH;
				break;
			}
			reply_msg(rq, nlh);
			if (rq->done || rq->recv_error)
				break;
		}
	}
	return rq->recv_error;
}

/*
 * As iproute2, "Error: " and the kernel's message, as it sent it, with the
 * keyword of the attribute it pointed at: a policy's "integer out of
 * range" says nothing else of what was out of range.
 */
static void report(const struct request *rq)
{
	const char *why = strerror(-rq->error);
	const char *msg = rq->ext_msg;
	const char *word = NULL;

	if (rq->bad_type > 0)
		word = attr_word(rq->bad_set, rq->bad_type);
	if (word && rq->has_range)
		pr_err("Error: invalid \"%s\": %s, must be %" PRIu64 "-%" PRIu64 " (%s)",
		       word, msg[0] ? msg : why, rq->min, rq->max, why);
	else if (word && msg[0])
		pr_err("Error: invalid \"%s\": %s (%s)", word, msg, why);
	else if (msg[0])
		pr_err("Error: %s (%s)", msg, why);
	else if (rq->miss_type >= 0 && attr_word(rq->miss_set, rq->miss_type))
		pr_err("Error: missing \"%s\" (%s)", attr_word(rq->miss_set, rq->miss_type), why);
	else if (rq->miss_type >= 0)
		pr_err("Error: missing attribute %d (%s)", rq->miss_type, why);
	else
		pr_err("Error: %s", why);
}

/* A clone keeps libnl's NLCB=debug message dumps, handy to debug the kernel side. */
static struct nl_cb *socket_cb(struct nl_sock *sk)
{
	struct nl_cb *sock_cb, *cb = NULL;

	sock_cb = nl_socket_get_cb(sk);
	if (sock_cb) {
		cb = nl_cb_clone(sock_cb);
		nl_cb_put(sock_cb);
	}
	if (!cb)
		pr_err("%s", strerror(ENOMEM));
	return cb;
}

static int request(struct nl_sock *sk, struct nl_msg *msg, parse_fn *parse,
		   nvsw_reply_fn fn, void *arg, int expected)
{
	struct request rq = {
		.fn = fn,
		.arg = arg,
		.parse = parse,
		.miss_type = -1,
		.bad_type = -1,
	};
	uint32_t seq;
	int err;

	/* nl_send_auto() sets the port, the next sequence number and NLM_F_ACK. */
	err = nl_send_auto(sk, msg);
	seq = nlmsg_hdr(msg)->nlmsg_seq;
	if (err < 0) {
		nlmsg_free(msg);
		pr_err("cannot send a netlink message: %s", nl_geterror(err));
		return -EIO;
	}
	rq.sent = nlmsg_hdr(msg);
	err = receive(sk, &rq, seq);
	nlmsg_free(msg);

	if (rq.error) {
		if (expected && rq.error == -expected)
			return 1;
		report(&rq);
		return rq.error;
	}
	if (rq.dump_intr) {
		pr_err("the dump was interrupted by a concurrent change, try again");
		return -EAGAIN;
	}
	if (err < 0) {
		pr_err("cannot receive the netlink reply: %s", nl_geterror(err));
		return -EIO;
	}
	if (rq.reply_error) {
		pr_err("cannot process the kernel's reply: %s", strerror(-rq.reply_error));
		return rq.reply_error;
	}
	return 0;
}

int nvsw_genl_request(struct nl_msg *msg, nvsw_reply_fn fn, void *arg)
{
	return request(genl_sk, msg, parse_nvsw, fn, arg, 0);
}

int nvsw_genl_request_expecting(struct nl_msg *msg, nvsw_reply_fn fn, void *arg,
				int expected)
{
	return request(genl_sk, msg, parse_nvsw, fn, arg, expected);
}

struct list_printer {
	bool started;
	const struct object *obj;
	const struct section *section;	/* NULL: a list of its own */
};

static int print_one_item(struct nlattr **tb, void *arg)
{
	struct list_printer *p = arg;

	if (!obj_complete(p->obj, tb))
		return -EBADMSG;
	if (p->section) {
		section_item_print(p->section, tb);
		return 0;
	}
	list_item(&p->started);
	return obj_print_reply(tb, (void *)p->obj);
}

static int print_list_item(struct nlattr **tb, void *arg)
{
	struct list_printer *p = arg;

	return obj_each(p->obj, tb, print_one_item, p);
}

int nvsw_genl_print_section(struct nl_msg *msg, const struct section *s)
{
	struct list_printer p = { .obj = s->obj, .section = s };
	int ret;

	open_json_array(s->key);
	ret = nvsw_genl_request(msg, print_list_item, &p) ? EXIT_FAIL : EXIT_OK;
	close_json_array();
	return ret;
}

int nvsw_genl_print_list(struct nl_msg *msg, const struct object *obj)
{
	struct list_printer p = { .obj = obj };
	int ret;

	ret = nvsw_genl_request(msg, print_list_item, &p) ? EXIT_FAIL : EXIT_OK;
	list_end(p.started, ret);
	return ret;
}

int nvsw_rtnl_request(struct nl_msg *msg)
{
	return request(rtnl_sk, msg, NULL, NULL, NULL, 0);
}

struct listen {
	const struct nvsw_listener *l;
	int error;
	bool stop;
};

static int event_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[MSG_A_MAX + 1];
	struct listen *ls = arg;
	int ret;

	/* A malformed notification is skipped: the next one may be fine. */
	if (parse_nvsw(nlmsg_hdr(msg), tb))
		return NL_OK;
	ret = ls->l->event(genlmsg_hdr(nlmsg_hdr(msg))->cmd, tb, ls->l->arg);
	if (ret < 0)
		ls->error = ret;
	if (ret)
		ls->stop = true;
	return ls->stop ? NL_STOP : NL_OK;
}

static int join(struct nl_sock *sk, const char *group)
{
	int grp, err;

	grp = genl_ctrl_resolve_grp(sk, NVSW_GENL_NAME, group);
	if (grp < 0) {
		pr_err("cannot resolve multicast group \"%s\" of \"%s\": %s",
		       group, NVSW_GENL_NAME, nl_geterror(grp));
		return -1;
	}
	err = nl_socket_add_membership(sk, grp);
	if (err < 0) {
		/* Both groups are for CAP_NET_ADMIN only. */
		pr_err("cannot join multicast group \"%s\": %s", group,
		       err == -NLE_PERM ? strerror(EPERM) : nl_geterror(err));
		return -1;
	}
	return 0;
}

int nvsw_genl_listen(const char *const *groups, size_t n, const struct nvsw_listener *l)
{
	struct listen ls = { .l = l };
	struct nl_sock *sk;
	struct nl_cb *cb;
	size_t i;
	int err = -1;

	/* Says "module not loaded" once, as every other command does. */
	if (genl_open())
		return -1;
	/* A socket of its own: replies to requests never mix with events. */
	sk = open_socket(NETLINK_GENERIC);
	if (!sk)
		return -1;
	/* Notifications carry sequence number 0. */
	nl_socket_disable_seq_check(sk);
	cb = socket_cb(sk);
	if (!cb)
		goto out_sk;
	for (i = 0; i < n; i++)
		if (join(sk, groups[i]))
			goto out;
	nl_socket_set_buffer_size(sk, LISTEN_RCVBUF, 0);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, event_cb, &ls);

	while (!ls.stop) {
		err = nl_recvmsgs(sk, cb);
		/* libnl reports the socket's ENOBUFS as NLE_NOMEM. */
		if (err == -NLE_NOMEM) {
			l->overrun(l->arg);
			continue;
		}
		if (err < 0) {
			pr_err("cannot receive notifications: %s", nl_geterror(err));
			goto out;
		}
	}
	err = ls.error;
out:
	nl_cb_put(cb);
out_sk:
	nl_socket_free(sk);
	return err;
}
