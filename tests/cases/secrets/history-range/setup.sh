. "$(dirname "$0")/../history/setup.sh"
