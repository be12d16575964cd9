/*
 * flood: the workload of the throughput benchmark. N x close(-1) (cheap, and
 * close is a typical context syscall) as fast as possible.
 */
#include "common.h"

static const char usage[] =
	"usage: flood [-n N]\n"
	"  N (default 1000000) x close(-1) as fast as possible\n"
	"  prints one JSON line: {\"scenario\":\"flood\",\"pid\":...,\"elapsed_ns\":...,\"rate_per_s\":...}\n";

int main(int argc, char **argv)
{
	long n = 1000000;
	uint64_t t0, t1;

	scenario_name = "flood";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(a, "-n")) {
			n = parse_count(usage, a, i + 1 < argc ? argv[++i] : NULL, 1);
		} else {
			usage_error(usage, "unknown argument %s", a);
		}
	}

	t0 = now_ns();
	for (long i = 0; i < n; i++)
		syscall(SYS_close, -1);
	t1 = now_ns();

	printf("{\"scenario\":\"flood\",\"pid\":%d,\"n\":%ld,\"elapsed_ns\":%llu,\"rate_per_s\":%.0f}\n",
	       getpid(), n, (unsigned long long)(t1 - t0),
	       (double)n * 1e9 / (double)(t1 - t0));
	return 0;
}
