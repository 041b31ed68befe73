package dev.mediapipeline.local.aws;

import static dev.mediapipeline.local.aws.FunctionClients.function;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mediapipeline.local.iam.FunctionCredentials;
import dev.mediapipeline.local.iam.Statements;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The endpoint evaluating functions' requests against their roles, exercised with the real SDK clients signing
 * with each function's temporary credentials.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IamEnforcementTest {

    private static final String BUCKET = "iam-media";
    private static final String TABLE = "iam-assets";
    private static final String TABLE_ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/" + TABLE;

    private AwsEndpoint endpoint;
    /** May read and write uploads/ (not uploads/forbidden/), delete uploads/, query the table (not its index). */
    private FunctionCredentials writer;
    /** May read everything, list the bucket, query the table's indexes. */
    private FunctionCredentials reader;

    @BeforeAll
    void start() {
        endpoint = AwsEndpoint.start(EndpointOptions.ephemeral(), new RecordingListener());
        endpoint.ensureBucket(BUCKET);
        endpoint.ensureTable(CreateTableRequest.builder().tableName(TABLE)
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("status").attributeType(ScalarAttributeType.S)
                                .build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byStatus")
                        .keySchema(KeySchemaElement.builder().attributeName("status").keyType(KeyType.HASH).build())
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())
                .billingMode(BillingMode.PAY_PER_REQUEST).build());
        writer = endpoint.iam().register(function("WriterFunction", List.of(
                Statements.allow(List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
                        List.of("arn:aws:s3:::" + BUCKET + "/uploads/*")),
                Statements.deny(List.of("s3:PutObject"), List.of("arn:aws:s3:::" + BUCKET + "/uploads/forbidden/*")),
                Statements.allow(List.of("dynamodb:Query", "dynamodb:PutItem"), List.of(TABLE_ARN)))))
                .credentials();
        reader = endpoint.iam().register(function("ReaderFunction", List.of(
                Statements.allow(List.of("s3:GetObject"), List.of("arn:aws:s3:::" + BUCKET + "/*")),
                Statements.allow(List.of("s3:ListBucket"), List.of("arn:aws:s3:::" + BUCKET)),
                Statements.allow(List.of("dynamodb:Query"), List.of(TABLE_ARN + "/index/*")))))
                .credentials();
        endpoint.s3().putObject(b -> b.bucket(BUCKET).key("private/secret.txt"), RequestBody.fromString("secret"));
    }

    @AfterAll
    void stop() {
        endpoint.close();
    }

    private static String denial(String function, String action, String resource, boolean quoted) {
        return "User: arn:aws:sts::000000000000:assumed-role/" + function + "Role/" + function
                + " is not authorized to perform: " + action + " on resource: " + (quoted ? "\"" + resource + "\""
                : resource) + " because no identity-based policy allows the " + action + " action";
    }

    private boolean exists(String key) {
        try {
            endpoint.s3().headObject(b -> b.bucket(BUCKET).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    @Nested
    class S3Requests {

        @Test
        void whatTheRoleGrantsIsAllowed() {
            try (var s3 = FunctionClients.s3(endpoint, writer)) {
                s3.putObject(b -> b.bucket(BUCKET).key("uploads/allowed.txt"), RequestBody.fromString("mine"));

                assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("uploads/allowed.txt")).asUtf8String())
                        .as("read back with the function's credentials").isEqualTo("mine");
            }
        }

        @Test
        void whatItDoesNotGrantIsDeniedAsS3DeniesIt() {
            try (var s3 = FunctionClients.s3(endpoint, writer)) {
                S3Exception denied = catchThrowableOfType(S3Exception.class, () -> s3.putObject(
                        b -> b.bucket(BUCKET).key("elsewhere/x.txt"), RequestBody.fromString("no")));

                assertThat(denied.statusCode()).as("status").isEqualTo(403);
                assertThat(denied.awsErrorDetails().errorCode()).as("code").isEqualTo("AccessDenied");
                assertThat(denied.awsErrorDetails().errorMessage()).as("message").isEqualTo(denial("WriterFunction",
                        "s3:PutObject", "arn:aws:s3:::" + BUCKET + "/elsewhere/x.txt", true));
                assertThat(exists("elsewhere/x.txt")).as("nothing was written").isFalse();
            }
        }

        @Test
        void anExplicitDenyIsNamedAsSuch() {
            try (var s3 = FunctionClients.s3(endpoint, writer)) {
                S3Exception denied = catchThrowableOfType(S3Exception.class, () -> s3.putObject(
                        b -> b.bucket(BUCKET).key("uploads/forbidden/x.txt"), RequestBody.fromString("no")));

                assertThat(denied.awsErrorDetails().errorMessage()).as("message").endsWith(
                        "is not authorized to perform: s3:PutObject on resource: \"arn:aws:s3:::" + BUCKET
                                + "/uploads/forbidden/x.txt\" with an explicit deny in an identity-based policy");
            }
        }

        @Test
        void copyNeedsToReadTheSource() {
            try (var s3 = FunctionClients.s3(endpoint, writer)) {
                S3Exception denied = catchThrowableOfType(S3Exception.class, () -> s3.copyObject(b -> b
                        .sourceBucket(BUCKET).sourceKey("private/secret.txt")
                        .destinationBucket(BUCKET).destinationKey("uploads/stolen.txt")));

                assertThat(denied.awsErrorDetails().errorMessage()).as("message").isEqualTo(denial("WriterFunction",
                        "s3:GetObject", "arn:aws:s3:::" + BUCKET + "/private/secret.txt", true));
                assertThat(exists("uploads/stolen.txt")).as("nothing was copied").isFalse();
            }
        }

        @Test
        void aMissingKeyIs404OnlyToWhoMayListTheBucket() {
            try (var asWriter = FunctionClients.s3(endpoint, writer);
                 var asReader = FunctionClients.s3(endpoint, reader)) {
                S3Exception forWriter = catchThrowableOfType(S3Exception.class,
                        () -> asWriter.getObjectAsBytes(b -> b.bucket(BUCKET).key("uploads/missing.txt")));
                S3Exception headForWriter = catchThrowableOfType(S3Exception.class,
                        () -> asWriter.headObject(b -> b.bucket(BUCKET).key("uploads/missing.txt")));

                assertThat(forWriter.statusCode()).as("GET without s3:ListBucket").isEqualTo(403);
                assertThat(forWriter.awsErrorDetails().errorMessage()).as("message").isEqualTo(
                        denial("WriterFunction", "s3:ListBucket", "arn:aws:s3:::" + BUCKET, true));
                assertThat(headForWriter.statusCode()).as("HEAD without s3:ListBucket").isEqualTo(403);
                assertThatThrownBy(() -> asReader.headObject(b -> b.bucket(BUCKET).key("uploads/missing.txt")))
                        .as("HEAD with s3:ListBucket").isInstanceOf(NoSuchKeyException.class);
                assertThatThrownBy(() -> asReader.getObjectAsBytes(b -> b.bucket(BUCKET).key("missing.txt")))
                        .as("GET with s3:ListBucket").isInstanceOf(NoSuchKeyException.class);
            }
        }

        @Test
        void deleteObjectsRefusesKeyByKeyInsideItsResult() {
            endpoint.s3().putObject(b -> b.bucket(BUCKET).key("uploads/d1.txt"), RequestBody.fromString("1"));
            endpoint.s3().putObject(b -> b.bucket(BUCKET).key("keep/d2.txt"), RequestBody.fromString("2"));
            try (var s3 = FunctionClients.s3(endpoint, writer)) {
                var result = s3.deleteObjects(b -> b.bucket(BUCKET).delete(Delete.builder().objects(
                        ObjectIdentifier.builder().key("uploads/d1.txt").build(),
                        ObjectIdentifier.builder().key("keep/d2.txt").build()).build()));

                assertThat(result.deleted()).as("deleted").extracting(d -> d.key()).containsExactly("uploads/d1.txt");
                assertThat(result.errors()).as("refused").singleElement().satisfies(error -> {
                    assertThat(error.key()).as("key").isEqualTo("keep/d2.txt");
                    assertThat(error.code()).as("code").isEqualTo("AccessDenied");
                });
                assertThat(exists("uploads/d1.txt")).as("allowed key gone").isFalse();
                assertThat(exists("keep/d2.txt")).as("refused key kept").isTrue();
            }
        }

        @Test
        void aWrongSessionTokenIsRefused() {
            var forged = new FunctionCredentials(writer.accessKeyId(), writer.secretAccessKey(), "not-the-token");
            try (var s3 = FunctionClients.s3(endpoint, forged)) {
                S3Exception refused = catchThrowableOfType(S3Exception.class,
                        () -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("uploads/allowed.txt")));

                assertThat(refused.awsErrorDetails().errorCode()).as("code").isEqualTo("InvalidToken");
            }
        }

        @Test
        void theEndpointsOwnCredentialsKeepFullAccess() {
            endpoint.s3().putObject(b -> b.bucket(BUCKET).key("anywhere/admin.txt"), RequestBody.fromString("ok"));

            assertThat(exists("anywhere/admin.txt")).as("written with the default credentials").isTrue();
        }

        @Test
        void notEnforcingLetsEverythingThrough() {
            endpoint.iam().enforcing(false);
            try (var s3 = FunctionClients.s3(endpoint, writer)) {
                s3.putObject(b -> b.bucket(BUCKET).key("not-enforced/x.txt"), RequestBody.fromString("ok"));
            } finally {
                endpoint.iam().enforcing(true);
            }

            assertThat(exists("not-enforced/x.txt")).as("written with enforcement off").isTrue();
        }
    }

    @Nested
    class SignedUrlsAndForms {

        @Test
        void aPresignedGetIsAuthorisedAsItsSigner() {
            endpoint.s3().putObject(b -> b.bucket(BUCKET).key("uploads/shared.txt"), RequestBody.fromString("hi"));
            try (var presigner = FunctionClients.presigner(endpoint, writer)) {
                String allowed = presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                        .getObjectRequest(g -> g.bucket(BUCKET).key("uploads/shared.txt"))).url().toString();
                String denied = presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                        .getObjectRequest(g -> g.bucket(BUCKET).key("private/secret.txt"))).url().toString();

                HttpResponse<String> ok = Clients.send(HttpRequest.newBuilder(java.net.URI.create(allowed)).GET()
                        .build());
                HttpResponse<String> refused = Clients.send(HttpRequest.newBuilder(java.net.URI.create(denied)).GET()
                        .build());

                assertThat(ok.statusCode()).as("granted key: " + ok.body()).isEqualTo(200);
                assertThat(ok.body()).as("body").isEqualTo("hi");
                assertThat(refused.statusCode()).as("refused key").isEqualTo(403);
                assertThat(refused.body()).as("S3 error").contains("<Code>AccessDenied</Code>")
                        .contains(denial("WriterFunction", "s3:GetObject",
                                "arn:aws:s3:::" + BUCKET + "/private/secret.txt", true));
            }
        }

        @Test
        void aPostUploadIsAuthorisedAsTheSignerOfItsForm() {
            var form = new PostPolicyForm(BUCKET, "", "image/", 1024, Instant.now().plusSeconds(300))
                    .signedBy(writer.accessKeyId(), writer.secretAccessKey(), writer.sessionToken());

            HttpResponse<String> ok = Clients.send(form.upload(endpoint, "uploads/${filename}", "image/png",
                    new byte[]{1, 2, 3}));
            HttpResponse<String> refused = Clients.send(form.upload(endpoint, "elsewhere/posted.bin", "image/png",
                    new byte[]{1, 2, 3}));

            assertThat(ok.statusCode()).as("granted key: " + ok.body()).isBetween(200, 204);
            assertThat(exists("uploads/upload.bin")).as("uploaded under the file's name").isTrue();
            assertThat(refused.statusCode()).as("refused key").isEqualTo(403);
            assertThat(refused.body()).as("S3 error").contains("<Code>AccessDenied</Code>")
                    .contains("s3:PutObject on resource: \"arn:aws:s3:::" + BUCKET + "/elsewhere/posted.bin\"");
            assertThat(exists("elsewhere/posted.bin")).as("nothing stored").isFalse();
        }
    }

    @Nested
    class DynamoDbRequests {

        @Test
        void aGsiQueryNeedsTheIndexArn() {
            try (var asWriter = FunctionClients.dynamoDb(endpoint, writer);
                 var asReader = FunctionClients.dynamoDb(endpoint, reader)) {
                asWriter.putItem(b -> b.tableName(TABLE).item(Map.of("id", AttributeValue.fromS("a1"),
                        "status", AttributeValue.fromS("READY"))));
                var byTable = asWriter.query(b -> b.tableName(TABLE).keyConditionExpression("id = :id")
                        .expressionAttributeValues(Map.of(":id", AttributeValue.fromS("a1"))));
                DynamoDbException denied = catchThrowableOfType(DynamoDbException.class, () -> asWriter.query(b -> b
                        .tableName(TABLE).indexName("byStatus").keyConditionExpression("#s = :s")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("READY")))));
                var byIndex = asReader.query(b -> b.tableName(TABLE).indexName("byStatus")
                        .keyConditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("READY"))));

                assertThat(byTable.count()).as("query on the table it may query").isEqualTo(1);
                assertThat(denied.statusCode()).as("status").isEqualTo(400);
                assertThat(denied.awsErrorDetails().errorCode()).as("code").isEqualTo("AccessDeniedException");
                assertThat(denied.awsErrorDetails().errorMessage()).as("message").isEqualTo(denial("WriterFunction",
                        "dynamodb:Query", TABLE_ARN + "/index/byStatus", false));
                assertThat(byIndex.count()).as("query by a role granted index/*").isEqualTo(1);
            }
        }

        @Test
        void anItemWriteItsRoleLacksIsDenied() {
            try (var asReader = FunctionClients.dynamoDb(endpoint, reader)) {
                DynamoDbException denied = catchThrowableOfType(DynamoDbException.class, () -> asReader.putItem(
                        b -> b.tableName(TABLE).item(Map.of("id", AttributeValue.fromS("r1")))));

                assertThat(denied.awsErrorDetails().errorMessage()).as("message").isEqualTo(denial("ReaderFunction",
                        "dynamodb:PutItem", TABLE_ARN, false));
                assertThat(endpoint.dynamoDb().getItem(b -> b.tableName(TABLE)
                        .key(Map.of("id", AttributeValue.fromS("r1")))).hasItem()).as("nothing written").isFalse();
            }
        }
    }
}
