/*
 * vars.c - shell variables and the environment of children
 * (POSIX XCU 2.5.3 Shell Variables, 2.12 Shell Execution Environment).
 *
 * The variables live in a hash table: every $x and every assignment
 * looks one up, so a lookup is a hash of the name and, mostly, one
 * comparison. set and export -p sort them by name when they print.
 *
 * The environment a program is started with is built once and kept
 * until an exported variable changes: a loop that runs a program
 * every time round builds it only the first time.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct var {
	struct var *next; /* the next variable in the same bucket */
	char *name;
	char *value; /* NULL: exported but not set ("export NAME") */
	int flags;
};

static struct var **buckets; /* a power of two of them */
static size_t n_buckets;
static size_t n_vars;

/* "NAME=value" of every exported variable, for execve; NULL when a
 * variable it holds has changed since it was built. */
static char **environ_cache;
static char *environ_text; /* the strings environ_cache points to */

int
is_name(const char *s, size_t len)
{
	if (len == 0 || (s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (!(c == '_' || (c >= 'a' && c <= 'z') ||
		      (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			return 0;
	}
	return 1;
}

/* FNV-1a: a few operations a byte, and names that differ by one letter
 * land in different buckets. */
static size_t
hash(const char *name, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)name[i]) * 16777619u;
	return h & (n_buckets - 1);
}

/* Is STORED the LEN bytes at NAME? A loop of our own rather than
 * strncmp: names are short, and mostly the first byte decides. */
static int
same_name(const char *stored, const char *name, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (stored[i] != name[i])
			return 0;
	return stored[len] == '\0';
}

/* Where the pointer to NAME is in its bucket's chain, or where it would
 * be added (a NULL pointer at the end). */
static struct var **
slot(const char *name, size_t len)
{
	struct var **at = &buckets[hash(name, len)];

	while (*at && !same_name((*at)->name, name, len))
		at = &(*at)->next;
	return at;
}

static struct var *
find(const char *name, size_t len)
{
	return n_vars ? *slot(name, len) : NULL;
}

/* Twice the buckets, when there are as many variables as buckets. */
static void
grow_table(void)
{
	struct var **old = buckets;
	size_t old_n = n_buckets;

	n_buckets = n_buckets ? 2 * n_buckets : 64;
	buckets = xcalloc(n_buckets, sizeof(*buckets));
	for (size_t i = 0; i < old_n; i++) {
		while (old[i]) {
			struct var *var = old[i];
			struct var **at =
			        &buckets[hash(var->name, strlen(var->name))];

			old[i] = var->next;
			var->next = *at;
			*at = var;
		}
	}
	free(old);
}

static struct var *
find_or_add(const char *name, size_t len)
{
	struct var **at, *var;

	if (n_vars == n_buckets)
		grow_table();
	at = slot(name, len);
	if (*at)
		return *at;
	var = xmalloc(sizeof(*var));
	var->next = NULL;
	var->name = xstrndup(name, len);
	var->value = NULL;
	var->flags = 0;
	*at = var;
	n_vars++;
	return var;
}

/* VAR has changed: if it is exported, the environment must be rebuilt. */
static void
changed(const struct var *var)
{
	if ((var->flags & VAR_EXPORT) && environ_cache) {
		free(environ_cache);
		free(environ_text);
		environ_cache = NULL;
		environ_text = NULL;
	}
}

static int
by_name(const void *a, const void *b)
{
	const struct var *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

/* Every variable, sorted by name, in an array the caller frees. */
static struct var **
sorted_vars(void)
{
	struct var **all = xcalloc(n_vars + 1, sizeof(*all));
	size_t n = 0;

	for (size_t i = 0; i < n_buckets; i++)
		for (struct var *var = buckets[i]; var; var = var->next)
			all[n++] = var;
	qsort(all, n, sizeof(*all), by_name);
	return all;
}

const char *
var_getn(const char *name, size_t len)
{
	struct var *var = find(name, len);

	return var ? var->value : NULL;
}

const char *
var_get(const char *name)
{
	struct var *var = find(name, strlen(name));

	return var ? var->value : NULL;
}

/* Refuse to change VAR when it is read-only. */
static int
read_only(const struct var *var)
{
	if (var && (var->flags & VAR_READONLY)) {
		warn_msg("%s: is read only", var->name);
		return 1;
	}
	return 0;
}

int
var_set(const char *name, size_t name_len, const char *value, int flags)
{
	struct var *var = find(name, name_len);
	char *copy;

	if (read_only(var))
		return -1;
	if (!var)
		var = find_or_add(name, name_len);
	if (value && var->value && strlen(value) <= strlen(var->value)) {
		// It fits where the old value is, as i=$((i + 1)) mostly
		// does: no malloc and free. VALUE may be part of it.
		memmove(var->value, value, strlen(value) + 1);
	} else {
		// Copy first: VALUE may be the old value itself.
		copy = value ? xstrdup(value) : NULL;
		free(var->value);
		var->value = copy;
	}
	if (shell.options[OPT_ALLEXPORT])
		flags |= VAR_EXPORT;
	var->flags |= flags;
	changed(var);
	// A new PATH makes the remembered places of programs stale.
	if (name_len == 4 && memcmp(name, "PATH", 4) == 0)
		hash_clear();
	return 0;
}

int
var_assign(const char *assignment, int flags)
{
	const char *eq = strchr(assignment, '=');

	return var_set(assignment, (size_t)(eq - assignment), eq + 1, flags);
}

int
var_unset(const char *name)
{
	struct var **at = n_vars ? slot(name, strlen(name)) : NULL;
	struct var *var = at ? *at : NULL;

	if (!var)
		return 0;
	if (read_only(var))
		return -1;
	changed(var);
	*at = var->next;
	n_vars--;
	free(var->name);
	free(var->value);
	free(var);
	if (strcmp(name, "PATH") == 0)
		hash_clear();
	return 0;
}

int
var_flags(const char *name)
{
	struct var *var = find(name, strlen(name));

	return var ? var->flags : 0;
}

void
var_export(const char *name)
{
	var_add_flags(name, VAR_EXPORT);
}

void
var_add_flags(const char *name, int flags)
{
	struct var *var = find_or_add(name, strlen(name));

	var->flags |= flags;
	changed(var);
}

void
vars_import(char **envp)
{
	for (; *envp; envp++) {
		const char *eq = strchr(*envp, '=');

		// Names a shell cannot use are left out, as dash does.
		if (eq && is_name(*envp, (size_t)(eq - *envp)))
			var_assign(*envp, VAR_EXPORT);
	}
}

/* Build environ_cache: the array, and all the strings in one block. */
static void
build_environ(void)
{
	struct var **all = sorted_vars();
	size_t n_exported = 0, text_len = 0;
	char *text;

	for (size_t i = 0; i < n_vars; i++) {
		if ((all[i]->flags & VAR_EXPORT) && all[i]->value) {
			n_exported++;
			text_len += strlen(all[i]->name) + 1 +
			            strlen(all[i]->value) + 1;
		}
	}
	environ_cache = xcalloc(n_exported + 1, sizeof(*environ_cache));
	environ_text = text = xmalloc(text_len);
	n_exported = 0;
	for (size_t i = 0; i < n_vars; i++) {
		struct var *var = all[i];
		size_t name_len = strlen(var->name);
		size_t value_len;

		if (!(var->flags & VAR_EXPORT) || !var->value)
			continue;
		value_len = strlen(var->value);
		environ_cache[n_exported++] = text;
		memcpy(text, var->name, name_len);
		text[name_len] = '=';
		memcpy(text + name_len + 1, var->value, value_len + 1);
		text += name_len + 1 + value_len + 1;
	}
	free(all);
}

char **
var_environ(void)
{
	if (!environ_cache)
		build_environ();
	return environ_cache;
}

/* Write VALUE in single quotes, so that the shell reads it back as is. */
static void
print_quoted(const char *value)
{
	out_char(&out_stdout, '\'');
	for (; *value; value++) {
		if (*value == '\'')
			out_str(&out_stdout, "'\\''");
		else
			out_char(&out_stdout, *value);
	}
	out_char(&out_stdout, '\'');
}

void
vars_print(int exported_only)
{
	struct var **all = sorted_vars();

	for (size_t i = 0; i < n_vars; i++) {
		struct var *var = all[i];

		if (exported_only ? !(var->flags & VAR_EXPORT) : !var->value)
			continue;
		if (exported_only)
			out_str(&out_stdout, "export ");
		out_str(&out_stdout, var->name);
		if (var->value) {
			out_char(&out_stdout, '=');
			print_quoted(var->value);
		}
		out_char(&out_stdout, '\n');
	}
	free(all);
}

void
var_save(struct var_saved *saved, const char *name, size_t name_len)
{
	struct var *var = find(name, name_len);

	saved->name = xstrndup(name, name_len);
	saved->existed = var != NULL;
	saved->value = var && var->value ? xstrdup(var->value) : NULL;
	saved->flags = var ? var->flags : 0;
}

void
var_restore(struct var_saved *saved)
{
	if (saved->existed) {
		struct var *var = find_or_add(saved->name, strlen(saved->name));

		changed(var);
		free(var->value);
		var->value = saved->value;
		var->flags = saved->flags;
		changed(var);
	} else {
		var_unset(saved->name);
		free(saved->value);
	}
	free(saved->name);
}

/*
 * Local variables: each running function has a frame of the variables it
 * made local, saved as they were, to put back when it returns.
 */
struct frame {
	struct var_saved *saved;
	size_t len;
};

static struct frame *frames;
static size_t n_frames;
static size_t cap_frames;

void
vars_push_frame(void)
{
	if (n_frames == cap_frames) {
		cap_frames = cap_frames ? cap_frames * 2 : 16;
		frames = xreallocarray(frames, cap_frames, sizeof(*frames));
	}
	frames[n_frames].saved = NULL;
	frames[n_frames++].len = 0;
}

void
vars_pop_frame(void)
{
	struct frame *frame = &frames[--n_frames];

	for (size_t i = frame->len; i-- > 0;)
		var_restore(&frame->saved[i]);
	free(frame->saved);
}

void
var_make_local(const char *name, size_t name_len)
{
	struct frame *frame;

	if (n_frames == 0)
		return;
	frame = &frames[n_frames - 1];
	for (size_t i = 0; i < frame->len; i++)
		if (strlen(frame->saved[i].name) == name_len &&
		    memcmp(frame->saved[i].name, name, name_len) == 0)
			return;
	frame->saved = xreallocarray(frame->saved, frame->len + 1,
	                             sizeof(*frame->saved));
	var_save(&frame->saved[frame->len++], name, name_len);
}

void
vars_print_flagged(const char *prefix, int flag)
{
	struct var **all = sorted_vars();

	for (size_t i = 0; i < n_vars; i++) {
		struct var *var = all[i];

		if (!(var->flags & flag))
			continue;
		out_printf(&out_stdout, "%s %s", prefix, var->name);
		if (var->value) {
			out_char(&out_stdout, '=');
			print_quoted(var->value);
		}
		out_char(&out_stdout, '\n');
	}
	free(all);
}
