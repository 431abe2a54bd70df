# the demo's trail, in which the Code Spaces attack happens again: one user from one address
# raises every high and critical alert, and detect says so last, with what to do first
python3 "$(dirname "$YS")/../examples/make-attack-trail.py" trail >/dev/null
