"""aws_models.py: botocore's service models (Debian python3-botocore), with the operations and
members newer than it added from scripts/aws-newer-ops.json; read by scripts/gen-aws-shapes.py
and tests/servers/fake-aws.py, so the collector and the loopback AWS speak the same models."""
import json, os

import botocore.model
import botocore.session

session = botocore.session.get_session()
NEWER = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "aws-newer-ops.json")))


def service_model(svc):
    """botocore's model of svc, with what the installed botocore lacks added: operations, shapes,
    and members of shapes it has."""
    data = session.get_service_data(svc)
    extra = NEWER.get(svc)
    if extra:
        data = dict(data, operations=dict(data["operations"]), shapes=dict(data["shapes"]))
        for name, op in extra["operations"].items():
            data["operations"].setdefault(name, op)
        for name, shape in extra["shapes"].items():
            have = data["shapes"].get(name)
            if have is None:
                data["shapes"][name] = shape
            elif "members" in shape:  # members the old shape lacks
                data["shapes"][name] = dict(have, members=dict(shape["members"], **have.get("members", {})))
    return botocore.model.ServiceModel(data, service_name=svc)
