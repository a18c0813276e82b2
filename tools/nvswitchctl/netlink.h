/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Netlink plumbing: one rtnetlink and one generic netlink socket per process,
 * opened on first use (after -n has entered its netns) and kept for a whole
 * batch, extended-ACK reporting, and request/dump helpers.
 */
#ifndef NVSWITCHCTL_NETLINK_H
#define NVSWITCHCTL_NETLINK_H

#include <stdbool.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include <linux/nvswitch.h>

/*
 * Called with the attributes of each reply of a request or dump, already
 * validated for type and length, in the flat array of attr_words.h
 * (MSG_A_MAX + 1 entries: tb[NVSW_A_IFNAME], tb[A_OBJ(NVSW_RECORD_A_CA)]).
 * A negative return fails the request, but the rest of the dump is still
 * drained so the socket stays usable.
 */
typedef int (*nvsw_reply_fn)(struct nlattr **tb, void *arg);

/*
 * A generic netlink request for @cmd naming switch @ifname (or none when
 * NULL). Returns NULL, with the reason printed, when there is no such
 * switch or the nvswitch family cannot be resolved.
 */
struct nl_msg *nvsw_genl_msg(uint8_t cmd, int flags, const char *ifname);

/* An rtnetlink link request, struct ifinfomsg included. */
struct nl_msg *nvsw_rtnl_msg(int type, int flags, int ifindex);

/*
 * Send @msg (consumed) and wait for its ACK or the end of its dump. Returns 0,
 * or a negative errno after printing why: the kernel's extended ACK message
 * when it sent one.
 */
int nvsw_genl_request(struct nl_msg *msg, nvsw_reply_fn fn, void *arg);
/*
 * The same, except that a refusal with errno @expected is not printed and
 * returns 1: the caller handles it.
 */
int nvsw_genl_request_expecting(struct nl_msg *msg, nvsw_reply_fn fn, void *arg,
				int expected);
struct object;
struct section;
/*
 * A dump request printed as a list, one item per reply, of object @obj;
 * returns EXIT_OK or EXIT_FAIL.
 */
int nvsw_genl_print_list(struct nl_msg *msg, const struct object *obj);
/* The same inside an object being printed: a section of the overview. */
int nvsw_genl_print_section(struct nl_msg *msg, const struct section *s);
int nvsw_rtnl_request(struct nl_msg *msg);

/*
 * What the keywords of a command line are sent as (request.c): each
 * keyword given that names an attribute (kw->attr, A_OBJ() or A_PFX()),
 * in the order of the table, in the object nest @nest of a request of
 * @cmd for the switch named first.
 */
struct keyword;
struct kw_request {
	uint8_t cmd;
	int flags;		/* NLM_F_DUMP or 0 */
	int nest;		/* NVSW_A_RECORD... */
	/* A rule between the keywords given: the usage error, or NULL. */
	const char *(*check)(const struct keyword *kw);
	nvsw_reply_fn reply;
	void *arg;
	const struct object *list;	/* a dump printed as a list of these */
	/*
	 * A refusal with errno @retry_errno (not 0) is no failure: after
	 * before_retry(), if any, succeeds, the keywords are sent again as
	 * @retry_cmd. The kernel's errno decides, never its message.
	 */
	int retry_errno;
	uint8_t retry_cmd;
	int (*before_retry)(void);
};

/* SWITCH [KEYWORD VALUE]... sent as @rq; returns an exit code. */
int keywords_request(int argc, char **argv, struct keyword *kw, size_t n,
		     const struct kw_request *rq);
/* The keywords already parsed (@kw[i].seen), sent as @rq for switch @name. */
int keywords_send(const char *name, const struct kw_request *rq,
		  const struct keyword *kw, size_t n);

/* For the nla_put_failure label: frees @msg, says why, returns EXIT_FAIL. */
int nvsw_put_failure(struct nl_msg *msg);

/*
 * Notifications of the multicast groups of the nvswitch family. event()
 * gets each one's command and attributes; it returns 0 to go on, 1 to stop
 * listening, or a negative errno to stop with it. overrun() is called when
 * the socket lost notifications (ENOBUFS); listening goes on.
 */
struct nvsw_listener {
	int (*event)(uint8_t cmd, struct nlattr **tb, void *arg);
	void (*overrun)(void *arg);
	void *arg;
};

/* Joins @groups (names) and listens until event() stops it. Returns 0 or < 0. */
int nvsw_genl_listen(const char *const *groups, size_t n, const struct nvsw_listener *l);

void nvsw_nl_close(void);

#endif /* NVSWITCHCTL_NETLINK_H */
