/*
 * vars.c - shell variables and the environment of children
 * (POSIX XCU 2.5.3 Shell Variables, 2.12 Shell Execution Environment).
 *
 * The variables live in one array sorted by name: lookups are a binary
 * search, and set and export -p print them in order with no extra work.
 */
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct var {
	char *name;
	char *value; /* NULL: exported but not set ("export NAME") */
	int flags;
};

static struct var *vars;
static size_t n_vars;
static size_t cap_vars;

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

/*
 * Order a stored name against the first LEN bytes of NAME. A loop of our
 * own rather than strncmp: most names differ in their first byte, and a
 * lookup makes several of these comparisons.
 */
static int
compare(const char *stored, const char *name, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (stored[i] != name[i])
			return (unsigned char)stored[i] - (unsigned char)name[i];
	return stored[len] ? 1 : 0;
}

/* Find NAME; *AT is where it is, or where it would be inserted. */
static struct var *
find(const char *name, size_t len, size_t *at)
{
	size_t lo = 0, hi = n_vars;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = compare(vars[mid].name, name, len);

		if (cmp == 0) {
			*at = mid;
			return &vars[mid];
		}
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*at = lo;
	return NULL;
}

static struct var *
find_or_add(const char *name, size_t len)
{
	size_t at;
	struct var *var = find(name, len, &at);

	if (var)
		return var;
	if (n_vars == cap_vars) {
		cap_vars = cap_vars ? cap_vars * 2 : 64;
		vars = xreallocarray(vars, cap_vars, sizeof(*vars));
	}
	memmove(&vars[at + 1], &vars[at], (n_vars - at) * sizeof(*vars));
	n_vars++;
	var = &vars[at];
	var->name = xstrndup(name, len);
	var->value = NULL;
	var->flags = 0;
	return var;
}

const char *
var_getn(const char *name, size_t len)
{
	size_t at;
	struct var *var = find(name, len, &at);

	return var ? var->value : NULL;
}

const char *
var_get(const char *name)
{
	size_t at;
	struct var *var = find(name, strlen(name), &at);

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
	size_t at;
	struct var *var = find(name, name_len, &at);
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
	size_t at;
	struct var *var = find(name, strlen(name), &at);

	if (!var)
		return 0;
	if (read_only(var))
		return -1;
	free(var->name);
	free(var->value);
	n_vars--;
	memmove(&vars[at], &vars[at + 1], (n_vars - at) * sizeof(*vars));
	if (strcmp(name, "PATH") == 0)
		hash_clear();
	return 0;
}

int
var_flags(const char *name)
{
	size_t at;
	struct var *var = find(name, strlen(name), &at);

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
	find_or_add(name, strlen(name))->flags |= flags;
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

void
var_environ(struct strvec *env)
{
	for (size_t i = 0; i < n_vars; i++) {
		struct var *var = &vars[i];
		struct strbuf entry = {0};

		if (!(var->flags & VAR_EXPORT) || !var->value)
			continue;
		strbuf_adds(&entry, var->name);
		strbuf_addc(&entry, '=');
		strbuf_adds(&entry, var->value);
		strvec_push(env, strbuf_take(&entry));
	}
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
	for (size_t i = 0; i < n_vars; i++) {
		struct var *var = &vars[i];

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
}

void
var_save(struct var_saved *saved, const char *name, size_t name_len)
{
	size_t at;
	struct var *var = find(name, name_len, &at);

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

		free(var->value);
		var->value = saved->value;
		var->flags = saved->flags;
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
	for (size_t i = 0; i < n_vars; i++) {
		struct var *var = &vars[i];

		if (!(var->flags & flag))
			continue;
		out_printf(&out_stdout, "%s %s", prefix, var->name);
		if (var->value) {
			out_char(&out_stdout, '=');
			print_quoted(var->value);
		}
		out_char(&out_stdout, '\n');
	}
}
