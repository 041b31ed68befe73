"""Runs cfn-lint (its command line: the arguments are cfn-lint's) so that --parameters apply to SAM templates too.

cfn-lint 1.51 keeps the --parameters values in the template's context, but after the AWS::Serverless transform it
builds a fresh context from the transformed template and the values are lost: every rule then sees the defaults
(a value that breaks a property's constraints lints clean). This keeps the parameter sets across the transform, as
they are kept for a template without a transform.
"""
import sys

from cfnlint.template.transforms import transform as _transform

_original_transform = _transform.Transform.transform


def _transform_keeping_parameters(self, cfn):
    parameter_sets = cfn.context.parameter_sets
    matches = _original_transform(self, cfn)
    if parameter_sets:
        cfn.context = cfn.context.evolve(parameter_sets=parameter_sets)
    return matches


_transform.Transform.transform = _transform_keeping_parameters

from cfnlint.runner import main  # noqa: E402

sys.argv[0] = "cfn-lint"
sys.exit(main())
