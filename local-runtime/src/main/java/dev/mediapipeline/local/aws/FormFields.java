package dev.mediapipeline.local.aws;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields of a browser POST upload ({@code multipart/form-data}) that precede its {@code file} part, read
 * before S3Proxy reads the form, so that the upload can be authorised as the signer named in its
 * {@code x-amz-credential} field, for the key in its {@code key} field. Only the head of the body is read; the
 * body S3Proxy reads is that head followed by the rest of the stream, unchanged.
 *
 * @param fields   field name (lower case, as S3 compares them) -> value
 * @param filename the file part's file name, which S3 substitutes for {@code ${filename}} in the key
 * @param body     the whole body, the head already read included
 */
record FormFields(Map<String, String> fields, Optional<String> filename, InputStream body) {

    /** S3's form fields are small; a head larger than this is not a POST policy form. */
    static final int MAX_HEAD_BYTES = 256 * 1024;

    private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"([^\"]+)\"|[^;\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME = Pattern.compile("\\bfilename=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The form's key, with {@code ${filename}} replaced as S3 does. */
    Optional<String> key() {
        return field("key").map(k -> k.replace("${filename}", filename.orElse("")));
    }

    /** Reads the head of a multipart body; empty when the content type names no boundary. */
    static Optional<FormFields> read(String contentType, InputStream in) throws IOException {
        Matcher boundaryMatcher = contentType == null ? null : BOUNDARY.matcher(contentType);
        if (boundaryMatcher == null || !boundaryMatcher.find()) {
            return Optional.empty();
        }
        String boundary = boundaryMatcher.group(2) != null ? boundaryMatcher.group(2) : boundaryMatcher.group(1);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        var head = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        var fields = new TreeMap<String, String>();
        Optional<String> filename = Optional.empty();
        int parsed = 0;
        boolean done = false;
        while (!done && head.size() < MAX_HEAD_BYTES) {
            int read = in.read(buffer);
            if (read < 0) {
                break;
            }
            head.write(buffer, 0, read);
            byte[] bytes = head.toByteArray();
            // parse every complete part so far: delimiter, headers, blank line, value, CRLF, next delimiter
            while (true) {
                int start = indexOf(bytes, delimiter, parsed);
                if (start < 0) {
                    break;
                }
                int headersStart = start + delimiter.length + 2;
                int headersEnd = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
                if (headersEnd < 0) {
                    break;
                }
                String headers = new String(bytes, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
                Matcher name = NAME.matcher(headers);
                if (name.find() && name.group(1).equalsIgnoreCase("file")) {
                    Matcher file = FILENAME.matcher(headers);
                    filename = file.find() ? Optional.of(file.group(1)) : Optional.empty();
                    done = true;
                    break;
                }
                int next = indexOf(bytes, delimiter, headersEnd + 4);
                if (next < 0) {
                    break;
                }
                int valueEnd = Math.max(headersEnd + 4, next - 2);
                if (name.find(0)) {
                    fields.put(name.group(1).toLowerCase(Locale.ROOT),
                            new String(bytes, headersEnd + 4, valueEnd - headersEnd - 4, StandardCharsets.UTF_8));
                }
                parsed = next;
            }
        }
        InputStream body = new SequenceInputStream(new ByteArrayInputStream(head.toByteArray()), in);
        return Optional.of(new FormFields(Map.copyOf(fields), filename, body));
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public String toString() {
        return "FormFields" + Arrays.asList(fields.keySet().toArray());
    }
}
