#!/bin/sh
# check.sh BPFTOOL OBJ: proves that every program of OBJ passes the verifier
# (`bpftool prog loadall`), lists what was loaded, then removes the pins.
# Pins under /sys/fs/bpf when that is a bpffs; otherwise mounts a private
# bpffs on a temporary directory for the duration (and unmounts it), so the
# machine is left as it was. Needs root.
set -eu
bpftool=$1
obj=$2
mnt=
if [ "$(stat -f -c %T /sys/fs/bpf 2>/dev/null)" = bpf_fs ]; then
	pins=/sys/fs/bpf/syswire-check-$$
else
	mnt=$(mktemp -d /tmp/syswire-bpffs.XXXXXX)
	mount -t bpf bpf "$mnt"
	pins=$mnt/syswire-check
fi
log=$(mktemp /tmp/syswire-check-log.XXXXXX)
cleanup() {
	rm -rf "$pins" "$log"
	if [ -n "$mnt" ]; then umount "$mnt" && rmdir "$mnt"; fi
}
trap cleanup EXIT

if ! "$bpftool" prog loadall "$obj" "$pins" >"$log" 2>&1; then
	echo "check: $obj does not load (libbpf and verifier log follow):" >&2
	tail -n 80 "$log" >&2
	exit 1
fi
progs=$(ls "$pins" | sort | tr '\n' ' ')
for p in sys_enter sys_exit proc_fork proc_exec proc_exit; do
	[ -e "$pins/$p" ] || { echo "check: program $p missing (loaded: $progs)" >&2; exit 1; }
done
echo "check: $(ls "$pins" | wc -l) programs passed the verifier: $progs"
