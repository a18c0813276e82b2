// SPDX-License-Identifier: GPL-2.0
/*
 * The print layer over the JSON writer (json.c) and stdout: text and JSON
 * from the same calls, so the two forms cannot drift apart.
 */
#include <stdarg.h>
#include <stdio.h>

#include "json.h"
#include "nvswitchctl.h"
#include "print.h"

bool opt_json;
bool opt_pretty;

/* A word was printed on this line: the next one needs a space first. */
static bool mid_line;

static bool wanted(enum print_type type)
{
	return type == PRINT_ANY || (type == PRINT_JSON) == opt_json;
}

static void text_word(const char *key, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void text_word(const char *key, const char *fmt, ...)
{
	va_list ap;

	if (mid_line)
		putchar(' ');
	mid_line = true;
	if (key)
		printf("%s ", key);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

void print_string(enum print_type type, const char *key, const char *fmt, const char *val)
{
	if (!wanted(type))
		return;
	if (opt_json)
		json_string(key, val);
	else if (fmt)
		text_word(NULL, fmt, val);
	else
		text_word(key, "%s", val);
}

void print_uint(enum print_type type, const char *key, const char *fmt, unsigned int val)
{
	if (!wanted(type))
		return;
	if (opt_json)
		json_uint(key, val);
	else if (fmt)
		text_word(NULL, fmt, val);
	else
		text_word(key, "%u", val);
}

void print_u64(enum print_type type, const char *key, const char *fmt, uint64_t val)
{
	if (!wanted(type))
		return;
	if (opt_json)
		json_uint(key, val);
	else if (fmt)
		text_word(NULL, fmt, (unsigned long long)val);
	else
		text_word(key, "%llu", (unsigned long long)val);
}

void print_bool(enum print_type type, const char *key, const char *word, bool val)
{
	if (!wanted(type))
		return;
	if (opt_json)
		json_bool(key, val);
	else if (val && word)
		text_word(NULL, "%s", word);
}

void open_json_object(const char *key)
{
	if (opt_json)
		json_open_object(key);
}

void close_json_object(void)
{
	if (opt_json)
		json_close_object();
}

void open_json_array(const char *key)
{
	if (opt_json)
		json_open_array(key);
}

void close_json_array(void)
{
	if (opt_json)
		json_close_array();
}

void print_nl(void)
{
	if (opt_json)
		return;
	putchar('\n');
	mid_line = false;
}

void print_indent(const char *indent)
{
	if (opt_json)
		return;
	fputs(indent, stdout);
	mid_line = false;
}

void item_open(void)
{
	open_json_object(NULL);
}

void item_close(void)
{
	close_json_object();
	print_nl();
}

void list_item(bool *started)
{
	if (!*started)
		open_json_array(NULL);
	*started = true;
}

void list_end(bool started, int ret)
{
	if (started)
		close_json_array();
	else if (ret == EXIT_OK) {
		open_json_array(NULL);
		close_json_array();
	}
}
