# API Gateway over acme's APIs: a REST API whose live stage does everything right and whose beta
# stage turns logging off and caches unencrypted for one method, a REST API whose stages were
# refused, a WebSocket API ($connect open, other routes not judged; its stage logs), and an HTTP
# API whose routes and stages the snapshot lacks
cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
python3 - <<'P'
import json
d = "snap/eu-west-1"
A, R = "111122223333", "eu-west-1"
ra = json.load(open(f"{d}/apigateway/get-rest-apis.json"))
ra["items"] += [{"id": "p1q2r3s4t5", "name": "shop-internal", "createdDate": "2025-01-01T00:00:00+00:00",
                 "endpointConfiguration": {"types": ["REGIONAL"]}},
                {"id": "z9y8x7w6v5", "name": "refused-api", "createdDate": "2025-01-01T00:00:00+00:00",
                 "endpointConfiguration": {"types": ["EDGE"]}}]
json.dump(ra, open(f"{d}/apigateway/get-rest-apis.json", "w"))
star = {"loggingLevel": "ERROR", "cachingEnabled": True, "cacheDataEncrypted": True, "cacheTtlInSeconds": 300}
good = {"stageName": "live", "deploymentId": "d1", "clientCertificateId": "c7x1b2", "tracingEnabled": True,
        "webAclArn": f"arn:aws:wafv2:{R}:{A}:regional/webacl/api/1b2c3d4e-0000-4000-8000-000000000001",
        "cacheClusterEnabled": True, "cacheClusterSize": "0.5", "methodSettings": {"*/*": star}}
beta = {"stageName": "beta", "deploymentId": "d2", "tracingEnabled": False, "cacheClusterEnabled": True,
        "methodSettings": {"*/*": dict(star, loggingLevel="INFO"),
                           "orders/GET": {"loggingLevel": "OFF", "cachingEnabled": True, "cacheDataEncrypted": False}}}
json.dump({"item": [good, beta]}, open(f"{d}/apigateway/get-stages/p1q2r3s4t5.json", "w"))
json.dump({"Code": "AccessDeniedException", "Message": "User is not authorized to perform: apigateway:GET"},
          open(f"{d}/apigateway/get-stages/z9y8x7w6v5.error.json", "w"))
v2 = json.load(open(f"{d}/apigatewayv2/get-apis.json"))
v2["Items"] += [{"ApiId": "ws1chat234", "Name": "acme-chat", "ProtocolType": "WEBSOCKET",
                 "RouteSelectionExpression": "$request.body.action"},
                {"ApiId": "mi55ing000", "Name": "acme-missing", "ProtocolType": "HTTP"}]
json.dump(v2, open(f"{d}/apigatewayv2/get-apis.json", "w"))
json.dump({"Items": [{"RouteId": "r1", "RouteKey": "$connect", "AuthorizationType": "NONE"},
                     {"RouteId": "r2", "RouteKey": "$default", "AuthorizationType": "NONE"},
                     {"RouteId": "r3", "RouteKey": "sendMessage", "AuthorizationType": "NONE"}]},
          open(f"{d}/apigatewayv2/get-routes/ws1chat234.json", "w"))
json.dump({"Items": [{"StageName": "prod", "DefaultRouteSettings": {"LoggingLevel": "INFO", "DataTraceEnabled": False},
                      "AccessLogSettings": {"DestinationArn": f"arn:aws:logs:{R}:{A}:log-group:/acme/chat", "Format": "$context.requestId"}},
                     {"StageName": "dev", "DefaultRouteSettings": {"LoggingLevel": "OFF"}}]},
          open(f"{d}/apigatewayv2/get-stages/ws1chat234.json", "w"))
P
