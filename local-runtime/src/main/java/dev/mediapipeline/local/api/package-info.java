/**
 * API Gateway HTTP API emulation: the template's {@code AWS::Serverless::HttpApi} routes served on the local runtime's
 * web port ({@code http://localhost:8080/api}), each request turned into the exact payload format 2.0 event, the
 * route's function invoked synchronously through the same Runtime API path as every other invocation, and its answer
 * mapped back to HTTP the way API Gateway does (including its own 404, 413, 500 and 503 answers and, when the API
 * declares a {@code CorsConfiguration}, its CORS handling).
 */
package dev.mediapipeline.local.api;
