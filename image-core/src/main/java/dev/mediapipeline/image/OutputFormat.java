package dev.mediapipeline.image;

/** What a rendition is encoded as: JPEG for opaque images, PNG where transparency must survive. */
public enum OutputFormat {
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png");

    private final String contentType;
    private final String extension;

    OutputFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    /** File extension without the dot, as {@code KeyLayout.thumbnailKey} wants it. */
    public String extension() {
        return extension;
    }
}
