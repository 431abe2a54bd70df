#!/usr/bin/env python3
"""gen-aws-ranges.py: AWS's ip-ranges.json into data/aws-ip-ranges.tsv, the list detect compiles in.

usage: scripts/gen-aws-ranges.py ../shared/data/aws-ip-ranges/ip-ranges.json > data/aws-ip-ranges.tsv

One prefix a line (IPv4, then IPv6, each once, sorted), after a header naming the file's
createDate and syncToken; `yourside detect` merges adjacent prefixes when it loads them.
"""
import ipaddress
import json
import sys

doc = json.load(open(sys.argv[1]))
v4 = sorted({ipaddress.ip_network(p["ip_prefix"]) for p in doc["prefixes"]})
v6 = sorted({ipaddress.ip_network(p["ipv6_prefix"]) for p in doc.get("ipv6_prefixes", [])})
print("# AWS's ip-ranges.json (https://ip-ranges.amazonaws.com/ip-ranges.json), every prefix once")
print("# createDate\t%s" % doc["createDate"])
print("# syncToken\t%s" % doc["syncToken"])
for n in v4 + v6:
    print(n)
