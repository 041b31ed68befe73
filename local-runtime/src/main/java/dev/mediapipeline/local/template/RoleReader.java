package dev.mediapipeline.local.template;

import static dev.mediapipeline.local.template.Values.list;
import static dev.mediapipeline.local.template.Values.map;
import static dev.mediapipeline.local.template.Values.requiredString;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A function's execution role as CloudFormation would create it from aws-sam-translator's output. Without
 * {@code Role}, the role SAM makes: the destination policies SAM adds, then each entry of {@code Policies} in order
 * (policy documents and SAM policy templates as {@code <Fn>RolePolicy<index>}; managed policy names and ARNs as
 * managed policy ARNs after AWSLambdaBasicExecutionRole). With {@code Role}, that role of the template with its
 * inline policies, its managed policies and the {@code AWS::IAM::Policy}/{@code AWS::IAM::ManagedPolicy} resources
 * attached to it; a role from outside the template is unknown: no statements, and a warning.
 */
final class RoleReader {

    private static final String BASIC_EXECUTION = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::\\d{12}:role/[\\w+=,.@/-]+");
    private static final Pattern MANAGED_POLICY_ARN = Pattern.compile("arn:aws:iam::(aws|\\d{12}):policy/[\\w+=,.@/-]+");

    private final TemplateContext context;

    RoleReader(TemplateContext context) {
        this.context = context;
    }

    FunctionRole read(TemplateResource function, List<PolicyStatement> destinationPolicies) {
        if (function.properties().get("Role") == null) {
            return samRole(function, destinationPolicies);
        }
        if (function.properties().get("Policies") != null) {
            // the translator still checks them (and refuses an unknown template), but attaches them to no role
            policies(function, function.logicalId() + "Role", new ArrayList<>(), new LinkedHashSet<>());
            context.warn(function.propertyPath("Policies") + ": ignored, as SAM ignores them, because Role is given");
        }
        String at = function.propertyPath("Role");
        String arn = Intrinsics.scalar(context.property(function, "Role"), at);
        Optional<TemplateResource> role = context.resourcesOfType("AWS::IAM::Role")
                .filter(r -> arn.equals(context.names.attribute(r, "Arn", r.path())))
                .findFirst();
        if (role.isPresent()) {
            return templateRole(role.get());
        }
        if (!ROLE_ARN.matcher(arn).matches()) {
            throw new TemplateException(at, "'" + arn + "' is not a role ARN (arn:aws:iam::<account>:role/<name>;"
                    + " use !GetAtt Role.Arn for a role of this template)");
        }
        context.warn(at + ": role " + arn + " is not declared in the template; its permissions are unknown locally,"
                + " so it is given no statements");
        return new FunctionRole("", arn, List.of(), List.of());
    }

    private FunctionRole samRole(TemplateResource function, List<PolicyStatement> destinationPolicies) {
        TemplateResource role = context.resources.get(function.logicalId() + "Role");
        List<PolicyStatement> statements = new ArrayList<>();
        Set<String> managed = new LinkedHashSet<>();
        managed.add(BASIC_EXECUTION);
        Object tracing = context.property(function, "Tracing");
        if (tracing != null && !"Disabled".equals(Intrinsics.text(tracing))) {
            managed.add("arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess");
        }
        if (context.property(function, "VpcConfig") != null) {
            managed.add("arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole");
        }
        Map<?, ?> dlq = map(context.property(function, "DeadLetterQueue"), function.propertyPath("DeadLetterQueue"));
        if (!dlq.isEmpty()) {
            String dat = function.propertyPath("DeadLetterQueue");
            String type = requiredString(dlq, "Type", dat);
            String action = switch (type) {
                case "SQS" -> "sqs:SendMessage";
                case "SNS" -> "sns:Publish";
                default -> throw new TemplateException(dat + ".Type", "'DeadLetterQueue' requires Type of SQS or SNS");
            };
            statements.add(new PolicyStatement("", PolicyStatement.Effect.ALLOW, List.of(action), List.of(),
                    List.of(requiredString(dlq, "TargetArn", dat)), List.of(), Map.of(), "DeadLetterQueuePolicy"));
        }
        statements.addAll(destinationPolicies);
        policies(function, role.logicalId(), statements, managed);
        return new FunctionRole(role.logicalId(), context.names.roleArn(context.names.physicalId(role)), statements,
                List.copyOf(managed));
    }

    /** A function's Policies, in order: a single entry or a list. */
    private void policies(TemplateResource function, String roleId, List<PolicyStatement> statements,
                          Set<String> managed) {
        Object raw = function.properties().get("Policies");
        List<?> policies = raw instanceof List<?> l ? l : raw == null ? List.of() : List.of(raw);
        for (int i = 0; i < policies.size(); i++) {
            String at = function.propertyPath("Policies") + (raw instanceof List<?> ? "[" + i + "]" : "");
            policy(policies.get(i), at, i, roleId + "Policy" + i, statements, managed);
        }
    }

    /** One entry of a function's Policies, classified the way the translator's ResourcePolicies does. */
    private void policy(Object entry, String at, int index, String name, List<PolicyStatement> statements,
                        Set<String> managed) {
        if (entry instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("Fn::If")) {
            Object chosen = context.resolve(entry, at);
            if (chosen != null) {
                // the branch chosen, already resolved: a document, a template's name, or a managed policy
                policy(chosen, at + ".Fn::If", index, name, statements, managed);
            }
            return;
        }
        if (entry instanceof String || Intrinsics.isIntrinsic(entry)) {
            String arn = Intrinsics.scalar(context.resolve(entry, at), at);
            managedPolicy(arn, at, statements, managed);
        } else if (entry instanceof Map<?, ?> m && m.containsKey("Statement")) {
            statements.addAll(PolicyDocuments.statements(context.resolve(entry, at), at, name));
        } else if (entry instanceof Map<?, ?> m && m.size() == 1
                && PolicyTemplates.has(String.valueOf(m.keySet().iterator().next()))) {
            String template = String.valueOf(m.keySet().iterator().next());
            String tat = at + "." + template;
            Object document = PolicyTemplates.expand(template, m.values().iterator().next(), tat);
            statements.addAll(PolicyDocuments.statements(context.resolve(document, tat), tat, name));
        } else {
            String what = entry instanceof Map<?, ?> m && m.size() == 1
                    ? "'" + m.keySet().iterator().next() + "' is not a SAM policy template aws-sam-translator knows"
                    : "is neither a managed policy, a policy document (with a Statement) nor a SAM policy template";
            throw new TemplateException(at, what + "; the translator refuses it (Policy at index " + index
                    + " in the 'Policies' property is not valid)");
        }
    }

    /** A managed policy by name or ARN: a customer managed policy of this template contributes its statements. */
    private void managedPolicy(String nameOrArn, String at, List<PolicyStatement> statements, Set<String> managed) {
        String arn = PolicyTemplates.managedPolicyArn(nameOrArn).orElse(nameOrArn);
        Optional<TemplateResource> own = context.resourcesOfType("AWS::IAM::ManagedPolicy")
                .filter(p -> context.names.ref(p).equals(arn))
                .findFirst();
        if (own.isPresent()) {
            statements.addAll(documentOf(own.get(), own.get().logicalId()));
            return;
        }
        if (!MANAGED_POLICY_ARN.matcher(arn).matches()) {
            throw new TemplateException(at, "'" + nameOrArn + "' is neither an AWS managed policy that SAM knows by"
                    + " name nor a managed policy ARN (arn:aws:iam::aws:policy/...)");
        }
        if (!arn.startsWith("arn:aws:iam::aws:")) {
            context.warn(at + ": customer managed policy " + arn + " is not declared in the template; its"
                    + " statements are unknown locally");
        }
        managed.add(arn);
    }

    private FunctionRole templateRole(TemplateResource role) {
        String roleName = context.names.physicalId(role);
        List<PolicyStatement> statements = new ArrayList<>();
        Set<String> managed = new LinkedHashSet<>();
        List<?> inline = list(context.property(role, "Policies"), role.propertyPath("Policies"));
        for (int i = 0; i < inline.size(); i++) {
            String at = role.propertyPath("Policies[" + i + "]");
            Map<?, ?> policy = map(inline.get(i), at);
            statements.addAll(PolicyDocuments.statements(policy.get("PolicyDocument"), at + ".PolicyDocument",
                    requiredString(policy, "PolicyName", at)));
        }
        Set<String> attached = new LinkedHashSet<>();
        List<String> arns = Values.optionalStrings(context.property(role, "ManagedPolicyArns"),
                role.propertyPath("ManagedPolicyArns"));
        for (int i = 0; i < arns.size(); i++) {
            attached.add(arns.get(i));
            managedPolicy(arns.get(i), role.propertyPath("ManagedPolicyArns[" + i + "]"), statements, managed);
        }
        context.resourcesOfType("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy").forEach(p -> {
            List<String> roles = Values.optionalStrings(context.property(p, "Roles"), p.propertyPath("Roles"));
            boolean byArn = p.is("AWS::IAM::ManagedPolicy") && attached.contains(context.names.ref(p));
            if (roles.contains(roleName) && !byArn) {
                statements.addAll(documentOf(p, p.is("AWS::IAM::Policy")
                        ? context.optionalString(p, "PolicyName").orElseThrow(
                        () -> new TemplateException(p.propertyPath("PolicyName"), "missing")) : p.logicalId()));
            }
        });
        return new FunctionRole(role.logicalId(), context.names.roleArn(roleName), statements, List.copyOf(managed));
    }

    private List<PolicyStatement> documentOf(TemplateResource policy, String source) {
        return PolicyDocuments.statements(context.property(policy, "PolicyDocument"),
                policy.propertyPath("PolicyDocument"), source);
    }
}
