package dev.mediapipeline.api;

/**
 * A request the API refuses, with the status, a stable code and, for bad input, the offending field. Rendered as
 * {@code {"error":{"status":400,"code":"invalid_request","field":"limit","message":"..."}}}.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;

    public ApiException(int status, String code, String field, String message) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(400, "invalid_request", field, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", null, message);
    }

    public static ApiException tooLarge(String field, String message) {
        return new ApiException(413, "payload_too_large", field, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
