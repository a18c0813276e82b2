/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Declarations shared by every nvswitchctl subcommand.
 */
#ifndef NVSWITCHCTL_H
#define NVSWITCHCTL_H

#include <stdbool.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/nvswitch.h>

#define PROG_NAME	"nvswitchctl"
/* The Makefile passes the VERSION file at the top of the tree. */
#ifndef PROG_VERSION
#define PROG_VERSION	"unknown"
#endif
/* The external ip6gretap device nvswitchctl makes for IPv6 PAs (underlay6.c). */
#define UNDERLAY6_IFNAME	"nvsw_gre6"

/* Exit codes, documented in the help text: scripts branch on them. */
enum {
	EXIT_OK		= 0,
	EXIT_FAIL	= 1,	/* the kernel or the system rejected the request */
	EXIT_USAGE	= 2,	/* the command line could not be parsed */
};

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
};

/* Global option, set once in main(); -j and -p are in print.h. */
extern bool opt_stats;

void pr_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int usage_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "help", "-h" or "--help" */
bool is_help(const char *s);
/* Is any of the @argc words a help word? Then the command prints its usage. */
bool wants_help(int argc, char **argv);

/*
 * Runs the entry of @table named argv[0]; "help" prints @usage. Each object
 * (switch, pa, ...) is such a table, so every level behaves the same.
 */
int dispatch(const struct command *table, const char *object, void (*usage)(FILE *),
	     int argc, char **argv);

/* One command line, OBJECT COMMAND [ARGS], as typed after the options. */
int run_command(int argc, char **argv);
/*
 * Splits @line in place into at most @max words; double or single quotes
 * group words, '#' starts a comment. Returns the count, or -1 after saying why.
 */
int split_words(char *line, char **argv, int max);

struct keyword;

/*
 * Shared argument handling, so every subcommand reports the same errors.
 * Each returns EXIT_OK or the exit code, after printing why. They check
 * syntax only, except that device keywords (dev) are resolved once every
 * word parsed: a bad value is reported before a missing device.
 */
int take_switch(int *argc, char ***argv, const char **name);
/*
 * Does switch @name exist? Asked by nvsw_genl_msg(), so only once every
 * argument of the command was parsed.
 */
int check_switch(const char *name);
int take_keywords(int argc, char **argv, struct keyword *kw, size_t n);
/* SWITCH [KEYWORD VALUE]...: take_switch(), then take_keywords() on the rest. */
int take_switch_keywords(int argc, char **argv, const char **name,
			 struct keyword *kw, size_t n);
int no_more_args(int argc, char **argv);

/*
 * The switches as "switch show" prints them, one or all when @name is NULL;
 * @details, if any, prints more of each (show.c). Returns an exit code.
 */
typedef int (*switch_details_fn)(const char *ifname);

/* A limit of what a switch holds: keyword, JSON keys and attributes (objects.c). */
struct switch_limit {
	const char *name;	/* keyword and text: max-records 3/1000000 */
	const char *json_max;
	const char *json_count;	/* NULL: the JSON has it already */
	int link_attr;		/* IFLA_NVSW_MAX_* */
	int max_attr;		/* NVSW_A_MAX_* */
	int count_attr;		/* NVSW_A_*_COUNT */
};

#define N_SWITCH_LIMITS	5
extern const struct switch_limit switch_limits[N_SWITCH_LIMITS];

/* A switch as SWITCH_GET tells it. */
struct switch_info {
	char name[16];		/* IFNAMSIZ: net/if.h and linux/if.h clash */
	uint32_t ifindex;
	uint8_t flowid;
	uint32_t move_grace_ms;
	uint8_t dscp;
	uint32_t default_vsid;
	uint32_t pas, ports, lookups;
	uint32_t max[N_SWITCH_LIMITS], count[N_SWITCH_LIMITS];
};

/*
 * Every switch of the netns, or the one named @name; *@sw is malloc'ed.
 * Returns an exit code.
 */
int switch_info_get(const char *name, struct switch_info **sw, size_t *n);
int switch_list_show(const char *name, switch_details_fn details);
/* [SWITCH] and nothing more: *name is NULL without one. */
int take_optional_switch(int argc, char **argv, const char **name);

/* Makes room for element @n of @array; NULL when out of memory. */
void *grow_array(void *array, size_t *cap, size_t n, size_t size);

struct addr_list {
	struct ca_addr *a;
	size_t n, cap;
};

/* Appends the provider addresses of switch @ifindex to @l (pa.c). */
int pa_list(uint32_t ifindex, struct addr_list *l);

/*
 * Provider addresses in messages (pa.c): NVSW_A_PA_IPV4 or NVSW_A_PA_IPV6.
 * get_pa() returns false when the message has neither.
 */
struct nl_msg;
struct nlattr;
int put_pa(struct nl_msg *msg, const struct ca_addr *pa);
bool get_pa(struct nlattr **tb, struct ca_addr *pa);
/* "" for AF_UNSPEC (objects.c). */
const char *format_addr(char buf[INET6_ADDRSTRLEN], const struct ca_addr *a);
/* Makes the ip6gretap device IPv6 PAs receive on (underlay6.c). */
int underlay6_create(void);
/* The prefix of a routing request, either family (vsubnet.c). */
struct prefix;
int put_prefix(struct nl_msg *msg, const struct prefix *p);
/* show of vsubnets and of routes: SWITCH [rdid RDID] (route.c). */
struct object;
int routing_show(int argc, char **argv, uint8_t cmd, const struct object *obj);

int cmd_switch(int argc, char **argv);
int cmd_pa(int argc, char **argv);
int cmd_port(int argc, char **argv);
int cmd_lookup(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_vsid(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_vsubnet(int argc, char **argv);
int cmd_route(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_save(int argc, char **argv);
int cmd_sync(int argc, char **argv);

#endif /* NVSWITCHCTL_H */
