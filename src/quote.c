/* quote.c - quoting a string so the shell reads it back as the same single
 * word (set -x traces, alias and trap listings).
 * Owns only the quoting rule; must not print anything itself. */
#include "quote.h"

#include <stdbool.h>

#include "arena.h"

/* Characters that never need quoting anywhere in a word.  Bytes of 0x80
 * and above (UTF-8 text) are not special to the shell either.  '#' is
 * special only at the start of a word; '~' is always quoted because after
 * ':' or '=' in an assignment it would expand. */
static bool is_plain(unsigned char c)
{
	if (c >= 0x80)
		return true;
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return true;
	switch (c) {
	case '_': case '-': case '.': case '/': case ',': case ':':
	case '@': case '%': case '+': case '=':
		return true;
	}
	return false;
}

void quote_append(struct strbuf *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	bool plain = *p != '\0' && *p != '#';
	for (; *p && plain; p++)
		plain = is_plain(*p) || *p == '#';
	if (plain) {
		sb_puts(sb, s);
		return;
	}
	sb_putc(sb, '\'');
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '\'')
			sb_puts(sb, "'\\''");
		else
			sb_putc(sb, (char)*p);
	}
	sb_putc(sb, '\'');
}

char *quote_str(const char *s)
{
	struct strbuf sb;
	sb_init(&sb);
	quote_append(&sb, s);
	return sb_finish(&sb);
}
