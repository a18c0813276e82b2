// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl: configure nvswitch NVGRE virtual switches.
 *
 * Grammar follows iproute2: nvswitchctl [OPTIONS] OBJECT COMMAND [ARGS].
 * Each object lives in its own file with its own table of commands; this file
 * holds the table of objects, the global options, -n, -b and the dispatch.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <net/if.h>

#include <linux/nvswitch.h>

#include "netlink.h"
#include "nvswitchctl.h"
#include "parse.h"
#include "print.h"

bool opt_stats;

static const char *batch_file;
static bool batch_force;		/* -force: a failed line does not stop the batch */
const char cli_prog[] = PROG_NAME;

static const struct command objects[];

static const struct command *find_command(const struct command *table, const char *word)
{
	return cli_find(table, sizeof(*table), word);
}

/*
 * The other names of a command, as in ip: no command begins with one, so
 * they are tried last, prefixes too ("l" lists).
 */
static const struct command *find_alias(const struct command *table, const char *word)
{
	static const struct {
		const char *alias, *name;
	} aliases[] = {
		{ "list", "show" },
		{ "ls", "show" },
		{ "delete", "del" },
	};
	size_t i, len = strlen(word);

	for (i = 0; len && i < ARRAY_SIZE(aliases); i++)
		if (!strncmp(word, aliases[i].alias, len))
			return find_command(table, aliases[i].name);
	return NULL;
}

/* A command, or an object: its own function, or its commands. */
static int run(const struct command *c, int argc, char **argv)
{
	if (c->fn)
		return c->fn(argc, argv);
	return dispatch(c->name, c->sub, argc, argv);
}

int dispatch(const char *object, const struct commands *cmds, int argc, char **argv)
{
	const struct command *c;

	if (argc < 1) {
		cmds->usage(stderr);
		return EXIT_USAGE;
	}
	/* Anywhere, as in "switch add help": asking never creates anything. */
	if (wants_help(argc, argv)) {
		cmds->usage(stdout);
		return EXIT_OK;
	}
	c = find_command(cmds->list, argv[0]) ?: find_alias(cmds->list, argv[0]);
	if (c)
		return run(c, argc - 1, argv + 1);
	pr_err("unknown command \"%s\" for \"%s\", try \"%s %s help\"",
	       argv[0], object, PROG_NAME, object);
	return EXIT_USAGE;
}

/*
 * The switch the batch's lines found last. A batch of records names the same
 * switch on each line, and if_nametoindex() opens a socket of its own every
 * time: the check is done again only for another name, after a line that
 * failed or a "switch" line (which may create, rename or delete switches).
 */
static char known_switch[IFNAMSIZ];

int take_switch(int *argc, char ***argv, const char **name)
{
	if (*argc < 1)
		return usage_err("missing SWITCH");
	*name = (*argv)[0];
	(*argc)--;
	(*argv)++;
	if (parse_ifname(*name))
		return usage_err("%s", parse_error());
	return EXIT_OK;
}

int check_switch(const char *name)
{
	if (parse_no_check() || (cli_line && !strcmp(name, known_switch)))
		return EXIT_OK;
	/* The kernel says ENODEV too, but this message names the device. */
	if (!if_nametoindex(name)) {
		pr_err("device \"%s\" does not exist", name);
		return EXIT_FAIL;
	}
	if (cli_line)
		snprintf(known_switch, sizeof(known_switch), "%s", name);
	return EXIT_OK;
}

int take_keywords(int argc, char **argv, struct keyword *kw, size_t n)
{
	int ret = parse_keywords(argc, argv, kw, n);

	if (ret)
		pr_err("%s", parse_error());
	return ret;
}

int take_switch_keywords(int argc, char **argv, const char **name,
			 struct keyword *kw, size_t n)
{
	int ret = take_switch(&argc, &argv, name);

	return ret ? ret : take_keywords(argc, argv, kw, n);
}

int no_more_args(int argc, char **argv)
{
	if (argc > 0)
		return usage_err("unexpected argument \"%s\"", argv[0]);
	return EXIT_OK;
}

void *grow_array(void *array, size_t *cap, size_t n, size_t size)
{
	size_t new_cap;
	void *p;

	if (n < *cap)
		return array;
	new_cap = *cap ? *cap * 2 : 8;
	p = reallocarray(array, new_cap, size);
	if (!p)
		return NULL;
	*cap = new_cap;
	return p;
}

#define OBJECT(o, cmds, h)	{ .name = (o), .sub = (cmds), .help = (h) }
#define OWN(o, f, h)		{ .name = (o), .fn = (f), .help = (h) }

/*
 * The objects, in the order of help and of prefixes: one with commands of
 * its own (in its file), or one that reads the rest of the line (OWN).
 */
static const struct command objects[] = {
	/* A bare "switch" shows; the rest goes to switch_commands. */
	OWN("switch", cmd_switch, "create, change, delete and show switches"),
	OBJECT("pa", &pa_commands, "provider addresses of a switch"),
	OBJECT("port", &port_commands, "attach devices to a switch in a virtual subnet"),
	OBJECT("record", &record_commands,
	       "where a customer address is: its MAC and provider address"),
	OBJECT("vsid", &vsid_commands, "virtual subnets of a switch: counters, broadcast mode"),
	OBJECT("vsubnet", &vsubnet_commands,
	       "routable virtual subnets: routing domain, prefix, gateway"),
	OBJECT("route", &route_commands, "customer routes of a routing domain"),
	OBJECT("stats", &stats_commands,
	       "counters of a switch, a subnet or a port, drops by reason"),
	OWN("monitor", cmd_monitor, "print configuration changes and misses as they happen"),
	OWN("explain", cmd_explain, "what the switch would do with a frame from a port"),
	OWN("show", cmd_show, "everything at a glance: each switch, its PAs, ports, VSIDs, routes"),
	OWN("save", cmd_save, "a switch's configuration as the commands that make it"),
	OWN("sync", cmd_sync, "make a switch what a file of save's commands says, by difference"),
	{ NULL }
};

static void usage(FILE *f)
{
	const struct command *c;

	fprintf(f,
		"Usage: %s [OPTIONS] OBJECT COMMAND [ARGS]...\n"
		"       %s [OPTIONS] show [SWITCH]\n"
		"       %s [OPTIONS] -b FILE [-force]\n"
		"       %s OBJECT help | help | --version\n"
		"\n"
		"Objects:\n", PROG_NAME, PROG_NAME, PROG_NAME, PROG_NAME);
	for (c = objects; c->name; c++)
		fprintf(f, "  %-9s %s\n", c->name, c->help);
	fprintf(f,
		"\n"
		"Options:\n"
		"  -j, --json          print JSON: an array for show, an object for get, flush\n"
		"                      and stats, one object per line for monitor\n"
		"  -p, --pretty        pretty-print JSON (implies -j)\n"
		"  -s, --stats         show counters too (port show)\n"
		"  -n, --netns NETNS   run in network namespace /run/netns/NETNS\n"
		"  -b, --batch FILE    run one command per line of FILE (- for stdin);\n"
		"                      '#' starts a comment; stops at the first line that\n"
		"                      fails (\"Command failed FILE:LINE\")\n"
		"  -f, --force         with -b: go on after a failed line\n"
		"  -h, --help          show this help\n"
		"  -V, --version       show the version\n"
		"\n"
		"Exit status:\n"
		"  0  success\n"
		"  1  the kernel or the system rejected the request (message printed)\n"
		"  2  usage or parse error\n"
		"With -b, the status of the failed line; with -force, 2 if a line had a\n"
		"usage error, else 1 if one failed.\n"
		"Long options take one dash or two, as in ip: -json, --json.\n");
}

int run_command(int argc, char **argv)
{
	const struct command *c;

	if (is_help(argv[0])) {
		usage(stdout);
		return EXIT_OK;
	}
	c = find_command(objects, argv[0]);
	if (c)
		return run(c, argc - 1, argv + 1);
	pr_err("unknown object \"%s\", try \"%s help\"", argv[0], PROG_NAME);
	return EXIT_USAGE;
}

/* Like "ip -n": later sockets, and if_nametoindex(), live in that netns. */
static int enter_netns(const char *name)
{
	char path[4096];
	int fd;

	if (strchr(name, '/'))
		snprintf(path, sizeof(path), "%s", name);
	else
		snprintf(path, sizeof(path), "/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		pr_err("cannot open network namespace \"%s\": %s", name, strerror(errno));
		return -1;
	}
	if (setns(fd, CLONE_NEWNET)) {
		pr_err("cannot enter network namespace \"%s\": %s", name, strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int split_words(char *line, char **argv, int max)
{
	int argc = 0;
	char *p = line, *out;
	char quote;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p || *p == '#')
			return argc;
		if (argc == max) {
			pr_err("too many words");
			return -1;
		}
		argv[argc++] = out = p;
		quote = 0;
		for (; *p; p++) {
			if (quote) {
				if (*p == quote)
					quote = 0;
				else
					*out++ = *p;
			} else if (*p == '"' || *p == '\'') {
				quote = *p;
			} else if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
				break;
			} else {
				*out++ = *p;
			}
		}
		if (quote) {
			pr_err("unterminated quote");
			return -1;
		}
		if (*p)
			p++;
		*out = '\0';
	}
}

static int run_batch(const char *name)
{
	const struct command *obj;
	char *line = NULL, *argv[64];
	size_t cap = 0;
	int argc, ret, status = EXIT_OK;
	FILE *f;

	if (!strcmp(name, "-")) {
		f = stdin;
	} else {
		f = fopen(name, "r");
		if (!f) {
			pr_err("cannot open \"%s\": %s", name, strerror(errno));
			return EXIT_FAIL;
		}
	}
	while (getline(&line, &cap, f) >= 0) {
		cli_line++;
		argc = split_words(line, argv, sizeof(argv) / sizeof(argv[0]));
		if (argc == 0)
			continue;
		ret = argc < 0 ? EXIT_USAGE : run_command(argc, argv);
		/* Any spelling of "switch" may create, rename or delete one. */
		obj = find_command(objects, argv[0]);
		if (ret || (obj && obj->fn == cmd_switch))
			known_switch[0] = '\0';
		fflush(stdout);
		if (!ret)
			continue;
		/* As ip -batch: what failed, then stop unless forced. */
		fprintf(stderr, "Command failed %s:%lu\n", name, cli_line);
		/* A usage error anywhere makes the batch a usage error. */
		if (ret == EXIT_USAGE || status == EXIT_OK)
			status = ret;
		if (!batch_force)
			break;
	}
	cli_line = 0;
	known_switch[0] = '\0';
	free(line);
	if (f != stdin)
		fclose(f);
	return status;
}

/*
 * ip spells its long options with one dash (-json, -batch, -force): such a
 * word, the whole name, becomes getopt's --name, while combined short
 * options stay what they were (-js is -j -s). Only up to the object.
 */
static void spell_long_options(int argc, char **argv,
			       const struct option *opts)
{
	const struct option *o;
	char *dashed;
	int i;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] &&
		    argv[i][1] != '-'; i++) {
		for (o = opts; o->name; o++)
			if (!strcmp(argv[i] + 1, o->name))
				break;
		if (o->name) {
			dashed = malloc(strlen(o->name) + 3);
			if (!dashed)
				return;
			sprintf(dashed, "--%s", o->name);
			argv[i] = dashed;
			if (o->has_arg == required_argument)
				i++;
		} else if (!argv[i][2] && strchr("nb", argv[i][1])) {
			i++;	/* -n NETNS, -b FILE */
		}
	}
}

int main(int argc, char **argv)
{
	static const struct option long_opts[] = {
		{ "json",    no_argument,       NULL, 'j' },
		{ "pretty",  no_argument,       NULL, 'p' },
		{ "stats",   no_argument,       NULL, 's' },
		{ "netns",   required_argument, NULL, 'n' },
		{ "batch",   required_argument, NULL, 'b' },
		{ "force",   no_argument,       NULL, 'f' },
		{ "help",    no_argument,       NULL, 'h' },
		{ "version", no_argument,       NULL, 'V' },
		{ NULL }
	};
	const char *netns = NULL;
	int c, ret;

	opterr = 0;
	spell_long_options(argc, argv, long_opts);
	/* "+": options end at the object, as in "ip". */
	while ((c = getopt_long(argc, argv, "+:jpsn:b:fhV", long_opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			opt_json = true;
			break;
		case 'p':
			opt_json = opt_pretty = true;
			break;
		case 's':
			opt_stats = true;
			break;
		case 'n':
			netns = optarg;
			break;
		case 'b':
			batch_file = optarg;
			break;
		case 'f':
			batch_force = true;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'V':
			printf("%s %s (uapi: generic netlink family \"%s\" version %d)\n",
			       PROG_NAME, PROG_VERSION, NVSW_GENL_NAME, NVSW_GENL_VERSION);
			return EXIT_OK;
		case ':':
			return usage_err("option \"%s\" needs an argument", argv[optind - 1]);
		default:
			if (optopt)
				return usage_err("unknown option \"-%c\", try \"%s --help\"",
						 optopt, PROG_NAME);
			return usage_err("unknown option \"%s\", try \"%s --help\"",
					 argv[optind - 1], PROG_NAME);
		}
	}
	argc -= optind;
	argv += optind;

	if (batch_force && !batch_file)
		return usage_err("-force goes with -b FILE");
	if (batch_file && argc > 0)
		return usage_err("-b takes no command, found \"%s\"", argv[0]);
	if (!batch_file && argc < 1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (netns && enter_netns(netns))
		return EXIT_FAIL;

	ret = batch_file ? run_batch(batch_file) : run_command(argc, argv);
	nvsw_nl_close();
	if (fflush(stdout) || ferror(stdout)) {
		pr_err("cannot write output: %s", strerror(errno));
		ret = EXIT_FAIL;
	}
	return ret;
}
