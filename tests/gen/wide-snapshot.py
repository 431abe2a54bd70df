#!/usr/bin/env python3
"""wide-snapshot.py: the example snapshot (every service the map draws) with its names as long as
AWS lets them be, for tests/check-pages.sh: a page must fit its window whatever an account calls
its buckets, roles, functions, queues and databases. Each name is changed everywhere it appears,
in file contents and file names alike, so that the snapshot still says what the example says.

usage: tests/gen/wide-snapshot.py OUT"""
import os
import shutil
import sys

here = os.path.dirname(os.path.abspath(__file__))
src = os.path.join(here, "..", "..", "examples", "snapshot-insecure")
out = sys.argv[1]

# the longest first, so that a name inside another is not changed twice; each new name within
# AWS's limit for its kind (a bucket 63 characters, a role or a function 64, a database 63)
LONG = [
    ("acme-cloudtrail-logs", "acme-cloudtrail-logs-for-every-region-and-account-kept-7-years"),
    ("acme-website-partners", "acme-website-partners-downloads-shared-with-resellers-eu-west1"),
    ("acme-website", "acme-website-static-assets-for-the-customer-portal-eu-west-1-p"),
    ("acme-backups", "acme-backups-of-production-databases-and-files-kept-for-audits"),
    ("acme-analytics-1", "acme-analytics-warehouse-replica-for-the-finance-team-number-1"),
    ("acme-partner-sync", "acme-partner-sync-pushes-orders-to-logistics-partners-nightly"),
    ("thumbnailer", "thumbnailer-for-product-images-uploaded-by-customers-prod-eu1"),
    ("deploy-bot", "deploy-bot-for-the-continuous-delivery-pipeline-of-every-service"),
    ("acme-jobs", "acme-jobs-background-work-queue-for-order-processing-and-emails"),
]

shutil.rmtree(out, ignore_errors=True)
for root, dirs, files in os.walk(src):
    rel = os.path.relpath(root, src)
    for f in files:
        name = f
        with open(os.path.join(root, f), encoding="utf-8") as fh:
            text = fh.read()
        for old, new in LONG:
            # a placeholder first, so that a new name that holds an old one is left alone
            name = name.replace(old, "\0%d\0" % LONG.index((old, new)))
            text = text.replace(old, "\0%d\0" % LONG.index((old, new)))
        for i, (old, new) in enumerate(LONG):
            name = name.replace("\0%d\0" % i, new)
            text = text.replace("\0%d\0" % i, new)
        dst = os.path.join(out, rel)
        os.makedirs(dst, exist_ok=True)
        with open(os.path.join(dst, name), "w", encoding="utf-8") as fh:
            fh.write(text)
print(out)
