/*
 * ptracer: CAP_SYS_PTRACE at work. Forks a child that sleeps, PTRACE_ATTACHes
 * it, waits for the stop, reads a few words of its memory with
 * PTRACE_PEEKDATA, PTRACE_DETACHes, then kills and reaps the child.
 */
#include "common.h"
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

static const char usage[] =
	"usage: ptracer\n"
	"  fork a sleeping child, ptrace(PTRACE_ATTACH), waitpid, 3 x ptrace(PTRACE_PEEKDATA),\n"
	"  ptrace(PTRACE_DETACH), kill(SIGKILL), waitpid\n"
	"  prints one JSON line: {\"scenario\":\"ptracer\",\"pid\":...,\"child_pid\":...,...}\n";

/* read from the child: the same address in both after fork */
static volatile unsigned long secret[3] = { 0x53595357495245ul, 0x1122334455667788ul, 42 };

#define PEEKS 3

int main(int argc, char **argv)
{
	unsigned long got[PEEKS];
	int status, ok = 1;
	pid_t child;

	scenario_name = "ptracer";
	no_options(argc, argv, usage);
	need_root();
	need_cap(CAP_SYS_PTRACE, "CAP_SYS_PTRACE");

	child = fork();
	if (child < 0)
		die("fork");
	if (child == 0) {
		for (;;)
			pause();
	}

	if (ptrace(PTRACE_ATTACH, child, NULL, NULL) != 0)
		die("ptrace(PTRACE_ATTACH)");
	if (waitpid(child, &status, 0) != child || !WIFSTOPPED(status))
		die("waitpid (attach stop)");
	for (int i = 0; i < PEEKS; i++) {
		errno = 0;
		got[i] = (unsigned long)ptrace(PTRACE_PEEKDATA, child, (void *)&secret[i], NULL);
		if (errno)
			die("ptrace(PTRACE_PEEKDATA)");
		ok &= got[i] == secret[i];
	}
	if (ptrace(PTRACE_DETACH, child, NULL, NULL) != 0)
		die("ptrace(PTRACE_DETACH)");
	kill(child, SIGKILL);
	if (waitpid(child, &status, 0) != child)
		die("waitpid (reap)");

	printf("{\"scenario\":\"ptracer\",\"pid\":%d,\"child_pid\":%d,\"peeks\":%d,\"peek_ok\":%s,"
	       "\"child_signal\":%d}\n",
	       getpid(), child, PEEKS, ok ? "true" : "false",
	       WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	return ok ? 0 : 1;
}
