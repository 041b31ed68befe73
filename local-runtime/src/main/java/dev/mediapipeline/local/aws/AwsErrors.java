package dev.mediapipeline.local.aws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Error documents in the shape each AWS protocol family's clients parse: {@code {"__type":..,"message":..}} for
 * the JSON protocols (DynamoDB, and any request carrying {@code X-Amz-Target} or a JSON body), the query
 * protocol's {@code <ErrorResponse>} for form-encoded {@code Action=} requests, and S3's {@code <Error>}
 * otherwise. Never a stack trace.
 */
final class AwsErrors {

    enum Protocol { JSON, QUERY_XML, S3_XML }

    record Document(int status, String contentType, byte[] body) {
    }

    private AwsErrors() {
    }

    /** The protocol family a request's client expects its errors in. */
    static Protocol protocolOf(Request request) {
        String target = request.getHeaders().get("X-Amz-Target");
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (target != null || (contentType != null && contentType.toLowerCase().contains("json"))) {
            return Protocol.JSON;
        }
        if (contentType != null && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")
                && !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return Protocol.QUERY_XML;
        }
        return Protocol.S3_XML;
    }

    static Document document(Protocol protocol, int status, String code, String message, String requestId) {
        return switch (protocol) {
            case JSON -> new Document(status, "application/x-amz-json-1.0",
                    ("{\"__type\":\"" + json(code) + "\",\"message\":\"" + json(message) + "\"}")
                            .getBytes(StandardCharsets.UTF_8));
            case QUERY_XML -> new Document(status, "text/xml",
                    ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse><Error><Type>"
                            + (status == 500 || status == 503 ? "Receiver" : "Sender") + "</Type><Code>" + xml(code) + "</Code><Message>"
                            + xml(message) + "</Message></Error><RequestId>" + xml(requestId)
                            + "</RequestId></ErrorResponse>").getBytes(StandardCharsets.UTF_8));
            case S3_XML -> new Document(status, "application/xml",
                    ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + xml(code) + "</Code><Message>"
                            + xml(message) + "</Message><RequestId>" + xml(requestId) + "</RequestId></Error>")
                            .getBytes(StandardCharsets.UTF_8));
        };
    }

    /** Writes an error answer to a request no backend saw, and completes it. */
    static void send(Request request, Response response, Callback callback, int status, String code, String message) {
        Protocol protocol = protocolOf(request);
        String requestId = newRequestId();
        Document document = document(protocol, status, code, message, requestId);
        response.setStatus(status);
        response.getHeaders().put(protocol == Protocol.JSON ? "x-amzn-RequestId" : "x-amz-request-id", requestId);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, document.contentType());
        if ("HEAD".equals(request.getMethod())) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
            callback.succeeded();
            return;
        }
        response.write(true, ByteBuffer.wrap(document.body()), callback);
    }

    /** The throwable and its causes, outermost first (a cause cycle ends the chain). */
    static List<Throwable> causalChain(Throwable throwable) {
        var chain = new ArrayList<Throwable>();
        for (Throwable t = throwable; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** S3's request id shape: 16 upper-case hexadecimal digits. */
    static String newRequestId() {
        return HexFormat.of().withUpperCase().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    static String xml(String text) {
        if (text == null) {
            return "";
        }
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        out.append('?');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    static String json(String text) {
        if (text == null) {
            return "";
        }
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
