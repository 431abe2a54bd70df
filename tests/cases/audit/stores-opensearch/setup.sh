# OpenSearch domains outside a VPC whose access policy admits only some addresses, only this
# account, another account, nobody (no policy) or is broken; an Elasticsearch domain with HTTPS
# but TLS 1.0, three nodes in one zone, two masters, anonymous access beside fine-grained control,
# error logs switched off; a refused and a missing describe-domain
cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
python3 - <<'PY'
import json, os
A, R = "111122223333", "eu-west-1"
def arn(n): return "arn:aws:es:%s:%s:domain/%s" % (R, A, n)
def w(p, o):
    os.makedirs(os.path.dirname(p), exist_ok=True)
    json.dump(o, open(p, "w"), indent=4)
def pol(n, principal, cond=None):
    st = {"Effect": "Allow", "Principal": principal, "Action": "es:*", "Resource": arn(n) + "/*"}
    if cond: st["Condition"] = cond
    return json.dumps({"Version": "2012-10-17", "Statement": [st]})
def dom(n, access, engine="OpenSearch_2.13", **kw):
    st = {"DomainId": "%s/%s" % (A, n), "DomainName": n, "ARN": arn(n), "Created": True, "Deleted": False,
          "EngineVersion": engine, "Endpoint": "search-%s-abc.eu-west-1.es.amazonaws.com" % n,
          "ClusterConfig": {"InstanceType": "m6g.large.search", "InstanceCount": 3, "DedicatedMasterEnabled": True,
                            "DedicatedMasterCount": 3, "ZoneAwarenessEnabled": True},
          "AccessPolicies": access,
          "EncryptionAtRestOptions": {"Enabled": True}, "NodeToNodeEncryptionOptions": {"Enabled": True},
          "LogPublishingOptions": {"ES_APPLICATION_LOGS": {"CloudWatchLogsLogGroupArn": "arn:aws:logs:%s:%s:log-group:/os/%s" % (R, A, n), "Enabled": True},
                                   "AUDIT_LOGS": {"CloudWatchLogsLogGroupArn": "arn:aws:logs:%s:%s:log-group:/os/%s/audit" % (R, A, n), "Enabled": True}},
          "ServiceSoftwareOptions": {"CurrentVersion": "OpenSearch_2_13_R20240520", "NewVersion": "", "UpdateAvailable": False},
          "DomainEndpointOptions": {"EnforceHTTPS": True, "TLSSecurityPolicy": "Policy-Min-TLS-1-2-2019-07"},
          "AdvancedSecurityOptions": {"Enabled": True, "InternalUserDatabaseEnabled": True, "AnonymousAuthEnabled": False}}
    for k, v in kw.items():
        if isinstance(v, dict) and isinstance(st.get(k), dict): st[k].update(v)
        else: st[k] = v
    return {"DomainStatus": st}
domains = {
    "office-only": dom("office-only", pol("office-only", {"AWS": "*"}, {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}})),
    "account-only": dom("account-only", pol("account-only", {"AWS": "arn:aws:iam::%s:role/web-app" % A})),
    "partner": dom("partner", pol("partner", {"AWS": "arn:aws:iam::444455556666:root"})),
    "no-policy": dom("no-policy", ""),
    "broken": dom("broken", "{\"Statement\": [{\"Effect\": \"Maybe\"}]}"),
    "legacy-es": dom("legacy-es", pol("legacy-es", {"AWS": "arn:aws:iam::%s:role/web-app" % A}), engine="Elasticsearch_7.10",
                     ClusterConfig={"ZoneAwarenessEnabled": False, "DedicatedMasterCount": 2},
                     DomainEndpointOptions={"TLSSecurityPolicy": "Policy-Min-TLS-1-0-2019-07"},
                     AdvancedSecurityOptions={"AnonymousAuthEnabled": True},
                     LogPublishingOptions={"ES_APPLICATION_LOGS": {"CloudWatchLogsLogGroupArn": "arn:aws:logs:%s:%s:log-group:/os/legacy-es" % (R, A), "Enabled": False}},
                     ServiceSoftwareOptions={"UpdateAvailable": True, "CurrentVersion": "R20230928", "NewVersion": ""}),
}
p = "snap/%s/opensearch/" % R
ln = json.load(open(p + "list-domain-names.json"))
for n, d in domains.items():
    ln["DomainNames"].append({"DomainName": n, "EngineType": "Elasticsearch" if n == "legacy-es" else "OpenSearch"})
    w(p + "describe-domain/%s.json" % n, d)
ln["DomainNames"] += [{"DomainName": "refused", "EngineType": "OpenSearch"}, {"DomainName": "not-collected", "EngineType": "OpenSearch"}]
w(p + "describe-domain/refused.error.json", {"Code": "AccessDeniedException", "Message": "User: arn:aws:iam::111122223333:user/audit is not authorized to perform: es:DescribeDomain"})
w(p + "list-domain-names.json", ln)
PY
