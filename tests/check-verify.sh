#!/usr/bin/env bash
# check-verify.sh: `secrets --verify` end to end on loopback. tests/gen/verify-project.py writes a
# small project with credentials of every provider --verify asks (one block a provider: a live
# one, a revoked one; a hang, 429s, a duplicate, an AWS pair), fake-providers.py and fake-sts.py
# answer as the providers do, and every provider's URL points at them. Per block: live with the
# right owner, revoked, unknown on a hang (within the 10 s) and on 429s, and from the servers'
# logs: each credential sent only to its own provider, each distinct one once. A block whose
# detector this build lacks is skipped and named (its detector comes separately);
# test-secrets-verify covers its calls meanwhile.
# usage: tests/check-verify.sh path/to/yourside
set -u
ys=$(realpath "${1:?usage: check-verify.sh path/to/yourside}")
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/tests/lib-loopback.sh" verify

# the rule ids this build has: SARIF lists every detector
mkdir -p "$work/empty"
"$ys" secrets --no-progress --format sarif "$work/empty" 2>/dev/null |
	"$py" -c "import json,sys
for r in json.load(sys.stdin)['runs'][0]['tool']['driver']['rules']: print(r['id'])" >"$work/rules"
[ -s "$work/rules" ] && ok || no "no rule ids from the SARIF output"

"$py" "$here/tests/gen/verify-project.py" make "$work"
start() { # name script args...: a server, its port in $work/<name>.port
	local name=$1 script=$2
	shift 2
	"$py" "$here/tests/servers/$script" --port-file "$work/$name.port" --log "$work/$name.log" "$@" &
	pids+=($!)
	disown # killed at the end by lib-loopback.sh's trap, without a word
	for _ in $(seq 100); do [ -s "$work/$name.port" ] && break; sleep 0.1; done
	touch "$work/$name.log"
}
start providers fake-providers.py --keys "$work/providers.json" --seconds 120 --hang 30
start sts fake-sts.py --keys "$work/sts.json" --seconds 120
P=$(cat "$work/providers.port")
vars=(AWS_ENDPOINT_URL_STS="http://127.0.0.1:$(cat "$work/sts.port")/")
for p in github gitlab slack stripe openai anthropic huggingface npm sendgrid digitalocean sentry \
	cloudflare groq mistral twilio heroku notion; do
	vars+=("YOURSIDE_VERIFY_URL_${p^^}=http://127.0.0.1:$P/$p")
done
vars+=("YOURSIDE_VERIFY_URL_DATADOG=http://127.0.0.1:$P/datadog-us http://127.0.0.1:$P/datadog-eu")
vars+=("YOURSIDE_VERIFY_URL_MAILGUN=http://127.0.0.1:$P/mailgun-us,http://127.0.0.1:$P/mailgun-eu")

cd "$work/proj"
t0=$(date +%s.%N)
env -i PATH="$PATH" HOME="$work" "${vars[@]}" "$ys" secrets --no-progress --verify --format jsonl . \
	>"$work/out.jsonl" 2>"$work/err"
rc=$?
t1=$(date +%s.%N)
cd "$here"
[ $rc = 1 ] && ok || no "exit $rc, not 1 (findings); stderr: $(tail -3 "$work/err")"
grep -q "^yourside: verified [0-9]* findings" "$work/err" && ok || no "no summary line on stderr"
grep -q "cannot verify the gitlab-token in 'gitlab-slow.env:1' with gitlab: no answer in 10 s" "$work/err" &&
	ok || no "no warning naming the provider and file:line of the hang"
# nothing yourside printed holds a secret (the report is redacted; the check looks at both)
"$py" -c "import json,sys
blocks = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read()
sys.exit(any(it['secret'] in text for b in blocks for it in b['items']))" "$work/blocks.json" "$work/err" &&
	ok || no "a secret appears on stderr"

"$py" "$here/tests/gen/verify-project.py" check "$work" "$work/rules" "$work/out.jsonl" \
	"$work/providers.log" "$work/sts.log" "$("$py" -c "print(round($t1 - $t0, 1))")" && ok ||
	no "see the FAIL lines above"
echo "check-verify: $pass passed, $fail failed"
[ $fail = 0 ]
