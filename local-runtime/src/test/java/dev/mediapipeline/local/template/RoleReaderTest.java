package dev.mediapipeline.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.local.template.PolicyStatement.Effect;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The execution role of each function: the statements an IAM check evaluates, as CloudFormation would create them. */
class RoleReaderTest extends TemplateFixture {

    private static PolicyStatement allow(List<String> actions, List<String> resources, String source) {
        return new PolicyStatement("", Effect.ALLOW, actions, List.of(), resources, List.of(), Map.of(), source);
    }

    @Nested
    class TheProjectTemplate {

        @Test
        void theIndexGetsItsDestinationPolicyThenItsOwnLeastPrivilegeStatements() throws IOException {
            FunctionRole role = parse(projectTemplate()).function("IndexFunction").orElseThrow().role();
            assertThat(role.logicalId()).isEqualTo("IndexFunctionRole");
            assertThat(role.arn()).startsWith("arn:aws:iam::000000000000:role/media-pipeline-IndexFunctionRole-");
            assertThat(role.managedPolicyArns())
                    .containsExactly("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
            String failures = "arn:aws:s3:::media-pipeline-failures-000000000000";
            String table = "arn:aws:dynamodb:us-east-1:000000000000:table/media-pipeline-media";
            assertThat(role.statements().subList(0, 2)).as("SAM's destination policy")
                    .containsExactly(
                            allow(List.of("s3:PutObject"), List.of(failures + "/*"),
                                    "IndexFunctionEventInvokeConfigOnFailureS3Policy"),
                            allow(List.of("s3:ListBucket"), List.of(failures),
                                    "IndexFunctionEventInvokeConfigOnFailureS3Policy"));
            assertThat(role.statements().subList(2, role.statements().size()))
                    .extracting(PolicyStatement::sid, PolicyStatement::source)
                    .as("the inline document, each statement with its Sid")
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("ReadAndWriteAssetItems", "IndexFunctionRolePolicy0"),
                            org.assertj.core.groups.Tuple.tuple("ReadUploadHeaders", "IndexFunctionRolePolicy0"),
                            org.assertj.core.groups.Tuple.tuple("ReadAndCascadeDeleteRenditions", "IndexFunctionRolePolicy0"),
                            org.assertj.core.groups.Tuple.tuple("ListForCascadeAnd404s", "IndexFunctionRolePolicy0"),
                            org.assertj.core.groups.Tuple.tuple("ReadFailureRecords", "IndexFunctionRolePolicy0"));
            assertThat(role.statements().get(2).actions()).as("only the item calls the index makes")
                    .containsExactly("dynamodb:GetItem", "dynamodb:PutItem");
            assertThat(role.statements().get(2).resources()).as("on the table").containsExactly(table);
        }

        @Test
        void conditionsAreOperatorKeyValues() {
            FunctionRole role = parse(FUNCTION + """
                          Policies:
                            - Version: '2012-10-17'
                              Statement:
                                - Sid: ListWorkArea
                                  Effect: Allow
                                  Action: s3:ListBucket
                                  Resource: !Sub 'arn:${AWS::Partition}:s3:::${AWS::StackName}-work'
                                  Condition:
                                    StringLike:
                                      s3:prefix: work/*
                    """).function("Fn").orElseThrow().role();
            PolicyStatement listWork = role.statements().stream().filter(s -> s.sid().equals("ListWorkArea"))
                    .findFirst().orElseThrow();
            assertThat(listWork.conditions()).isEqualTo(Map.of("StringLike", Map.of("s3:prefix", List.of("work/*"))));
            assertThat(listWork.resources()).containsExactly("arn:aws:s3:::media-pipeline-work");
        }
    }

    @Nested
    class ManagedPoliciesAndTemplates {

        @Test
        void namesBecomeArnsAndTemplatesExpandWithResolvedIntrinsics() {
            FunctionRole role = parse(FUNCTION + """
                          Policies:
                            - AmazonS3ReadOnlyAccess
                            - SNSPublishMessagePolicy: {TopicName: !Sub '${AWS::StackName}-alerts'}
                            - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
                    """).function("Fn").orElseThrow().role();
            assertThat(role.managedPolicyArns()).as("SAM's basic role first, names mapped, duplicates dropped")
                    .containsExactly("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                            "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
            assertThat(role.statements()).containsExactly(allow(List.of("sns:Publish"),
                    List.of("arn:aws:sns:us-east-1:000000000000:media-pipeline-alerts"), "FnRolePolicy1"));
        }
    }

    @Nested
    class RolesFromOutsideTheTemplate {

        @Test
        void haveNoStatementsAndAreWarnedAbout() {
            StackTemplate t = parse(FUNCTION + "      Role: arn:aws:iam::123456789012:role/elsewhere\n");
            FunctionRole role = t.function("Fn").orElseThrow().role();
            assertThat(role.arn()).isEqualTo("arn:aws:iam::123456789012:role/elsewhere");
            assertThat(role.statements()).isEmpty();
            assertThat(t.warnings()).anySatisfy(w -> assertThat(w).startsWith("Resources.Fn.Properties.Role:")
                    .contains("not declared in the template"));
        }
    }
}
