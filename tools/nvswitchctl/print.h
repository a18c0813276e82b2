/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One print layer for text and JSON: each call says what a value is called
 * in JSON and how it reads in text, and prints whichever form -j asked for.
 * Text words are separated by one space, so formats carry no spaces at
 * their ends; the open/close calls are no-ops in text.
 */
#ifndef NVSWITCHCTL_PRINT_H
#define NVSWITCHCTL_PRINT_H

#include <stdbool.h>
#include <stdint.h>

enum print_type {
	PRINT_ANY,	/* both forms */
	PRINT_JSON,	/* only with -j */
	PRINT_TEXT,	/* only without -j */
};

/* Global options, set once in main(). */
extern bool opt_json;
extern bool opt_pretty;

/*
 * @key is the JSON key (NULL for an array element). In text, a string is
 * @fmt with the value, a number the words "LABEL VALUE": a NULL @fmt or
 * @label stands for @key.
 */
void print_string(enum print_type type, const char *key, const char *fmt, const char *val);
void print_uint(enum print_type type, const char *key, const char *label, uint64_t val);
/* JSON true or false; in text the word @word, only when @val. */
void print_bool(enum print_type type, const char *key, const char *word, bool val);

/* @key is NULL for array elements and for the top-level document. */
void open_json_object(const char *key);
void close_json_object(void);
void open_json_array(const char *key);
void close_json_array(void);

/* Text only: ends the line, or starts the next words after @indent. */
void print_nl(void);
void print_indent(const char *indent);

/* One object with -j, one line without: the item's members go between. */
void item_open(void);
void item_close(void);

/*
 * Output of a list: with -j the JSON array opens at the first item, so a
 * request that fails before any reply prints nothing on stdout.
 */
void list_item(bool *started);
void list_end(bool started, int ret);

#endif /* NVSWITCHCTL_PRINT_H */
