# lib.sh: timing helpers shared by the benchmark scripts (source it after setting $work)

# median N CMD...: the median wall time of N runs, in seconds; the median processor time
# (user + system, every thread) of the same runs is left in $work/cpu (read it with `cpu`)
median() {
	local n=$1 i
	shift
	for i in $(seq "$n"); do
		/usr/bin/time -f '%e %U %S' -o "$work/t" "$@" >/dev/null 2>&1 || true
		tail -n 1 "$work/t"
	done >"$work/runs"
	awk '{print $2 + $3}' "$work/runs" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}' >"$work/cpu"
	awk '{print $1}' "$work/runs" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
# cpu: the median processor time of the last median's runs
cpu() { cat "$work/cpu"; }
# peak CMD...: the peak resident memory of one run, in MB
peak() {
	/usr/bin/time -f %M -o "$work/m" "$@" >/dev/null 2>&1 || true
	tail -n 1 "$work/m" | awk '{printf "%.0f", $1 / 1024}'
}
# ratio A B: A / B with two decimals
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
