/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal streaming JSON writer to stdout: enough for the arrays and flat
 * objects nvswitchctl prints, without a library dependency.
 */
#ifndef NVSWITCHCTL_JSON_H
#define NVSWITCHCTL_JSON_H

#include <stdbool.h>
#include <stdint.h>

/* @key is NULL for array elements and for the top-level document. */
void json_open_object(const char *key);
void json_close_object(void);
void json_open_array(const char *key);
void json_close_array(void);
void json_string(const char *key, const char *val);
void json_uint(const char *key, uint64_t val);
void json_bool(const char *key, bool val);

#endif /* NVSWITCHCTL_JSON_H */
