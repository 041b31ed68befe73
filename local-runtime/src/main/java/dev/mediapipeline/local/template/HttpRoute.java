package dev.mediapipeline.local.template;

/**
 * An API route that invokes a function: a SAM {@code Type: HttpApi} (or {@code Api}) event. Parsed so the local
 * runtime can serve it; see the media API.
 *
 * @param method HTTP method, or {@code ANY}
 * @param path   route path, with {@code {parameters}} and {@code {proxy+}}
 * @param apiId  logical id of the API it belongs to, {@code ServerlessHttpApi} / {@code ServerlessRestApi} when implicit
 * @param payloadFormatVersion {@code 2.0} (HTTP API default), {@code 1.0}; REST APIs always {@code 1.0}
 */
public record HttpRoute(String eventName, String method, String path, String apiId, boolean restApi,
                        String payloadFormatVersion) {
}
