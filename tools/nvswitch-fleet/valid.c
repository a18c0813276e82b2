// SPDX-License-Identifier: GPL-2.0
/*
 * Input checks. Everything is normalized before it is stored (addresses as
 * inet_ntop() prints them, MACs in lower case), so that keys built from
 * values are unique and a VM's CA matches however it was typed.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <net/if.h>

#include "valid.h"

static char err[512];

const char *valid_error(void)
{
	return err;
}

static json_object *fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static json_object *fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, sizeof(err), fmt, ap);
	va_end(ap);
	return NULL;
}

/* Decimal only: "0x10" or " 5" are typos, not numbers. */
static bool parse_u64(const char *s, uint64_t *v)
{
	char *end;

	if (!isdigit((unsigned char)*s))
		return false;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return !errno && !*end;
}

static json_object *ranged(const char *what, const char *s, uint64_t lo, uint64_t hi,
			   const char *unit)
{
	uint64_t v;

	if (!parse_u64(s, &v) || v < lo || v > hi)
		return fail("invalid %s \"%s\": must be %" PRIu64 "-%" PRIu64 "%s",
			    what, s, lo, hi, unit);
	return json_object_new_int64((int64_t)v);
}

/* Letters, digits, '.', '_', '-'; starting with a letter or digit; 1-63. */
static json_object *name(const char *what, const char *s)
{
	size_t i, n = strlen(s);

	/* "HOST" (the positional word of host add) is a host name too. */
	if (!strcasecmp(what, "host"))
		what = "host";

	if (!n || n > 63 || !isalnum((unsigned char)s[0]))
		return fail("invalid %s name \"%s\": must be 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit",
			    what, s);
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("._-", s[i]))
			return fail("invalid %s name \"%s\": must be 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit",
				    what, s);
	return json_object_new_string(s);
}

static int parse_addr(const char *s, unsigned char *bytes)
{
	if (inet_pton(AF_INET, s, bytes) == 1)
		return AF_INET;
	if (inet_pton(AF_INET6, s, bytes) == 1)
		return AF_INET6;
	return 0;
}

static json_object *addr(const char *s)
{
	unsigned char b[16];
	char out[INET6_ADDRSTRLEN];
	int af = parse_addr(s, b);

	if (!af)
		return fail("invalid address \"%s\": expected IPv4 or IPv6", s);
	inet_ntop(af, b, out, sizeof(out));
	return json_object_new_string(out);
}

static json_object *mac(const char *s)
{
	unsigned char m[6];
	char out[18], tail;
	int i;

	if (strlen(s) != 17 ||
	    sscanf(s, "%2hhx:%2hhx:%2hhx:%2hhx:%2hhx:%2hhx%c", &m[0], &m[1], &m[2], &m[3], &m[4],
		   &m[5], &tail) != 6)
		return fail("invalid MAC address \"%s\": expected xx:xx:xx:xx:xx:xx", s);
	for (i = 0; i < 17; i++)
		if (i % 3 == 2 ? s[i] != ':' : !isxdigit((unsigned char)s[i]))
			return fail("invalid MAC address \"%s\": expected xx:xx:xx:xx:xx:xx", s);
	if (m[0] & 1)
		return fail("invalid MAC address \"%s\": must be unicast", s);
	if (!(m[0] | m[1] | m[2] | m[3] | m[4] | m[5]))
		return fail("invalid MAC address \"%s\": must not be all zeros", s);
	snprintf(out, sizeof(out), "%02x:%02x:%02x:%02x:%02x:%02x",
		 m[0], m[1], m[2], m[3], m[4], m[5]);
	return json_object_new_string(out);
}

/*
 * ADDR/LEN with LEN at most 32 (IPv4) or 128 (IPv6); of a virtual subnet
 * (@subnet), 1-NVSWITCH_VSUBNET_LEN4_MAX or 1-NVSWITCH_VSUBNET_LEN6_MAX, as
 * the switches take it.
 */
static json_object *prefix(const char *s, bool subnet)
{
	const char *slash = strchr(s, '/');
	char a[INET6_ADDRSTRLEN + 1], out[INET6_ADDRSTRLEN + 5];
	unsigned char b[16];
	uint64_t len;
	int af, max, min, i;

	if (!slash || (size_t)(slash - s) >= sizeof(a))
		return fail("invalid prefix \"%s\": expected ADDR/LEN", s);
	memcpy(a, s, slash - s);
	a[slash - s] = '\0';
	af = parse_addr(a, b);
	if (!af)
		return fail("invalid prefix \"%s\": expected ADDR/LEN", s);
	max = af == AF_INET ? 32 : 128;
	if (!parse_u64(slash + 1, &len) || len > (uint64_t)max)
		return fail("invalid prefix \"%s\": LEN must be 0-%d for %s", s, max,
			    af == AF_INET ? "IPv4" : "IPv6");
	min = subnet ? 1 : 0;
	if (subnet)
		max = af == AF_INET ? NVSWITCH_VSUBNET_LEN4_MAX : NVSWITCH_VSUBNET_LEN6_MAX;
	if (len < (uint64_t)min || len > (uint64_t)max)
		return fail("invalid prefix \"%s\": LEN of a virtual subnet must be %d-%d for %s",
			    s, min, max, af == AF_INET ? "IPv4" : "IPv6");
	for (i = 0; i < (af == AF_INET ? 4 : 16); i++) {
		int keep = (int)len - i * 8;
		unsigned char mask = keep >= 8 ? 0xff : keep <= 0 ? 0 : (unsigned char)(0xff << (8 - keep));

		if (b[i] & ~mask)
			return fail("invalid prefix \"%s\": host bits set past /%" PRIu64, s, len);
	}
	inet_ntop(af, b, a, sizeof(a));
	snprintf(out, sizeof(out), "%s/%" PRIu64, a, len);
	return json_object_new_string(out);
}

json_object *valid_value(enum vtype type, const char *what, const char *s)
{
	size_t i;

	switch (type) {
	case V_NAME:
		return name(what, s);
	case V_VSID:
		return ranged("VSID", s, NVSWITCH_VSID_MIN, NVSWITCH_VSID_MAX, "");
	case V_RDID:
		return ranged("RDID", s, 1, UINT32_MAX, "");
	case V_ADDR:
		return addr(s);
	case V_MAC:
		return mac(s);
	case V_PREFIX:
		return prefix(s, false);
	case V_SUBNET:
		return prefix(s, true);
	case V_BUM:
		if (strcmp(s, "drop") && strcmp(s, "replicate"))
			return fail("invalid bum mode \"%s\": must be drop or replicate", s);
		return json_object_new_string(s);
	case V_RATE:
		return ranged("rate", s, 1, NVSWITCH_BUM_RATE_MAX, " frames per second");
	case V_U32:
		return ranged(what, s, 0, UINT32_MAX, "");
	case V_IFNAME:
		if (!*s || strlen(s) >= IFNAMSIZ || strchr(s, '/') || strchr(s, ':') ||
		    *s == '-')
			return fail("invalid device name \"%s\"", s);
		for (i = 0; s[i]; i++)
			if (isspace((unsigned char)s[i]))
				return fail("invalid device name \"%s\"", s);
		return json_object_new_string(s);
	case V_LABEL:
		for (i = 0; s[i]; i++)
			if (iscntrl((unsigned char)s[i]))
				return fail("invalid %s \"%s\": no control characters", what, s);
		if (i > 200)
			return fail("invalid %s \"%s\": at most 200 characters", what, s);
		return json_object_new_string(s);
	}
	return fail("internal error: unknown type");
}
