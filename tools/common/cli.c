// SPDX-License-Identifier: GPL-2.0
/* The command-line conventions nvswitchctl and nvswitch-fleet share (cli.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

unsigned long cli_line;

void pr_err(const char *fmt, ...)
{
	va_list ap;

	/* What was printed before the error comes before it. */
	fflush(stdout);
	if (cli_line)
		fprintf(stderr, "%s: line %lu: ", cli_prog, cli_line);
	else
		fprintf(stderr, "%s: ", cli_prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int usage_err(const char *fmt, ...)
{
	char buf[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	pr_err("%s", buf);
	return EXIT_USAGE;
}

bool is_help(const char *s)
{
	return !strcmp(s, "help") || !strcmp(s, "-h") || !strcmp(s, "--help");
}

bool wants_help(int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++)
		if (is_help(argv[i]))
			return true;
	return false;
}

/* The name of the entry at @p: the first member of its struct. */
static const char *entry_name(const char *p)
{
	return *(const char *const *)p;
}

const void *cli_find(const void *table, size_t size, const char *word)
{
	size_t len = strlen(word);
	const char *p;

	for (p = table; entry_name(p); p += size)
		if (!strcmp(word, entry_name(p)))
			return p;
	for (p = table; len && entry_name(p); p += size)
		if (!strncmp(word, entry_name(p), len))
			return p;
	return NULL;
}
