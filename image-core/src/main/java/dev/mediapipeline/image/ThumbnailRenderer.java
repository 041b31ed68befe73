package dev.mediapipeline.image;

import dev.mediapipeline.image.ImageHeader.ColorModelKind;
import dev.mediapipeline.model.DeviceProfile;
import dev.mediapipeline.model.DeviceProfiles;
import dev.mediapipeline.model.MediaFormat;
import dev.mediapipeline.model.MediaTypeDetector;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders an image to every device profile. The pipeline:
 * <ol>
 *   <li><b>header</b>: format by content, size, EXIF orientation, alpha, colour model, without decoding; images over
 *       the pixel budget are refused here ({@link PixelBudgetExceededException});</li>
 *   <li><b>decode once</b>, reduced as far as the largest rendition allows:
 *       <ul>
 *         <li>plain JPEGs (8-bit YCbCr or gray, no ICC profile) by FFmpeg's decoder in the DCT domain (1/2, 1/4,
 *             1/8) into native memory ({@link FfmpegJpegDecoder}), then every rendition is resampled from that
 *             YCbCr frame by swscale's Lanczos-3 — through one intermediate at the largest rendition's size when
 *             the frame is much larger — with chroma upsampling and colour conversion in the same native pass;</li>
 *         <li>other JPEGs stream through the JDK's decoder into an area-averaging reducer, other formats use ImageIO
 *             source subsampling, each keeping a margin of {@link RenderOptions#reductionGap()} (and the frame under
 *             {@link RenderOptions#maxWorkingPixels()}); then they are <b>converted</b> to 8-bit sRGB (ICC, CMYK,
 *             indexed, 16-bit), alpha premultiplied and kept only if used, and <b>scaled</b> in Java with a separable
 *             Lanczos-3 filter, largest rendition first, each from the smallest earlier result at least
 *             {@link RenderOptions#minStepRatio()} times larger;</li>
 *       </ul></li>
 *   <li><b>orient</b> each small result upright (all 8 EXIF orientations);</li>
 *   <li><b>encode</b> progressive JPEG, or PNG when transparency is used; no metadata is ever copied.</li>
 * </ol>
 * Same input and options, same bytes out on a given machine (FFmpeg's vectorised code may differ in the last bit
 * between CPU families). Thread-safe (no mutable state). {@code benchmarks/run} measures every stage.
 *
 * <p>Two entry points: encoded bytes ({@link #render(ImageSource, DeviceProfiles)}) and an already-decoded,
 * upright frame ({@link #render(BufferedImage, DeviceProfiles)}, for video posters).
 */
public final class ThumbnailRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailRenderer.class);

    private final RenderOptions options;
    private final List<ImageDecoder> decoders;

    public ThumbnailRenderer(RenderOptions options) {
        this(options, defaultDecoders());
    }

    /** With decoders tried in order: the first that {@link ImageDecoder#supports supports} the header decodes it. */
    public ThumbnailRenderer(RenderOptions options, List<ImageDecoder> decoders) {
        this.options = Objects.requireNonNull(options, "options");
        this.decoders = List.copyOf(decoders);
        if (this.decoders.isEmpty()) {
            throw new IllegalArgumentException("at least one decoder is required");
        }
        ImageIoPlugins.ensureRegistered();
    }

    /**
     * FFmpeg's DCT-domain JPEG decoder for plain JPEGs, then the JDK's streaming JPEG decoder (colour-managed JPEGs,
     * and whatever FFmpeg refuses), FFmpeg's HEVC and AV1 decoders for HEIF/AVIF, then ImageIO for everything else.
     */
    public static List<ImageDecoder> defaultDecoders() {
        return List.of(new FfmpegJpegDecoder(), new StreamingJpegDecoder(), new HeifDecoder(), new ImageIoDecoder());
    }

    private static final java.util.concurrent.atomic.AtomicBoolean PRELOADING = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Starts loading FFmpeg's natives (extracting them into JavaCPP's cache first if needed: on Lambda, once per
     * sandbox) on a background daemon thread, so a function overlaps it with the rest of its initialisation and its
     * first download instead of paying for it inside its first render. A render that needs them meanwhile waits for
     * the load to finish. Idempotent; never required.
     */
    public static void preloadNatives() {
        if (PRELOADING.compareAndSet(false, true)) {
            Thread loader = new Thread(FfmpegNatives::available, "ffmpeg-natives-preload");
            loader.setDaemon(true);
            loader.start();
        }
    }

    /** The decoders without FFmpeg: the JDK's streaming JPEG decoder, then ImageIO (for comparisons, benchmarks). */
    public static List<ImageDecoder> jdkDecoders() {
        return List.of(new StreamingJpegDecoder(), new ImageIoDecoder());
    }

    public RenderOptions options() {
        return options;
    }

    /**
     * Reads and checks the header only: format (by content), size, orientation... Refuses what {@link #render}
     * would refuse before decoding.
     */
    public ImageHeader probe(ImageSource source) {
        MediaFormat format = MediaTypeDetector.detect(source.head(MediaTypeDetector.HEADER_BYTES));
        ImageHeader header = HeaderReader.read(source, format);
        checkBudget(header);
        return header;
    }

    /**
     * Renders encoded image bytes to every profile.
     *
     * @throws UnsupportedImageException    not an image, or a format/variant we cannot decode
     * @throws CorruptImageException        damaged or truncated data, empty (0×0) header
     * @throws PixelBudgetExceededException more pixels than the budget (before any decoding)
     */
    public RenderResult render(ImageSource source, DeviceProfiles profiles) {
        long t0 = System.nanoTime();
        ImageHeader header = probe(source);
        long t1 = System.nanoTime();

        List<Plan> plans = plan(profiles, header.width(), header.height(), header.orientation());
        DecodeRequest request = request(plans, header.width(), header.height());
        Object decoded = decode(source, header, request);
        long t2 = System.nanoTime();

        if (decoded instanceof FrameDecoder.DecodedFrame frame) {
            try (frame) {
                Timer timer = new Timer();
                List<Rendition> renditions = renderFromFrame(frame, plans, header.orientation(), timer, profiles);
                StageTimings timings = new StageTimings(t1 - t0, t2 - t1, 0, timer.scale, timer.orient, timer.encode);
                LOG.debug("rendered {} ({}): {}", header, frame.method(), timings);
                return new RenderResult(header, renditions, timings, frame.method(), frame.width(), frame.height(),
                        frame.warnings());
            }
        }
        DecodedImage image = (DecodedImage) decoded;
        Pixels working = WorkingImages.toWorking(image.image());
        long t3 = System.nanoTime();
        Stage first = new Stage(working, image.originX(), image.originY(), image.scaleX(), image.scaleY());
        Timer timer = new Timer();
        List<Rendition> renditions = renderPlans(first, plans, header.orientation(), timer, profiles);
        StageTimings timings = new StageTimings(t1 - t0, t2 - t1, t3 - t2, timer.scale, timer.orient, timer.encode);
        LOG.debug("rendered {} ({}): {}", header, image.method(), timings);
        return new RenderResult(header, renditions, timings, image.method(), working.width, working.height, image.warnings());
    }

    /**
     * Renders an already-decoded, upright frame (a video poster, say) to every profile: the same scaling, stepping
     * and encoding as for encoded images. A frame much larger than the largest rendition is first area-reduced.
     */
    public RenderResult render(BufferedImage frame, DeviceProfiles profiles) {
        Objects.requireNonNull(frame, "frame");
        long t0 = System.nanoTime();
        boolean alpha = frame.getColorModel().hasAlpha();
        ImageHeader header = new ImageHeader(MediaFormat.UNKNOWN, frame.getWidth(), frame.getHeight(),
                ExifOrientation.TOP_LEFT, alpha, ColorModelKind.RGB, false, 8, "decoded frame");
        checkBudget(header);
        List<Plan> plans = plan(profiles, header.width(), header.height(), ExifOrientation.TOP_LEFT);
        DecodeRequest request = request(plans, header.width(), header.height());
        long t1 = System.nanoTime();
        Pixels working = WorkingImages.toWorking(frame).boxReduce(request.preferredReduction());
        double k = request.preferredReduction();
        long t2 = System.nanoTime();
        Stage first = new Stage(working, 0, 0, k, k);
        Timer timer = new Timer();
        List<Rendition> renditions = renderPlans(first, plans, ExifOrientation.TOP_LEFT, timer, profiles);
        StageTimings timings = new StageTimings(0, t1 - t0, t2 - t1, timer.scale, timer.orient, timer.encode);
        return new RenderResult(header, renditions, timings, "decoded frame" + (k > 1 ? " area/" + (int) k : ""),
                working.width, working.height, List.of());
    }

    private void checkBudget(ImageHeader header) {
        if (header.width() < 1 || header.height() < 1) {
            throw new CorruptImageException("image is empty (" + header.width() + " x " + header.height() + ")");
        }
        if (header.pixels() > options.maxPixels() || header.decodedPixels() > options.maxPixels()) {
            throw new PixelBudgetExceededException(header.width(), header.height(), options.maxPixels());
        }
    }

    /** A {@link FrameDecoder.DecodedFrame} from the first decoder that offers frames, else a {@link DecodedImage}. */
    private Object decode(ImageSource source, ImageHeader header, DecodeRequest request) {
        UnsupportedOperationException lastRefusal = null;
        for (ImageDecoder decoder : decoders) {
            if (!decoder.supports(header)) {
                continue;
            }
            try {
                return decoder instanceof FrameDecoder frames
                        ? frames.decodeFrame(source, header, request)
                        : decoder.decode(source, header, request);
            } catch (UnsupportedOperationException e) {
                // the decoder cannot take this particular stream (an unexpected scanline layout, a stream FFmpeg
                // finds damaged...): the next one decodes it or says precisely what is wrong
                LOG.debug("decoder {} could not decode {}: {}; trying the next one", decoder.name(), header, e.getMessage());
                lastRefusal = e;
            } catch (IOException e) {
                throw new UncheckedIOException("reading the image source failed", e);
            }
        }
        throw new UnsupportedImageException("no decoder can read this " + header.format().name() + " image (" + header + ")",
                lastRefusal);
    }

    // ------------------------------------------------------------------ geometry

    /**
     * One rendition to make, in stored orientation.
     *
     * @param outW, outH      output size in stored orientation
     * @param rx, ry, rw, rh  the source region it shows, in stored source pixels
     * @param fullFrame       the region is the whole image (usable as input for smaller renditions)
     */
    record Plan(DeviceProfile profile, int outW, int outH, double rx, double ry, double rw, double rh, boolean fullFrame) {
        double ratio() {
            return Math.min(rw / outW, rh / outH);
        }
    }

    static List<Plan> plan(DeviceProfiles profiles, int storedW, int storedH, ExifOrientation orientation) {
        int uw = orientation.uprightWidth(storedW, storedH);
        int uh = orientation.uprightHeight(storedW, storedH);
        List<Plan> plans = new ArrayList<>();
        for (DeviceProfile p : profiles) {
            DeviceProfile.Dimension d = p.targetFor(uw, uh);
            double rx = 0;
            double ry = 0;
            double rw = uw;
            double rh = uh;
            boolean full = true;
            if (p.fit() == DeviceProfile.Fit.CROP) {
                double aspect = (double) p.width() / p.height();
                if ((double) uw / uh > aspect) {
                    rw = uh * aspect;
                } else {
                    rh = uw / aspect;
                }
                rx = (uw - rw) / 2;
                ry = (uh - rh) / 2;
                full = rw >= uw - 1e-9 && rh >= uh - 1e-9;
            }
            // A centred region is symmetric under mirroring, so only transposition matters.
            if (orientation.transposes()) {
                plans.add(new Plan(p, d.height(), d.width(), ry, rx, rh, rw, full));
            } else {
                plans.add(new Plan(p, d.width(), d.height(), rx, ry, rw, rh, full));
            }
        }
        return plans;
    }

    DecodeRequest request(List<Plan> plans, int storedW, int storedH) {
        double factor = Double.MAX_VALUE;
        for (Plan p : plans) {
            factor = Math.min(factor, p.ratio());
        }
        int max = Math.max(1, (int) Math.floor(factor + 1e-9));
        int preferred = Math.max(1, Math.min(max, (int) Math.floor(factor / options.reductionGap() + 1e-9)));
        while (preferred < max && (long) ceilDiv(storedW, preferred) * ceilDiv(storedH, preferred) > options.maxWorkingPixels()) {
            preferred++;
        }
        return new DecodeRequest(max, preferred);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    // ------------------------------------------------------------------ scaling

    /** An image in stored orientation covering the whole source: source coordinate = origin + x * scale. */
    private record Stage(Pixels pixels, double originX, double originY, double scaleX, double scaleY) {
    }

    private static final class Timer {
        long scale;
        long orient;
        long encode;
    }

    private List<Rendition> renderPlans(Stage decoded, List<Plan> plans, ExifOrientation orientation, Timer timer,
                                        DeviceProfiles profiles) {
        List<Plan> order = new ArrayList<>(plans);
        order.sort(Comparator.comparingLong((Plan p) -> (long) p.outW() * p.outH()).reversed());
        List<Stage> stages = new ArrayList<>();
        stages.add(decoded);
        Map<String, Rendition> byName = new LinkedHashMap<>();
        for (Plan plan : order) {
            long t0 = System.nanoTime();
            Stage input = chooseInput(stages, plan);
            Pixels scaled = scale(input, plan);
            if (plan.fullFrame()) {
                stages.add(new Stage(scaled, plan.rx(), plan.ry(), plan.rw() / plan.outW(), plan.rh() / plan.outH()));
            }
            timer.scale += System.nanoTime() - t0;
            byName.put(plan.profile().name(), orientAndEncode(plan, scaled, orientation, timer));
        }
        List<Rendition> result = new ArrayList<>();
        for (DeviceProfile p : profiles) {
            result.add(byName.get(p.name()));
        }
        return result;
    }

    /** The last two stages of a rendition, timed: EXIF orientation applied to the scaled pixels, then encoding. */
    private Rendition orientAndEncode(Plan plan, Pixels scaled, ExifOrientation orientation, Timer timer) {
        long t0 = System.nanoTime();
        Pixels upright = scaled.oriented(orientation);
        long t1 = System.nanoTime();
        Rendition r = encode(plan.profile(), upright);
        timer.orient += t1 - t0;
        timer.encode += System.nanoTime() - t1;
        return r;
    }

    /**
     * Every rendition from the decoded frame, natively. When the frame is at least {@link RenderOptions#minStepRatio()}
     * times larger than the largest whole-image rendition, it is first reduced to that rendition's size (still
     * YCbCr), and every rendition that fits inside that step is made from it: one pass over the big frame instead
     * of one per rendition.
     */
    private List<Rendition> renderFromFrame(FrameDecoder.DecodedFrame frame, List<Plan> plans, ExifOrientation orientation,
                                            Timer timer, DeviceProfiles profiles) {
        Map<String, Rendition> byName = new LinkedHashMap<>();
        FrameDecoder.DecodedFrame step = null;
        try {
            long s0 = System.nanoTime();
            Plan largest = plans.stream().filter(Plan::fullFrame)
                    .max(Comparator.comparingLong((Plan p) -> (long) p.outW() * p.outH())).orElse(null);
            if (largest != null && plans.size() > 1
                    && ratio(frame, largest) >= options.minStepRatio() - 1e-9) {
                step = frame.reduce(largest.outW(), largest.outH());
            }
            timer.scale += System.nanoTime() - s0;
            for (Plan plan : plans) {
                long t0 = System.nanoTime();
                FrameDecoder.DecodedFrame input = step != null && ratio(step, plan) >= 1 - 1e-9 ? step : frame;
                Pixels scaled = input.scale(plan.rx() / input.scaleX(), plan.ry() / input.scaleY(),
                        plan.rw() / input.scaleX(), plan.rh() / input.scaleY(), plan.outW(), plan.outH());
                timer.scale += System.nanoTime() - t0;
                byName.put(plan.profile().name(), orientAndEncode(plan, scaled, orientation, timer));
            }
        } finally {
            if (step != null) {
                step.close();
            }
        }
        List<Rendition> result = new ArrayList<>();
        for (DeviceProfile p : profiles) {
            result.add(byName.get(p.name()));
        }
        return result;
    }

    /** Frame pixels per output pixel for a plan (the smaller axis). */
    private static double ratio(FrameDecoder.DecodedFrame frame, Plan plan) {
        return Math.min(plan.rw() / frame.scaleX() / plan.outW(), plan.rh() / frame.scaleY() / plan.outH());
    }

    /** The smallest stage at least minStepRatio times larger than the plan's output; the decoded frame otherwise. */
    private Stage chooseInput(List<Stage> stages, Plan plan) {
        Stage best = stages.get(0);
        for (int i = 1; i < stages.size(); i++) {
            Stage s = stages.get(i);
            double ratioX = (plan.rw() / plan.outW()) / s.scaleX();
            double ratioY = (plan.rh() / plan.outH()) / s.scaleY();
            if (Math.min(ratioX, ratioY) >= options.minStepRatio() - 1e-9 && s.pixels().pixelCount() < best.pixels().pixelCount()) {
                best = s;
            }
        }
        return best;
    }

    private static Pixels scale(Stage in, Plan plan) {
        double ox = (plan.rx() - in.originX()) / in.scaleX();
        double sx = (plan.rw() / plan.outW()) / in.scaleX();
        double oy = (plan.ry() - in.originY()) / in.scaleY();
        double sy = (plan.rh() / plan.outH()) / in.scaleY();
        Pixels src = in.pixels();
        boolean identity = plan.outW() == src.width && plan.outH() == src.height
                && Math.abs(ox) < 1e-6 && Math.abs(oy) < 1e-6 && Math.abs(sx - 1) < 1e-6 && Math.abs(sy - 1) < 1e-6;
        if (identity) {
            return src;
        }
        return Resampler.resample(src, plan.outW(), plan.outH(), ox, sx, oy, sy);
    }

    private Rendition encode(DeviceProfile profile, Pixels upright) {
        if (upright.hasAlpha()) {
            return new Rendition(profile, OutputFormat.PNG, upright.width, upright.height,
                    ImageEncoder.png(upright.toStraightAlphaImage()));
        }
        return new Rendition(profile, OutputFormat.JPEG, upright.width, upright.height,
                ImageEncoder.jpeg(upright.toBufferedImage(), options.jpegQuality()));
    }
}
