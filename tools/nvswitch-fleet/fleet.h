/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Declarations shared by every nvswitch-fleet subcommand: exit codes, error
 * reporting, global options and the dispatch of OBJECT COMMAND [ARGS].
 */
#ifndef NVSWITCH_FLEET_H
#define NVSWITCH_FLEET_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <json-c/json.h>

#include "cli.h"

#define PROG_NAME	"nvswitch-fleet"
#ifndef PROG_VERSION
#define PROG_VERSION	"unknown"
#endif

struct objtype;

/* A word of the command line and what runs it: fn, or obj_run() on ot. */
struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const struct objtype *ot;
};

extern bool opt_json;
extern bool opt_pretty;
/* The command line as typed, recorded with every change (schema.c). */
extern char fleet_cmdline[256];

struct etcd;
/* The store, connected on first use by a command that needs it. */
struct etcd *fleet_etcd(void);

int dispatch(const struct command *table, const char *object, const char *usage,
	     int argc, char **argv);
/* Says that @object has no command @word; returns EXIT_USAGE. */
int unknown_command(const char *word, const char *object);

/* Prints @obj as -j asks (plain or pretty), then a newline. */
void print_json(json_object *obj);

/* What is not an object of the schema (schema.h), each in its own file. */
int do_status(int argc, char **argv);
int do_wait(int argc, char **argv);
int do_rbac(int argc, char **argv);

#endif /* NVSWITCH_FLEET_H */
