package dev.mediapipeline.local.iam;

import dev.mediapipeline.local.template.FunctionDefinition;
import dev.mediapipeline.local.template.PolicyStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local endpoint's IAM: which access key belongs to which function ({@link FunctionCredentials}), and the
 * evaluation of that function's role policies on each of its requests. Requests signed with any other key (people,
 * tools, the runtime itself) are not evaluated: they have full access, as with the endpoint's default credentials.
 *
 * <p>Enforcing by default; when not enforcing, functions still get their own credentials but every request is
 * granted. Each distinct denial (function, action, resource) is logged once.
 */
public final class LocalIam {

    private static final Logger LOG = LoggerFactory.getLogger(LocalIam.class);

    private final Map<String, FunctionPrincipal> byAccessKey = new ConcurrentHashMap<>();
    private final Set<String> loggedDenials = ConcurrentHashMap.newKeySet();
    private volatile boolean enforcing = true;

    public boolean enforcing() {
        return enforcing;
    }

    /** Turns evaluation on (the default) or off ({@code --no-iam}). */
    public void enforcing(boolean on) {
        this.enforcing = on;
    }

    /** Makes the function's credentials known to the endpoint; returns its principal. Idempotent. */
    public FunctionPrincipal register(FunctionDefinition function) {
        FunctionCredentials credentials = FunctionCredentials.of(function);
        String roleArn = function.role().arn();
        String[] arn = roleArn.split(":", 6);
        String partition = arn.length == 6 ? arn[1] : "aws";
        String account = arn.length == 6 && !arn[4].isEmpty() ? arn[4] : "000000000000";
        String resource = arn.length == 6 ? arn[5] : roleArn;
        String roleName = resource.substring(resource.lastIndexOf('/') + 1);
        List<PolicyStatement> statements = new ArrayList<>(function.role().statements());
        for (String managed : function.role().managedPolicyArns()) {
            Optional<List<PolicyStatement>> known = ManagedPolicies.statements(managed);
            if (known.isPresent()) {
                statements.addAll(known.get());
            } else {
                LOG.warn("IAM: managed policy {} of function {} is not known to the local runtime: it grants nothing "
                        + "locally (name its actions in an inline statement instead)", managed, function.name());
            }
        }
        var principal = new FunctionPrincipal(function.name(), roleName, roleArn, partition, account, statements,
                credentials);
        byAccessKey.put(credentials.accessKeyId(), principal);
        return principal;
    }

    /** The function an access key belongs to, if any. */
    public Optional<FunctionPrincipal> principal(String accessKeyId) {
        return accessKeyId == null ? Optional.empty() : Optional.ofNullable(byAccessKey.get(accessKeyId));
    }

    /**
     * Evaluates each question in order; the first one refused decides. The principal's global condition keys
     * ({@code aws:PrincipalArn}, {@code aws:PrincipalAccount}, {@code aws:userid}, {@code aws:CurrentTime}...)
     * are added to those of the request.
     */
    public Verdict authorize(FunctionPrincipal principal, List<AccessRequest> requests) {
        Map<String, List<String>> global = Map.of(
                "aws:PrincipalArn", List.of(principal.roleArn()),
                "aws:PrincipalAccount", List.of(principal.account()),
                "aws:PrincipalType", List.of("AssumedRole"),
                "aws:userid", List.of("AROA" + principal.credentials().accessKeyId().substring(4) + ":"
                        + principal.functionName()),
                "aws:CurrentTime", List.of(Instant.now().toString()),
                "aws:EpochTime", List.of(Long.toString(Instant.now().getEpochSecond())));
        for (AccessRequest request : requests) {
            AccessRequest full = request.with(global).with(request.context());
            Decision decision = PolicyEvaluator.evaluate(principal.statements(), full);
            if (!decision.allowed()) {
                Denial denial = new Denial(principal, request, decision);
                if (!enforcing) {
                    LOG.debug("IAM (not enforced) would deny function={} action={} resource={}",
                            principal.functionName(), request.action(), request.resource());
                    continue;
                }
                logOnce(denial);
                return new Verdict.Denied(denial);
            }
        }
        return Verdict.GRANTED;
    }

    private void logOnce(Denial denial) {
        String key = denial.principal().functionName() + "\n" + denial.request().action() + "\n"
                + denial.request().resource();
        if (loggedDenials.add(key)) {
            LOG.warn("IAM denied function={} role={} action={} resource={} reason={}",
                    denial.principal().functionName(), denial.principal().roleName(), denial.request().action(),
                    denial.request().resource(), denial.decision() instanceof Decision.ExplicitDeny
                            ? "explicit deny" : "no identity-based policy allows it");
        }
    }
}
