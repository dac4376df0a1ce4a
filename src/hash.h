/* hash.h - the one string hash of the shell's tables (variables,
 * functions, aliases, remembered paths): FNV-1a, cheap for the short
 * names they hold, and good in the low bits that pick a bucket. */
#ifndef TINE_HASH_H
#define TINE_HASH_H

#include <stddef.h>
#include <stdint.h>

/* Hashes s up to its NUL or the first end byte ('=' for "NAME=value");
 * *len gets the length hashed. */
static inline uint32_t hash_until(const char *s, char end, size_t *len)
{
	uint32_t h = 2166136261u;
	const char *p = s;
	for (; *p && *p != end; p++) {
		h ^= (unsigned char)*p;
		h *= 16777619u;
	}
	*len = (size_t)(p - s);
	return h;
}

static inline uint32_t hash_string(const char *s)
{
	size_t len;
	return hash_until(s, '\0', &len);
}

#endif
