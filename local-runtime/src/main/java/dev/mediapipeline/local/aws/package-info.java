/**
 * The local runtime's one AWS endpoint ({@link dev.mediapipeline.local.aws.AwsEndpoint}): S3 and DynamoDB on one
 * port, as real servers from Maven Central running in this JVM.
 *
 * <pre>
 * client ──HTTP──▶ Jetty 12.0 (one port, loopback) ── ServiceRouter: SigV4 credential scope / X-Amz-Target
 *                     ├─ dynamodb ──▶ DynamoDB Local's handler (in process, -sharedDb, on disk or in memory)
 *                     ├─ s3 / unsigned ──▶ S3Servlet ──▶ S3Proxy's S3ProxyHandler (path-style, or one per
 *                     │                     virtual-host base) ──▶ NotifyingBlobStore ──▶ filesystem or in-memory store
 *                     │                                                    └─▶ ObjectEventListener (one event per change)
 *                     └─ other service / unreadable signature ──▶ AWS-style error naming it
 * </pre>
 *
 * <p>Both servers run inside the endpoint's own Jetty (no internal ports, no proxy hop): DynamoDB Local's Jetty
 * handler is mounted directly; S3Proxy's protocol handler is hosted by a servlet, which lets the endpoint set the
 * request id, CORS and the event context on the very thread that writes the object. S3Proxy shades its own Jetty,
 * so the unshaded Jetty on the class path is the 12.0 line DynamoDB Local is built on, pinned by the parent pom.
 */
package dev.mediapipeline.local.aws;
