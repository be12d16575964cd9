/*
 * threads: capabilities are per thread. A worker thread is created first (it
 * keeps CAP_NET_RAW effective); the main thread then lowers its own effective
 * CAP_NET_RAW with capset and calls socket(AF_INET, SOCK_DGRAM, 0) (judged
 * Dormant); after that the worker opens a raw ICMP socket and sendto()s three
 * times (judged Tracing), closes it, and is joined.
 */
#include "common.h"
#include <pthread.h>

static const char usage[] =
	"usage: threads\n"
	"  worker thread created; main: capset(-CAP_NET_RAW effective, this thread only),\n"
	"  socket(AF_INET, SOCK_DGRAM, 0), close; then worker: socket(AF_INET, SOCK_RAW,\n"
	"  IPPROTO_ICMP), 3 x sendto, close; join\n"
	"  prints one JSON line: {\"scenario\":\"threads\",\"pid\":...,\"main_tid\":...,\"worker_tid\":...}\n";

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int go;
static pid_t worker_tid;
static int worker_fd;
static uint64_t worker_eff;

static void *worker(void *arg)
{
	(void)arg;
	worker_tid = gettid_raw();
	pthread_mutex_lock(&lock);
	while (!go)
		pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);

	worker_eff = caps_get().effective;
	worker_fd = raw_icmp_socket();
	for (int i = 1; i <= 3; i++)
		send_echo(worker_fd, (uint16_t)i);
	close(worker_fd);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t th;
	struct caps c;
	int dgram, err;

	scenario_name = "threads";
	no_options(argc, argv, usage);
	need_root();
	need_cap(CAP_NET_RAW, "CAP_NET_RAW");

	err = pthread_create(&th, NULL, worker, NULL);
	if (err) {
		errno = err;
		die("pthread_create");
	}

	c = caps_get();
	c.effective &= ~CAPBIT(CAP_NET_RAW);
	caps_set(c); /* raw capset: this thread only */
	dgram = socket(AF_INET, SOCK_DGRAM, 0);
	if (dgram < 0)
		die("socket(AF_INET, SOCK_DGRAM, 0)");
	close(dgram);

	pthread_mutex_lock(&lock);
	go = 1;
	pthread_cond_signal(&cond);
	pthread_mutex_unlock(&lock);
	pthread_join(th, NULL);

	printf("{\"scenario\":\"threads\",\"pid\":%d,\"main_tid\":%d,\"worker_tid\":%d,"
	       "\"dormant_fd\":%d,\"raw_fd\":%d,\"sent\":3,"
	       "\"main_cap_effective\":\"%016llx\",\"worker_cap_effective\":\"%016llx\"}\n",
	       getpid(), gettid_raw(), worker_tid, dgram, worker_fd,
	       (unsigned long long)caps_get().effective, (unsigned long long)worker_eff);
	return 0;
}
