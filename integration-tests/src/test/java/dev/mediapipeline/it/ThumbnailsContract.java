package dev.mediapipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.it.harness.Pipeline;
import dev.mediapipeline.it.harness.Poll;
import dev.mediapipeline.it.harness.TestImages;
import dev.mediapipeline.model.AssetId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The demo as a user does it, on any target ({@link Pipeline}): put an image into the upload bucket with the AWS
 * SDK pointed at the endpoint, and every thumbnail appears in the renditions bucket, at the right size, under the
 * asset's id. Subclasses say where the pipeline runs.
 */
abstract class ThumbnailsContract {

    /** The template's device profiles (ThumbnailProfiles default): phone 640×1280, tablet 1280×2560, desktop 1920×3840, square 256×256 crop. */
    static final List<String> PROFILES = List.of("phone", "tablet", "desktop", "square");

    abstract Pipeline pipeline();

    /** Uploads, then waits for the asset's thumbnails and returns profile → [width, height] read by ImageIO. */
    Map<String, int[]> uploadAndAwaitThumbnails(String key, byte[] jpeg) {
        Pipeline p = pipeline();
        p.s3().putObject(b -> b.bucket(p.uploadBucket()).key(key).contentType("image/jpeg"), RequestBody.fromBytes(jpeg));
        String prefix = AssetId.of(p.uploadBucket(), key).value() + "/thumbnails/";
        List<S3Object> thumbnails = Poll.until("the 4 thumbnails of " + key + " on " + p.target(), p.processingTimeout(),
                () -> {
                    List<S3Object> found = p.s3().listObjectsV2(b -> b.bucket(p.renditionsBucket()).prefix(prefix)).contents();
                    return found.size() >= PROFILES.size() ? Optional.of(found) : Optional.empty();
                },
                () -> p.s3().listObjectsV2(b -> b.bucket(p.renditionsBucket()).prefix(prefix)).contents().toString());
        Map<String, int[]> sizes = new LinkedHashMap<>();
        for (S3Object thumbnail : thumbnails) {
            String name = thumbnail.key().substring(prefix.length());
            byte[] bytes = p.s3().getObjectAsBytes(b -> b.bucket(p.renditionsBucket()).key(thumbnail.key())).asByteArray();
            sizes.put(name, TestImages.size(bytes));
        }
        return sizes;
    }

    @Test
    void aLandscapePhotoBecomesEveryThumbnailAtItsSize() {
        Map<String, int[]> sizes = uploadAndAwaitThumbnails("it/Beach day été (1)+100%.jpg", TestImages.jpeg(1600, 1200, 1));
        assertThat(sizes.keySet()).as("one JPEG per profile, nothing else").containsExactlyInAnyOrder(
                "phone.jpg", "tablet.jpg", "desktop.jpg", "square.jpg");
        assertThat(sizes.get("phone.jpg")).as("phone: within 640×1280").containsExactly(640, 480);
        assertThat(sizes.get("tablet.jpg")).as("tablet: within 1280×2560").containsExactly(1280, 960);
        assertThat(sizes.get("desktop.jpg")).as("desktop: never upscaled").containsExactly(1600, 1200);
        assertThat(sizes.get("square.jpg")).as("square: centre crop").containsExactly(256, 256);
    }

    @Test
    void aPortraitPhotoKeepsItsShape() {
        Map<String, int[]> sizes = uploadAndAwaitThumbnails("it/portrait/IMG_0001.jpg", TestImages.jpeg(1200, 1600, 2));
        assertThat(sizes.get("phone.jpg")).as("phone: 1200×1600 scaled by 640/1200").containsExactly(640, 853);
        assertThat(sizes.get("tablet.jpg")).as("tablet: fits, kept").containsExactly(1200, 1600);
        assertThat(sizes.get("desktop.jpg")).containsExactly(1200, 1600);
        assertThat(sizes.get("square.jpg")).containsExactly(256, 256);
    }

    @Test
    void thumbnailsNeverTriggerMoreThumbnails() {
        Pipeline p = pipeline();
        String key = "it/recursion-check.jpg";
        uploadAndAwaitThumbnails(key, TestImages.jpeg(800, 600, 3));
        String asset = AssetId.of(p.uploadBucket(), key).value();
        // the index (also notified by the renditions bucket) has seen them all once nothing is in flight anywhere
        List<String> keys = p.s3().listObjectsV2(b -> b.bucket(p.renditionsBucket()).prefix(asset + "/")).contents()
                .stream().map(S3Object::key).toList();
        assertThat(keys).as("exactly the asset's four thumbnails: the renditions bucket does not feed the thumbnailer")
                .containsExactlyInAnyOrder(asset + "/thumbnails/phone.jpg", asset + "/thumbnails/tablet.jpg",
                        asset + "/thumbnails/desktop.jpg", asset + "/thumbnails/square.jpg");
        assertThat(p.s3().listObjectsV2(b -> b.bucket(p.renditionsBucket())).contents())
                .as("nothing keyed by a rendition's own asset id").noneMatch(o -> o.key().contains("/thumbnails/")
                        && o.key().indexOf("/thumbnails/") != o.key().lastIndexOf("/thumbnails/"));
    }
}
