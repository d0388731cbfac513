/* hash.c - MD5 (RFC 1321) and SHA-256 (FIPS 180-4) message digests. */
#include <stdint.h>
#include <string.h>

#include "mini.h"

static uint32_t
rotl(uint32_t x, int n)
{
	return (x << n) | (x >> (32 - n));
}

static uint32_t
rotr(uint32_t x, int n)
{
	return (x >> n) | (x << (32 - n));
}

/* ---- MD5 ---- */

static const uint32_t md5_k[64] = {
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a,
        0xa8304613, 0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be,
        0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340,
        0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
        0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8,
        0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
        0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
        0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
        0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92,
        0xffeff47d, 0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1,
        0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};

static const unsigned char md5_shift[64] = {
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
};

static void
md5_block(unsigned int *state, const unsigned char *block)
{
	uint32_t w[16], a = state[0], b = state[1], c = state[2], d = state[3];

	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)block[4 * i] |
		       (uint32_t)block[4 * i + 1] << 8 |
		       (uint32_t)block[4 * i + 2] << 16 |
		       (uint32_t)block[4 * i + 3] << 24;
	for (int i = 0; i < 64; i++) {
		uint32_t f;
		int g;
		if (i < 16) {
			f = (b & c) | (~b & d);
			g = i;
		} else if (i < 32) {
			f = (d & b) | (~d & c);
			g = (5 * i + 1) % 16;
		} else if (i < 48) {
			f = b ^ c ^ d;
			g = (3 * i + 5) % 16;
		} else {
			f = c ^ (b | ~d);
			g = (7 * i) % 16;
		}
		uint32_t next = b + rotl(a + f + md5_k[i] + w[g], md5_shift[i]);
		a = d;
		d = c;
		c = b;
		b = next;
	}
	state[0] += a;
	state[1] += b;
	state[2] += c;
	state[3] += d;
}

void
md5_init(struct md5 *ctx)
{
	static const uint32_t start[4] = {0x67452301, 0xefcdab89, 0x98badcfe,
	                                  0x10325476};
	memcpy(ctx->state, start, sizeof(start));
	ctx->length = 0;
	ctx->used = 0;
}

/* Feed DATA to a 64-byte-block hash: whole blocks go straight to BLOCK_FN. */
static void
feed(unsigned int *state, unsigned char *buffer, size_t *used,
     unsigned long long *length, const unsigned char *data, size_t len,
     void (*block_fn)(unsigned int *, const unsigned char *))
{
	*length += len;
	if (*used > 0) {
		size_t take = 64 - *used < len ? 64 - *used : len;
		memcpy(buffer + *used, data, take);
		*used += take;
		data += take;
		len -= take;
		if (*used < 64)
			return;
		block_fn(state, buffer);
		*used = 0;
	}
	for (; len >= 64; data += 64, len -= 64)
		block_fn(state, data);
	memcpy(buffer, data, len);
	*used = len;
}

void
md5_update(struct md5 *ctx, const void *data, size_t len)
{
	feed(ctx->state, ctx->block, &ctx->used, &ctx->length, data, len,
	     md5_block);
}

void
md5_final(struct md5 *ctx, unsigned char digest[MD5_SIZE])
{
	unsigned long long bits = ctx->length * 8;
	unsigned char pad[72] = {0x80};
	size_t pad_len = (ctx->used < 56 ? 56 : 120) - ctx->used;

	for (int i = 0; i < 8; i++)
		pad[pad_len + (size_t)i] = (unsigned char)(bits >> (8 * i));
	md5_update(ctx, pad, pad_len + 8);
	for (int i = 0; i < 16; i++)
		digest[i] = (unsigned char)(ctx->state[i / 4] >> (8 * (i % 4)));
}

/* ---- SHA-256 ---- */

static const uint32_t sha256_k[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
        0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
        0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
        0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
        0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
        0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
        0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
        0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static void
sha256_block(unsigned int *state, const unsigned char *block)
{
	uint32_t w[64];

	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)block[4 * i] << 24 |
		       (uint32_t)block[4 * i + 1] << 16 |
		       (uint32_t)block[4 * i + 2] << 8 |
		       (uint32_t)block[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^
		              (w[i - 15] >> 3);
		uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^
		              (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
	uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) +
		              ((e & f) ^ (~e & g)) + sha256_k[i] + w[i];
		uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) +
		              ((a & b) ^ (a & c) ^ (b & c));
		h = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	state[0] += a;
	state[1] += b;
	state[2] += c;
	state[3] += d;
	state[4] += e;
	state[5] += f;
	state[6] += g;
	state[7] += h;
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>

/*
 * The same block function with the x86 SHA extensions, which do two
 * rounds per instruction: several times faster where the CPU has them
 * (checked once, with cpuid). The state is kept in the order the
 * instructions want: ABEF in one register, CDGH in the other.
 */
__attribute__((target("sha,sse4.1,ssse3"))) static void
sha256_block_x86(unsigned int *state, const unsigned char *block)
{
	const __m128i byte_swap =
	        _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
	__m128i w[16];
	__m128i tmp = _mm_loadu_si128((const __m128i *)&state[0]);
	__m128i cdgh = _mm_loadu_si128((const __m128i *)&state[4]);

	tmp = _mm_shuffle_epi32(tmp, 0xB1);
	cdgh = _mm_shuffle_epi32(cdgh, 0x1B);
	__m128i abef = _mm_alignr_epi8(tmp, cdgh, 8);
	cdgh = _mm_blend_epi16(cdgh, tmp, 0xF0);
	__m128i abef_start = abef, cdgh_start = cdgh;

	for (int i = 0; i < 16; i++) {
		if (i < 4)
			w[i] = _mm_shuffle_epi8(
			        _mm_loadu_si128(
			                (const __m128i *)(block + 16 * i)),
			        byte_swap);
		else
			w[i] = _mm_sha256msg2_epu32(
			        _mm_add_epi32(
			                _mm_sha256msg1_epu32(w[i - 4],
			                                     w[i - 3]),
			                _mm_alignr_epi8(w[i - 1], w[i - 2], 4)),
			        w[i - 1]);
		__m128i msg = _mm_add_epi32(
		        w[i],
		        _mm_loadu_si128((const __m128i *)&sha256_k[4 * i]));
		cdgh = _mm_sha256rnds2_epu32(cdgh, abef, msg);
		abef = _mm_sha256rnds2_epu32(abef, cdgh,
		                             _mm_shuffle_epi32(msg, 0x0E));
	}
	abef = _mm_add_epi32(abef, abef_start);
	cdgh = _mm_add_epi32(cdgh, cdgh_start);

	tmp = _mm_shuffle_epi32(abef, 0x1B);
	cdgh = _mm_shuffle_epi32(cdgh, 0xB1);
	_mm_storeu_si128((__m128i *)&state[0],
	                 _mm_blend_epi16(tmp, cdgh, 0xF0));
	_mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(cdgh, tmp, 8));
}

static int
have_sha_extensions(void)
{
	unsigned a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSE4_1) ||
	    !(c & bit_SSSE3))
		return 0;
	return __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & bit_SHA);
}
#endif

/* The block function for this machine. */
static void (*sha256_block_fn)(unsigned int *, const unsigned char *);

void
sha256_init(struct sha256 *ctx)
{
	static const uint32_t start[8] = {
	        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};
	memcpy(ctx->state, start, sizeof(start));
	ctx->length = 0;
	ctx->used = 0;
	if (!sha256_block_fn) {
		sha256_block_fn = sha256_block;
#if defined(__x86_64__) && defined(__GNUC__)
		if (have_sha_extensions())
			sha256_block_fn = sha256_block_x86;
#endif
	}
}

void
sha256_update(struct sha256 *ctx, const void *data, size_t len)
{
	feed(ctx->state, ctx->block, &ctx->used, &ctx->length, data, len,
	     sha256_block_fn);
}

void
sha256_final(struct sha256 *ctx, unsigned char digest[SHA256_SIZE])
{
	unsigned long long bits = ctx->length * 8;
	unsigned char pad[72] = {0x80};
	size_t pad_len = (ctx->used < 56 ? 56 : 120) - ctx->used;

	for (int i = 0; i < 8; i++)
		pad[pad_len + (size_t)i] =
		        (unsigned char)(bits >> (8 * (7 - i)));
	sha256_update(ctx, pad, pad_len + 8);
	for (int i = 0; i < 32; i++)
		digest[i] =
		        (unsigned char)(ctx->state[i / 4] >> (8 * (3 - i % 4)));
}
