package dev.mediapipeline.local.iam;

import static dev.mediapipeline.local.iam.Statements.allow;
import static dev.mediapipeline.local.iam.Statements.deny;
import static dev.mediapipeline.local.iam.Statements.statement;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.local.template.PolicyStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

    private static Decision evaluate(List<PolicyStatement> statements, String action, String resource,
                                     Map<String, List<String>> context) {
        return PolicyEvaluator.evaluate(statements, new AccessRequest(action, resource, context));
    }

    private static Decision evaluate(List<PolicyStatement> statements, String action, String resource) {
        return evaluate(statements, action, resource, Map.of());
    }

    @Nested
    class Wildcards {

        @Test
        void starAndQuestionMarkMatchAsIamDoes() {
            assertThat(Wildcard.matches("arn:aws:s3:::media/uploads/*", "arn:aws:s3:::media/uploads/a/b.jpg", false))
                    .as("* spans slashes").isTrue();
            assertThat(Wildcard.matches("arn:aws:s3:::media/uploads/*", "arn:aws:s3:::media/uploads", false))
                    .as("the prefix without its slash").isFalse();
            assertThat(Wildcard.matches("arn:aws:s3:::media-?", "arn:aws:s3:::media-1", false)).as("? one char")
                    .isTrue();
            assertThat(Wildcard.matches("arn:aws:s3:::media-?", "arn:aws:s3:::media-12", false))
                    .as("? not two chars").isFalse();
            assertThat(Wildcard.matches("*", "", false)).as("* matches empty").isTrue();
            assertThat(Wildcard.matches("a*b*c", "axxbyyc", false)).as("backtracking").isTrue();
            assertThat(Wildcard.matches("a*b*c", "axxbyy", false)).as("backtracking fails").isFalse();
        }

        @Test
        void actionsIgnoreCaseResourcesDoNot() {
            var statements = List.of(allow(List.of("S3:getobject"), List.of("arn:aws:s3:::Media/*")));

            assertThat(evaluate(statements, "s3:GetObject", "arn:aws:s3:::Media/k").allowed())
                    .as("action case differs").isTrue();
            assertThat(evaluate(statements, "s3:GetObject", "arn:aws:s3:::media/k").allowed())
                    .as("resource case differs").isFalse();
        }

        @Test
        void actionWildcards() {
            var statements = List.of(allow(List.of("s3:Get*", "dynamodb:?etItem"), List.of("*")));

            assertThat(evaluate(statements, "s3:GetObjectTagging", "arn:aws:s3:::b/k").allowed()).as("s3:Get*")
                    .isTrue();
            assertThat(evaluate(statements, "dynamodb:GetItem", "arn:x").allowed()).as("?etItem").isTrue();
            assertThat(evaluate(statements, "s3:PutObject", "arn:aws:s3:::b/k").allowed()).as("not a Get")
                    .isFalse();
        }
    }

    @Nested
    class Effects {

        @Test
        void nothingMatchingIsAnImplicitDeny() {
            assertThat(evaluate(List.of(), "s3:GetObject", "arn:aws:s3:::b/k"))
                    .as("no statement").isInstanceOf(Decision.ImplicitDeny.class);
        }

        @Test
        void anExplicitDenyWinsOverAnyAllow() {
            var statements = List.of(allow(List.of("s3:*"), List.of("*")),
                    deny(List.of("s3:DeleteObject"), List.of("arn:aws:s3:::media/keep/*")),
                    allow(List.of("s3:DeleteObject"), List.of("arn:aws:s3:::media/*")));

            assertThat(evaluate(statements, "s3:DeleteObject", "arn:aws:s3:::media/keep/x"))
                    .as("denied key").isInstanceOf(Decision.ExplicitDeny.class);
            assertThat(evaluate(statements, "s3:DeleteObject", "arn:aws:s3:::media/other/x").allowed())
                    .as("other key").isTrue();
        }

        @Test
        void notActionAndNotResourceMatchEverythingElse() {
            var notAction = new PolicyStatement("", PolicyStatement.Effect.ALLOW, List.of(), List.of("s3:Delete*"),
                    List.of("*"), List.of(), Map.of(), "t");
            var notResource = new PolicyStatement("", PolicyStatement.Effect.DENY, List.of("s3:*"), List.of(),
                    List.of(), List.of("arn:aws:s3:::media/*"), Map.of(), "t");
            var statements = List.of(notAction, notResource);

            assertThat(evaluate(statements, "s3:GetObject", "arn:aws:s3:::media/k").allowed())
                    .as("not a Delete, inside media").isTrue();
            assertThat(evaluate(statements, "s3:DeleteObject", "arn:aws:s3:::media/k"))
                    .as("a Delete is not granted by NotAction").isInstanceOf(Decision.ImplicitDeny.class);
            assertThat(evaluate(statements, "s3:GetObject", "arn:aws:s3:::elsewhere/k"))
                    .as("outside media: NotResource deny").isInstanceOf(Decision.ExplicitDeny.class);
        }
    }

    @Nested
    class Conditions {

        private final PolicyStatement listUploads = statement(PolicyStatement.Effect.ALLOW,
                List.of("s3:ListBucket"), List.of("arn:aws:s3:::media"),
                Map.of("StringLike", Map.of("s3:prefix", List.of("uploads/*", "work/"))));

        @Test
        void stringLikeOnThePrefix() {
            assertThat(evaluate(List.of(listUploads), "s3:ListBucket", "arn:aws:s3:::media",
                    Map.of("s3:prefix", List.of("uploads/2024/")))).as("uploads/*").matches(Decision::allowed);
            assertThat(evaluate(List.of(listUploads), "s3:ListBucket", "arn:aws:s3:::media",
                    Map.of("S3:Prefix", List.of("work/")))).as("key names ignore case").matches(Decision::allowed);
            assertThat(evaluate(List.of(listUploads), "s3:ListBucket", "arn:aws:s3:::media",
                    Map.of("s3:prefix", List.of("private/")))).as("other prefix").isInstanceOf(Decision.ImplicitDeny.class);
            assertThat(evaluate(List.of(listUploads), "s3:ListBucket", "arn:aws:s3:::media"))
                    .as("no prefix at all").isInstanceOf(Decision.ImplicitDeny.class);
        }

        @Test
        void negatedOperatorsHoldWhenNoValueMatchesOrTheKeyIsAbsent() {
            var statement = statement(PolicyStatement.Effect.DENY, List.of("s3:*"), List.of("*"),
                    Map.of("StringNotEquals", Map.of("aws:RequestedRegion", List.of("us-east-1", "eu-west-1"))));

            assertThat(evaluate(List.of(statement), "s3:GetObject", "arn:aws:s3:::b/k",
                    Map.of("aws:RequestedRegion", List.of("ap-south-1")))).as("other region")
                    .isInstanceOf(Decision.ExplicitDeny.class);
            assertThat(evaluate(List.of(statement), "s3:GetObject", "arn:aws:s3:::b/k",
                    Map.of("aws:RequestedRegion", List.of("eu-west-1")))).as("listed region")
                    .isInstanceOf(Decision.ImplicitDeny.class);
            assertThat(evaluate(List.of(statement), "s3:GetObject", "arn:aws:s3:::b/k")).as("key absent")
                    .isInstanceOf(Decision.ExplicitDeny.class);
        }

        @Test
        void boolNullArnAndIfExists() {
            var secure = statement(PolicyStatement.Effect.DENY, List.of("s3:*"), List.of("*"),
                    Map.of("Bool", Map.of("aws:SecureTransport", List.of("false"))));
            var nullCheck = statement(PolicyStatement.Effect.ALLOW, List.of("s3:GetObject"), List.of("*"),
                    Map.of("Null", Map.of("s3:x-amz-server-side-encryption", List.of("true"))));
            var arn = statement(PolicyStatement.Effect.ALLOW, List.of("s3:PutObject"), List.of("*"),
                    Map.of("ArnLikeIfExists", Map.of("aws:SourceArn", List.of("arn:aws:lambda:*:*:function:Api*"))));

            assertThat(evaluate(List.of(secure), "s3:GetObject", "arn:aws:s3:::b/k",
                    Map.of("aws:SecureTransport", List.of("false")))).as("plain HTTP denied by Bool")
                    .isInstanceOf(Decision.ExplicitDeny.class);
            assertThat(evaluate(List.of(nullCheck), "s3:GetObject", "arn:aws:s3:::b/k").allowed())
                    .as("Null true: key absent").isTrue();
            assertThat(evaluate(List.of(nullCheck), "s3:GetObject", "arn:aws:s3:::b/k",
                    Map.of("s3:x-amz-server-side-encryption", List.of("AES256"))).allowed())
                    .as("Null true: key present").isFalse();
            assertThat(evaluate(List.of(arn), "s3:PutObject", "arn:aws:s3:::b/k").allowed())
                    .as("IfExists: absent key holds").isTrue();
            assertThat(evaluate(List.of(arn), "s3:PutObject", "arn:aws:s3:::b/k",
                    Map.of("aws:SourceArn", List.of("arn:aws:lambda:us-east-1:1:function:Other"))).allowed())
                    .as("IfExists: present key must match").isFalse();
        }

        @Test
        void setOperatorsAndNumbers() {
            var all = statement(PolicyStatement.Effect.ALLOW, List.of("dynamodb:GetItem"), List.of("*"),
                    Map.of("ForAllValues:StringEquals", Map.of("dynamodb:Attributes", List.of("id", "status"))));
            var maxKeys = statement(PolicyStatement.Effect.ALLOW, List.of("s3:ListBucket"), List.of("*"),
                    Map.of("NumericLessThanEquals", Map.of("s3:max-keys", List.of("100"))));

            assertThat(evaluate(List.of(all), "dynamodb:GetItem", "t", Map.of("dynamodb:Attributes",
                    List.of("id", "status"))).allowed()).as("every value listed").isTrue();
            assertThat(evaluate(List.of(all), "dynamodb:GetItem", "t", Map.of("dynamodb:Attributes",
                    List.of("id", "secret"))).allowed()).as("one value not listed").isFalse();
            assertThat(evaluate(List.of(maxKeys), "s3:ListBucket", "b", Map.of("s3:max-keys", List.of("50")))
                    .allowed()).as("50 <= 100").isTrue();
            assertThat(evaluate(List.of(maxKeys), "s3:ListBucket", "b", Map.of("s3:max-keys", List.of("1000")))
                    .allowed()).as("1000 > 100").isFalse();
        }

        @Test
        void anUnsupportedOperatorFailsClosed() {
            Map<String, Map<String, List<String>>> dated = Map.of("DateGreaterThan",
                    Map.of("aws:CurrentTime", List.of("2020-01-01T00:00:00Z")));
            var allow = statement(PolicyStatement.Effect.ALLOW, List.of("s3:*"), List.of("*"), dated);
            var denyDated = statement(PolicyStatement.Effect.DENY, List.of("s3:GetObject"), List.of("*"), dated);

            assertThat(evaluate(List.of(allow), "s3:GetObject", "b/k", Map.of("aws:CurrentTime",
                    List.of("2026-01-01T00:00:00Z")))).as("an Allow it guards allows nothing")
                    .isInstanceOf(Decision.ImplicitDeny.class);
            assertThat(evaluate(List.of(allow(List.of("s3:*"), List.of("*")), denyDated), "s3:GetObject", "b/k"))
                    .as("a Deny it guards denies").isInstanceOf(Decision.ExplicitDeny.class);
        }
    }

    @Nested
    class ManagedPolicyTable {

        @Test
        void knownPoliciesInAnyPartitionAndUnknownOnes() {
            assertThat(ManagedPolicies.statements("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"))
                    .as("S3 read only").hasValueSatisfying(statements -> {
                        assertThat(PolicyEvaluator.evaluate(statements,
                                new AccessRequest("s3:GetObject", "arn:aws:s3:::b/k")).allowed()).as("get").isTrue();
                        assertThat(PolicyEvaluator.evaluate(statements,
                                new AccessRequest("s3:PutObject", "arn:aws:s3:::b/k")).allowed()).as("put").isFalse();
                    });
            assertThat(ManagedPolicies.statements(
                    "arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"))
                    .as("basic execution role, China partition").hasValueSatisfying(statements ->
                            assertThat(PolicyEvaluator.evaluate(statements,
                                    new AccessRequest("s3:GetObject", "arn:aws:s3:::b/k")).allowed())
                                    .as("logs only").isFalse());
            assertThat(ManagedPolicies.statements("arn:aws:iam::aws:policy/SomethingElse")).as("unknown").isEmpty();
            assertThat(ManagedPolicies.statements("arn:aws:iam::123456789012:policy/Mine")).as("customer managed")
                    .isEmpty();
        }
    }
}
