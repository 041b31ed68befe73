package dev.mediapipeline.transcode;

import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;

/** An exact fraction (frame rates, time bases), reduced. */
public record Rational(long num, long den) {

    public Rational {
        if (den <= 0) {
            throw new IllegalArgumentException("denominator must be positive: " + num + "/" + den);
        }
        long g = gcd(Math.abs(num), den);
        if (g > 1) {
            num /= g;
            den /= g;
        }
    }

    public static Rational of(long num, long den) {
        return new Rational(num, den);
    }

    public static Rational of(AVRational r) {
        return r.den() <= 0 ? new Rational(0, 1) : new Rational(r.num(), r.den());
    }

    public AVRational toAv() {
        return avutil.av_make_q((int) num, (int) den);
    }

    public double value() {
        return (double) num / den;
    }

    public Rational inverse() {
        return num < 0 ? new Rational(-den, -num) : new Rational(den, num);
    }

    /** "30" or "30000/1001". */
    @Override
    public String toString() {
        return den == 1 ? Long.toString(num) : num + "/" + den;
    }

    public static Rational parse(String s) {
        int slash = s.indexOf('/');
        return slash < 0 ? new Rational(Long.parseLong(s.trim()), 1)
                : new Rational(Long.parseLong(s.substring(0, slash).trim()), Long.parseLong(s.substring(slash + 1).trim()));
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a == 0 ? 1 : a;
    }
}
