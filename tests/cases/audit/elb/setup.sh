# Load balancers over the example's (web-lb failing, acme-api passing, classic acme-legacy):
# a network load balancer in one zone with a TLS and a plain TCP listener, a gateway load
# balancer, an application one whose listeners were refused and whose attributes are missing,
# another whose attributes list no desync mode and whose only HTTP listener redirects; classic
# ones set up well, with attributes refused, and with no desync attribute; us-east-1's classic
# list missing. The example has no security contact (a ResourceNotFoundException).
cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
python3 - <<'P'
import json, os
R = 'snap/eu-west-1'
def w(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    json.dump(obj, open(path, 'w'), indent=1)
def esc(s): return s.replace('%', '%25').replace('/', '%2F')
arn = lambda kind, name, id: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/%s/%s/%s' % (kind, name, id)
az = lambda *z: [{"ZoneName": "eu-west-1" + x, "SubnetId": "subnet-0%s" % x * 3} for x in z]
mqtt, gw = arn('net', 'acme-mqtt', '4d2c'), arn('gwy', 'acme-inspect', '9b1e')
admin, shop = arn('app', 'acme-admin', '6a7f'), arn('app', 'acme-shop', '2e5d')
p = R + '/elbv2/describe-load-balancers.json'
d = json.load(open(p))
for n, a, t, z in [('acme-mqtt', mqtt, 'network', az('a')), ('acme-inspect', gw, 'gateway', az('a', 'b', 'c')),
                   ('acme-admin', admin, 'application', az('a', 'b')), ('acme-shop', shop, 'application', az('a', 'b'))]:
    d['LoadBalancers'].append({"LoadBalancerArn": a, "LoadBalancerName": n, "Scheme": "internet-facing",
                               "Type": t, "AvailabilityZones": z, "State": {"Code": "active"}})
w(p, d)
L = lambda lb, proto, port, pol=None, acts=None: dict({"ListenerArn": lb.replace(':loadbalancer/', ':listener/') + '/%d' % port,
    "LoadBalancerArn": lb, "Port": port, "Protocol": proto, "DefaultActions": acts or [{"Type": "forward", "TargetGroupArn": "TG"}]},
    **({"SslPolicy": pol} if pol else {}))
redir = [{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}]
to_http = [{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTP", "Port": "8080", "StatusCode": "HTTP_302"}}]
w(R + '/elbv2/describe-listeners/%s.json' % esc(mqtt), {"Listeners": [
    L(mqtt, 'TLS', 8883, 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06'), L(mqtt, 'TCP', 1883)]})
w(R + '/elbv2/describe-listeners/%s.json' % esc(shop), {"Listeners": [
    L(shop, 'HTTP', 80, acts=redir), L(shop, 'HTTP', 81, acts=to_http),
    L(shop, 'HTTPS', 443, 'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09'), L(shop, 'HTTPS', 8443, 'ELBSecurityPolicy-TLS13-1-0-2021-06')]})
w(R + '/elbv2/describe-listeners/%s.error.json' % esc(admin), {"Code": "AccessDenied", "Message": "User is not authorized to perform: elasticloadbalancing:DescribeListeners"})
attrs = lambda **kv: {"Attributes": [{"Key": k.replace('__', '.'), "Value": v} for k, v in kv.items()]}
w(R + '/elbv2/describe-load-balancer-attributes/%s.json' % esc(mqtt), attrs(deletion_protection__enabled='true', access_logs__s3__enabled='false'))
w(R + '/elbv2/describe-load-balancer-attributes/%s.json' % esc(gw), attrs(deletion_protection__enabled='false'))
w(R + '/elbv2/describe-load-balancer-attributes/%s.json' % esc(shop), attrs(
    deletion_protection__enabled='true', access_logs__s3__enabled='true', access_logs__s3__bucket='acme-lb-logs',
    routing__http__drop_invalid_header_fields__enabled='true'))
p = R + '/elb/describe-load-balancers.json'
d = json.load(open(p))
lis = lambda proto, port: {"Listener": {"Protocol": proto, "LoadBalancerPort": port, "InstanceProtocol": "HTTP", "InstancePort": 80}, "PolicyNames": []}
d['LoadBalancerDescriptions'] += [
    {"LoadBalancerName": "acme-store", "ListenerDescriptions": [lis('HTTPS', 443), lis('SSL', 8443)],
     "AvailabilityZones": ["eu-west-1a", "eu-west-1b"], "Instances": [], "Scheme": "internal"},
    {"LoadBalancerName": "acme-refused", "ListenerDescriptions": [lis('TCP', 25)],
     "AvailabilityZones": ["eu-west-1a", "eu-west-1b", "eu-west-1c"], "Instances": [], "Scheme": "internal"},
    {"LoadBalancerName": "acme-plain", "ListenerDescriptions": [lis('HTTPS', 443)],
     "AvailabilityZones": [], "Instances": [], "Scheme": "internal"}]
w(p, d)
B = R + '/elb/describe-load-balancer-attributes/'
w(B + 'acme-store.json', {"LoadBalancerAttributes": {"CrossZoneLoadBalancing": {"Enabled": True},
    "AccessLog": {"Enabled": True, "S3BucketName": "acme-lb-logs", "EmitInterval": 60, "S3BucketPrefix": "store"},
    "ConnectionDraining": {"Enabled": False, "Timeout": 300}, "ConnectionSettings": {"IdleTimeout": 60},
    "AdditionalAttributes": [{"Key": "elb.http.desyncmitigationmode", "Value": "monitor"}]}})
w(B + 'acme-refused.error.json', {"Code": "AccessDenied", "Message": "not authorized"})
w(B + 'acme-plain.json', {"LoadBalancerAttributes": {"CrossZoneLoadBalancing": {"Enabled": True},
    "AccessLog": {"Enabled": False}, "ConnectionDraining": {"Enabled": True, "Timeout": 60}}})
os.remove('snap/us-east-1/elb/describe-load-balancers.json')
P
