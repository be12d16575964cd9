/*
 * filecap-exec: an exec ends the launcher's verdict. As root (CAP_NET_RAW
 * effective) it opens and closes a datagram socket, a tripwire that is traced;
 * then it drops to uid/gid 65534 (all capabilities go) and execs a binary that
 * carries the file capability cap_net_raw=ep (default /usr/bin/ping -c 2
 * 127.0.0.1, Debian's iputils-ping), which opens its ICMP socket with
 * CAP_NET_RAW effective again. The JSON line is printed before the exec; the
 * exec'd program's stdout goes to /dev/null.
 */
#include "common.h"
#include <fcntl.h>
#include <grp.h>
#include <sys/xattr.h>

static const char usage[] =
	"usage: filecap-exec [PROGRAM [ARG...]]\n"
	"  as root: socket(AF_INET, SOCK_DGRAM, 0) + close, drop to uid/gid 65534, exec PROGRAM\n"
	"  (default: /usr/bin/ping -c 2 127.0.0.1), which must carry a file capability\n"
	"  prints one JSON line first: {\"scenario\":\"filecap-exec\",\"pid\":...,\"fd\":...,\"exe\":\"...\"}\n";

int main(int argc, char **argv)
{
	static char *const ping[] = { "/usr/bin/ping", "-c", "2", "-i", "0.2", "127.0.0.1", NULL };
	char *const *target = ping;
	char cap[64];
	int fd, null;

	scenario_name = "filecap-exec";
	if (argc > 1 && argv[1][0] == '-')
		usage_error(usage, "unknown option %s", argv[1]);
	if (argc > 1)
		target = argv + 1;
	need_root();
	if (getxattr(target[0], "security.capability", cap, sizeof(cap)) <= 0)
		die("%s carries no file capability (install iputils-ping, or setcap cap_net_raw=ep it)", target[0]);

	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		die("socket");
	close(fd);

	if (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0)
		die("dropping to 65534");

	printf("{\"scenario\":\"filecap-exec\",\"pid\":%d,\"fd\":%d,\"exe\":\"%s\"}\n", getpid(), fd, target[0]);
	fflush(stdout);
	null = open("/dev/null", O_WRONLY);
	if (null >= 0)
		dup2(null, STDOUT_FILENO);
	execv(target[0], target);
	die("exec %s", target[0]);
}
