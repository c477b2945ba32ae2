#!/usr/bin/env python3
"""Keeps, of botocore's EC2 model, the shapes the security-group descriptors are checked against.

    python3 trim-botocore.py <botocore>/data/ec2/2016-11-15/service-2.json > botocore-ec2-2016-11-15-security-groups.json

The full model is about 4 MB; the descriptors use four requests. Shapes are copied unchanged.
"""
import json
import sys

ROOTS = ["CreateSecurityGroupRequest", "AuthorizeSecurityGroupIngressRequest",
         "AuthorizeSecurityGroupEgressRequest", "RevokeSecurityGroupEgressRequest"]


def reachable(shapes, name, seen):
    if name in seen:
        return
    seen.add(name)
    shape = shapes[name]
    for key in ("member", "key", "value"):
        if key in shape:
            reachable(shapes, shape[key]["shape"], seen)
    for member in shape.get("members", {}).values():
        reachable(shapes, member["shape"], seen)


def main(path):
    with open(path, encoding="utf-8") as f:
        model = json.load(f)
    seen = set()
    for root in ROOTS:
        reachable(model["shapes"], root, seen)
    trimmed = {
        "version": model.get("version"),
        "metadata": model["metadata"],
        "shapes": {name: model["shapes"][name] for name in sorted(seen)},
    }
    json.dump(trimmed, sys.stdout, indent=1, sort_keys=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
