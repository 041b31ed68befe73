package dev.mediapipeline.model;

/** The object an event named is not in the store (it was deleted or overwritten since). */
public class ObjectNotFoundException extends ObjectStoreException {

    public ObjectNotFoundException(String bucket, String key) {
        super("Object s3://" + bucket + "/" + key + " does not exist", null);
    }
}
