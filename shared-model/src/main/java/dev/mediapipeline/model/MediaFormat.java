package dev.mediapipeline.model;

/**
 * The container formats the pipeline recognises by their magic bytes. {@link #processable()} tells whether the
 * pipeline makes renditions of it; a recognised but unprocessable format (audio, PDF) is reported, not dropped.
 */
public enum MediaFormat {
    JPEG("image/jpeg", MediaKind.IMAGE, "jpg", true),
    PNG("image/png", MediaKind.IMAGE, "png", true),
    GIF("image/gif", MediaKind.IMAGE, "gif", true),
    BMP("image/bmp", MediaKind.IMAGE, "bmp", true),
    WEBP("image/webp", MediaKind.IMAGE, "webp", true),
    TIFF("image/tiff", MediaKind.IMAGE, "tiff", true),
    HEIF("image/heif", MediaKind.IMAGE, "heic", true),
    AVIF("image/avif", MediaKind.IMAGE, "avif", true),
    MP4("video/mp4", MediaKind.VIDEO, "mp4", true),
    QUICKTIME("video/quicktime", MediaKind.VIDEO, "mov", true),
    MATROSKA("video/x-matroska", MediaKind.VIDEO, "mkv", true),
    WEBM("video/webm", MediaKind.VIDEO, "webm", true),
    AVI("video/x-msvideo", MediaKind.VIDEO, "avi", true),
    MPEG_TS("video/mp2t", MediaKind.VIDEO, "ts", true),
    MPEG_PS("video/mpeg", MediaKind.VIDEO, "mpg", true),
    FLV("video/x-flv", MediaKind.VIDEO, "flv", true),
    MP3("audio/mpeg", MediaKind.AUDIO, "mp3", false),
    M4A("audio/mp4", MediaKind.AUDIO, "m4a", false),
    WAV("audio/wav", MediaKind.AUDIO, "wav", false),
    FLAC("audio/flac", MediaKind.AUDIO, "flac", false),
    OGG("audio/ogg", MediaKind.AUDIO, "ogg", false),
    PDF("application/pdf", MediaKind.OTHER, "pdf", false),
    ZIP("application/zip", MediaKind.OTHER, "zip", false),
    EMPTY("application/x-empty", MediaKind.OTHER, "", false),
    UNKNOWN("application/octet-stream", MediaKind.OTHER, "bin", false);

    private final String mimeType;
    private final MediaKind kind;
    private final String extension;
    private final boolean processable;

    MediaFormat(String mimeType, MediaKind kind, String extension, boolean processable) {
        this.mimeType = mimeType;
        this.kind = kind;
        this.extension = extension;
        this.processable = processable;
    }

    public String mimeType() {
        return mimeType;
    }

    public MediaKind kind() {
        return kind;
    }

    public String extension() {
        return extension;
    }

    /** True when the pipeline makes renditions of this format. */
    public boolean processable() {
        return processable;
    }
}
