# a snapshot with nothing in it: every layer of the customer's is "not seen", and stderr says why
mkdir -p snap
