/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * syswire.h: the one definition of what the kernel program and the Java
 * recorder exchange: the records sent through the ring buffer, and the maps
 * and configuration the recorder fills before attaching.
 *
 * The Java decoder (io.syswire.live.RecordLayout) hard-codes these offsets;
 * RecordLayoutTest checks them against the BTF of the built syswire.bpf.o, so
 * a change here that the Java side does not follow fails the build.
 *
 * All records are little-endian, naturally aligned, sent through the ring
 * buffer "events" (bpf_ringbuf_output(), or reserved and built in place) and
 * sized exactly (header.size).
 */
#ifndef SYSWIRE_H
#define SYSWIRE_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s16 s16;
typedef __s32 s32;
typedef __s64 s64;
#endif

#define SW_COMM_LEN 16
#define SW_MAX_SYSCALLS 512      /* size of the per-syscall tables, indexed by nr */
#define SW_MAX_ARGS 6
#define SW_MAX_BLOBS 3           /* decoded pointer arguments per syscall (mount has 3 strings) */
#define SW_BLOB_MAX 256          /* bytes kept of one decoded argument */
#define SW_CMDLINE_MAX 512       /* bytes kept of an exec'd command line (argv, NUL-separated) */
#define SW_EXE_PARTS 24          /* path components of an exec'd image walked in the kernel */
#define SW_EXE_PART_MAX 64       /* bytes kept of one component, its NUL included */

enum sw_record_kind {
	SW_REC_SYSCALL = 1,
	SW_REC_FORK = 2,
	SW_REC_EXEC = 3,
	SW_REC_EXIT = 4,
};

/* ---- configuration, filled by the recorder after load, before attach ---- */

/* sw_sysinfo.flags */
enum sw_sys_flag {
	SW_SYS_CAPTURE = 1,      /* in the capture set (its tracepoints are attached) */
	SW_SYS_TRIPWIRE = 2,     /* always forwarded; arms the process when elevated */
	SW_SYS_NORETURN = 4,     /* never reaches sys_exit (exit, exit_group): submit at entry */
	SW_SYS_READ_AT_ENTRY = 8,/* pointers are gone after the call (execve): read at entry */
};

/* how a syscall argument is decoded; sw_sysinfo.arg_kind[i] */
enum sw_arg_kind {
	SW_ARG_RAW = 0,          /* the raw register value only */
	SW_ARG_STR = 1,          /* NUL-terminated user string (path, name) */
	SW_ARG_SOCKADDR = 2,     /* struct sockaddr; length from arg len_arg[i] */
	SW_ARG_SOCKADDR_LENPTR = 3, /* struct sockaddr; length read from the int * in arg len_arg[i], after the call */
	SW_ARG_BYTES = 4,        /* fixed-size user struct of fixed_len[i] bytes (capset header/data) */
};

/* array map "sysinfo", SW_MAX_SYSCALLS entries, indexed by syscall nr */
struct sw_sysinfo {
	u8 flags;                     /* enum sw_sys_flag */
	u8 arg_kind[SW_MAX_ARGS];     /* enum sw_arg_kind */
	u8 len_arg[SW_MAX_ARGS];      /* for SOCKADDR kinds: index of the length argument */
	u8 pad;
	u16 fixed_len[SW_MAX_ARGS];   /* for SW_ARG_BYTES: bytes to read (<= SW_BLOB_MAX) */
};

/* array map "config", one entry */
struct sw_config {
	u64 elevated;          /* capability mask counted as elevated */
	u64 budget_ns;         /* an armed process forwards for at most this long ... */
	u32 budget_events;     /* ... and at most this many non-tripwire events */
	u32 self_tgid;         /* the recorder: never recorded */
	u32 ungated;           /* 1: forward every capture-set syscall of every process */
	u32 pid_filter;        /* 1: only tgids present in map "scope_pids" */
	u32 comm_filter;       /* 1: only comms present in map "scope_comms" */
	u32 wakeup_bytes;      /* force a consumer wakeup when this much data is pending */
};

/* hash map "armed": tgid -> budget left after an elevated tripwire */
struct sw_armed {
	u64 deadline;          /* boot-time ns after which the budget is void */
	u32 remaining;         /* events still to forward */
	u32 pad;
};

/* per-CPU array map "counters", indexed by enum sw_counter */
enum sw_counter {
	SW_CNT_SEEN = 0,       /* capture-set syscall entries seen (after self/scope filters) */
	SW_CNT_FORWARDED = 1,  /* records submitted to the ring buffer, all kinds */
	SW_CNT_DROPPED = 2,    /* records lost: ring buffer full */
	SW_CNT_STR_FAIL = 3,   /* decoded-argument reads that failed (recorded in the blob) */
	SW_CNT_PENDING_LOST = 4, /* drops on this CPU not yet reported in a header.lost */
	SW_CNT_INFLIGHT_MISS = 5, /* sys_exit without its saved entry (map full, or attached mid-call) */
	SW_CNT_MAX = 8,
};

/* ---- records, kernel -> user space ---- */

struct sw_header {
	u16 kind;              /* enum sw_record_kind */
	u16 size;              /* bytes in this record, header included */
	u32 cpu;
	u64 ts;                /* bpf_ktime_get_boot_ns(): syscall entry, or the event */
	u32 lost;              /* records this CPU dropped since its previous record */
	u32 pad;
};

/* the calling thread and its process, read from current */
struct sw_task {
	u32 pid;               /* tgid */
	u32 tid;
	u32 ppid;              /* real_parent->tgid */
	u32 uid;               /* real uid, init user namespace */
	u32 gid;
	u32 pid_ns;            /* inode of the pid namespace */
	u64 start_time;        /* group_leader->start_boottime, ns since boot */
	u64 cap_effective;     /* of the calling thread, at syscall entry */
	u64 cap_permitted;
	u64 cap_inheritable;
	u64 mnt_ns;            /* inode of the mount namespace */
	u64 cgroup_id;
	char comm[SW_COMM_LEN];
};

struct sw_blob {
	u8 arg;                /* argument index 0..5 */
	u8 kind;               /* enum sw_arg_kind */
	s16 len;               /* bytes in data (a string without its NUL); < 0: -errno of the failed read */
	u32 pad;
	u8 data[SW_BLOB_MAX];
};

/* sw_syscall.flags */
enum sw_syscall_flag {
	SW_SC_NO_RETURN = 1,   /* submitted at entry: ret is not known */
	SW_SC_ELEVATED = 2,    /* a tripwire by an elevated thread: the process was armed */
};

struct sw_syscall {
	struct sw_header h;
	struct sw_task task;
	u32 nr;
	u16 flags;             /* enum sw_syscall_flag */
	u8 nblob;              /* blobs sent; only blob[0..nblob) are in the record */
	u8 pad;
	u64 args[SW_MAX_ARGS];
	s64 ret;
	struct sw_blob blob[SW_MAX_BLOBS];
};

/* a new process (not a thread): sched_process_fork with child->pid == child->tgid */
struct sw_fork {
	struct sw_header h;
	struct sw_task task;   /* the parent */
	u32 child_pid;
	u32 pad;
	u64 child_start_time;  /* ns since boot */
};

/* a successful exec: sched_process_exec; task holds the new comm and credentials */
struct sw_exec {
	struct sw_header h;
	struct sw_task task;
	s16 filename_len;      /* bytes in filename without its NUL; < 0: -errno */
	u16 pad[3];
	char filename[SW_BLOB_MAX];
	/* argv of the new image (mm->arg_start..arg_end), read at exec: a process that
	 * exits at once is gone before user space could read /proc/PID/cmdline */
	s16 cmdline_len;       /* bytes in cmdline, NUL-separated arguments; < 0: -errno */
	u16 pad2[3];
	char cmdline[SW_CMDLINE_MAX];
	/* the path of the file the new image runs (mm->exe_file), walked up its dentries and
	 * mounts to the root of the task's mount tree: the kernel's own absolute exe, which
	 * names this image even when the process execs again before /proc is read */
	u8 exe_depth;          /* components in exe_parts, leaf first */
	u8 exe_flags;          /* enum sw_exe_flag; not complete: too deep or a name too long */
	u16 pad3[3];
	char exe_parts[SW_EXE_PARTS][SW_EXE_PART_MAX]; /* NUL-terminated names, leaf first */
};

/* sw_exec.exe_flags */
enum sw_exe_flag {
	SW_EXE_COMPLETE = 1,   /* exe_parts reach the root: "/" + parts, leaf last, is the whole path */
};

/* the last thread of a process exits: sched_process_exit with signal->live == 0 */
struct sw_exit {
	struct sw_header h;
	struct sw_task task;
	s32 exit_code;         /* task->exit_code as wait(2) reports it */
	u32 pad;
};

/* ---- the task iterator "task_starts", read once when a recording starts ---- */

/* one per process alive then: its start time to the nanosecond (/proc gives ticks), so
 * ancestors the recorder describes from /proc keep the identity the kernel's records use */
struct sw_task_start {
	u32 tgid;
	u32 ppid;              /* real_parent->tgid */
	u64 start_time;        /* start_boottime, ns since boot */
};

#endif /* SYSWIRE_H */
