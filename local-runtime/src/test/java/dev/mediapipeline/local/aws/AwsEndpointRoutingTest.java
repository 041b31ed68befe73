package dev.mediapipeline.local.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.model.S3Exception;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsEndpointRoutingTest {

    private static final String BUCKET = "routing-bucket";
    private static final String TABLE = "routing-table";
    private static final String SQS_AUTH = "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/sqs/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=0123456789abcdef";

    private AwsEndpoint endpoint;

    @BeforeAll
    void start() {
        endpoint = AwsEndpoint.start(EndpointOptions.ephemeral(), new RecordingListener());
        endpoint.ensureBucket(BUCKET);
        endpoint.ensureTable(CreateTableRequest.builder()
                .tableName(TABLE)
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                        .attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .build());
    }

    @AfterAll
    void stop() {
        endpoint.close();
    }

    @Nested
    class OnePort {

        @Test
        void servesS3AndDynamoDbToSdkClientsOnTheSamePort() {
            try (var s3 = Clients.s3(endpoint, true); var dynamoDb = Clients.dynamoDb(endpoint, "test")) {
                s3.putObject(b -> b.bucket(BUCKET).key("one-port.txt"), RequestBody.fromString("s3 says hi"));
                dynamoDb.putItem(b -> b.tableName(TABLE).item(Map.of("id", AttributeValue.fromS("one-port"),
                        "note", AttributeValue.fromS("dynamodb says hi"))));

                assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("one-port.txt")).asUtf8String())
                        .as("object read back through the S3 API").isEqualTo("s3 says hi");
                assertThat(dynamoDb.getItem(b -> b.tableName(TABLE).key(Map.of("id",
                        AttributeValue.fromS("one-port")))).item().get("note").s())
                        .as("item read back through the DynamoDB API").isEqualTo("dynamodb says hi");
                assertThat(endpoint.uri().getPort()).as("both clients used the one endpoint port")
                        .isEqualTo(endpoint.port());
            }
        }

        @Test
        void answersLocalStacksHealthProbe() {
            HttpResponse<String> response = Clients.send(Clients.request(endpoint, "/_localstack/health").GET()
                    .build());

            assertThat(response.statusCode()).as("status").isEqualTo(200);
            assertThat(response.body()).as("services").contains("\"s3\":\"running\"")
                    .contains("\"dynamodb\":\"running\"");
        }

        @Test
        void sessionCredentialsAsLambdaProvidesThemAreAccepted() {
            var session = software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                    software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(AwsEndpoint.ACCESS_KEY_ID,
                            AwsEndpoint.SECRET_ACCESS_KEY, "FwoGZXIvYXdzEBYaDLocalSessionToken"));
            try (var s3 = software.amazon.awssdk.services.s3.S3Client.builder()
                    .httpClient(dev.mediapipeline.aws.AwsClients.httpClient())
                    .endpointOverride(endpoint.uri())
                    .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                    .credentialsProvider(session)
                    .forcePathStyle(true)
                    .build();
                 var dynamoDb = software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
                         .httpClient(dev.mediapipeline.aws.AwsClients.httpClient())
                         .endpointOverride(endpoint.uri())
                         .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                         .credentialsProvider(session)
                         .build()) {
                s3.putObject(b -> b.bucket(BUCKET).key("session.txt"), RequestBody.fromString("with token"));

                assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("session.txt")).asUtf8String())
                        .as("S3 with a session token").isEqualTo("with token");
                assertThat(dynamoDb.listTables().tableNames()).as("DynamoDB with a session token").contains(TABLE);
            }
        }

        @Test
        void everyAccessKeyAndRegionSeesTheSameTables() {
            try (var other = Clients.dynamoDb(endpoint, "SomeoneElse42")) {
                assertThat(other.listTables().tableNames()).as("tables seen by another key in another region")
                        .contains(TABLE);
            }
        }
    }

    @Nested
    class UnsupportedService {

        @Test
        void jsonProtocolRequestForAnotherServiceGetsAJsonErrorNamingIt() {
            HttpResponse<String> response = Clients.send(Clients.request(endpoint, "/")
                    .header("Authorization", SQS_AUTH)
                    .header("X-Amz-Target", "AmazonSQS.SendMessage")
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"QueueUrl\":\"q\",\"MessageBody\":\"m\"}"))
                    .build());

            assertThat(response.statusCode()).as("status").isEqualTo(501);
            assertThat(response.headers().firstValue("Content-Type")).as("content type")
                    .hasValueSatisfying(type -> assertThat(type).contains("json"));
            assertThat(response.body()).as("JSON error body")
                    .startsWith("{\"__type\":\"NotImplemented\"")
                    .contains("\"message\":\"Service 'sqs' is not available on this local endpoint")
                    .contains("S3 and DynamoDB only");
        }

        @Test
        void queryProtocolRequestForAnotherServiceGetsAnXmlErrorResponseNamingIt() {
            HttpResponse<String> response = Clients.send(Clients.request(endpoint, "/")
                    .header("Authorization", SQS_AUTH.replace("/sqs/", "/sns/"))
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString("Action=Publish&Version=2010-03-31"))
                    .build());

            assertThat(response.statusCode()).as("status").isEqualTo(501);
            assertThat(response.body()).as("query-protocol XML error")
                    .contains("<ErrorResponse><Error><Type>Sender</Type><Code>NotImplemented</Code>")
                    .contains("Service 'sns' is not available on this local endpoint");
        }

        @Test
        void presignedUrlForAnotherServiceGetsAnXmlErrorNamingIt() {
            HttpResponse<String> response = Clients.send(Clients.request(endpoint,
                    "/?Action=GetCallerIdentity&X-Amz-Algorithm=AWS4-HMAC-SHA256"
                            + "&X-Amz-Credential=test%2F20250101%2Fus-east-1%2Fsts%2Faws4_request"
                            + "&X-Amz-Date=20250101T000000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=00").GET().build());

            assertThat(response.statusCode()).as("status").isEqualTo(501);
            assertThat(response.body()).as("S3-style XML error")
                    .contains("<Error><Code>NotImplemented</Code>")
                    .contains("Service 'sts' is not available");
        }
    }

    @Nested
    class MalformedRequests {

        @Test
        void unreadableAuthorizationHeaderGetsAnS3Error() {
            HttpResponse<String> response = Clients.send(Clients.request(endpoint, "/" + BUCKET)
                    .header("Authorization", "AWS4-HMAC-SHA256 garbage").GET().build());

            assertThat(response.statusCode()).as("status").isEqualTo(400);
            assertThat(response.body()).as("error document")
                    .contains("<Code>AuthorizationHeaderMalformed</Code>")
                    .doesNotContain("Exception").doesNotContain("\tat ");
        }

        @Test
        void malformedCredentialScopeInAPresignedUrlGetsAnS3Error() {
            HttpResponse<String> response = Clients.send(Clients.request(endpoint, "/" + BUCKET
                    + "/key?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=not-a-scope").GET().build());

            assertThat(response.statusCode()).as("status").isEqualTo(400);
            assertThat(response.body()).as("error document").contains("<Code>AuthorizationQueryParametersError</Code>");
        }

        @Test
        void dynamoDbRequestWithABrokenJsonBodyGetsAJsonError() {
            HttpResponse<String> response = Clients.send(Clients.request(endpoint, "/")
                    .header("Authorization", SQS_AUTH.replace("/sqs/", "/dynamodb/"))
                    .header("X-Amz-Target", "DynamoDB_20120810.PutItem")
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"TableName\": \"" + TABLE + "\", \"Item\": {"))
                    .build());

            assertThat(response.statusCode()).as("status").isEqualTo(400);
            assertThat(response.body()).as("DynamoDB JSON error").contains("\"__type\"")
                    .doesNotContain("\tat ");
        }

        @Test
        void invalidPercentEncodingInTheUriGetsAnXmlError() throws Exception {
            String answer = Clients.raw(endpoint, "GET /" + BUCKET + "/%zz%G1 HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n");

            assertThat(answer).as("raw answer").startsWith("HTTP/1.1 4")
                    .contains("<Error><Code>").doesNotContain("<html").doesNotContain("\tat ");
        }

        @Test
        void garbageRequestLineIsAnsweredAndTheConnectionClosedNotLeftHanging() throws Exception {
            String answer = Clients.raw(endpoint, "THIS IS NOT HTTP\r\n\r\n");

            assertThat(answer).as("raw answer").startsWith("HTTP/1.1 400")
                    .contains("<Error><Code>BadRequest</Code>").doesNotContain("<html");
        }

        @Test
        void oversizedHeadersGetAnXmlError() throws Exception {
            String answer = Clients.raw(endpoint, "GET /" + BUCKET + " HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                    + "x".repeat(40_000) + "\r\nConnection: close\r\n\r\n");

            assertThat(answer).as("raw answer").startsWith("HTTP/1.1 431").contains("<Error><Code>");
        }

        @Test
        void wrongAccessKeyIsRefusedWithTheKeyToUse() {
            try (var s3 = Clients.s3(endpoint, true, "AKIAREALLOOKINGKEY", "secret")) {
                assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket(BUCKET)))
                        .as("request signed with an unknown key")
                        .isInstanceOfSatisfying(S3Exception.class, e -> {
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId");
                            assertThat(e.awsErrorDetails().errorMessage()).contains("'test'");
                        });
            }
        }

        @Test
        void wrongSecretFailsSignatureVerification() {
            try (var s3 = Clients.s3(endpoint, true, AwsEndpoint.ACCESS_KEY_ID, "not-the-secret")) {
                assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket(BUCKET)))
                        .as("request signed with the wrong secret")
                        .isInstanceOfSatisfying(S3Exception.class, e ->
                                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"));
            }
        }
    }
}
