/**
 * The local runtime's web port (default 8080): the upload page ({@code website/public/}) at {@code /}, its runtime
 * configuration at {@code /config.json}, and the media API under {@code /api}, mounted there by the API Gateway
 * emulation ({@link dev.mediapipeline.local.web.WebServer#mount}). One JDK {@code HttpServer}: one context per
 * mount, the longest matching path wins, so the site and the API share the port and the origin.
 */
package dev.mediapipeline.local.web;
