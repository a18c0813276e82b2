// SPDX-License-Identifier: GPL-2.0
/*
 * nvsw_fuzz_frames IFNAME SEED COUNT: COUNT underlay frames towards a
 * switch, deterministic from SEED, sent on IFNAME (a packet socket,
 * sendmmsg() 64 at a time).  Run by nvsw_stress_frames.sh, whose topology
 * the addresses below are (as nvsw_badpackets_frames.py's are):
 *
 *   evil 192.0.2.2 / 2001:db8:ff::2, 02:00:00:00:ee:02  (sends)
 *   hv1  192.0.2.1 / 2001:db8:ff::1, 02:00:00:00:ee:01  (switch sw0)
 *     red1 02:00:00:00:50:01 VSID 5001, blue1 02:00:00:00:60:01 VSID 6001;
 *     red2 02:00:00:00:50:02 a remote record at 192.0.2.2
 *
 * Each frame is NVGRE over IPv4 or IPv6 (extension header chains, fragments,
 * options, wrong lengths and checksums) with GRE flags and versions of every
 * combination, keys of known, unknown and reserved VSIDs, and an inner frame
 * that is IPv4, ARP, IPv6 with neighbour discovery or extension chains,
 * fragments, VLAN or QinQ tagged, or junk; then perhaps truncated anywhere
 * or a few bits flipped.  Prints the seed and what it sent.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <linux/if_packet.h>

#include "nvsw_rng.h"

#define BATCH	64
#define FRAME	2048



static const uint8_t HV1_MAC[6] = { 2, 0, 0, 0, 0xee, 1 };
static const uint8_t EVIL_MAC[6] = { 2, 0, 0, 0, 0xee, 2 };
static const uint8_t INNER_MACS[][6] = {
	{ 2, 0, 0, 0, 0x50, 1 },	/* red1, local */
	{ 2, 0, 0, 0, 0x50, 2 },	/* red2, remote at evil's PA */
	{ 2, 0, 0, 0, 0x60, 1 },	/* blue1, local */
	{ 2, 0, 0, 0, 0x50, 0x77 },	/* no record */
	{ 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },
	{ 0x33, 0x33, 0xff, 0, 0, 1 },	/* IPv6 solicited-node multicast */
	{ 0x01, 0, 0x5e, 0, 0, 1 },
	{ 0, 0, 0, 0, 0, 0 },
};

/* What was sent, by kind. */
static unsigned long n_outer6, n_ext6, n_frag, n_trunc, n_flip, n_gre_odd, n_vlan;

/* A frame being built: bytes and the write position. */
struct frame {
	uint8_t b[FRAME];
	int len;
};

static uint8_t *put(struct frame *f, const void *d, int len)
{
	uint8_t *p = f->b + f->len;

	if (f->len + len > FRAME)
		len = FRAME - f->len;
	if (len <= 0)
		return p;
	if (d)
		memcpy(p, d, len);
	else
		memset(p, 0, len);
	f->len += len;
	return p;
}

static void put8(struct frame *f, uint8_t v) { put(f, &v, 1); }
static void put16(struct frame *f, uint16_t v) { v = htons(v); put(f, &v, 2); }
static void put32(struct frame *f, uint32_t v) { v = htonl(v); put(f, &v, 4); }

static void put_rnd(struct frame *f, int len)
{
	while (len-- > 0)
		put8(f, rnd(256));
}

static uint16_t csum(const uint8_t *p, int len, uint32_t sum)
{
	while (len > 1) {
		sum += (p[0] << 8) | p[1];
		p += 2;
		len -= 2;
	}
	if (len)
		sum += p[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum;
}

static void put_ip6(struct frame *f, const char *a)
{
	struct in6_addr in6;

	inet_pton(AF_INET6, a, &in6);
	put(f, &in6, 16);
}

/*
 * IPv6 extension headers, then NEXT: a chain of 0 to 4 of hop-by-hop,
 * destination options, routing and fragment headers (sometimes with a
 * length running past the packet).  Returns where the last next-header
 * byte is, for the caller to fill in.
 */
static uint8_t *put_ext6(struct frame *f, uint8_t *nh, int max)
{
	static const uint8_t kinds[] = { 0, 60, 43, 44 };
	int n = rnd(max + 1), i, hl;

	for (i = 0; i < n; i++) {
		uint8_t k = PICK(kinds);

		*nh = k;
		nh = put(f, NULL, 1);
		if (k == 44) {		/* fragment: offset and M bit at random */
			put8(f, 0);
			put16(f, rnd(4) ? 0 : (rnd(8192) << 3) | rnd(2));
			put32(f, rnd64());
			n_frag++;
			continue;
		}
		hl = rnd(8) ? rnd(3) : rnd(256);	/* 8 * (hl + 1) bytes */
		put8(f, hl);
		if (k == 43) {		/* routing type, segments left */
			put8(f, rnd(5));
			put8(f, rnd(3));
			put_rnd(f, 4 + 8 * (hl > 4 ? 0 : hl));
		} else {		/* options: PadN, or junk */
			if (rnd(2)) {
				put8(f, 1);
				put8(f, 2 + 8 * (hl > 4 ? 0 : hl));
				put(f, NULL, 2 + 8 * (hl > 4 ? 0 : hl));
			} else {
				put_rnd(f, 6 + 8 * (hl > 4 ? 0 : hl));
			}
		}
	}
	return nh;
}

/* The inner Ethernet frame: what a VM would send, and what none should. */
static void put_inner(struct frame *f)
{
	static const uint16_t tags[] = { 0x8100, 0x88a8, 0x9100 };
	const uint8_t *dst = INNER_MACS[rnd(8) ? rnd(3) : rnd(8)];
	uint8_t *nh, *start;
	int kind, l, n;


	put(f, dst, 6);
	put(f, rnd(6) ? INNER_MACS[1] : INNER_MACS[rnd(8)], 6);
	for (n = rnd(6) ? 0 : 1 + rnd(2); n; n--) {	/* VLAN, QinQ */
		put16(f, PICK(tags));
		put16(f, rnd(4096));
		n_vlan++;
	}
	kind = rnd(7);
	switch (kind) {
	case 0: case 1:	/* IPv4 UDP from red2 to red1, maybe a fragment */
		put16(f, 0x0800);
		start = put(f, NULL, 0);
		put8(f, rnd(8) ? 0x45 : 0x40 | rnd(16));
		put8(f, 0);
		put16(f, 28 + 16);
		put16(f, rnd(65536));
		put16(f, rnd(3) ? 0x4000 : rnd(65536));	/* DF, or MF/offset */
		put8(f, 1 + rnd(64));
		put8(f, rnd(4) ? 17 : rnd(256));
		put16(f, 0);
		put32(f, rnd(4) ? 0x0a000002 : rnd64());
		put32(f, rnd(4) ? 0x0a000001 : rnd64());
		l = csum(start, 20, 0);
		start[10] = l >> 8;
		start[11] = l;
		put16(f, 4000 + rnd(10));
		put16(f, 9);	/* discard: no one listens, no one answers */
		put16(f, 8 + 16);
		put16(f, 0);
		put_rnd(f, 16);
		break;
	case 2:		/* ARP */
		put16(f, 0x0806);
		put16(f, rnd(8) ? 1 : rnd(65536));
		put16(f, 0x0800);
		put8(f, rnd(8) ? 6 : rnd(256));
		put8(f, rnd(8) ? 4 : rnd(256));
		put16(f, 1 + rnd(rnd(4) ? 2 : 65535));
		put(f, INNER_MACS[1], 6);
		put32(f, rnd(4) ? 0x0a000002 : rnd64());
		put(f, INNER_MACS[rnd(8)], 6);
		put32(f, rnd(2) ? 0x0a000001 : rnd64());
		break;
	case 3: case 4:	/* IPv6: neighbour discovery, or an extension chain */
		put16(f, 0x86dd);
		put32(f, 0x60000000);
		put16(f, 0);	/* payload length: build() fills it in */
		nh = put(f, NULL, 1);
		put8(f, rnd(4) ? 255 : rnd(256));
		put_ip6(f, rnd(2) ? "fe80::50:2" : "2001:db8:1::2");
		put_ip6(f, PICK(((const char *[]){ "fe80::50:1", "ff02::1", "ff02::1:ff00:1",
						   "2001:db8:1::1", "ff02::2" })));
		if (kind == 4)
			nh = put_ext6(f, nh, 4);
		*nh = rnd(8) ? 58 : rnd(256);
		/* ICMPv6: RS 133, RA 134, NS 135, NA 136, redirect 137, MLD. */
		put8(f, PICK(((uint8_t[]){ 133, 134, 135, 136, 137, 143, 128 })));
		put8(f, rnd(4) ? 0 : rnd(256));
		put16(f, rnd(65536));	/* checksum: nobody should trust it */
		put32(f, rnd64());
		if (rnd(2))
			put_ip6(f, "2001:db8:1::1");
		/* Options, some of length 0 (which must not loop) or too long. */
		for (n = rnd(4); n; n--) {
			put8(f, 1 + rnd(40));
			l = rnd(6) ? 1 : rnd(256);
			put8(f, l);
			put_rnd(f, l > 3 ? 6 : 8 * l - 2);
		}
		break;
	case 5:		/* a PAUSE, LLDP, or another ethertype */
		put16(f, PICK(((uint16_t[]){ 0x8808, 0x88cc, 0x88b5, 0x0000, 0xffff, 0x0600 })));
		put_rnd(f, rnd(64));
		break;
	default:	/* cut short: no ethertype or part of one */
		f->len -= rnd(12);
		break;
	}
}

static void build(struct frame *f)
{
	static const uint32_t vsids[] = { 5001, 5001, 5001, 6001, 7777, 0, 4095, 4096,
					  0xffffff, 0xfffffe };
	uint8_t *ip = NULL, *gre, *nh;
	uint16_t flags;
	int v6 = rnd(3) == 0, l, inner_at;

	f->len = 0;
	put(f, HV1_MAC, 6);
	put(f, EVIL_MAC, 6);
	if (!rnd(32))
		put32(f, 0x81000000 | rnd(4096));	/* a tagged underlay */
	put16(f, v6 ? 0x86dd : 0x0800);
	ip = put(f, NULL, 0);
	if (v6) {
		n_outer6++;
		put32(f, 0x60000000 | rnd(4096));
		put16(f, 0);
		nh = put(f, NULL, 1);
		put8(f, 64);
		put_ip6(f, rnd(16) ? "2001:db8:ff::2" : "2001:db8:ff::9");
		put_ip6(f, rnd(16) ? "2001:db8:ff::1" : "ff02::1");
		if (rnd(3) == 0) {
			nh = put_ext6(f, nh, 3);
			n_ext6++;
		}
		*nh = rnd(16) ? 47 : rnd(256);
	} else {
		int ihl = rnd(8) ? 5 : 5 + rnd(11);

		put8(f, 0x40 | ihl);
		put8(f, 0);
		put16(f, 0);	/* total length, below */
		put16(f, rnd(65536));
		/* DF; or a fragment: MF, an offset, both */
		put16(f, rnd(6) ? 0x4000 : (n_frag++, PICK(((uint16_t[]){ 0x2000, 0x0001,
						0x2001, 0x1fff, 0x00b9 }))));
		put8(f, rnd(16) ? 64 : rnd(2));
		put8(f, rnd(16) ? 47 : rnd(256));
		put16(f, 0);
		put32(f, rnd(16) ? 0xc0000202 : 0xc0000209);
		put32(f, rnd(16) ? 0xc0000201 : 0xffffffff);
		for (l = 5; l < ihl; l++)	/* options: NOPs, or junk */
			put32(f, rnd(2) ? 0x01010101 : (uint32_t)rnd64());
	}
	/* GRE: K with proto 0x6558 (NVGRE), or any other combination. */
	gre = put(f, NULL, 0);
	flags = 0x2000;
	if (rnd(3) == 0) {
		flags = rnd(65536) & 0xb0ff;	/* C, K, S, version, recursion... */
		if (rnd(4) == 0)
			flags |= 0x4000;	/* R */
		n_gre_odd++;
	}
	put16(f, flags);
	put16(f, rnd(12) ? 0x6558 : PICK(((uint16_t[]){ 0x0800, 0x86dd, 0x88be, 0x880b, 0 })));
	if (flags & 0x8000)
		put32(f, 0);	/* checksum, filled in below */
	if (flags & 0x2000)
		put32(f, (PICK(vsids) << 8) | rnd(256));
	if (flags & 0x1000)
		put32(f, rnd64());
	inner_at = f->len;
	put_inner(f);
	if (f->len < inner_at)
		f->len = inner_at;
	/* Truncated anywhere; the outer lengths below then mostly say so, so
	 * that the cut frame gets past IP to GRE and the switch. */
	if (rnd(5) == 0) {
		f->len = 14 + rnd(f->len - 14);
		n_trunc++;
	}
	/* Lengths and checksums, right most of the time. */
	if (f->len < (int)(ip - f->b) + (v6 ? 40 : (ip[0] & 15) * 4)) {
		/* the outer header itself is cut: nothing to fill in */
	} else if (v6) {
		l = f->len - (int)(ip - f->b) - 40;
		if (rnd(16))
			ip[4] = l >> 8, ip[5] = l;
		else
			ip[4] = rnd(256), ip[5] = rnd(256);
	} else {
		l = f->len - (int)(ip - f->b);
		if (rnd(16) == 0)
			l = rnd(65536);
		ip[2] = l >> 8;
		ip[3] = l;
		l = csum(ip, (ip[0] & 15) * 4, 0);
		if (rnd(32) == 0)
			l ^= 0x100;
		ip[10] = l >> 8;
		ip[11] = l;
	}
	/* An inner IPv6 header's payload length (inner IPv6 starts 14 bytes in). */
	if (f->len > inner_at + 14 + 40 && f->b[inner_at + 12] == 0x86 &&
	    f->b[inner_at + 13] == 0xdd) {
		l = f->len - inner_at - 14 - 40;
		f->b[inner_at + 18] = l >> 8;
		f->b[inner_at + 19] = l;
	}
	if ((flags & 0x8000) && rnd(4) && f->len >= (int)(gre - f->b) + 8) {
		l = csum(gre, f->len - (int)(gre - f->b), 0);
		gre[4] = l >> 8;
		gre[5] = l;
	}
	if (rnd(10) == 0) {		/* a few bits flipped past the MACs */
		for (l = 1 + rnd(3); l; l--)
			f->b[12 + rnd(f->len - 12)] ^= 1 << rnd(8);
		n_flip++;
	}
}

int main(int argc, char **argv)
{
	static struct frame frames[BATCH];
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	unsigned long long seed;
	unsigned long count, sent = 0, i, n_err = 0;
	struct sockaddr_ll sll = { .sll_family = AF_PACKET };
	struct timespec t0, t1;
	int fd, n, k;

	if (argc != 4) {
		fprintf(stderr, "usage: %s IFNAME SEED COUNT\n", argv[0]);
		return 2;
	}
	seed = strtoull(argv[2], NULL, 0);
	count = strtoul(argv[3], NULL, 0);
	rnd_seed(seed);
	fd = socket(AF_PACKET, SOCK_RAW, 0);
	sll.sll_ifindex = if_nametoindex(argv[1]);
	if (fd < 0 || !sll.sll_ifindex || bind(fd, (void *)&sll, sizeof(sll))) {
		fprintf(stderr, "%s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < count; i += n) {
		n = count - i < BATCH ? count - i : BATCH;
		for (k = 0; k < n; k++) {
			build(&frames[k]);
			iov[k].iov_base = frames[k].b;
			iov[k].iov_len = frames[k].len;
			memset(&msgs[k], 0, sizeof(msgs[k]));
			msgs[k].msg_hdr.msg_iov = &iov[k];
			msgs[k].msg_hdr.msg_iovlen = 1;
		}
		for (k = 0; k < n;) {
			int r = sendmmsg(fd, msgs + k, n - k, 0);

			if (r < 0) {
				/* A frame the socket refuses (too short): skip it. */
				if (errno != ENOBUFS)
					n_err++, k++;
				else
					usleep(1000);
				continue;
			}
			k += r;
			sent += r;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("# seed %llu: %lu frames sent (%lu refused by the socket) in %ld s: "
	       "%lu over IPv6 (%lu with extension headers), %lu fragments, %lu odd GRE "
	       "headers, %lu VLAN tags inside, %lu truncated, %lu with bits flipped\n",
	       seed, sent, n_err, (long)(t1.tv_sec - t0.tv_sec), n_outer6, n_ext6, n_frag,
	       n_gre_odd, n_vlan, n_trunc, n_flip);
	return 0;
}
