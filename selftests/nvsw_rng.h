/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fuzzers' random numbers: xorshift64*, so that one seed gives the
 * same sequence on every machine and a failing run can be repeated.
 */
#ifndef NVSW_RNG_H
#define NVSW_RNG_H

#include <stdint.h>

static uint64_t rng = 1;	/* never 0: xorshift would stay there */

static inline void rnd_seed(uint64_t seed)
{
	rng = seed ? seed : 1;
}

static inline uint64_t rnd64(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545F4914F6CDD1DULL;
}

/* 0 to n - 1; 0 for n = 0. */
static inline unsigned int rnd(unsigned int n)
{
	return n ? (unsigned int)(rnd64() >> 33) % n : 0;
}

#define PICK(a)	((a)[rnd(sizeof(a) / sizeof((a)[0]))])

#endif /* NVSW_RNG_H */
