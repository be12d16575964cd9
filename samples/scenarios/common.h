/*
 * common.h: shared helpers of the syswire scenario programs.
 *
 * No libcap: capabilities are read and written with the raw capget/capset
 * syscalls (_LINUX_CAPABILITY_VERSION_3), which act on the calling thread only.
 */
#ifndef SCENARIO_COMMON_H
#define SCENARIO_COMMON_H

#define _GNU_SOURCE
#include <errno.h>
#include <linux/capability.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static const char *scenario_name;

static inline void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", scenario_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (errno)
		fprintf(stderr, ": %s", strerror(errno));
	fputc('\n', stderr);
	exit(1);
}

static inline void usage_error(const char *usage, const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", scenario_name);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n%s", usage);
	exit(2);
}

static inline long parse_count(const char *usage, const char *opt, const char *s, long min)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s ? s : "", &end, 10);
	if (!s || !*s || *end || errno || v < min)
		usage_error(usage, "bad value for %s", opt);
	return v;
}

static inline pid_t gettid_raw(void)
{
	return (pid_t)syscall(SYS_gettid);
}

static inline uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static inline void need_root(void)
{
	if (geteuid() != 0) {
		errno = 0;
		die("must run as root");
	}
}

/* ---- capabilities of the calling thread (v3: two 32-bit words) ---- */

struct caps {
	uint64_t effective, permitted, inheritable;
};

static inline struct caps caps_get(void)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];
	struct caps c;

	memset(data, 0, sizeof(data));
	if (syscall(SYS_capget, &hdr, data) != 0)
		die("capget");
	c.effective = data[0].effective | (uint64_t)data[1].effective << 32;
	c.permitted = data[0].permitted | (uint64_t)data[1].permitted << 32;
	c.inheritable = data[0].inheritable | (uint64_t)data[1].inheritable << 32;
	return c;
}

static inline void caps_set(struct caps c)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];

	data[0].effective = (uint32_t)c.effective;
	data[1].effective = (uint32_t)(c.effective >> 32);
	data[0].permitted = (uint32_t)c.permitted;
	data[1].permitted = (uint32_t)(c.permitted >> 32);
	data[0].inheritable = (uint32_t)c.inheritable;
	data[1].inheritable = (uint32_t)(c.inheritable >> 32);
	if (syscall(SYS_capset, &hdr, data) != 0)
		die("capset");
}

#define CAPBIT(c) (1ull << (c))

static inline void need_cap(int cap, const char *name)
{
	struct caps c = caps_get();

	if (!(c.effective & CAPBIT(cap))) {
		errno = 0;
		die("needs %s in the effective set", name);
	}
}

/* ---- ICMP echo to 127.0.0.1 over a raw socket ---- */

static inline uint16_t icmp_checksum(const void *buf, size_t len)
{
	const uint16_t *p = buf;
	uint32_t sum = 0;

	for (; len > 1; len -= 2)
		sum += *p++;
	if (len)
		sum += *(const uint8_t *)p;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static inline int raw_icmp_socket(void)
{
	int fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);

	if (fd < 0)
		die("socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)");
	return fd;
}

/* one echo request to 127.0.0.1 with sequence seq; dies on failure */
static inline void send_echo(int fd, uint16_t seq)
{
	struct {
		struct icmphdr h;
		char payload[16];
	} pkt;
	struct sockaddr_in to;

	memset(&pkt, 0, sizeof(pkt));
	pkt.h.type = ICMP_ECHO;
	pkt.h.code = 0;
	pkt.h.un.echo.id = htons((uint16_t)getpid());
	pkt.h.un.echo.sequence = htons(seq);
	memcpy(pkt.payload, "syswire-scenario", sizeof(pkt.payload));
	pkt.h.checksum = icmp_checksum(&pkt, sizeof(pkt));

	memset(&to, 0, sizeof(to));
	to.sin_family = AF_INET;
	to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (sendto(fd, &pkt, sizeof(pkt), 0, (struct sockaddr *)&to, sizeof(to)) != (ssize_t)sizeof(pkt))
		die("sendto");
}

static inline void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (ms > 0 && nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* handles -h/--help for programs that take no other option */
static inline void no_options(int argc, char **argv, const char *usage)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage, stdout);
			exit(0);
		}
		usage_error(usage, "unknown argument %s", argv[i]);
	}
}

#endif
