package dev.mediapipeline.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** An opened object: its metadata and a stream of its bytes. Close it to release the connection. */
public final class StoredObject implements AutoCloseable {

    private final ObjectInfo info;
    private final InputStream content;

    public StoredObject(ObjectInfo info, InputStream content) {
        this.info = info;
        this.content = content;
    }

    public ObjectInfo info() {
        return info;
    }

    public InputStream content() {
        return content;
    }

    @Override
    public void close() {
        try {
            content.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing " + info.bucket() + "/" + info.key(), e);
        }
    }
}
