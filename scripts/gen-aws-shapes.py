#!/usr/bin/python3
"""gen-aws-shapes.py: writes data/aws-shapes.json, what `yourside collect` knows of each AWS call
it makes: the service's protocol and endpoint, the operation's HTTP route, the input members it
sets, the output's shape (types, wire names, list and map encodings) and the paginator. Read
from botocore's service models (Debian python3-botocore, Apache-2.0); run it again when a call
is added. Usage: /usr/bin/python3 scripts/gen-aws-shapes.py > data/aws-shapes.json"""
import json, os, sys

import botocore
from botocore import xform_name

# (service, operation, the input members collect sets besides pagination)
OPS = [
    ("sts", "GetCallerIdentity", []),
    ("sts", "AssumeRole", ["RoleArn", "RoleSessionName", "DurationSeconds", "ExternalId"]),
    ("sts", "AssumeRoleWithWebIdentity", ["RoleArn", "RoleSessionName", "WebIdentityToken"]),
    ("ec2", "DescribeRegions", []),
    ("iam", "GetAccountAuthorizationDetails", []),
    ("iam", "GetAccountPasswordPolicy", []),
    ("iam", "GetAccountSummary", []),
    ("iam", "ListVirtualMFADevices", []),
    ("iam", "ListServerCertificates", []),
    ("iam", "ListUsers", []),
    ("iam", "ListAccessKeys", ["UserName"]),
    ("iam", "GenerateCredentialReport", []),
    ("iam", "GetCredentialReport", []),
    ("s3", "ListBuckets", []),
    ("s3", "GetBucketLocation", ["Bucket"]),
    ("s3", "GetBucketPolicy", ["Bucket"]),
    ("s3", "GetBucketAcl", ["Bucket"]),
    ("s3", "GetPublicAccessBlock", ["Bucket"]),
    ("s3", "GetBucketVersioning", ["Bucket"]),
    ("s3", "GetBucketEncryption", ["Bucket"]),
    ("s3", "GetBucketLogging", ["Bucket"]),
    ("s3", "GetObjectLockConfiguration", ["Bucket"]),
    ("s3", "GetBucketReplication", ["Bucket"]),
    ("s3control", "GetPublicAccessBlock", ["AccountId"]),
    ("ec2", "DescribeInstances", []),
    ("ec2", "DescribeVolumes", []),
    ("ec2", "GetEbsEncryptionByDefault", []),
    ("ec2", "DescribeSecurityGroups", []),
    ("ec2", "DescribeNetworkAcls", []),
    ("ec2", "DescribeVpcs", []),
    ("ec2", "DescribeFlowLogs", []),
    ("elb", "DescribeLoadBalancers", []),
    ("elbv2", "DescribeLoadBalancers", []),
    ("elbv2", "DescribeTargetGroups", []),
    ("elbv2", "DescribeTargetHealth", ["TargetGroupArn"]),
    ("rds", "DescribeDBInstances", []),
    ("efs", "DescribeFileSystems", []),
    ("lambda", "ListFunctions", []),
    ("cloudtrail", "DescribeTrails", []),
    ("cloudtrail", "GetTrailStatus", ["Name"]),
    ("cloudtrail", "GetEventSelectors", ["TrailName"]),
    ("cloudtrail", "ListPublicKeys", ["StartTime", "EndTime"]),
    ("logs", "DescribeMetricFilters", []),
    ("cloudwatch", "DescribeAlarms", []),
    ("config", "DescribeConfigurationRecorders", []),
    ("config", "DescribeConfigurationRecorderStatus", []),
    ("guardduty", "ListDetectors", []),
    ("guardduty", "GetDetector", ["DetectorId"]),
    ("securityhub", "DescribeHub", []),
    ("accessanalyzer", "ListAnalyzers", []),
    ("kms", "ListKeys", []),
    ("kms", "DescribeKey", ["KeyId"]),
    ("kms", "GetKeyRotationStatus", ["KeyId"]),
    ("backup", "ListBackupVaults", []),
    ("backup", "ListBackupPlans", []),
    ("backup", "GetBackupPlan", ["BackupPlanId"]),
    # FSBP's services (issue 18)
    ("lambda", "GetPolicy", ["FunctionName"]),
    ("lambda", "ListFunctionUrlConfigs", ["FunctionName"]),
    ("ec2", "DescribeSnapshots", ["OwnerIds"]),
    ("ec2", "DescribeSnapshotAttribute", ["SnapshotId", "Attribute"]),
    ("ec2", "DescribeImages", ["Owners"]),
    ("ec2", "GetSnapshotBlockPublicAccessState", []),
    ("ec2", "GetImageBlockPublicAccessState", []),
    ("ec2", "DescribeInstanceAttribute", ["InstanceId", "Attribute"]),
    ("ec2", "DescribeLaunchTemplates", []),
    ("ec2", "DescribeLaunchTemplateVersions", ["LaunchTemplateId"]),
    ("ec2", "DescribeSubnets", []),
    ("rds", "DescribeDBClusters", []),
    ("rds", "DescribeDBSnapshots", []),
    ("rds", "DescribeDBClusterSnapshots", []),
    ("rds", "DescribeDBSnapshotAttributes", ["DBSnapshotIdentifier"]),
    ("rds", "DescribeDBClusterSnapshotAttributes", ["DBClusterSnapshotIdentifier"]),
    ("kms", "GetKeyPolicy", ["KeyId", "PolicyName"]),
    ("sqs", "ListQueues", []),
    ("sqs", "GetQueueAttributes", ["QueueUrl", "AttributeNames"]),
    ("sns", "ListTopics", []),
    ("sns", "GetTopicAttributes", ["TopicArn"]),
    ("ecr", "DescribeRepositories", []),
    ("ecr", "GetRepositoryPolicy", ["repositoryName"]),
    ("ecr", "GetLifecyclePolicy", ["repositoryName"]),
    ("ecr", "GetRegistryScanningConfiguration", []),
    ("secretsmanager", "ListSecrets", []),
    ("secretsmanager", "GetResourcePolicy", ["SecretId"]),
    ("dynamodb", "ListTables", []),
    ("dynamodb", "DescribeTable", ["TableName"]),
    ("dynamodb", "DescribeContinuousBackups", ["TableName"]),
    ("ecs", "ListClusters", []),
    ("ecs", "DescribeClusters", ["clusters", "include"]),
    ("ecs", "ListServices", ["cluster"]),
    ("ecs", "DescribeServices", ["cluster", "services"]),
    ("ecs", "ListTaskDefinitions", []),
    ("ecs", "DescribeTaskDefinition", ["taskDefinition"]),
    ("eks", "ListClusters", []),
    ("eks", "DescribeCluster", ["name"]),
    ("elasticache", "DescribeCacheClusters", []),
    ("elasticache", "DescribeReplicationGroups", []),
    ("opensearch", "ListDomainNames", []),
    ("opensearch", "DescribeDomain", ["DomainName"]),
    ("cloudfront", "ListDistributions", []),
    ("cloudfront", "GetDistributionConfig", ["Id"]),
    ("apigateway", "GetRestApis", []),
    ("apigateway", "GetStages", ["restApiId"]),
    ("apigatewayv2", "GetApis", []),
    ("apigatewayv2", "GetRoutes", ["ApiId"]),
    ("apigatewayv2", "GetStages", ["ApiId"]),
    ("elbv2", "DescribeListeners", ["LoadBalancerArn"]),
    ("elbv2", "DescribeLoadBalancerAttributes", ["LoadBalancerArn"]),
    ("elb", "DescribeLoadBalancerAttributes", ["LoadBalancerName"]),
    ("codebuild", "ListProjects", []),
    ("codebuild", "BatchGetProjects", ["names"]),
    ("inspector2", "BatchGetAccountStatus", []),
    ("account", "GetAlternateContact", ["AlternateContactType"]),
    ("s3control", "ListAccessPoints", ["AccountId"]),
    ("s3control", "GetAccessPoint", ["AccountId", "Name"]),
    ("s3control", "ListMultiRegionAccessPoints", ["AccountId"]),
    ("ec2", "DescribeTransitGateways", []),
    ("ec2", "DescribeRouteTables", []),
    ("s3", "GetBucketOwnershipControls", ["Bucket"]),
    ("s3", "GetBucketLifecycleConfiguration", ["Bucket"]),
    # detect --follow s3:// and --sqs: the trail where it lives
    ("s3", "ListObjectsV2", ["Bucket", "Prefix", "Delimiter", "StartAfter"]),
    ("s3", "GetObject", ["Bucket", "Key"]),
    ("sqs", "ReceiveMessage", ["QueueUrl", "MaxNumberOfMessages", "WaitTimeSeconds", "VisibilityTimeout"]),
    ("sqs", "DeleteMessage", ["QueueUrl", "ReceiptHandle"]),
    ("sqs", "ChangeMessageVisibility", ["QueueUrl", "ReceiptHandle", "VisibilityTimeout"]),
    # detect --notify sns:
    ("sns", "Publish", ["TopicArn", "Message", "Subject"]),
    # collect --organization: the accounts, and the organization's shape and guardrails
    ("organizations", "DescribeOrganization", []),
    ("organizations", "ListAccounts", []),
    ("organizations", "ListRoots", []),
    ("organizations", "ListPolicies", ["Filter"]),
    ("organizations", "DescribePolicy", ["PolicyId"]),
    ("organizations", "ListTargetsForPolicy", ["PolicyId"]),
    ("organizations", "ListParents", ["ChildId"]),
    # resource policies that grant other accounts, and whom the account trusts to sign in
    ("efs", "DescribeFileSystemPolicy", ["FileSystemId"]),
    ("glacier", "ListVaults", ["accountId"]),
    ("glacier", "GetVaultAccessPolicy", ["accountId", "vaultName"]),
    ("backup", "GetBackupVaultAccessPolicy", ["BackupVaultName"]),
    ("iam", "ListOpenIDConnectProviders", []),
    ("iam", "GetOpenIDConnectProvider", ["OpenIDConnectProviderArn"]),
    ("iam", "ListSAMLProviders", []),
]
FOLDER = {"config": "configservice"}  # the AWS CLI's name where it is not botocore's

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from aws_models import session, service_model  # noqa: E402


def shape_of(shape, depth=0):
    """A compact shape: t (type), m (structure members in order: name, wire when the wire name
    differs, loc, attr for an XML attribute, s), mem and memname (list member), flat, key/val
    and kname/vname (maps), doc (an IAM policy document)."""
    s = {"t": shape.type_name}
    if depth > 40:
        return s
    if shape.name == "policyDocumentType":
        s["doc"] = True  # IAM sends it URL-encoded; the CLI prints the decoded JSON
    if shape.type_name == "structure":
        s["m"] = []
        for name, m in shape.members.items():
            ser = m.serialization
            d = {"name": name}
            if ser.get("name") and ser["name"] != name:
                d["wire"] = ser["name"]
            if ser.get("location"):
                d["loc"] = ser["location"]
            if ser.get("xmlAttribute"):
                d["attr"] = True
            d["s"] = shape_of(m, depth + 1)
            s["m"].append(d)
    elif shape.type_name == "list":
        s["mem"] = shape_of(shape.member, depth + 1)
        if shape.member.serialization.get("name"):
            s["memname"] = shape.member.serialization["name"]
        if shape.serialization.get("flattened"):
            s["flat"] = True
    elif shape.type_name == "map":
        s["key"] = shape_of(shape.key, depth + 1)
        s["val"] = shape_of(shape.value, depth + 1)
        # XML's names for an entry's key and value, where not "key" and "value" (SQS's Name, Value)
        if shape.key.serialization.get("name", "key") != "key":
            s["kname"] = shape.key.serialization["name"]
        if shape.value.serialization.get("name", "value") != "value":
            s["vname"] = shape.value.serialization["name"]
        if shape.serialization.get("flattened"):
            s["flat"] = True
    return s


def main():
    services, ops = {}, []
    for svc, name, inputs in OPS:
        model = service_model(svc)
        md = model.metadata
        if svc not in services:
            services[svc] = {"protocol": model.protocol, "version": model.api_version,
                             "signing": model.signing_name, "prefix": md["endpointPrefix"],
                             "target": md.get("targetPrefix", ""), "json": md.get("jsonVersion", ""),
                             "global": md.get("globalEndpoint", "")}
        op = model.operation_model(name)
        pag = {}
        try:
            p = session.get_paginator_model(svc).get_paginator(name)
            pag = {k: p[k] for k in ("input_token", "output_token", "result_key", "more_results", "limit_key")
                   if k in p}
        except (ValueError, KeyError, botocore.exceptions.UnknownServiceError):
            pass
        ins = []
        wanted = set(inputs) | set(pag.get("input_token", []) if isinstance(pag.get("input_token"), list)
                                   else [pag.get("input_token")]) | {pag.get("limit_key")}
        for m, ms in (op.input_shape.members.items() if op.input_shape else []):
            if m in wanted:
                # EC2's query names its members by queryName, else the capitalised locationName
                wire = ms.serialization.get("queryName") or (
                    (lambda n: n[0].upper() + n[1:])(ms.serialization.get("name", m))
                    if model.protocol == "ec2" else ms.serialization.get("name", m))
                d = {"name": m, "wire": wire, "loc": ms.serialization.get("location", ""),
                     "t": ms.type_name}
                if ms.type_name == "list" and model.protocol in ("query", "ec2"):
                    # the key of a list's items less its ".N", as botocore's serializers write it
                    if model.protocol == "ec2":
                        d["item"] = wire
                    elif ms.serialization.get("flattened"):
                        d["item"] = ms.member.serialization.get("name", wire)
                    else:
                        d["item"] = wire + "." + ms.member.serialization.get("name", "member")
                ins.append(d)
        out = op.output_shape
        ops.append({"service": svc, "name": name, "cli": "%s/%s" % (FOLDER.get(svc, svc), xform_name(name, "-")),
                    "method": op.http.get("method", "POST"), "uri": op.http.get("requestUri", "/"),
                    "host_prefix": (op.endpoint or {}).get("hostPrefix", ""),
                    "in": ins, "wrapper": out.serialization.get("resultWrapper", "") if out else "",
                    "payload": out.serialization.get("payload", "") if out else "",
                    "out": shape_of(out) if out else None, "paginator": pag})
    json.dump({"source": "boto/botocore %s service models (Apache-2.0), through scripts/gen-aws-shapes.py"
               % botocore.__version__, "services": services, "ops": ops}, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
