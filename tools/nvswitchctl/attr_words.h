/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's words in the CLI's: its extended-ACK messages name uapi
 * attributes (NVSW_A_VSID), which a user of the command line never typed.
 */
#ifndef NVSWITCHCTL_ATTR_WORDS_H
#define NVSWITCHCTL_ATTR_WORDS_H

#include <stdbool.h>
#include <stddef.h>

/* The keyword that gives generic netlink attribute @type its value, or NULL. */
const char *attr_word(int type);

/*
 * @msg into @buf (@len bytes) with every NVSW_A_ and IFLA_NVSW_ name
 * replaced by the keyword that sets it ("NVSW_A_CA_IPV6" -> "IPv6 ca").
 * Returns whether @msg named any.
 */
bool attr_words(char *buf, size_t len, const char *msg);

#endif /* NVSWITCHCTL_ATTR_WORDS_H */
