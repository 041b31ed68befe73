package dev.mediapipeline.local.iam;

import dev.mediapipeline.local.template.PolicyStatement;

/** The outcome of evaluating a principal's identity-based policies for one {@link AccessRequest}. */
public sealed interface Decision {

    /** An Allow statement matched and no Deny did. */
    record Allowed(PolicyStatement statement) implements Decision {
    }

    /** No statement allows it (IAM's default deny). */
    record ImplicitDeny() implements Decision {
    }

    /** A Deny statement matched: it wins over every Allow. */
    record ExplicitDeny(PolicyStatement statement) implements Decision {
    }

    default boolean allowed() {
        return this instanceof Allowed;
    }
}
