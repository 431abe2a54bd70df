# detect with state and a signing key on the Code Spaces trail: every alert it raises is also in
# the signed log, which verifies; a second run over the same files adds nothing
cp "$(dirname "$0")/../../../data/log-test-key.pem" "$(dirname "$0")/../../../data/log-test-key.pub.pem" .
python3 "$(dirname "$0")/../../../../examples/make-attack-trail.py" trail >/dev/null
echo "YS=$YS" > case.env
