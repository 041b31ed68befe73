package dev.mediapipeline.model;

/** What a stored object is, decided from its content. */
public enum MediaKind {
    IMAGE,
    VIDEO,
    AUDIO,
    /** Anything the pipeline does not process: text, documents, archives, empty objects. */
    OTHER
}
