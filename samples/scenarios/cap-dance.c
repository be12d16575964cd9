/*
 * cap-dance: Dormant, then Tracing. Lowers CAP_NET_RAW from the effective set
 * (it stays permitted) with capset, calls socket(AF_INET, SOCK_DGRAM, 0) (a
 * tripwire without the elevated capability effective: Dormant) and closes it,
 * raises CAP_NET_RAW again with capset, then opens a raw ICMP socket (the
 * elevated tripwire), sendto() twice and close().
 */
#include "common.h"

static const char usage[] =
	"usage: cap-dance\n"
	"  capset(-CAP_NET_RAW effective), socket(AF_INET, SOCK_DGRAM, 0), close,\n"
	"  capset(+CAP_NET_RAW effective), socket(AF_INET, SOCK_RAW, IPPROTO_ICMP),\n"
	"  2 x sendto(ICMP echo -> 127.0.0.1), close\n"
	"  prints one JSON line: {\"scenario\":\"cap-dance\",\"pid\":...,...}\n";

int main(int argc, char **argv)
{
	struct caps c;
	int dgram, raw;

	scenario_name = "cap-dance";
	no_options(argc, argv, usage);
	need_root();
	c = caps_get();
	if (!(c.permitted & CAPBIT(CAP_NET_RAW))) {
		errno = 0;
		die("needs CAP_NET_RAW in the permitted set");
	}

	c.effective &= ~CAPBIT(CAP_NET_RAW);
	caps_set(c);
	dgram = socket(AF_INET, SOCK_DGRAM, 0);
	if (dgram < 0)
		die("socket(AF_INET, SOCK_DGRAM, 0)");
	close(dgram);

	c.effective |= CAPBIT(CAP_NET_RAW);
	caps_set(c);
	raw = raw_icmp_socket();
	send_echo(raw, 1);
	send_echo(raw, 2);
	close(raw);

	printf("{\"scenario\":\"cap-dance\",\"pid\":%d,\"dormant_fd\":%d,\"raw_fd\":%d,\"sent\":2}\n",
	       getpid(), dgram, raw);
	return 0;
}
