package dev.mediapipeline.website;

import dev.mediapipeline.model.Config;

/**
 * The deploy function's settings, read once from the environment.
 *
 * @param websiteBucket WEBSITE_BUCKET: the only bucket the function publishes to or empties (a custom resource
 *                      naming another is refused)
 */
public record WebsiteDeployConfig(String websiteBucket) {

    public static WebsiteDeployConfig fromEnvironment() {
        return from(Config.fromEnvironment());
    }

    public static WebsiteDeployConfig from(Config env) {
        return new WebsiteDeployConfig(env.required("WEBSITE_BUCKET"));
    }
}
