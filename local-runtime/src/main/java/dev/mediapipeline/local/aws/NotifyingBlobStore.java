package dev.mediapipeline.local.aws;

import java.io.InputStream;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Every change S3Proxy makes to objects passes through here, so every successful creation and removal becomes
 * exactly one {@link ObjectEvent}, after the store has committed it (the filesystem store writes a temporary file
 * and renames it into place) and before the client's response completes. A write that fails throws before the
 * event is built, so it produces none.
 *
 * <p>S3Proxy's own bookkeeping (the {@value #MULTIPART_STUB_PREFIX} objects that carry a multipart upload's
 * metadata; parts never reach this class) is not an object a client created and produces no event. DeleteObjects
 * arrives here as one {@code removeBlob} per key (BlobStore's default {@code removeBlobs}), hence one event per key.
 *
 * <p>Changes to one key are serialised with the minting of their sequencer, so that for any key the event with
 * the greater sequencer describes the later change (what S3 promises); changes to different keys run in parallel.
 */
final class NotifyingBlobStore extends ForwardingBlobStore {

    static final String MULTIPART_STUB_PREFIX = ".s3proxy-mpu-stub-";

    private static final Logger LOG = LoggerFactory.getLogger(NotifyingBlobStore.class);

    private final ObjectEventListener listener;
    private final Sequencer sequencer;
    private final Clock clock;
    private final KeyLocks keyLocks = new KeyLocks();

    NotifyingBlobStore(BlobStore delegate, ObjectEventListener listener, Sequencer sequencer, Clock clock) {
        super(delegate);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.sequencer = Objects.requireNonNull(sequencer, "sequencer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream payload) {
        if (isInternal(request.key())) {
            return super.putBlob(request, payload);
        }
        return keyLocks.with(request.bucket(), request.key(), () -> {
            PutObjectResponse response = super.putBlob(request, payload);
            boolean form = RequestScope.current().map(scope -> "POST".equals(scope.method())).orElse(false);
            created(form ? "ObjectCreated:Post" : "ObjectCreated:Put", request.bucket(), request.key(),
                    response.eTag(), request.contentLength());
            return response;
        });
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        return keyLocks.with(request.destinationBucket(), request.destinationKey(), () -> {
            CopyObjectResponse response = super.copyBlob(request);
            String eTag = response.copyObjectResult() == null ? null : response.copyObjectResult().eTag();
            created("ObjectCreated:Copy", request.destinationBucket(), request.destinationKey(), eTag, null);
            return response;
        });
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload mpu,
                                                                   CompleteMultipartUploadRequest request) {
        return keyLocks.with(mpu.containerName(), mpu.blobName(), () -> {
            CompleteMultipartUploadResponse response = super.completeMultipartUpload(mpu, request);
            created("ObjectCreated:CompleteMultipartUpload", mpu.containerName(), mpu.blobName(), response.eTag(),
                    null);
            return response;
        });
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        if (isInternal(request.key())) {
            return super.removeBlob(request);
        }
        return keyLocks.with(request.bucket(), request.key(), () -> {
            // S3 notifies removals of objects: deleting a key that holds nothing changes nothing, notifies nothing
            boolean existed = request.versionId() != null
                    || delegate().blobMetadataIfPresent(request.bucket(), request.key()) != null;
            DeleteObjectResponse response = super.removeBlob(request);
            if (existed) {
                String name = Boolean.TRUE.equals(response.deleteMarker()) && request.versionId() == null
                        ? "ObjectRemoved:DeleteMarkerCreated" : "ObjectRemoved:Delete";
                emit(name, request.bucket(), request.key(), 0L, null);
            }
            return response;
        });
    }

    private void created(String eventName, String bucket, String key, String writtenETag, Long declaredSize) {
        String eTag = unquote(writtenETag);
        long size;
        try {
            HeadObjectResponse head = delegate().blobMetadata(bucket, key);
            // a concurrent overwrite may already have replaced what we wrote: then trust what the request declared
            boolean same = eTag == null || eTag.equals(unquote(head.eTag()));
            size = same || declaredSize == null ? head.contentLength() : declaredSize;
            if (eTag == null) {
                eTag = unquote(head.eTag());
            }
        } catch (RuntimeException e) {
            // removed again before we could look: S3 still notified the creation
            size = declaredSize == null ? 0L : declaredSize;
        }
        emit(eventName, bucket, key, size, eTag);
    }

    private void emit(String eventName, String bucket, String key, long size, String eTag) {
        try {
            RequestScope scope = RequestScope.current().orElse(null);
            var event = new ObjectEvent(eventName, bucket, key, size, eTag, sequencer.next(), clock.instant(),
                    scope == null ? null : scope.requestId(), scope == null ? null : scope.sourceIp());
            listener.onObjectEvent(event);
        } catch (RuntimeException e) {
            // the object is stored and the client will be told so: a listener failure must not turn that into an
            // error (S3 delivers notifications independently of the request)
            LOG.error("object event listener failed for {} s3://{}/{}", eventName, bucket, key, e);
        }
    }

    static boolean isInternal(String key) {
        return key != null && key.startsWith(MULTIPART_STUB_PREFIX);
    }

    static String unquote(String eTag) {
        if (eTag == null) {
            return null;
        }
        String value = eTag.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** One lock per bucket and key in use, dropped when no thread holds or waits for it. */
    private static final class KeyLocks {

        private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

        private static final class Entry {
            final ReentrantLock lock = new ReentrantLock();
            int users;
        }

        <T> T with(String bucket, String key, Supplier<T> action) {
            String id = bucket + '/' + key;
            Entry entry = entries.compute(id, (k, existing) -> {
                Entry e = existing == null ? new Entry() : existing;
                e.users++;
                return e;
            });
            entry.lock.lock();
            try {
                return action.get();
            } finally {
                entry.lock.unlock();
                entries.compute(id, (k, e) -> --e.users == 0 ? null : e);
            }
        }
    }
}
