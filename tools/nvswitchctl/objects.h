/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The objects nvswitchctl prints, each described once: which netlink
 * attributes it has, their JSON key and their text. get, show, the
 * overview and monitor all print an object through its table, so it reads
 * the same whichever command shows it. The JSON keys are a stable
 * interface, listed in Documentation/nvswitchctl.8 (JSON OUTPUT) and
 * Documentation/cli.rst, and held to both by test_print.sh.
 */
#ifndef NVSWITCHCTL_OBJECTS_H
#define NVSWITCHCTL_OBJECTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/nvswitch.h>

struct nlattr;

enum field_kind {
	FIELD_UINT,	/* a u8 or u32 attribute: a JSON number */
	FIELD_BOOL,	/* a flag: JSON true/false, in text a word when set */
	FIELD_ONOFF,	/* a u8 0/1: JSON true/false, in text "WORD on" when 1 */
	FIELD_STRING,	/* what format() makes of the message, or a string attribute */
	FIELD_LIMITS,	/* each switch limit: its count and maximum (switch_limits[]) */
	FIELD_EXTRA,	/* what the caller adds at this place (a switch's PAs) */
};

enum {
	F_REQUIRED	= 1 << 0,	/* a message without it is not this object */
	F_OPTIONAL	= 1 << 1,	/* left out when absent, else printed as zero */
	F_TEXT_IF_SET	= 1 << 2,	/* in text only when not zero */
	F_NAME		= 1 << 3,	/* the object's name, which a monitor event says first */
	F_COUNT		= 1 << 4,	/* a count that the overview's arrays stand for */
};

struct field {
	enum field_kind kind;
	const char *key;	/* the JSON key */
	const char *text;	/* format, or a number's label (print.h); NULL: the key; "": none */
	int attr;
	/* FIELD_STRING: the value as text, NULL when the message lacks it */
	const char *(*format)(char *buf, size_t len, struct nlattr **tb, int attr);
	unsigned int flags;
	int text_unless;	/* no text when the message has this attribute */
};

struct object {
	const char *name;
	int nest;		/* the top-level attribute of its nest, 0: none */
	const struct field *fields;
	size_t n;
};

extern const struct object obj_switch, obj_pa, obj_port, obj_record, obj_vsid,
	obj_vsubnet, obj_route, obj_miss, obj_explain, obj_flush;

/* What FIELD_EXTRA prints, when the caller has it. */
struct obj_extra {
	void (*print)(void *arg);
	void *arg;
};

/*
 * Calls @fn with each item of a message of object @o: once, or for a
 * vsubnet once per prefix (a dual-stack vsubnet is two items). Stops at
 * the first error @fn returns.
 */
int obj_each(const struct object *o, struct nlattr **tb,
	     int (*fn)(struct nlattr **tb, void *arg), void *arg);

/* Has @tb every attribute the object cannot do without? */
bool obj_complete(const struct object *o, struct nlattr **tb);
/*
 * The members (-j) or words of @o, but the fields flagged in @omit;
 * the caller opens and closes the item.
 */
void obj_print(const struct object *o, struct nlattr **tb, unsigned int omit,
	       const struct obj_extra *extra);

/*
 * A reply callback (nvsw_reply_fn) printing the object @arg points to as
 * one item: what get, flush and explain print.
 */
int obj_print_reply(struct nlattr **tb, void *arg);

/* A port, with its counters under "stats" (a line of their own in text). */
void port_print(struct nlattr **tb, bool stats);

/* Counters of a switch, a virtual subnet or a port. */
struct counters {
	uint64_t stat[NVSW_STATS_A_MAX + 1];
	uint64_t drop[NVSW_DROP_A_MAX + 1];
};

/* Reads a stats nest; unknown or missing counters are zero. */
int stats_parse(struct nlattr *nest, struct counters *c);
/*
 * With -j, object @key with the counters and the drops by reason; else
 * "name value" words and the total of drops. A port has rx and tx only.
 */
void stats_put(const char *key, const struct counters *c, bool port);
/* "stats show": one object, or a line per counter and per drop reason. */
void stats_print(const struct counters *c);

/*
 * FIELD_EXTRA of a switch: its PAs (@arg a struct addr_list), from their
 * own dump.
 */
void pa_list_print(void *arg);

/* The name of the port a port message names, or "ifN" when it is gone. */
const char *port_name(struct nlattr **tb, char *buf, size_t len);
/* The name of device @ifindex, or "ifN" when it is gone. */
const char *ifindex_name(uint32_t ifindex, char *buf, size_t len);

/*
 * The lists of "nvswitchctl show" under each switch: with -j the array
 * @key, in text a line per item, indented and starting with @label.
 */
struct section {
	uint8_t cmd;
	const char *key;
	const char *label;	/* "" when the object's words say what it is */
	const struct object *obj;
};

#define N_SHOW_SECTIONS	4
extern const struct section show_sections[N_SHOW_SECTIONS];
void section_item_print(const struct section *s, struct nlattr **tb);

/*
 * A notification as monitor prints it: [object] action switch, then the
 * object as its show prints it. Returns how many lines it printed: 0 for
 * commands it does not know and messages without what they need, which
 * monitor skips.
 */
int event_print(uint8_t cmd, struct nlattr **tb);
void overrun_print(void);

/* A u8 or u32 attribute; 0 when absent. */
unsigned int attr_uint(struct nlattr *a);

/* One copy of @tb's attributes that outlives the message; free() it. */
struct nlattr **attrs_dup(struct nlattr **tb, int maxtype);

#endif /* NVSWITCHCTL_OBJECTS_H */
