# the same two days as audit/diff
. "$(dirname "$0")/../diff/setup.sh"
