/*
 * churn: process churn for the soak benchmark. For S seconds, R times a second, fork a child
 * that execs and exits at once; every K-th child execs raw-ping -n 3 instead (it trips the
 * wire: socket(SOCK_RAW) with CAP_NET_RAW, 3 x sendto, close). Children are reaped as they go.
 * Prints one JSON line: {"scenario":"churn","pid":...,"spawned":N,"tripped":M,"failed":F,"elapsed_ns":...}.
 */
#include "common.h"
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <sys/wait.h>

static const char usage[] =
	"usage: churn [-r RATE] [-t SECONDS] [-k K]\n"
	"  RATE (default 200) children a second for SECONDS (default 10); each execs and exits,\n"
	"  every K-th (default 20, 0 = none) execs raw-ping -n 3 from this program's directory\n"
	"  prints one JSON line: {\"scenario\":\"churn\",\"pid\":...,\"spawned\":...,\"tripped\":...,\"failed\":...,\"elapsed_ns\":...}\n";

static long reap(int block)
{
	long failed = 0;
	int status;
	pid_t p;

	while ((p = waitpid(-1, &status, block ? 0 : WNOHANG)) > 0)
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			failed++;
	return failed;
}

int main(int argc, char **argv)
{
	long rate = 200, seconds = 10, k = 20, spawned = 0, tripped = 0, failed = 0;
	char self[PATH_MAX], dir[PATH_MAX], ping[PATH_MAX + 16];
	ssize_t len;
	uint64_t t0, period;

	scenario_name = "churn";
	if (argc == 2 && !strcmp(argv[1], "--child"))
		return 0; /* the short-lived child: exec'd, exits */
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(a, "-r")) {
			rate = parse_count(usage, a, i + 1 < argc ? argv[++i] : NULL, 1);
		} else if (!strcmp(a, "-t")) {
			seconds = parse_count(usage, a, i + 1 < argc ? argv[++i] : NULL, 1);
		} else if (!strcmp(a, "-k")) {
			k = parse_count(usage, a, i + 1 < argc ? argv[++i] : NULL, 0);
		} else {
			usage_error(usage, "unknown argument %s", a);
		}
	}
	len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (len < 0)
		die("readlink /proc/self/exe");
	self[len] = 0;
	strcpy(dir, self);
	snprintf(ping, sizeof(ping), "%s/raw-ping", dirname(dir));
	if (k > 0 && access(ping, X_OK) != 0)
		die("%s", ping);

	period = 1000000000ull / (uint64_t)rate;
	t0 = now_ns();
	for (uint64_t due = t0; due < t0 + (uint64_t)seconds * 1000000000ull; due += period) {
		uint64_t now = now_ns();
		int trip = k > 0 && (spawned + 1) % k == 0;
		pid_t child;

		if (now < due) {
			struct timespec ts = { (time_t)((due - now) / 1000000000ull), (long)((due - now) % 1000000000ull) };

			nanosleep(&ts, NULL);
		}
		child = fork();
		if (child < 0) {
			failed++;
			reap(1);
			continue;
		}
		if (child == 0) {
			int null = open("/dev/null", O_WRONLY);

			if (null >= 0)
				dup2(null, STDOUT_FILENO);
			if (trip) {
				char *const args[] = { "raw-ping", "-n", "3", NULL };

				execv(ping, args);
			} else {
				char *const args[] = { "churn-child", "--child", NULL };

				execv(self, args);
			}
			_exit(127);
		}
		spawned++;
		tripped += trip;
		failed += reap(0);
	}
	failed += reap(1);
	printf("{\"scenario\":\"churn\",\"pid\":%d,\"spawned\":%ld,\"tripped\":%ld,\"failed\":%ld,\"elapsed_ns\":%llu}\n",
	       getpid(), spawned, tripped, failed, (unsigned long long)(now_ns() - t0));
	return failed == 0 ? 0 : 1;
}
