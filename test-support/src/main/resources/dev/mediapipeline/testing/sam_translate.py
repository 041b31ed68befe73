"""Translates a SAM template to CloudFormation with aws-sam-translator, offline, as `sam deploy` would.

usage: python3 sam_translate.py TEMPLATE PARAMETERS_JSON REGION
  - CodeUri / ContentUri (strings) become s3:// URIs, as `sam package` makes them;
  - managed policy names resolve through a loader that knows none (the translator then keeps ARNs as written);
  - PARAMETERS_JSON is {"Name": "value"}; the translator adds the template's defaults itself.
Prints the CloudFormation template as JSON on stdout. Exits 2 with the translator's message when it refuses.
"""
import json
import os
import re
import sys

template_path, parameters_path, region = sys.argv[1], sys.argv[2], sys.argv[3]
os.environ["AWS_DEFAULT_REGION"] = region

from samtranslator.model.exceptions import InvalidDocumentException  # noqa: E402
from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402


class NoManagedPolicies:
    def load(self):
        return {}


with open(template_path, encoding="utf-8") as f:
    template = yaml_parse(f.read())
with open(parameters_path, encoding="utf-8") as f:
    parameters = json.load(f)

for resource in (template.get("Resources") or {}).values():
    properties = resource.get("Properties") or {}
    for key in ("CodeUri", "ContentUri"):
        if isinstance(properties.get(key), str):
            properties[key] = "s3://media-pipeline-artifacts/" + re.sub(r"[^A-Za-z0-9._-]", "_", properties[key])

try:
    output = transform(template, parameters, NoManagedPolicies())
except InvalidDocumentException as e:
    for cause in e.causes:
        print(cause.message, file=sys.stderr)
    sys.exit(2)
json.dump(output, sys.stdout, indent=1, default=str)
