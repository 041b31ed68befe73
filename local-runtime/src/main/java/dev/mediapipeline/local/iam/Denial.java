package dev.mediapipeline.local.iam;

/**
 * A request IAM refused: who asked, for what, and why, worded as AWS words it.
 */
public record Denial(FunctionPrincipal principal, AccessRequest request, Decision decision) {

    /** AWS's message; S3 quotes the resource, DynamoDB does not. */
    public String message(boolean quoteResource) {
        String resource = quoteResource ? "\"" + request.resource() + "\"" : request.resource();
        String reason = decision instanceof Decision.ExplicitDeny
                ? "with an explicit deny in an identity-based policy"
                : "because no identity-based policy allows the " + request.action() + " action";
        return "User: " + principal.sessionArn() + " is not authorized to perform: " + request.action()
                + " on resource: " + resource + " " + reason;
    }
}
