/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal streaming JSON writer to stdout: enough for the arrays and flat
 * objects nvswitchctl prints, without a library dependency.
 */
#ifndef NVSWITCHCTL_JSON_H
#define NVSWITCHCTL_JSON_H

#include <stdbool.h>
#include <stdint.h>

/* Containers: open_json_object() and the others, in print.h. */
void json_string(const char *key, const char *val);
void json_uint(const char *key, uint64_t val);
void json_bool(const char *key, bool val);

#endif /* NVSWITCHCTL_JSON_H */
