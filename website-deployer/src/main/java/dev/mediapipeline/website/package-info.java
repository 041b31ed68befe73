/**
 * WebsiteDeployFunction: the custom resource that publishes the upload page into the website bucket with a
 * {@code config.json} pointing at the media API, and empties the bucket when the stack is deleted. Handler
 * {@link dev.mediapipeline.website.WebsiteDeployHandler}, core {@link dev.mediapipeline.website.WebsitePublisher},
 * the site's files from {@link dev.mediapipeline.website.SiteBundle}.
 */
package dev.mediapipeline.website;
