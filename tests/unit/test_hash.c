/* Unit tests for hash.c: MD5 and SHA-256 against published test vectors. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "mini.h"

static void
hex(const unsigned char *digest, size_t len, char *out)
{
	for (size_t i = 0; i < len; i++)
		sprintf(out + 2 * i, "%02x", digest[i]);
}

/* The MD5 of DATA fed in pieces of STEP bytes, in hex. */
static const char *
md5_of(const char *data, size_t len, size_t step)
{
	static char text[2 * MD5_SIZE + 1];
	unsigned char digest[MD5_SIZE];
	struct md5 ctx;

	md5_init(&ctx);
	for (size_t at = 0; at < len; at += step)
		md5_update(&ctx, data + at, len - at < step ? len - at : step);
	md5_final(&ctx, digest);
	hex(digest, MD5_SIZE, text);
	return text;
}

static const char *
sha256_of(const char *data, size_t len, size_t step)
{
	static char text[2 * SHA256_SIZE + 1];
	unsigned char digest[SHA256_SIZE];
	struct sha256 ctx;

	sha256_init(&ctx);
	for (size_t at = 0; at < len; at += step)
		sha256_update(&ctx, data + at,
		              len - at < step ? len - at : step);
	sha256_final(&ctx, digest);
	hex(digest, SHA256_SIZE, text);
	return text;
}

int
main(void)
{
	static char million[1000000];
	const char *abc56 =
	        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

	memset(million, 'a', sizeof(million));
	// RFC 1321, appendix A.5.
	CHECK(strcmp(md5_of("", 0, 1), "d41d8cd98f00b204e9800998ecf8427e") ==
	      0);
	CHECK(strcmp(md5_of("abc", 3, 1), "900150983cd24fb0d6963f7d28e17f72") ==
	      0);
	CHECK(strcmp(md5_of("message digest", 14, 5),
	             "f96b697d7cb7938d525a2f31aaf161d0") == 0);
	CHECK(strcmp(md5_of("12345678901234567890123456789012345678901234567890"
	                    "123456789012345678901234567890",
	                    80, 80),
	             "57edf4a22be3c955ac49da2e2107b67a") == 0);
	// FIPS 180-2, appendix B; lengths around the 56-byte padding edge.
	CHECK(strcmp(sha256_of("", 0, 1), "e3b0c44298fc1c149afbf4c8996fb92427ae"
	                                  "41e4649b934ca495991b7852b855") == 0);
	CHECK(strcmp(sha256_of("abc", 3, 1),
	             "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f"
	             "20015ad") == 0);
	CHECK(strcmp(sha256_of(abc56, 56, 56),
	             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd41"
	             "9db06c1") == 0);
	CHECK(strcmp(sha256_of(abc56, 56, 3),
	             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd41"
	             "9db06c1") == 0);
	CHECK(strcmp(sha256_of(million, sizeof(million), 4096),
	             "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc"
	             "7112cd0") == 0);
	CHECK(strcmp(md5_of(million, sizeof(million), 1000),
	             "7707d6ae4e027c70eea2a935c2296f21") == 0);
	return check_done();
}
