package dev.mediapipeline.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The error documents of failed invocations, as Lambda writes them, and the other small texts of an invocation. */
final class FunctionErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter LAMBDA_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private FunctionErrors() {
    }

    static FunctionError platformError(FunctionError.Kind kind, String type, String message) {
        ObjectNode json = JSON.createObjectNode();
        json.put("errorMessage", message);
        json.put("errorType", type);
        json.putArray("stackTrace");
        return new FunctionError(kind, type, message, List.of(), json.toString());
    }

    /** Reads the error document the runtime interface client posted. */
    static FunctionError errorDocument(FunctionError.Kind kind, byte[] body, String headerType) {
        String text = new String(body, 0, Math.min(body.length, RuntimeApiHandler.MAX_PAYLOAD), StandardCharsets.UTF_8);
        try {
            JsonNode json = JSON.readTree(text);
            if (json != null && json.isObject()) {
                String type = json.path("errorType").asText(headerType == null ? "Unknown" : headerType);
                String message = json.path("errorMessage").asText("");
                List<String> stack = new ArrayList<>();
                json.path("stackTrace").forEach(s -> stack.add(s.asText()));
                return new FunctionError(kind, type, message, stack, json.toString());
            }
        } catch (IOException e) {
            // not JSON: keep the text as the message
        }
        String type = headerType == null ? "Unknown" : headerType;
        ObjectNode json = JSON.createObjectNode();
        json.put("errorMessage", text);
        json.put("errorType", type);
        json.putArray("stackTrace");
        return new FunctionError(kind, type, text, List.of(), json.toString());
    }

    static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] root = new byte[12];
        byte[] parent = new byte[8];
        random.nextBytes(root);
        random.nextBytes(parent);
        return "Root=1-" + Long.toHexString(Instant.now().getEpochSecond()) + "-" + HexFormat.of().formatHex(root)
                + ";Parent=" + HexFormat.of().formatHex(parent) + ";Sampled=0";
    }

    static String signalName(int signal) {
        return switch (signal) {
            case 9 -> "killed";
            case 15 -> "terminated";
            case 6 -> "aborted";
            case 11 -> "segmentation fault";
            default -> "signal " + signal;
        };
    }


    /** Lambda's timeout error: {@code <time> <request id> Task timed out after N.00 seconds}. */
    static FunctionError timeout(String requestId, int timeoutSeconds) {
        return platformError(FunctionError.Kind.TIMEOUT, "Sandbox.Timedout", LAMBDA_TIME.format(Instant.now()) + " "
                + requestId + " Task timed out after " + timeoutSeconds + ".00 seconds");
    }

    /** The process exited while it ran (or before it started) an invocation. */
    static FunctionError exitError(FunctionError.Kind kind, String requestId, String reason) {
        return platformError(kind, "Runtime.ExitError", "RequestId: " + requestId
                + " Error: Runtime exited with error: " + reason);
    }

    /** A process that never became ready: its init error document, else why it exited. */
    static FunctionError initFailure(Sandbox sandbox, String requestId, String reason, java.time.Duration initTimeout) {
        if (sandbox.initErrorJson != null) {
            return errorDocument(FunctionError.Kind.INIT, sandbox.initErrorJson.getBytes(StandardCharsets.UTF_8), null);
        }
        return exitError(FunctionError.Kind.INIT, requestId, reason + (sandbox.killedByRuntime
                ? " (did not start within " + initTimeout.toSeconds() + " s)" : ""));
    }
}
