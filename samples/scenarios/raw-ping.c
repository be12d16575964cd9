/*
 * raw-ping: the plain Tracing case. socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)
 * with CAP_NET_RAW effective, N sendto() of ICMP echo requests to 127.0.0.1,
 * close(). With --exit-after K the process _exit(0)s (exit_group) right after
 * the K-th sendto: a trace ended by the process's exit.
 */
#include "common.h"

static const char usage[] =
	"usage: raw-ping [-n N] [-d DELAY_MS] [--exit-after K]\n"
	"  socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), N x sendto(ICMP echo -> 127.0.0.1), close()\n"
	"  -n N            echo requests to send (default 5)\n"
	"  -d DELAY_MS     pause between two sendto calls (default 0)\n"
	"  --exit-after K  _exit(0) right after the K-th sendto (no close)\n"
	"  prints one JSON line: {\"scenario\":\"raw-ping\",\"pid\":...,\"sent\":...}\n";

int main(int argc, char **argv)
{
	long n = 5, delay = 0, exit_after = 0;
	int fd;

	scenario_name = "raw-ping";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(a, "-n")) {
			n = parse_count(usage, a, i + 1 < argc ? argv[++i] : NULL, 0);
		} else if (!strcmp(a, "-d")) {
			delay = parse_count(usage, a, i + 1 < argc ? argv[++i] : NULL, 0);
		} else if (!strcmp(a, "--exit-after")) {
			exit_after = parse_count(usage, a, i + 1 < argc ? argv[++i] : NULL, 1);
		} else {
			usage_error(usage, "unknown argument %s", a);
		}
	}
	if (exit_after > n)
		usage_error(usage, "%s: --exit-after is larger than -n", "raw-ping");
	need_root();
	need_cap(CAP_NET_RAW, "CAP_NET_RAW");

	fd = raw_icmp_socket();
	for (long i = 1; i <= n; i++) {
		send_echo(fd, (uint16_t)i);
		if (exit_after && i == exit_after) {
			printf("{\"scenario\":\"raw-ping\",\"pid\":%d,\"fd\":%d,\"sent\":%ld,\"exited_after\":%ld}\n",
			       getpid(), fd, i, exit_after);
			fflush(stdout);
			_exit(0);
		}
		if (delay && i < n)
			sleep_ms(delay);
	}
	close(fd);
	printf("{\"scenario\":\"raw-ping\",\"pid\":%d,\"fd\":%d,\"sent\":%ld}\n", getpid(), fd, n);
	return 0;
}
