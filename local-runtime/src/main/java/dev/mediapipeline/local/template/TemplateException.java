package dev.mediapipeline.local.template;

/**
 * The template cannot be run locally: names the place in the template (for example
 * {@code Resources.ThumbnailFunction.Properties.Handler}) and what is wrong there.
 */
public final class TemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String location;

    public TemplateException(String location, String problem) {
        super(location.isEmpty() ? problem : location + ": " + problem);
        this.location = location;
    }

    public TemplateException(String location, String problem, Throwable cause) {
        super(location.isEmpty() ? problem : location + ": " + problem, cause);
        this.location = location;
    }

    /** Where in the template, as a dotted path from the document root. */
    public String location() {
        return location;
    }
}
