/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What nvswitchctl and nvswitch-fleet share on the command line: the exit
 * codes scripts branch on, how an error is printed, and the help words.
 */
#ifndef NVSW_TOOLS_CLI_H
#define NVSW_TOOLS_CLI_H

#include <stdbool.h>
#include <stddef.h>

/* Exit codes, documented in each program's help: scripts branch on them. */
enum {
	EXIT_OK		= 0,
	EXIT_FAIL	= 1,	/* the request was refused or could not be made */
	EXIT_USAGE	= 2,	/* the command line could not be parsed */
};

/* The program's name, which starts each error; each program defines it. */
extern const char cli_prog[];
/* The line of a batch being run, named in its errors; 0 outside a batch. */
extern unsigned long cli_line;

/* "PROG: [line N: ]message" on stderr, after what stdout holds. */
void pr_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* pr_err(), for a command line that could not be parsed: EXIT_USAGE. */
int usage_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "help", "-h" or "--help" */
bool is_help(const char *s);
/* Is any of the @argc words a help word? Then the command prints its usage. */
bool wants_help(int argc, char **argv);

/*
 * The entry of a command table named @word, or else the first whose name
 * @word begins, as iproute2's matches(): a table lists what only reads
 * first (show before set), so a short prefix never changes anything by
 * surprise. @table is an array of @size-byte structs whose first member
 * is the name, ended by a NULL name; NULL if none fits.
 */
const void *cli_find(const void *table, size_t size, const char *word);

#endif /* NVSW_TOOLS_CLI_H */
