/*
 * benign: the Benign case. Removes CAP_NET_RAW from the permitted and
 * effective sets (for good), then calls socket(AF_INET, SOCK_DGRAM, 0): a
 * tripwire by a process that can no longer acquire the capability.
 */
#include "common.h"

static const char usage[] =
	"usage: benign\n"
	"  capset(-CAP_NET_RAW permitted and effective), socket(AF_INET, SOCK_DGRAM, 0), close\n"
	"  prints one JSON line: {\"scenario\":\"benign\",\"pid\":...,...}\n";

int main(int argc, char **argv)
{
	struct caps c;
	int fd;

	scenario_name = "benign";
	no_options(argc, argv, usage);
	need_root();
	c = caps_get();
	c.effective &= ~CAPBIT(CAP_NET_RAW);
	c.permitted &= ~CAPBIT(CAP_NET_RAW);
	c.inheritable &= ~CAPBIT(CAP_NET_RAW);
	caps_set(c);

	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		die("socket(AF_INET, SOCK_DGRAM, 0)");
	close(fd);

	c = caps_get();
	printf("{\"scenario\":\"benign\",\"pid\":%d,\"fd\":%d,\"cap_permitted\":\"%016llx\"}\n",
	       getpid(), fd, (unsigned long long)c.permitted);
	return 0;
}
