// SPDX-License-Identifier: GPL-2.0-only
/*
 * syswire.bpf.c: the kernel side of syswire.
 *
 * Records, maps and configuration are defined in syswire.h (the contract with
 * the Java recorder). This file implements:
 *
 *   sys_enter   SEC("tracepoint"), attached by user space to
 *               syscalls/sys_enter_<name> for every syscall of the capture set.
 *               Gating (self, scope, tripwire/arming, budget), then either a
 *               record submitted at entry (exit, exit_group) or an entry saved
 *               in "inflight" (task local storage) for sys_exit.
 *   sys_exit    SEC("tracepoint"), attached to syscalls/sys_exit_<name>.
 *               Completes the saved entry (ret, decoded pointer arguments read
 *               after the call) and submits it; a record without decoded
 *               arguments (the common case) is built directly in the ring.
 *   proc_fork   raw_tracepoint/sched_process_fork: sw_fork for new processes.
 *   proc_exec   raw_tracepoint/sched_process_exec: sw_exec, with the new
 *               image's comm, filename, argv and exe path (walked in the kernel).
 *   proc_exit   raw_tracepoint/sched_process_exit: sw_exit when the last thread
 *               of a process is gone.
 *   task_starts iter/task: every process's tgid, ppid and start time, read
 *               once at the start of a recording (sw_task_start).
 *
 * Kernel facts this relies on (measured on 6.18, see bpf/README.md):
 *  - A BPF program on syscalls/sys_enter_<name> may only read the context up
 *    to that syscall's last argument: the kernel refuses the attach (EACCES)
 *    when the program's highest context offset is beyond it. A generic program
 *    that reads args[5] from the context cannot attach to close(2). So the
 *    program reads only __syscall_nr (offset 8, which every syscall has) from
 *    the context and takes the six arguments from the task's user pt_regs,
 *    which hold the same values (located with bpf_task_pt_regs once per CPU,
 *    then read without a helper call: read_args()).
 *  - The syscall tracepoint probes run with preemption disabled, so a per-CPU
 *    scratch buffer is not shared by two programs at once.
 *  - Helper calls are what a forwarded syscall costs (SRSO "Safe RET" and
 *    retpolines make calls and returns expensive on the target VM). Measured
 *    there, per call: bpf_ktime_get_boot_ns 55-80 ns, LRU hash lookup ~40,
 *    bpf_task_pt_regs + its loads ~40, bpf_task_storage_get ~18,
 *    bpf_ringbuf_query ~10-17, bpf_get_current_task_btf ~10; inlined array
 *    and per-CPU array lookups cost almost nothing. The forwarded path keeps
 *    to: sys_enter get_current_task_btf, ktime, task_storage_get; sys_exit
 *    get_current_task_btf, task_storage_get, ringbuf_reserve, ringbuf_submit.
 */
/* vmlinux.h has a typedef "config"; the map must be called "config" */
#define config vmlinux_config_t
#include "vmlinux.h"
#undef config
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "syswire.h"

char LICENSE[] SEC("license") = "GPL";

/* x86_64 syscall numbers of the calls whose sys_exit also fires in the new
 * child (ret 0) without a matching sys_enter in that thread. */
#define SW_NR_CLONE 56
#define SW_NR_FORK 57
#define SW_NR_VFORK 58
#define SW_NR_CLONE3 435

/* ------------------------------------------------------------------ maps */

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct sw_config);
} config SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SW_MAX_SYSCALLS);
	__type(key, u32);
	__type(value, struct sw_sysinfo);
} sysinfo SEC(".maps");

/* tgid -> 1: the processes in scope when config.pid_filter is set */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, u32);
	__type(value, u8);
} scope_pids SEC(".maps");

/* comm (16 bytes, NUL-padded as bpf_get_current_comm writes it) -> 1 */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, char[SW_COMM_LEN]);
	__type(value, u8);
} scope_comms SEC(".maps");

/* tgid -> budget, set by an elevated tripwire; LRU so it can never fill up */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 8192);
	__type(key, u32);
	__type(value, struct sw_armed);
} armed SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, SW_CNT_MAX);
	__type(key, u32);
	__type(value, u64);
} counters SEC(".maps");

/* default size; the recorder sets it with bpf_map__set_max_entries() */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 16 << 20);
} events SEC(".maps");

/*
 * What sys_enter saves for sys_exit: exactly the head of struct sw_syscall,
 * up to (not including) ret. sys_exit copies it over the head of the scratch
 * record, so the two layouts must agree (checked below).
 */
struct sw_inflight {
	struct sw_header h;
	struct sw_task task;
	u32 nr;
	u16 flags;
	u8 nblob;
	u8 pad;
	u64 args[SW_MAX_ARGS];
};

_Static_assert(sizeof(struct sw_inflight) == __builtin_offsetof(struct sw_syscall, ret),
	       "sw_inflight must be the head of sw_syscall");
_Static_assert(__builtin_offsetof(struct sw_inflight, args) ==
		       __builtin_offsetof(struct sw_syscall, args),
	       "sw_inflight must be the head of sw_syscall");

/*
 * The entry of a forwarded syscall, per thread, in task local storage: it
 * lives and dies with the task_struct (no key, no lock, no LRU upkeep; a
 * lookup is about 20 ns where an LRU hash lookup took about 40 on the target
 * VM). Created by the thread's first forwarded syscall and rewritten in place
 * after that: nr == SW_NR_NONE marks it consumed. The storage follows the
 * task_struct, not the tid: a non-leader thread that execs keeps its entry
 * when it takes over the leader's tid.
 */
#define SW_NR_NONE 0xffffffffU

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct sw_inflight);
} inflight SEC(".maps");

/* blobs read at entry (SW_SYS_READ_AT_ENTRY: execve, execveat), per thread;
 * deleted once its sys_exit has used them */
struct sw_inflight_blobs {
	struct sw_blob blob[SW_MAX_BLOBS];
};

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct sw_inflight_blobs);
} inflight_blobs SEC(".maps");

/*
 * Per-CPU state of the programs.
 * regs_off: where a task's user pt_regs lie relative to its stack page
 *   (task_pt_regs() is task->stack + a build-dependent constant: THREAD_SIZE,
 *   FRED padding). Learnt from bpf_task_pt_regs() on a CPU's first forwarded
 *   syscall; after that the registers are read without the helper call
 *   (about 40 ns on the target VM).
 */
struct sw_kstate {
	u64 regs_off;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct sw_kstate);
} kstate SEC(".maps");

static __always_inline struct sw_kstate *get_kstate(void)
{
	u32 zero = 0;

	return bpf_map_lookup_elem(&kstate, &zero);
}

/* per-CPU record under construction; slot 0: syscalls, slot 1: lifecycle */
union sw_record {
	struct sw_header h;
	struct sw_syscall sc;
	struct sw_fork fork;
	struct sw_exec exec;
	struct sw_exit exit;
};

#define SW_SLOT_SYSCALL 0
#define SW_SLOT_LIFECYCLE 1

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2);
	__type(key, u32);
	__type(value, union sw_record);
} scratch SEC(".maps");

/*
 * Puts the enums of syswire.h into the object's BTF next to the structs (the
 * structs are already there as map value types). Never called, never loaded.
 */
struct sw_btf_enums {
	enum sw_record_kind record_kind;
	enum sw_sys_flag sys_flag;
	enum sw_arg_kind arg_kind;
	enum sw_counter counter;
	enum sw_syscall_flag syscall_flag;
	enum sw_exe_flag exe_flag;
	struct sw_task_start task_start; /* a local of task_starts, no map value */
};

__noinline int sw_btf_anchor(struct sw_btf_enums *e)
{
	return e != 0;
}

/* ---------------------------------------------- tracepoint context layout */

/* syscalls/sys_enter_<name>: only __syscall_nr is read (see the top) */
struct sw_tp_sys_enter {
	u64 common;
	s32 nr;
};

/* syscalls/sys_exit_<name> */
struct sw_tp_sys_exit {
	u64 common;
	s32 nr;
	u32 pad;
	s64 ret;
};

/* kernel_cap_t before 6.3 (u32 cap[2]); the current one is { u64 val; } */
struct kernel_cap_struct___older {
	u32 cap[2];
};
typedef struct kernel_cap_struct___older kernel_cap_t___older;

/* ---------------------------------------------------------------- helpers */

static __always_inline void cnt_add(u32 idx, u64 v)
{
	u64 *c = bpf_map_lookup_elem(&counters, &idx);

	if (c)
		*c += v;
}

static __always_inline struct sw_config *get_config(void)
{
	u32 zero = 0;

	return bpf_map_lookup_elem(&config, &zero);
}

static __always_inline union sw_record *get_scratch(u32 slot)
{
	return bpf_map_lookup_elem(&scratch, &slot);
}

/*
 * Helper calls cost 30-50 ns each on the target VM (the kernel's SRSO "Safe
 * RET" mitigation makes every return expensive), while a load through a BTF
 * pointer (bpf_get_current_task_btf) is an ordinary load. So the hot paths
 * read current's fields directly and keep helper calls to a minimum.
 */

/*
 * One 8-byte word of comm, zeroed from its first NUL byte on (and entirely
 * when an earlier word had the NUL). (x - 0x01..01) & ~x & 0x80..80 flags
 * the zero bytes of x; its lowest flag is exact (false flags only appear
 * above a real zero byte), so t & -t isolates the first NUL.
 */
static __always_inline u64 comm_word(u64 x, bool *ended)
{
	u64 t = (x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL;

	if (*ended)
		return 0;
	if (t) {
		*ended = true;
		t &= -t;
		x &= (t >> 7) - 1;
	}
	return x;
}

/*
 * task->comm as bpf_get_current_comm() gives it: 16 bytes, zero after the
 * first NUL (the kernel pads comm when it sets it; this makes sure of it,
 * since scope_comms keys are compared bytewise). Read as two words rather
 * than 16 bytes: two loads instead of sixteen, and no per-byte loop.
 */
static __always_inline void read_comm(u64 *dst, struct task_struct *task)
{
	bool ended = false;
	u64 lo = *(u64 *)&task->comm[0];
	u64 hi = *(u64 *)&task->comm[8];

	dst[0] = comm_word(lo, &ended);
	dst[1] = comm_word(hi, &ended) & 0x00ffffffffffffffULL; /* comm[15] = 0 */
}

/* scope maps, when enabled; the comm is the calling thread's */
static __always_inline bool in_scope(const struct sw_config *cfg, struct task_struct *task,
				     u32 tgid)
{
	if (cfg->pid_filter && !bpf_map_lookup_elem(&scope_pids, &tgid))
		return false;
	if (cfg->comm_filter) {
		u64 comm[SW_COMM_LEN / 8];

		read_comm(comm, task);
		if (!bpf_map_lookup_elem(&scope_comms, comm))
			return false;
	}
	return true;
}

/*
 * One kernel_cap_t, either layout: u32 cap[2] before 6.3 (CO-RE flavour
 * kernel_cap_t___older, read with a probe read as Tracee does), u64 val since
 * (a direct load through the BTF pointer). libbpf's field-existence
 * relocation turns the test into a constant, and the verifier drops the
 * branch that does not apply (its relocations are poisoned, never run).
 * c points into current's cred (a BTF pointer).
 */
static __always_inline u64 read_cap(const kernel_cap_t *c)
{
	if (bpf_core_field_exists(((kernel_cap_t___older *)0)->cap)) {
		kernel_cap_t___older old = {};

		bpf_core_read(&old, bpf_core_type_size(kernel_cap_t___older), c);
		return ((u64)old.cap[1] << 32) | old.cap[0];
	}
	return c->val;
}

/*
 * Inode of the task's own (active) pid namespace, the one /proc/PID/ns/pid
 * shows: task->thread_pid->numbers[thread_pid->level].ns->ns.inum (not
 * nsproxy->pid_ns_for_children, which is where its future children go).
 */
static __always_inline u32 pid_ns_inum(struct task_struct *task)
{
	struct pid *pid = task->thread_pid;
	unsigned int level = pid->level;
	struct pid_namespace *ns = 0;

	/* constant indexes are direct loads: the root namespace and one level down */
	if (level == 0)
		return pid->numbers[0].ns->ns.inum;
	if (level == 1)
		return pid->numbers[1].ns->ns.inum;
	/* deeper: a variable index into the flexible array needs probe reads */
	bpf_core_read(&ns, sizeof(ns), &pid->numbers[level].ns);
	return BPF_CORE_READ(ns, ns.inum);
}

/*
 * The calling thread and its process. task is bpf_get_current_task_btf():
 * every read below is a direct load, except for a pid namespace nested two
 * or more levels deep and for capabilities on kernels before 6.3 (probe
 * reads). cgroup_id and comm are what bpf_get_current_cgroup_id() and
 * bpf_get_current_comm() would return.
 */
static __always_inline void fill_task(struct sw_task *t, struct task_struct *task)
{
	const struct cred *cred = task->cred;

	t->pid = task->tgid;
	t->tid = task->pid;
	t->ppid = task->real_parent->tgid;
	t->uid = cred->uid.val;
	t->gid = cred->gid.val;
	t->pid_ns = pid_ns_inum(task);
	t->start_time = task->group_leader->start_boottime;
	t->cap_effective = read_cap(&cred->cap_effective);
	t->cap_permitted = read_cap(&cred->cap_permitted);
	t->cap_inheritable = read_cap(&cred->cap_inheritable);
	t->mnt_ns = task->nsproxy->mnt_ns->ns.inum;
	t->cgroup_id = task->cgroups->dfl_cgrp->kn->id;
	read_comm((u64 *)t->comm, task);
}

/* this CPU's drops not yet reported in a header.lost */
static __always_inline u64 *pending_lost(void)
{
	u32 idx = SW_CNT_PENDING_LOST;

	return bpf_map_lookup_elem(&counters, &idx);
}

/* header.size/cpu/lost/pad; the caller fills kind and ts */
static __always_inline void set_header(struct sw_header *h, u32 size, const u64 *pending)
{
	u64 lost = pending ? *pending : 0;

	h->size = size;
	h->cpu = bpf_get_smp_processor_id();
	h->lost = lost > 0xffffffffULL ? 0xffffffffU : (u32)lost;
	h->pad = 0;
}

/*
 * The wakeup flag of a record (see README, Wakeups): forced when at least
 * wakeup_bytes wait in the ring. While the consumer lags that far behind,
 * every record forces one (an irq_work self-IPI, a VM exit on the target VM:
 * sys_exit then costs about 2.5 us), which holds the traced process back to
 * the consumer's pace; that is what keeps a flood from overflowing the ring
 * while the Java recorder warms up. Looking at the ring less often took
 * about 8 ns off a record but lost that brake (see README).
 */
static __always_inline u64 wakeup_flags(const struct sw_config *cfg)
{
	if (bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) >= cfg->wakeup_bytes)
		return BPF_RB_FORCE_WAKEUP;
	return BPF_RB_NO_WAKEUP;
}

/* counts one record sent, or lost because the ring was full */
static __always_inline void count_submit(u64 *pending, bool sent)
{
	if (sent) {
		if (pending)
			*pending = 0;
		cnt_add(SW_CNT_FORWARDED, 1);
	} else {
		if (pending)
			*pending += 1;
		cnt_add(SW_CNT_DROPPED, 1);
	}
}

/*
 * Sends one record of exactly size bytes, copied from rec (scratch). The
 * common syscall record (no blobs) is built in the ring instead: sys_exit.
 */
static __always_inline void submit(const struct sw_config *cfg, void *rec, u32 size)
{
	u64 *pending = pending_lost();
	u64 flags;

	set_header(rec, size, pending);
	flags = wakeup_flags(cfg);
	count_submit(pending, bpf_ringbuf_output(&events, rec, size, flags) == 0);
}

static __always_inline s16 read_failed(long err)
{
	cnt_add(SW_CNT_STR_FAIL, 1);
	return (s16)err;
}

/* len bytes (clamped to SW_BLOB_MAX) of user memory at ptr */
static __always_inline s16 read_user_bytes(u8 *dst, u64 len, u64 ptr)
{
	long err;

	if (!ptr)
		return 0;
	if (len > SW_BLOB_MAX)
		len = SW_BLOB_MAX;
	err = bpf_probe_read_user(dst, len, (const void *)ptr);
	if (err < 0)
		return read_failed(err);
	return (s16)len;
}

/* one decoded argument into b; args are the saved raw arguments */
static __always_inline void read_blob(struct sw_blob *b, const struct sw_sysinfo *si,
				      const u64 *args, u32 i, u8 kind)
{
	u64 ptr = args[i];
	u32 la;
	long err;

	b->arg = i;
	b->kind = kind;
	b->pad = 0;

	switch (kind) {
	case SW_ARG_STR:
		if (!ptr) {
			b->len = 0;
			break;
		}
		err = bpf_probe_read_user_str(b->data, SW_BLOB_MAX, (const void *)ptr);
		b->len = err < 0 ? read_failed(err) : (err > 0 ? (s16)(err - 1) : 0);
		break;
	case SW_ARG_SOCKADDR: {
		s64 len;

		la = si->len_arg[i];
		if (la >= SW_MAX_ARGS) {
			b->len = 0;
			break;
		}
		len = (s32)args[la]; /* socklen_t */
		b->len = read_user_bytes(b->data, len < 0 ? 0 : (u64)len, ptr);
		break;
	}
	case SW_ARG_SOCKADDR_LENPTR: {
		s32 len = 0;
		u64 lenptr;

		la = si->len_arg[i];
		if (la >= SW_MAX_ARGS) {
			b->len = 0;
			break;
		}
		lenptr = args[la];
		if (!ptr || !lenptr) {
			b->len = 0;
			break;
		}
		err = bpf_probe_read_user(&len, sizeof(len), (const void *)lenptr);
		if (err < 0) {
			b->len = read_failed(err);
			break;
		}
		b->len = read_user_bytes(b->data, len < 0 ? 0 : (u64)len, ptr);
		break;
	}
	case SW_ARG_BYTES:
		b->len = read_user_bytes(b->data, si->fixed_len[i], ptr);
		break;
	default:
		b->len = 0;
		break;
	}
}

/* decodes the arguments sysinfo asks for, at most SW_MAX_BLOBS; returns how many */
static __always_inline u8 read_blobs(struct sw_blob *blob, const struct sw_sysinfo *si,
				     const u64 *args)
{
	u32 n = 0;

#pragma clang loop unroll(full)
	for (u32 i = 0; i < SW_MAX_ARGS; i++) {
		u8 kind = si->arg_kind[i];

		if (kind == SW_ARG_RAW || n >= SW_MAX_BLOBS)
			continue;
		read_blob(&blob[n], si, args, i, kind);
		n++;
	}
	return n;
}

/* how many blobs read_blobs() would decode */
static __always_inline u32 blob_count(const struct sw_sysinfo *si)
{
	u32 n = 0;

#pragma clang loop unroll(full)
	for (u32 i = 0; i < SW_MAX_ARGS; i++)
		n += si->arg_kind[i] != SW_ARG_RAW;
	return n > SW_MAX_BLOBS ? SW_MAX_BLOBS : n;
}

static __always_inline u32 syscall_size(u32 nblob)
{
	if (nblob > SW_MAX_BLOBS)
		nblob = SW_MAX_BLOBS;
	return offsetof(struct sw_syscall, blob) + nblob * sizeof(struct sw_blob);
}

/* ------------------------------------------------------- syscall programs */

/*
 * bpf_core_cast()'s kfunc (6.2+): turns an address into a read-only BTF
 * pointer whose loads are fault-safe; the verifier replaces the call by a
 * move. Weak, so that the object still loads where the kernel lacks it
 * (libbpf leaves the call unresolved, in code the verifier finds dead).
 * libbpf 1.1 cannot test a kfunc's presence (bpf_ksym_exists needs 1.2), so
 * the test is a CO-RE one on something that came with it: the helper
 * bpf_cgrp_storage_get (6.2, the same release).
 */
extern void *bpf_rdonly_cast(const void *obj, __u32 btf_id) __ksym __weak;

#ifndef SW_NO_RDONLY_CAST
#define have_rdonly_cast() bpf_core_enum_value_exists(enum bpf_func_id, BPF_FUNC_cgrp_storage_get)
#else
#define have_rdonly_cast() 0 /* tests the fallback */
#endif

/*
 * The six syscall arguments from the thread's user registers (see the top of
 * the file). task_pt_regs() is the stack page plus a constant, learnt once
 * from bpf_task_pt_regs(); the registers are then read through a read-only
 * BTF pointer (fault-safe loads) instead of a helper call per syscall.
 */
static __always_inline void read_args(u64 *args, struct task_struct *task)
{
	struct sw_kstate *ks = get_kstate();
	u64 stack = (u64)task->stack;
	struct pt_regs *regs;
	u64 off;

	if (have_rdonly_cast() && ks && ks->regs_off) {
		off = ks->regs_off;
		regs = bpf_rdonly_cast((void *)(stack + off), bpf_core_type_id_kernel(struct pt_regs));
	} else {
		regs = (struct pt_regs *)bpf_task_pt_regs(task);
		if (ks)
			ks->regs_off = (u64)regs - stack;
	}
	args[0] = regs->di;
	args[1] = regs->si;
	args[2] = regs->dx;
	args[3] = regs->r10;
	args[4] = regs->r8;
	args[5] = regs->r9;
}

SEC("tracepoint")
int sys_enter(struct sw_tp_sys_enter *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();
	u32 tgid = task->tgid;
	u32 nr = ctx->nr;
	struct sw_config *cfg;
	struct sw_sysinfo *si;
	struct sw_inflight *ent = 0, *rec;
	union sw_record *r = 0;
	u8 sflags;
	u64 now;

	cfg = get_config();
	if (!cfg || tgid == cfg->self_tgid)
		return 0;
	if (!in_scope(cfg, task, tgid))
		return 0;
	if (nr >= SW_MAX_SYSCALLS)
		return 0;
	si = bpf_map_lookup_elem(&sysinfo, &nr);
	if (!si)
		return 0;
	sflags = si->flags;
	/* attached but not (or no longer) in the capture set */
	if (!(sflags & SW_SYS_CAPTURE))
		return 0;
	cnt_add(SW_CNT_SEEN, 1);

	if (!cfg->ungated && !(sflags & SW_SYS_TRIPWIRE)) {
		/* a context syscall: only while the process is armed */
		struct sw_armed *a = bpf_map_lookup_elem(&armed, &tgid);
		u32 left;

		if (!a)
			return 0;
		now = bpf_ktime_get_boot_ns();
		if (now >= a->deadline) {
			bpf_map_delete_elem(&armed, &tgid);
			return 0;
		}
		left = __sync_fetch_and_sub(&a->remaining, 1);
		if (left <= 1) {
			bpf_map_delete_elem(&armed, &tgid);
			if (left == 0)
				return 0;
		}
	} else {
		now = bpf_ktime_get_boot_ns();
	}

	/*
	 * Forwarded. The head is built where it is kept: in the thread's
	 * inflight entry, so sys_exit can copy it straight into the ring. The
	 * scratch record is used for exit/exit_group (submitted now) and when
	 * the entry cannot be allocated (the record is then only needed for the
	 * arming decision; sys_exit finds no entry and counts a miss).
	 */
	if (!(sflags & SW_SYS_NORETURN))
		ent = bpf_task_storage_get(&inflight, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (ent) {
		rec = ent;
	} else {
		r = get_scratch(SW_SLOT_SYSCALL);
		if (!r)
			return 0;
		rec = (struct sw_inflight *)&r->sc;
	}

	rec->h.kind = SW_REC_SYSCALL;
	rec->h.ts = now;
	fill_task(&rec->task, task);
	rec->nr = nr;
	rec->flags = 0;
	rec->nblob = 0;
	rec->pad = 0;
	read_args(rec->args, task);

	if ((sflags & SW_SYS_TRIPWIRE) && (rec->task.cap_effective & cfg->elevated)) {
		rec->flags |= SW_SC_ELEVATED;
		if (!cfg->ungated) {
			/* (re-)arm: a fresh budget on every elevated tripwire */
			struct sw_armed a = {
				.deadline = now + cfg->budget_ns,
				.remaining = cfg->budget_events,
			};

			bpf_map_update_elem(&armed, &tgid, &a, BPF_ANY);
		}
	}

	if (!ent) {
		struct sw_syscall *sc;

		if (!r || !(sflags & SW_SYS_NORETURN))
			return 0;
		sc = &r->sc;
		sc->flags |= SW_SC_NO_RETURN;
		sc->ret = 0;
		sc->nblob = read_blobs(sc->blob, si, sc->args);
		submit(cfg, sc, syscall_size(sc->nblob));
		return 0;
	}

	if ((sflags & SW_SYS_READ_AT_ENTRY) && blob_count(si)) {
		struct sw_inflight_blobs *b;

		b = bpf_task_storage_get(&inflight_blobs, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
		if (b)
			ent->nblob = read_blobs(b->blob, si, ent->args);
	}
	return 0;
}

/*
 * A sys_exit without a saved entry: count it when its entry would have been
 * forwarded (ungated, a tripwire, or an armed process), in scope, not self.
 */
static __always_inline void exit_miss(u32 nr, s64 ret, struct task_struct *task)
{
	struct sw_config *cfg = get_config();
	u32 tgid = task->tgid;
	struct sw_sysinfo *si;

	if (!cfg || tgid == cfg->self_tgid || nr >= SW_MAX_SYSCALLS)
		return;
	/* the new child's (or thread's) return from fork/clone: no entry there */
	if (ret == 0 && (nr == SW_NR_CLONE || nr == SW_NR_FORK || nr == SW_NR_VFORK ||
			 nr == SW_NR_CLONE3))
		return;
	si = bpf_map_lookup_elem(&sysinfo, &nr);
	if (!si || !(si->flags & SW_SYS_CAPTURE) || (si->flags & SW_SYS_NORETURN))
		return;
	/* a successful exec changed the comm: its entry may have been out of scope */
	if (ret == 0 && cfg->comm_filter && (si->flags & SW_SYS_READ_AT_ENTRY))
		return;
	if (!cfg->ungated && !(si->flags & SW_SYS_TRIPWIRE) &&
	    !bpf_map_lookup_elem(&armed, &tgid))
		return;
	if (!in_scope(cfg, task, tgid))
		return;
	cnt_add(SW_CNT_INFLIGHT_MISS, 1);
}

SEC("tracepoint")
int sys_exit(struct sw_tp_sys_exit *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();
	u32 nr = ctx->nr;
	s64 ret = ctx->ret;
	struct sw_inflight *ent;
	struct sw_config *cfg;
	struct sw_sysinfo *si;
	struct sw_syscall *rec;
	union sw_record *r;
	u32 nblob;

	/* a thread that never had a forwarded syscall has no task storage at all:
	 * a plain load tells, without the helper call (the gated, not armed case) */
	ent = task->bpf_storage ? bpf_task_storage_get(&inflight, task, 0, 0) : 0;
	if (!ent || ent->nr != nr) {
		if (ent && ent->nr != SW_NR_NONE) {
			/* stale: the exit of that earlier syscall was never seen */
			ent->nr = SW_NR_NONE;
			cnt_add(SW_CNT_INFLIGHT_MISS, 1);
		}
		exit_miss(nr, ret, task);
		return 0;
	}

	cfg = get_config();
	si = nr < SW_MAX_SYSCALLS ? bpf_map_lookup_elem(&sysinfo, &nr) : 0;
	if (!cfg || !si) {
		ent->nr = SW_NR_NONE;
		return 0;
	}

	if (si->flags & SW_SYS_READ_AT_ENTRY)
		nblob = ent->nblob;
	else
		nblob = blob_count(si);

	if (nblob == 0) {
		/* the common case, a fixed size: built directly in the ring */
		u64 *pending = pending_lost();
		u64 flags = wakeup_flags(cfg);

		rec = bpf_ringbuf_reserve(&events, offsetof(struct sw_syscall, blob), 0);
		if (!rec) {
			ent->nr = SW_NR_NONE;
			count_submit(pending, false);
			return 0;
		}
		__builtin_memcpy(rec, ent, sizeof(*ent));
		ent->nr = SW_NR_NONE; /* consumed */
		rec->nblob = 0;
		rec->ret = ret;
		set_header(&rec->h, offsetof(struct sw_syscall, blob), pending);
		bpf_ringbuf_submit(rec, flags);
		count_submit(pending, true);
		return 0;
	}

	r = get_scratch(SW_SLOT_SYSCALL);
	if (!r) {
		ent->nr = SW_NR_NONE;
		return 0;
	}
	rec = &r->sc;
	__builtin_memcpy(rec, ent, sizeof(*ent));
	ent->nr = SW_NR_NONE; /* consumed */
	rec->ret = ret;

	if (si->flags & SW_SYS_READ_AT_ENTRY) {
		struct sw_inflight_blobs *b = bpf_task_storage_get(&inflight_blobs, task, 0, 0);

		if (b) {
			bpf_probe_read_kernel(rec->blob, sizeof(rec->blob), b);
			bpf_task_storage_delete(&inflight_blobs, task);
		} else {
			nblob = 0;
		}
	} else {
		nblob = read_blobs(rec->blob, si, rec->args);
	}
	rec->nblob = nblob;
	submit(cfg, rec, syscall_size(nblob));
	return 0;
}

/* ----------------------------------------------------- lifecycle programs */

/* not the recorder, in scope; returns the config or NULL */
static __always_inline struct sw_config *lifecycle_wanted(struct task_struct *task)
{
	struct sw_config *cfg = get_config();
	u32 tgid = task->tgid;

	if (!cfg || tgid == cfg->self_tgid || !in_scope(cfg, task, tgid))
		return 0;
	return cfg;
}

SEC("raw_tracepoint/sched_process_fork")
int proc_fork(struct bpf_raw_tracepoint_args *ctx)
{
	struct task_struct *child = (struct task_struct *)ctx->args[1];
	struct task_struct *task = bpf_get_current_task_btf(); /* the parent */
	struct sw_config *cfg;
	union sw_record *r;
	u32 child_pid = BPF_CORE_READ(child, pid);
	u32 child_tgid = BPF_CORE_READ(child, tgid);

	if (child_pid != child_tgid) /* a new thread, not a process */
		return 0;
	cfg = lifecycle_wanted(task);
	r = get_scratch(SW_SLOT_LIFECYCLE);
	if (!cfg || !r)
		return 0;

	r->fork.h.kind = SW_REC_FORK;
	r->fork.h.ts = bpf_ktime_get_boot_ns();
	fill_task(&r->fork.task, task);
	r->fork.child_pid = child_tgid;
	r->fork.pad = 0;
	r->fork.child_start_time = BPF_CORE_READ(child, start_boottime);
	submit(cfg, r, sizeof(struct sw_fork));
	return 0;
}

/* The new image's argv, read in the exec'ing task right after exec: the kernel
 * has just copied it to the new stack, so the pages are resident. */
static __always_inline s16 read_cmdline(char *dst, struct task_struct *task)
{
	struct mm_struct *mm = task->mm;
	u64 start, end, len;
	long err;

	if (!mm)
		return 0;
	start = BPF_CORE_READ(mm, arg_start);
	end = BPF_CORE_READ(mm, arg_end);
	if (end <= start)
		return 0;
	len = end - start;
	if (len > SW_CMDLINE_MAX)
		len = SW_CMDLINE_MAX;
	err = bpf_probe_read_user(dst, len, (const void *)start);
	if (err < 0) {
		cnt_add(SW_CNT_STR_FAIL, 1);
		return (s16)err;
	}
	return (s16)len;
}

/* The new image's exe (mm->exe_file), component by component from the leaf:
 * at a mount's root the walk continues from its mountpoint in the parent
 * mount; the mount that is its own parent is the root of the task's tree.
 * bpf_d_path is not allowed here. One bpf_loop step per component or mount
 * crossing: the verifier checks the step once, not every path through it. */
struct sw_exe_walk {
	struct sw_exec *e;
	struct dentry *d;
	struct mount *mnt;
	u32 depth;
};

static long exe_step(u64 index, void *ctx)
{
	struct sw_exe_walk *w = ctx;
	struct sw_exec *e = w->e;
	struct dentry *d = w->d, *parent;
	struct mount *mnt = w->mnt, *up;
	const unsigned char *name;
	u32 depth = w->depth, len;

	if (d == BPF_CORE_READ(mnt, mnt.mnt_root)) {
		up = BPF_CORE_READ(mnt, mnt_parent);
		if (up == mnt) {
			e->exe_flags = SW_EXE_COMPLETE;
			return 1;
		}
		w->d = BPF_CORE_READ(mnt, mnt_mountpoint);
		w->mnt = up;
		return 0;
	}
	parent = BPF_CORE_READ(d, d_parent);
	if (parent == d) /* a filesystem root that is no mount root: detached */
		return 1;
	len = BPF_CORE_READ(d, d_name.len);
	if (depth >= SW_EXE_PARTS || len >= SW_EXE_PART_MAX)
		return 1; /* too deep, or a name too long: the path stays incomplete */
	name = BPF_CORE_READ(d, d_name.name);
	if (bpf_probe_read_kernel_str(e->exe_parts[depth], SW_EXE_PART_MAX, name) < 0)
		return 1;
	w->depth = depth + 1;
	e->exe_depth = depth + 1;
	w->d = parent;
	return 0;
}

static __always_inline void read_exe_path(struct sw_exec *e, struct task_struct *task)
{
	struct file *file = BPF_CORE_READ(task, mm, exe_file);
	struct vfsmount *vmnt;
	struct sw_exe_walk w = {};

	e->exe_depth = 0;
	e->exe_flags = 0;
	e->pad3[0] = e->pad3[1] = e->pad3[2] = 0;
	if (!file)
		return;
	vmnt = BPF_CORE_READ(file, f_path.mnt);
	w.e = e;
	w.d = BPF_CORE_READ(file, f_path.dentry);
	w.mnt = container_of(vmnt, struct mount, mnt);
	/* components plus a few mount crossings */
	bpf_loop(SW_EXE_PARTS + 8, exe_step, &w, 0);
}

SEC("raw_tracepoint/sched_process_exec")
int proc_exec(struct bpf_raw_tracepoint_args *ctx)
{
	struct linux_binprm *bprm = (struct linux_binprm *)ctx->args[2];
	struct task_struct *task = bpf_get_current_task_btf();
	union sw_record *r = get_scratch(SW_SLOT_LIFECYCLE);
	struct sw_config *cfg;
	const char *filename;
	long n;

	cfg = lifecycle_wanted(task);
	if (!cfg || !r)
		return 0;

	r->exec.h.kind = SW_REC_EXEC;
	r->exec.h.ts = bpf_ktime_get_boot_ns();
	fill_task(&r->exec.task, task);
	filename = BPF_CORE_READ(bprm, filename);
	n = bpf_probe_read_kernel_str(r->exec.filename, sizeof(r->exec.filename), filename);
	r->exec.filename_len = n < 0 ? (s16)n : (n > 0 ? (s16)(n - 1) : 0);
	r->exec.pad[0] = r->exec.pad[1] = r->exec.pad[2] = 0;
	r->exec.cmdline_len = read_cmdline(r->exec.cmdline, task);
	r->exec.pad2[0] = r->exec.pad2[1] = r->exec.pad2[2] = 0;
	read_exe_path(&r->exec, task);
	submit(cfg, r, sizeof(struct sw_exec));
	return 0;
}

SEC("iter/task")
int task_starts(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;
	struct sw_task_start s;

	if (!task || task->pid != task->tgid) /* threads: their process is listed by its leader */
		return 0;
	s.tgid = task->tgid;
	s.ppid = BPF_CORE_READ(task, real_parent, tgid);
	s.start_time = task->start_boottime;
	bpf_seq_write(ctx->meta->seq, &s, sizeof(s));
	return 0;
}

SEC("raw_tracepoint/sched_process_exit")
int proc_exit(struct bpf_raw_tracepoint_args *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf(); /* the exiting thread */
	u32 tgid = task->tgid;
	struct sw_config *cfg;
	union sw_record *r;

	/* (a thread's inflight entries are task storage: freed with the task) */
	if (task->signal->live.counter != 0) /* other threads still run */
		return 0;
	bpf_map_delete_elem(&armed, &tgid);

	cfg = lifecycle_wanted(task);
	r = get_scratch(SW_SLOT_LIFECYCLE);
	if (!cfg || !r)
		return 0;

	r->exit.h.kind = SW_REC_EXIT;
	r->exit.h.ts = bpf_ktime_get_boot_ns();
	fill_task(&r->exit.task, task);
	r->exit.exit_code = task->exit_code;
	r->exit.pad = 0;
	submit(cfg, r, sizeof(struct sw_exit));
	return 0;
}
