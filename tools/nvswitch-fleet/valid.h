/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Checking and normalizing what the user types: VSIDs, RDIDs, addresses,
 * MACs, prefixes, names. The same limits as nvswitchctl, so whatever the
 * store accepts a switch accepts too. Failures leave a message quoting the
 * bad token in valid_error().
 */
#ifndef NVSWITCH_FLEET_VALID_H
#define NVSWITCH_FLEET_VALID_H

#include <stdint.h>

#include <json-c/json.h>
#include <linux/nvswitch.h>

/* A number of the uapi header as text, for usage strings. */
#define UAPI_STR(x)	UAPI_STR_(x)
#define UAPI_STR_(x)	#x

enum vtype {
	V_NAME,		/* a host or VM name: string */
	V_VSID,		/* integer */
	V_RDID,		/* integer, at least 1 */
	V_ADDR,		/* IPv4 or IPv6 address, normalized: string */
	V_MAC,		/* unicast MAC, lower case: string */
	V_PREFIX,	/* ADDR/LEN without host bits: string */
	V_SUBNET,	/* V_PREFIX long enough to route, short enough for VMs */
	V_BUM,		/* "drop" or "replicate" */
	V_RATE,		/* integer, frames per second, 1-NVSWITCH_BUM_RATE_MAX */
	V_U32,		/* integer */
	V_IFNAME,	/* a network device name: string */
	V_LABEL,	/* free text for people, no control characters: string */
};

const char *valid_error(void);

/*
 * Checks @s as @type and returns its normalized JSON value (a new
 * reference), or NULL with valid_error() set. @what names it in messages.
 */
json_object *valid_value(enum vtype type, const char *what, const char *s);

#endif /* NVSWITCH_FLEET_VALID_H */
