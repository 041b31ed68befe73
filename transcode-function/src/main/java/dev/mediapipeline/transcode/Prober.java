package dev.mediapipeline.transcode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;

import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/** Reads a local video's container headers: streams, picture size, rotation, frame rate, audio. */
public final class Prober {

    private Prober() {
    }

    /**
     * @throws UnreadableVideoException if FFmpeg cannot open the file as media or has no decoder for its video
     * @throws NoVideoStreamException   if the file holds no video stream
     */
    public static VideoProbe probe(Path file) {
        Av.init();
        AVFormatContext fmt = new AVFormatContext(null);
        FfmpegLog.clear();
        int ret = avformat_open_input(fmt, file.toString(), (AVInputFormat) null, (AVDictionary) null);
        if (ret < 0) {
            throw new UnreadableVideoException("not a readable media file: " + FfmpegLog.explain(ret));
        }
        try {
            ret = avformat_find_stream_info(fmt, (PointerPointer<?>) null);
            if (ret < 0) {
                throw new UnreadableVideoException("cannot read the media streams: " + FfmpegLog.explain(ret));
            }
            int videoIndex = -1;
            int audioIndex = -1;
            long bestAudioBitRate = -1;
            for (int i = 0; i < fmt.nb_streams(); i++) {
                AVStream st = fmt.streams(i);
                AVCodecParameters par = st.codecpar();
                if (par.codec_type() == AVMEDIA_TYPE_VIDEO && (st.disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0
                        && par.width() > 0 && par.height() > 0 && videoIndex < 0) {
                    videoIndex = i;
                } else if (par.codec_type() == AVMEDIA_TYPE_AUDIO && par.sample_rate() > 0
                        && par.ch_layout().nb_channels() > 0 && avcodec_find_decoder(par.codec_id()) != null
                        && par.bit_rate() > bestAudioBitRate) {
                    audioIndex = i;
                    bestAudioBitRate = par.bit_rate();
                }
            }
            String formatName = fmt.iformat().name().getString();
            if (videoIndex < 0) {
                throw new NoVideoStreamException(audioIndex >= 0
                        ? "the file has audio but no video stream (" + formatName + ")"
                        : "the file has no video stream (" + formatName + ")", audioIndex >= 0);
            }
            AVStream vst = fmt.streams(videoIndex);
            AVCodecParameters vpar = vst.codecpar();
            String videoCodec = avcodec_get_name(vpar.codec_id()).getString();
            if (avcodec_find_decoder(vpar.codec_id()) == null) {
                throw new UnreadableVideoException("no decoder for video codec " + videoCodec);
            }
            int codedW = vpar.width();
            int codedH = vpar.height();
            Rational sar = Rational.of(vpar.sample_aspect_ratio());
            if (sar.num() <= 0) {
                sar = Rational.of(1, 1);
            }
            int[] orientation = orientation(vpar);
            int rotation = orientation[0];
            boolean mirrored = orientation[1] != 0;
            // square pixels: widen (or narrow) by the sample aspect ratio, then turn
            int squareW = (int) Math.max(2, Math.round(codedW * sar.value()));
            int upW = rotation % 180 == 0 ? squareW : codedH;
            int upH = rotation % 180 == 0 ? codedH : squareW;
            Rational fps = Rational.of(vst.avg_frame_rate());
            Rational base = Rational.of(vst.r_frame_rate());
            if (fps.num() <= 0) {
                fps = base;
            }
            if (fps.num() < 0) {
                fps = Rational.of(0, 1);
            }
            if (base.num() < 0) {
                base = Rational.of(0, 1);
            }
            double duration = fmt.duration() == AV_NOPTS_VALUE || fmt.duration() <= 0 ? Double.NaN
                    : fmt.duration() / (double) AV_TIME_BASE;
            BytePointer pixName = av_get_pix_fmt_name(vpar.format());
            Optional<VideoProbe.Audio> audio = Optional.empty();
            if (audioIndex >= 0) {
                AVCodecParameters apar = fmt.streams(audioIndex).codecpar();
                audio = Optional.of(new VideoProbe.Audio(audioIndex, avcodec_get_name(apar.codec_id()).getString(),
                        apar.sample_rate(), apar.ch_layout().nb_channels()));
            }
            return new VideoProbe(formatName, duration, fmt.bit_rate(), videoIndex, videoCodec, codedW, codedH, sar,
                    rotation, mirrored, upW, upH, fps, base, pixName == null ? "unknown" : pixName.getString(), audio);
        } finally {
            avformat_close_input(fmt);
        }
    }

    /** {clockwise rotation in 0/90/180/270, 1 if mirrored} from the stream's display matrix. */
    static int[] orientation(AVCodecParameters par) {
        AVPacketSideData sd = av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(), AV_PKT_DATA_DISPLAYMATRIX);
        if (sd == null || sd.isNull() || sd.size() < 36) {
            return new int[] {0, 0};
        }
        IntPointer matrix = new IntPointer(sd.data()).capacity(9);
        double counterClockwise = av_display_rotation_get(matrix);
        if (Double.isNaN(counterClockwise)) {
            return new int[] {0, 0};
        }
        int clockwise = (int) (Math.round(-counterClockwise / 90.0) * 90);
        clockwise = ((clockwise % 360) + 360) % 360;
        // a negative determinant of the 2x2 part means the matrix also mirrors the picture
        long det = (long) matrix.get(0) * matrix.get(4) - (long) matrix.get(1) * matrix.get(3);
        return new int[] {clockwise, det < 0 ? 1 : 0};
    }
}
