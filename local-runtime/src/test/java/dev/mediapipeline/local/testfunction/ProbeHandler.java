package dev.mediapipeline.local.testfunction;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mediapipeline.aws.AwsClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The local runtime's test function, packaged into a jar by the tests and run in its own JVM through the real
 * runtime interface client. What it does is chosen by the event's {@code action} (or, for S3/SNS events, which
 * carry none, by {@code probe-action-<name>} in the object key, else the {@code PROBE_ACTION} variable): echo, env, throw, sleep, oom, exit, halt, spawn, big, s3put.
 * API Gateway events (payload 2.0) take the action and its parameters from the query string ({@code ?action=sleep&millis=500});
 * for them, {@code respond} returns the request body as the function's response, {@code string} returns a JSON
 * string and {@code garbage} returns something that is not JSON.
 * With {@code PROBE_RECORD_DIR} set, every invocation first writes what it received into that directory, so tests
 * can see each attempt.
 */
public class ProbeHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long BORN = System.currentTimeMillis();

    public ProbeHandler() {
        if ("true".equals(System.getenv("PROBE_FAIL_INIT"))) {
            throw new IllegalStateException("probe refuses to initialise");
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long start = System.currentTimeMillis();
        JsonNode event = JSON.readTree(input);
        boolean apiEvent = "2.0".equals(event.path("version").asText()) && event.has("requestContext");
        JsonNode parameters = apiEvent ? event.path("queryStringParameters") : event;
        String action = parameters.hasNonNull("action") ? parameters.get("action").asText()
                : event.has("Records") ? actionNamedIn(event.toString())
                : System.getenv().getOrDefault("PROBE_ACTION", "echo");
        System.out.println("{\"level\":\"INFO\",\"message\":\"probe " + action + "\",\"requestId\":\""
                + context.getAwsRequestId() + "\"}");
        System.out.println("plain text line from " + context.getFunctionName());
        record(event, context, start);
        ObjectNode result = JSON.createObjectNode();
        result.put("pid", ProcessHandle.current().pid());
        result.put("born", BORN);
        result.put("start", start);
        switch (action) {
            case "echo" -> result.set("event", event);
            case "env" -> {
                result.set("env", JSON.valueToTree(new TreeMap<>(System.getenv())));
                result.put("tmpdir", System.getProperty("java.io.tmpdir"));
                result.put("maxHeap", Runtime.getRuntime().maxMemory());
                result.put("timezone", java.util.TimeZone.getDefault().getID());
                result.put("userDir", System.getProperty("user.dir"));
                result.put("jni", System.getProperty(
                        "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI"));
                result.put("functionName", context.getFunctionName());
                result.put("memoryLimit", context.getMemoryLimitInMB());
                result.put("remainingMillis", context.getRemainingTimeInMillis());
                result.put("arn", context.getInvokedFunctionArn());
                result.put("requestId", context.getAwsRequestId());
            }
            case "throw" -> throw new IllegalStateException(parameters.path("message").asText("probe was told to fail"));
            case "sleep" -> sleep(parameters.path("millis").asLong(1000));
            case "respond" -> {
                String body = event.path("body").asText("");
                output.write(event.path("isBase64Encoded").asBoolean()
                        ? java.util.Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8));
                return;
            }
            case "string" -> {
                output.write("\"plain text answer\"".getBytes(StandardCharsets.UTF_8));
                return;
            }
            case "garbage" -> {
                output.write("this is not JSON".getBytes(StandardCharsets.UTF_8));
                return;
            }
            case "oom" -> {
                List<byte[]> hog = new ArrayList<>();
                while (true) {
                    hog.add(new byte[8 * 1024 * 1024]);
                }
            }
            case "exit" -> System.exit(event.path("code").asInt(3));
            case "halt" -> Runtime.getRuntime().halt(event.path("code").asInt(134));
            case "spawn" -> {
                Process child = new ProcessBuilder("sleep", "600").start();
                result.put("childPid", child.pid());
                Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), "child.pid"), Long.toString(child.pid()));
                recordChild(child.pid());
                sleep(event.path("millis").asLong(600_000));
            }
            case "big" -> result.put("data", "x".repeat(event.path("bytes").asInt(1024)));
            case "s3put" -> {
                ObjectNode body = JSON.createObjectNode();
                body.set("event", event);
                body.set("env", JSON.valueToTree(new TreeMap<>(Map.of(
                        "AWS_ENDPOINT_URL", System.getenv("AWS_ENDPOINT_URL"),
                        "AWS_REGION", System.getenv("AWS_REGION"),
                        "AWS_LAMBDA_FUNCTION_NAME", System.getenv("AWS_LAMBDA_FUNCTION_NAME")))));
                try (S3Client s3 = AwsClients.fromEnvironment().newS3Client()) {
                    s3.putObject(b -> b.bucket(event.get("bucket").asText()).key(event.get("key").asText()),
                            RequestBody.fromString(body.toString()));
                }
            }
            default -> throw new IllegalArgumentException("unknown probe action " + action);
        }
        result.put("end", System.currentTimeMillis());
        output.write(JSON.writeValueAsBytes(result));
    }

    /** S3 and SNS events carry no action: a key containing {@code probe-action-<name>} picks one, else PROBE_ACTION. */
    private static String actionNamedIn(String eventText) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("probe-action-([a-z]+)").matcher(eventText);
        return m.find() ? m.group(1) : System.getenv().getOrDefault("PROBE_ACTION", "echo");
    }

    private static void record(JsonNode event, Context context, long start) throws IOException {
        String dir = System.getenv("PROBE_RECORD_DIR");
        if (dir == null) {
            return;
        }
        ObjectNode record = JSON.createObjectNode();
        record.put("function", context.getFunctionName());
        record.put("requestId", context.getAwsRequestId());
        record.put("pid", ProcessHandle.current().pid());
        record.put("start", start);
        record.set("event", event);
        Path target = Path.of(dir, context.getFunctionName() + "-" + System.nanoTime() + "-"
                + ProcessHandle.current().pid() + ".json");
        Path tmp = Path.of(dir, "." + target.getFileName() + ".tmp");
        Files.write(tmp, JSON.writeValueAsBytes(record));
        Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void recordChild(long pid) throws IOException {
        String dir = System.getenv("PROBE_RECORD_DIR");
        if (dir != null) {
            Files.writeString(Path.of(dir, "child-" + pid + ".pid"), Long.toString(pid), StandardCharsets.UTF_8);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
