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

#define PROG_NAME	"nvswitchctl"
#define PROG_VERSION	"0.1"

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

/* Global options, set once in main(). */
extern bool opt_json;
extern bool opt_pretty;

void pr_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int usage_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Runs the entry of @table named argv[0]; "help" prints @usage. Each object
 * (switch, pa, ...) is such a table, so every level behaves the same.
 */
int dispatch(const struct command *table, const char *object, void (*usage)(FILE *),
	     int argc, char **argv);

struct keyword;

/*
 * Shared argument handling, so every subcommand reports the same errors.
 * Each returns EXIT_OK or the exit code, after printing why.
 */
int take_switch(int *argc, char ***argv, const char **name);
int take_keywords(int argc, char **argv, struct keyword *kw, size_t n);
int no_more_args(int argc, char **argv);

/* Makes room for element @n of @array; NULL when out of memory. */
void *grow_array(void *array, size_t *cap, size_t n, size_t size);

/*
 * Output of a list: with -j the JSON array opens at the first item, so a
 * request that fails before any reply prints nothing on stdout.
 */
void list_item(bool *started);
void list_end(bool started, int ret);

struct addr_list {
	struct in_addr *a;
	size_t n, cap;
};

/* Appends the provider addresses of switch @ifindex to @l (pa.c). */
int pa_list(uint32_t ifindex, struct addr_list *l);

int cmd_switch(int argc, char **argv);
int cmd_pa(int argc, char **argv);
int cmd_port(int argc, char **argv);
int cmd_lookup(int argc, char **argv);
int cmd_stats(int argc, char **argv);

#endif /* NVSWITCHCTL_H */
