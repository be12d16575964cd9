/*
 * noise: the workload of the idle-overhead benchmarks. N x getppid() (or
 * close(-1)) in a tight loop through syscall(2), timed with CLOCK_MONOTONIC.
 */
#include "common.h"

static const char usage[] =
	"usage: noise [-n N] [--syscall getppid|close]\n"
	"  N (default 2000000) x getppid() or close(-1) in a tight loop\n"
	"  prints one JSON line: {\"scenario\":\"noise\",\"pid\":...,\"elapsed_ns\":...,\"ns_per_call\":...}\n";

int main(int argc, char **argv)
{
	long n = 2000000;
	int use_close = 0;
	uint64_t t0, t1;

	scenario_name = "noise";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(a, "-n")) {
			n = parse_count(usage, a, i + 1 < argc ? argv[++i] : NULL, 1);
		} else if (!strcmp(a, "--syscall")) {
			const char *s = i + 1 < argc ? argv[++i] : "";

			if (!strcmp(s, "getppid"))
				use_close = 0;
			else if (!strcmp(s, "close"))
				use_close = 1;
			else
				usage_error(usage, "--syscall must be getppid or close, not '%s'", s);
		} else {
			usage_error(usage, "unknown argument %s", a);
		}
	}

	t0 = now_ns();
	if (use_close) {
		for (long i = 0; i < n; i++)
			syscall(SYS_close, -1);
	} else {
		for (long i = 0; i < n; i++)
			syscall(SYS_getppid);
	}
	t1 = now_ns();

	printf("{\"scenario\":\"noise\",\"pid\":%d,\"syscall\":\"%s\",\"n\":%ld,\"elapsed_ns\":%llu,"
	       "\"ns_per_call\":%.1f}\n",
	       getpid(), use_close ? "close" : "getppid", n, (unsigned long long)(t1 - t0),
	       (double)(t1 - t0) / (double)n);
	return 0;
}
