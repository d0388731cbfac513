/*
 * trap.c - trap [action condition...] (POSIX XCU 2.14 trap, 2.11 Signals).
 *
 * A caught signal only sets a flag in its handler; the shell runs the
 * action between commands, where running shell code is safe. EXIT is
 * condition 0 and runs when the shell ends.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sh.h"

#define N_TRAPS 65 /* 0 (EXIT) and signals 1 to 64 */

static char *actions[N_TRAPS];        /* NULL: default; "": ignored */
static volatile sig_atomic_t pending[N_TRAPS];
volatile sig_atomic_t trap_pending;

static const struct {
	const char *name;
	int number;
} signal_names[] = {
        {"EXIT", 0},   {"HUP", SIGHUP},     {"INT", SIGINT},
        {"QUIT", SIGQUIT}, {"ILL", SIGILL}, {"TRAP", SIGTRAP},
        {"ABRT", SIGABRT}, {"BUS", SIGBUS}, {"FPE", SIGFPE},
        {"KILL", SIGKILL}, {"USR1", SIGUSR1}, {"SEGV", SIGSEGV},
        {"USR2", SIGUSR2}, {"PIPE", SIGPIPE}, {"ALRM", SIGALRM},
        {"TERM", SIGTERM}, {"CHLD", SIGCHLD}, {"CONT", SIGCONT},
        {"STOP", SIGSTOP}, {"TSTP", SIGTSTP}, {"TTIN", SIGTTIN},
        {"TTOU", SIGTTOU}, {"URG", SIGURG}, {"XCPU", SIGXCPU},
        {"XFSZ", SIGXFSZ}, {"VTALRM", SIGVTALRM}, {"PROF", SIGPROF},
        {"WINCH", SIGWINCH}, {"SYS", SIGSYS},
};

#define N_NAMES (sizeof(signal_names) / sizeof(signal_names[0]))

/* The number of the signal NAME ("INT", "SIGINT" or "2"), or -1. */
int
signal_number(const char *name)
{
	long n;

	if (parse_long(name, 10, 0, N_TRAPS - 1, &n) == 0)
		return (int)n;
	if (strncasecmp(name, "SIG", 3) == 0)
		name += 3;
	for (size_t i = 0; i < N_NAMES; i++)
		if (strcasecmp(signal_names[i].name, name) == 0)
			return signal_names[i].number;
	return -1;
}

/* The name of signal NUMBER without "SIG", or NULL. */
const char *
signal_name(int number)
{
	for (size_t i = 0; i < N_NAMES; i++)
		if (signal_names[i].number == number)
			return signal_names[i].name;
	return NULL;
}

static void
on_signal(int sig)
{
	pending[sig] = 1;
	trap_pending = 1;
}

/* What the shell did with each signal before its first trap. */
static struct sigaction shells_own[N_TRAPS];
static char have_own[N_TRAPS];

/*
 * A signal ignored when a non-interactive shell started cannot be trapped
 * or reset (2.14 trap): the shell leaves it ignored without a word. It is
 * looked at before the first trap on it, when it is still as the shell
 * found it, except for job control's stop signals, which the shell
 * ignores for itself, and a subshell's inherited state, which counts as
 * its entry state, as in dash.
 */
static signed char entry_ignored[N_TRAPS]; /* 0: not looked at, 1, -1 */

static int
ignored_on_entry(int sig)
{
	if (sig == 0 || shell.interactive)
		return 0;
	if (!entry_ignored[sig]) {
		struct sigaction sa;

		sigaction(sig, NULL, &sa);
		entry_ignored[sig] = sa.sa_handler == SIG_IGN ? 1 : -1;
	}
	if (job_control_on() &&
	    (sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU))
		return 0;
	return entry_ignored[sig] > 0;
}

static void
set_disposition(int sig, const char *action)
{
	struct sigaction sa;

	if (sig == 0)
		return;
	if (!have_own[sig]) {
		sigaction(sig, NULL, &shells_own[sig]);
		have_own[sig] = 1;
	}
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	if (!action)
		sa.sa_handler = SIG_DFL;
	else if (!*action)
		sa.sa_handler = SIG_IGN;
	else
		sa.sa_handler = on_signal;
	// Reset, these go back to what the shell does with them for itself:
	// an interactive one with SIGINT, SIGQUIT and SIGTERM (main.c), one
	// with job control with the terminal's stop signals (jobs.c).
	if (!action &&
	    ((shell.interactive &&
	      (sig == SIGINT || sig == SIGQUIT || sig == SIGTERM)) ||
	     (job_control_on() &&
	      (sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU))))
		sa = shells_own[sig];
	sigaction(sig, &sa, NULL);
}

void
trap_signal_arrived(int sig)
{
	if (sig > 0 && sig < N_TRAPS && actions[sig] && *actions[sig])
		on_signal(sig);
}

int
trap_is_set(int sig)
{
	return sig >= 0 && sig < N_TRAPS && actions[sig] && *actions[sig];
}

int
trap_first_pending(void)
{
	for (int sig = 1; sig < N_TRAPS; sig++)
		if (pending[sig])
			return sig;
	return 0;
}

/* Run ACTION as commands, keeping $? as it was before (2.14 trap). */
static void
run_action(const char *action)
{
	int saved_status = shell.last_status;
	int was_in_trap = shell.in_trap, was_status = shell.trap_status;
	struct input in;

	// exit without a number in the action exits with $? as it was
	// before the action (2.14 exit).
	shell.in_trap = 1;
	shell.trap_status = saved_status;
	input_from_string(&in, action, strlen(action));
	run_input(&in);
	input_free(&in);
	shell.in_trap = was_in_trap;
	shell.trap_status = was_status;
	if (shell.unwind != UNWIND_EXIT)
		shell.last_status = saved_status;
}

void
traps_run_pending(void)
{
	trap_pending = 0;
	for (int sig = 1; sig < N_TRAPS; sig++) {
		if (!pending[sig])
			continue;
		pending[sig] = 0;
		if (actions[sig] && *actions[sig])
			run_action(actions[sig]);
	}
}

void
trap_run_exit(void)
{
	char *action = actions[0];

	if (trap_pending)
		traps_run_pending();
	if (!action)
		return;
	// Once: an exit inside the action ends the shell without it.
	actions[0] = NULL;
	if (shell.unwind == UNWIND_EXIT)
		shell.unwind = UNWIND_NONE;
	run_action(action);
	free(action);
}

int
traps_active(void)
{
	for (int sig = 0; sig < N_TRAPS; sig++)
		if (actions[sig] && *actions[sig])
			return 1;
	return 0;
}

void
traps_caught(sigset_t *set)
{
	for (int sig = 1; sig < N_TRAPS; sig++)
		if (actions[sig] && *actions[sig])
			sigaddset(set, sig);
}

void
traps_reset_for_child(void)
{
	// A subshell starts with the traps it inherits reset, except
	// signals that were ignored (2.12).
	for (int sig = 0; sig < N_TRAPS; sig++) {
		if (!actions[sig] || !*actions[sig])
			continue;
		free(actions[sig]);
		actions[sig] = NULL;
		set_disposition(sig, NULL);
	}
}

/* Print the traps as commands that set them again. */
static void
print_traps(void)
{
	for (int sig = 0; sig < N_TRAPS; sig++) {
		const char *name = signal_name(sig);

		if (!actions[sig] || !name)
			continue;
		out_str(&out_stdout, "trap -- '");
		for (const char *p = actions[sig]; *p; p++) {
			if (*p == '\'')
				out_str(&out_stdout, "'\\''");
			else
				out_char(&out_stdout, *p);
		}
		out_printf(&out_stdout, "' %s\n", name);
	}
}

int
bi_trap(int argc, char **argv)
{
	const char *action;
	int i = 1, status = 0;

	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i == argc) {
		print_traps();
		return 0;
	}
	if (strcmp(argv[i], "-l") == 0) {
		for (size_t k = 1; k < N_NAMES; k++)
			out_printf(&out_stdout, "%d) %s\n",
			           signal_names[k].number, signal_names[k].name);
		return 0;
	}
	// "trap N..." with a number first resets those conditions.
	action = argv[i];
	if (signal_number(action) >= 0 && strspn(action, "0123456789") ==
	                                          strlen(action)) {
		action = "-";
	} else {
		i++;
	}
	for (; i < argc; i++) {
		int sig = signal_number(argv[i]);

		if (sig < 0 || sig == SIGKILL || sig == SIGSTOP) {
			warn_msg("trap: %s: bad trap", argv[i]);
			status = 1;
			continue;
		}
		if (ignored_on_entry(sig))
			continue;
		free(actions[sig]);
		actions[sig] = strcmp(action, "-") == 0 ? NULL : xstrdup(action);
		set_disposition(sig, actions[sig]);
	}
	return status;
}
