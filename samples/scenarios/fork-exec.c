/*
 * fork-exec: process lifecycle. Forks; the child execs raw-ping -n 2 (found
 * next to this program); the parent waits for it. The child's own JSON line is
 * read through a pipe and embedded as "child", so stdout still gets exactly
 * one line.
 */
#include "common.h"
#include <libgen.h>
#include <limits.h>
#include <sys/wait.h>

static const char usage[] =
	"usage: fork-exec\n"
	"  fork; the child execs raw-ping -n 2 from this program's directory; the parent waits\n"
	"  prints one JSON line: {\"scenario\":\"fork-exec\",\"pid\":...,\"child_pid\":...,\"child\":{...}}\n";

int main(int argc, char **argv)
{
	char self[PATH_MAX], target[PATH_MAX + 16], out[1024];
	ssize_t len, got = 0, r;
	int pipefd[2], status;
	pid_t child;

	scenario_name = "fork-exec";
	no_options(argc, argv, usage);
	need_root();

	len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (len < 0)
		die("readlink /proc/self/exe");
	self[len] = 0;
	snprintf(target, sizeof(target), "%s/raw-ping", dirname(self));
	if (access(target, X_OK) != 0)
		die("%s", target);

	if (pipe(pipefd) != 0)
		die("pipe");
	child = fork();
	if (child < 0)
		die("fork");
	if (child == 0) {
		char *const args[] = { "raw-ping", "-n", "2", NULL };

		dup2(pipefd[1], STDOUT_FILENO);
		close(pipefd[0]);
		close(pipefd[1]);
		execv(target, args);
		_exit(127);
	}
	close(pipefd[1]);
	while (got < (ssize_t)sizeof(out) - 1 &&
	       (r = read(pipefd[0], out + got, sizeof(out) - 1 - got)) > 0)
		got += r;
	close(pipefd[0]);
	out[got] = 0;
	while (got > 0 && (out[got - 1] == '\n' || out[got - 1] == '\r'))
		out[--got] = 0;
	if (waitpid(child, &status, 0) != child)
		die("waitpid");

	printf("{\"scenario\":\"fork-exec\",\"pid\":%d,\"child_pid\":%d,\"exe\":\"%s\",\"status\":%d,"
	       "\"child\":%s}\n",
	       getpid(), child, target, WIFEXITED(status) ? WEXITSTATUS(status) : -1,
	       got > 0 && out[0] == '{' ? out : "null");
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
