package dev.mediapipeline.local.aws;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Reads a DynamoDB request's JSON body before DynamoDB Local does, so that a body which is not a JSON object is
 * answered as DynamoDB answers it (400 SerializationException) rather than with DynamoDB Local's 500
 * InternalFailure, which SDKs retry.
 */
final class DynamoDbBody {

    /** DynamoDB's request size limit. */
    static final int MAX_BYTES = 16 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private DynamoDbBody() {
    }

    /**
     * The request to hand on (its body buffered and replayable), or null when an error has been sent.
     */
    static Request check(Request request, Response response, Callback callback) throws Exception {
        if (!"POST".equals(request.getMethod())) {
            return request;
        }
        if (request.getLength() > MAX_BYTES) {
            AwsErrors.send(request, response, callback, 413, "RequestEntityTooLarge",
                    "Request size exceeded " + MAX_BYTES + " bytes");
            return null;
        }
        ByteBuffer body = Content.Source.asByteBuffer(request);
        if (body.remaining() > MAX_BYTES) {
            AwsErrors.send(request, response, callback, 413, "RequestEntityTooLarge",
                    "Request size exceeded " + MAX_BYTES + " bytes");
            return null;
        }
        byte[] bytes = new byte[body.remaining()];
        body.duplicate().get(bytes);
        String problem;
        JsonNode tree = null;
        try {
            tree = JSON.readTree(bytes);
            problem = tree != null && tree.isObject() ? null : "the request body is not a JSON object";
        } catch (JacksonException e) {
            problem = "the request body is not valid JSON: " + e.getOriginalMessage();
        }
        if (problem != null) {
            AwsErrors.send(request, response, callback, 400, "com.amazon.coral.service#SerializationException",
                    problem);
            return null;
        }
        return new Replayed(request, ByteBuffer.wrap(bytes), tree);
    }

    /** The JSON object of a request {@link #check} handed on; null for a request it passed through unread. */
    static JsonNode json(Request checked) {
        return checked instanceof Replayed replayed ? replayed.json : null;
    }

    /** The request with its already-read body served again. */
    private static final class Replayed extends Request.Wrapper {

        private final JsonNode json;
        private ByteBuffer remaining;

        Replayed(Request wrapped, ByteBuffer body, JsonNode json) {
            super(wrapped);
            this.remaining = body;
            this.json = json;
        }

        @Override
        public synchronized Content.Chunk read() {
            if (remaining == null) {
                return Content.Chunk.EOF;
            }
            Content.Chunk chunk = Content.Chunk.from(remaining, true);
            remaining = null;
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run();
        }

        @Override
        public boolean consumeAvailable() {
            return true;
        }
    }
}
