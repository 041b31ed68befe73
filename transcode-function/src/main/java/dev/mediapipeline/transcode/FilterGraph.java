package dev.mediapipeline.transcode;

import static org.bytedeco.ffmpeg.global.avfilter.AV_BUFFERSRC_FLAG_KEEP_REF;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_frame;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_set_frame_size;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_add_frame_flags;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_config;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_free;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_parse2;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_inout_free;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avfilter.AVFilterInOut;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * A libavfilter graph with one source ({@code buffer@src} or {@code abuffer@src}) and numbered sinks
 * ({@code buffersink@out0}, ...), all declared inside one closed graph description, so nothing is wired by hand.
 * Not thread-safe: one thread pushes and pulls.
 */
final class FilterGraph implements AutoCloseable {

    private final AVFilterGraph graph;
    private final AVFilterContext source;
    private final List<AVFilterContext> sinks;
    private final String description;

    private FilterGraph(AVFilterGraph graph, AVFilterContext source, List<AVFilterContext> sinks, String description) {
        this.graph = graph;
        this.source = source;
        this.sinks = sinks;
        this.description = description;
    }

    /**
     * @param description a complete graph whose source filter is named {@code src} and sinks {@code out0..outN-1}
     * @param threads     filter threads (0 = FFmpeg's choice)
     * @param frameSize   fixed number of samples per output frame (audio sinks), 0 for none
     */
    static FilterGraph create(String description, int outputs, int threads, int frameSize) {
        Av.init();
        AVFilterGraph graph = avfilter_graph_alloc();
        if (graph == null) {
            throw new OutOfMemoryError("avfilter_graph_alloc");
        }
        try {
            graph.nb_threads(threads);
            PointerPointer<AVFilterInOut> inputs = new PointerPointer<>(1);
            PointerPointer<AVFilterInOut> outs = new PointerPointer<>(1);
            try {
                Av.check(avfilter_graph_parse2(graph, new BytePointer(description), inputs, outs), "filter graph '" + description + "'");
                if (inputs.get() != null || outs.get() != null) {
                    throw new IllegalArgumentException("filter graph has unconnected pads: " + description);
                }
            } finally {
                avfilter_inout_free(inputs);
                avfilter_inout_free(outs);
            }
            AVFilterContext src = named(graph, "src");
            if (src == null) {
                throw new IllegalArgumentException("filter graph has no filter named src: " + description);
            }
            List<AVFilterContext> sinks = new ArrayList<>();
            for (int i = 0; i < outputs; i++) {
                AVFilterContext sink = named(graph, "out" + i);
                if (sink == null) {
                    throw new IllegalArgumentException("filter graph has no sink named out" + i + ": " + description);
                }
                if (frameSize > 0) {
                    av_buffersink_set_frame_size(sink, frameSize);
                }
                sinks.add(sink);
            }
            Av.check(avfilter_graph_config(graph, null), "configure filter graph '" + description + "'");
            return new FilterGraph(graph, src, sinks, description);
        } catch (RuntimeException e) {
            avfilter_graph_free(graph);
            throw e;
        }
    }

    /** The filter declared as {@code type@name} in the description (FFmpeg names the instance "type@name"). */
    private static AVFilterContext named(AVFilterGraph graph, String name) {
        for (int i = 0; i < graph.nb_filters(); i++) {
            AVFilterContext f = graph.filters(i);
            String instance = f.name() == null ? "" : f.name().getString();
            if (instance.equals(name) || instance.endsWith("@" + name)) {
                return f;
            }
        }
        return null;
    }

    /** Pushes a frame; the caller keeps its reference (it may push the same frame again with another pts). */
    void push(AVFrame frame) {
        Av.check(av_buffersrc_add_frame_flags(source, frame, AV_BUFFERSRC_FLAG_KEEP_REF), "filter input");
    }

    /** Signals the end of input. */
    void pushEnd() {
        Av.check(av_buffersrc_add_frame_flags(source, null, 0), "filter end of input");
    }

    /** Fills {@code into} with the next frame of sink {@code output}: 0, {@link Av#EAGAIN} or {@link Av#EOF}. */
    int pull(int output, AVFrame into) {
        int ret = av_buffersink_get_frame(sinks.get(output), into);
        if (ret < 0 && ret != Av.EAGAIN && ret != Av.EOF) {
            Av.check(ret, "filter output");
        }
        return ret;
    }

    int outputs() {
        return sinks.size();
    }

    String description() {
        return description;
    }

    @Override
    public void close() {
        avfilter_graph_free(graph);
    }
}
