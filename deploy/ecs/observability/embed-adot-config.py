#!/usr/bin/env python3
"""Copies adot-collector.yaml into the adot-collector container of every ECS task definition.

ECS has no file to mount into a Fargate sidecar without extra infrastructure, so the collector reads
its configuration from the environment (AOT_CONFIG_CONTENT). EcsDescriptorsTest fails when a task
definition's copy differs from the file. Run from anywhere: python3 deploy/ecs/observability/embed-adot-config.py
"""
import json
import pathlib

ecs = pathlib.Path(__file__).resolve().parent.parent
config = (ecs / "observability" / "adot-collector.yaml").read_text()
for task_definition in sorted(ecs.glob("*/task-definition.json")):
    td = json.loads(task_definition.read_text())
    for container in td["containerDefinitions"]:
        if container["name"] == "adot-collector":
            for variable in container["environment"]:
                if variable["name"] == "AOT_CONFIG_CONTENT":
                    variable["value"] = config
    task_definition.write_text(json.dumps(td, indent=2, ensure_ascii=False) + "\n")
    print("updated", task_definition.relative_to(ecs.parent.parent))
