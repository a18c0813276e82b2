// SPDX-License-Identifier: GPL-2.0
/*
 * Minimal streaming JSON writer. A document ends with a newline when its
 * outermost container closes, so batch mode prints one document per line
 * (or per block with -p).
 */
#include <stdio.h>

#include "json.h"
#include "print.h"

#define MAX_DEPTH	16

static int depth;
static bool empty[MAX_DEPTH];	/* no member written yet at this depth */

static void indent(int level)
{
	putchar('\n');
	while (level-- > 0)
		fputs("    ", stdout);
}

static void put_string(const char *s)
{
	static const char *const escapes[128] = {
		['"'] = "\\\"", ['\\'] = "\\\\", ['\n'] = "\\n", ['\t'] = "\\t",
	};
	const unsigned char *p = (const unsigned char *)s;

	putchar('"');
	for (; *p; p++) {
		if (*p < 128 && escapes[*p])
			fputs(escapes[*p], stdout);
		else if (*p < 0x20)
			printf("\\u%04x", *p);
		else
			putchar(*p);
	}
	putchar('"');
}

/* Separator, indentation and key of the next member. */
static void member(const char *key)
{
	if (depth > 0) {
		if (!empty[depth])
			putchar(',');
		empty[depth] = false;
		if (opt_pretty)
			indent(depth);
	}
	if (key) {
		put_string(key);
		fputs(opt_pretty ? ": " : ":", stdout);
	}
}

/* The print layer's containers: in text there are none. */
static void open_container(const char *key, char c)
{
	if (!opt_json)
		return;
	member(key);
	putchar(c);
	if (depth < MAX_DEPTH - 1)
		depth++;
	empty[depth] = true;
}

static void close_container(char c)
{
	bool was_empty = empty[depth];

	if (!opt_json)
		return;
	if (depth > 0)
		depth--;
	if (opt_pretty && !was_empty)
		indent(depth);
	putchar(c);
	if (depth == 0) {
		putchar('\n');
		fflush(stdout);
	}
}

void open_json_object(const char *key)
{
	open_container(key, '{');
}

void close_json_object(void)
{
	close_container('}');
}

void open_json_array(const char *key)
{
	open_container(key, '[');
}

void close_json_array(void)
{
	close_container(']');
}

void json_string(const char *key, const char *val)
{
	member(key);
	put_string(val);
}

void json_uint(const char *key, uint64_t val)
{
	member(key);
	printf("%llu", (unsigned long long)val);
}

void json_bool(const char *key, bool val)
{
	member(key);
	fputs(val ? "true" : "false", stdout);
}
