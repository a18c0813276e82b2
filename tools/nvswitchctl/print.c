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

static void text_word(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void text_word(const char *fmt, ...)
{
	va_list ap;

	if (mid_line)
		putchar(' ');
	mid_line = true;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

struct value {
	enum { STRING, UINT, BOOL } kind;
	const char *s;
	uint64_t u;
};

static void print_value(enum print_type type, const char *key, const char *text,
			const struct value *v)
{
	if (type != PRINT_ANY && (type == PRINT_JSON) != opt_json)
		return;
	if (opt_json && v->kind == STRING)
		json_string(key, v->s);
	else if (opt_json && v->kind == BOOL)
		json_bool(key, v->u);
	else if (opt_json)
		json_uint(key, v->u);
	else if (v->kind == STRING && text)
		text_word(text, v->s);
	else if (v->kind == STRING)
		text_word("%s %s", key, v->s);
	else if (v->kind == UINT)
		text_word("%s %llu", text ?: key, (unsigned long long)v->u);
	else if (v->u)
		text_word("%s", text);
}

void print_string(enum print_type type, const char *key, const char *fmt, const char *val)
{
	print_value(type, key, fmt, &(struct value){ .kind = STRING, .s = val });
}

void print_uint(enum print_type type, const char *key, const char *label, uint64_t val)
{
	print_value(type, key, label, &(struct value){ .kind = UINT, .u = val });
}

void print_bool(enum print_type type, const char *key, const char *word, bool val)
{
	print_value(type, key, word, &(struct value){ .kind = BOOL, .u = val });
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
