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

#include "cli.h"

#define PROG_NAME	"nvswitchctl"
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
/* The Makefile passes the VERSION file at the top of the tree. */
#ifndef PROG_VERSION
#define PROG_VERSION	"unknown"
#endif
/* The external ip6gretap device nvswitchctl makes for IPv6 PAs (underlay6.c). */
#define UNDERLAY6_IFNAME	"nvsw_gre6"

typedef int command_fn(int argc, char **argv);

struct commands;

/*
 * An entry of a command table: an object of main.c's ("pa"), with the line
 * "help" prints, or a command of an object's own table ("show" of "pa").
 * It runs @fn on the rest of the line, or else dispatches it to @sub.
 */
struct command {
	const char *name;
	command_fn *fn;
	const struct commands *sub;
	const char *help;
};

/*
 * The commands of an object, each object in its own file with its usage:
 * those that only read first, so that a short prefix changes nothing.
 */
struct commands {
	void (*usage)(FILE *f);
	const struct command *list;	/* ends with { NULL } */
};

/* const struct commands pa_commands = COMMANDS(pa_usage, COMMAND("show", pa_show), ...); */
#define COMMAND(n, f)		{ .name = (n), .fn = (f) }
#define COMMANDS(u, ...)	{ (u), (const struct command[]){ __VA_ARGS__, { NULL } } }

/* Global option, set once in main(); -j and -p are in print.h. */
extern bool opt_stats;

/*
 * Runs the command of @object named argv[0] among @cmds; "help" prints
 * their usage. Every object (switch, pa, ...) goes through here, so each
 * behaves the same.
 */
int dispatch(const char *object, const struct commands *cmds, int argc, char **argv);

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
	int max_attr;		/* A_OBJ(NVSW_SWITCH_A_MAX_*) */
	int count_attr;		/* A_OBJ(NVSW_SWITCH_A_*_COUNT) */
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
	uint32_t max[N_SWITCH_LIMITS];
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
 * The address in attribute @attr of a message read as attr_words.h says;
 * false when it has none (objects.c).
 */
struct nl_msg;
struct nlattr;
bool get_addr(struct nlattr **tb, int attr, struct ca_addr *a);
/* "" for AF_UNSPEC (objects.c). */
const char *format_addr(char buf[INET6_ADDRSTRLEN], const struct ca_addr *a);
/* Makes the ip6gretap device IPv6 PAs receive on (underlay6.c). */
int underlay6_create(void);
/* An address in a request (request.c): attribute @attr, 16 bytes. */
int put_addr(struct nl_msg *msg, int attr, const struct ca_addr *a);
/*
 * show of vsubnets and of routes: SWITCH [rdid RDID], the RDID in
 * @rdid_attr of the object's nest (route.c).
 */
struct object;
int routing_show(int argc, char **argv, uint8_t cmd, const struct object *obj, int rdid_attr);

/* The objects of main.c's table, each in its own file. */
extern const struct commands switch_commands, pa_commands, port_commands, record_commands,
	vsid_commands, vsubnet_commands, route_commands, stats_commands;
/* The objects that read the rest of the line themselves. */
command_fn cmd_switch, cmd_monitor, cmd_explain, cmd_show, cmd_save, cmd_sync;

#endif /* NVSWITCHCTL_H */
