/* cd.c - cd and pwd (XCU cd, pwd): CDPATH, cd -, cd -P -e, logical paths with ..
 * folded textually (-L, the default) or physical ones (-P), and PWD and
 * OLDPWD upkeep.  The shell's idea of the current directory lives only in
 * $PWD; this file must not cache it elsewhere. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "builtins.h"
#include "error.h"
#include "vars.h"

/* True if p is absolute, has no . or .. components, and names the
 * directory we are in: then it may stand for the current directory. */
static bool pwd_is_valid(const char *p)
{
	struct stat a, b;
	const char *s;

	if (p == NULL || p[0] != '/')
		return false;
	for (s = p; *s; s++) {
		if (s[0] == '/' && s[1] == '.' &&
		    (s[2] == '/' || s[2] == '\0' ||
		     (s[2] == '.' && (s[3] == '/' || s[3] == '\0'))))
			return false;
	}
	return stat(p, &a) == 0 && stat(".", &b) == 0 && a.st_dev == b.st_dev &&
	       a.st_ino == b.st_ino;
}

/* getcwd in the command arena, or NULL. */
static char *physical_cwd(void)
{
	char buf[PATH_MAX];

	if (getcwd(buf, sizeof buf) == NULL)
		return NULL;
	return tstrdup(buf);
}

/* The logical current directory: $PWD when it is right, else getcwd. */
static const char *logical_cwd(void)
{
	const char *p = var_get("PWD");

	if (pwd_is_valid(p))
		return p;
	return physical_cwd();
}

/*
 * Folds "." and ".." out of an absolute path without looking at the file
 * system (XCU cd, step 8): "/a/b/../c/." becomes "/a/c".  The result is
 * in the command arena.
 */
static char *canonicalize(const char *path)
{
	size_t n = strlen(path);
	char *out = talloc(n + 2);
	size_t len = 0;
	const char *s = path;

	while (*s) {
		while (*s == '/')
			s++;
		const char *e = s;
		while (*e && *e != '/')
			e++;
		size_t cl = e - s;
		if (cl == 0)
			break;
		if (cl == 1 && s[0] == '.') {
			/* nothing */
		} else if (cl == 2 && s[0] == '.' && s[1] == '.') {
			while (len > 0 && out[len - 1] != '/')
				len--;
			if (len > 0)
				len--;
		} else {
			out[len++] = '/';
			memcpy(out + len, s, cl);
			len += cl;
		}
		s = e;
	}
	if (len == 0)
		out[len++] = '/';
	out[len] = '\0';
	/* POSIX lets an implementation keep a leading "//"; we fold it. */
	return out;
}

static char *join(const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);
	char *p = talloc(dl + nl + 2);

	memcpy(p, dir, dl);
	if (dl > 0 && dir[dl - 1] != '/')
		p[dl++] = '/';
	memcpy(p + dl, name, nl + 1);
	return p;
}

/*
 * Changes to target (already CDPATH-resolved, possibly relative).
 * Returns 0 and sets *newpwd on success, else errno.
 */
static int change_dir(const char *target, bool physical, char **newpwd)
{
	if (!physical) {
		char *path;

		if (target[0] == '/') {
			path = canonicalize(target);
		} else {
			const char *cwd = logical_cwd();
			if (cwd == NULL)
				goto phys;
			path = canonicalize(join(cwd, target));
		}
		if (chdir(path) == 0) {
			*newpwd = path;
			return 0;
		}
		/* A logical path can fail where the physical one works
		 * (a symlink followed by ..): fall back like bash. */
		if (errno != ENOENT && errno != ENOTDIR)
			return errno;
	}
phys:
	if (chdir(target) != 0)
		return errno;
	*newpwd = physical_cwd();
	if (*newpwd == NULL && !physical)
		*newpwd = tstrdup(target);
	return 0;
}

int bi_cd(int argc, char **argv)
{
	struct bopt bo = {1, 0, NULL};
	bool physical = false, print = false, check_pwd = false;
	const char *dir, *cdpath, *oldpwd;
	char *newpwd = NULL;
	int c, err = ENOENT;

	while ((c = bopt_next(&bo, argc, argv, "LPe")) != -1) {
		if (c == '?')
			return 2;
		if (c == 'e')
			check_pwd = true;
		else
			physical = c == 'P';
	}
	if (argc - bo.ind > 1) {
		sh_warn("cd: too many arguments");
		return 2;
	}
	dir = argv[bo.ind];
	if (dir == NULL) {
		dir = var_get("HOME");
		if (dir == NULL || *dir == '\0') {
			sh_warn("cd: HOME not set");
			return 1;
		}
	} else if (strcmp(dir, "-") == 0) {
		dir = var_get("OLDPWD");
		if (dir == NULL || *dir == '\0') {
			sh_warn("cd: OLDPWD not set");
			return 1;
		}
		print = true;
	}
	if (*dir == '\0') {
		/* POSIX.1-2024 leaves cd "" unspecified; dash and bash stay. */
		return 0;
	}
	oldpwd = logical_cwd();
	/* A directory that was removed still was where we came from. */
	if (oldpwd == NULL) {
		oldpwd = var_get("PWD");
		if (oldpwd != NULL && oldpwd[0] != '/')
			oldpwd = NULL;
	}
	if (oldpwd != NULL)
		oldpwd = tstrdup(oldpwd);

	cdpath = var_get("CDPATH");
	bool relative_name =
		dir[0] != '/' &&
		!(dir[0] == '.' &&
		  (dir[1] == '/' || dir[1] == '\0' ||
		   (dir[1] == '.' && (dir[2] == '/' || dir[2] == '\0'))));
	if (cdpath != NULL && relative_name) {
		const char *p = cdpath;
		for (;;) {
			const char *e = strchr(p, ':');
			size_t l = e ? (size_t)(e - p) : strlen(p);
			char *cand;
			struct stat sb;

			if (l == 0) {
				cand = tstrdup(dir);
			} else {
				char *pre = tstrndup(p, l);
				cand = join(pre, dir);
			}
			if (stat(cand, &sb) == 0 && S_ISDIR(sb.st_mode)) {
				err = change_dir(cand, physical, &newpwd);
				if (err == 0) {
					/* XCU cd: print the new directory
					 * when a CDPATH entry was used. */
					if (l > 0)
						print = true;
					goto done;
				}
			}
			if (e == NULL)
				break;
			p = e + 1;
		}
	}
	err = change_dir(dir, physical, &newpwd);
	if (err != 0) {
		sh_warn("cd: %s: %s", dir, strerror(err));
		return 1;
	}
done:
	/* Both are exported, as dash and bash do: programs started from
	 * here see where they are and where cd - goes. */
	if (oldpwd != NULL)
		var_set("OLDPWD", oldpwd, VAR_EXPORT);
	if (newpwd != NULL) {
		var_set("PWD", newpwd, VAR_EXPORT);
		if (print)
			printf("%s\n", newpwd);
	} else if (physical && check_pwd) {
		/* cd -P -e (POSIX.1-2024): changed, but PWD is unknown. */
		sh_warn("cd: cannot determine the current directory: %s",
			strerror(errno));
		return 1;
	}
	return 0;
}

int bi_pwd(int argc, char **argv)
{
	struct bopt bo = {1, 0, NULL};
	bool physical = false;
	const char *p;
	int c;

	while ((c = bopt_next(&bo, argc, argv, "LP")) != -1) {
		if (c == '?')
			return 2;
		physical = c == 'P';
	}
	p = physical ? physical_cwd() : logical_cwd();
	if (p == NULL) {
		sh_warn("pwd: %s", strerror(errno));
		return 1;
	}
	printf("%s\n", p);
	return 0;
}
