package io.syncengine.web;

import io.syncengine.SyncNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads JSON request bodies within limits, before and while parsing: the size (declared or read, after gzip) is
 * checked before a byte is parsed (Payara's post-size limit does not cover JSON bodies), then the nesting depth and
 * every string's length as the document is built. Batches bring their own size limit ({@link BatchReader}); every
 * other JSON body has {@value SyncNames#CONFIG_JSON_MAX_BYTES}.
 */
@ApplicationScoped
public class RequestBodies {

    /**
     * Many terminal HTTP stacks cannot read an answer sent before their upload finished, so the rest of a body
     * that is too large is read and discarded (up to this many bytes) before the 413 goes out; beyond it the
     * connection is simply closed.
     */
    static final long DISCARD_LIMIT = 64L * 1024 * 1024;

    @Inject
    @ConfigProperty(name = SyncNames.CONFIG_JSON_MAX_BYTES, defaultValue = "1048576")
    long maxBytes;

    @Inject
    @ConfigProperty(name = SyncNames.CONFIG_JSON_MAX_DEPTH, defaultValue = "32")
    int maxDepth;

    @Inject
    @ConfigProperty(name = SyncNames.CONFIG_JSON_MAX_STRING_LENGTH, defaultValue = "10000")
    int maxStringLength;

    /**
     * A JSON object whose members are all in {@code fields}, from a request other than a batch.
     *
     * @param emptyAs what an empty body stands for, or null when a body is required
     */
    public JsonObject object(InputStream body, String contentEncoding, long contentLength, Set<String> fields,
            String emptyAs) {
        String text = read(body, contentEncoding, contentLength, maxBytes,
                detail -> new ProblemException(413, Problem.REQUEST_TOO_LARGE, "Request too large", detail, null));
        return JsonBody.object(text.isBlank() && emptyAs != null ? emptyAs : text, fields, limits());
    }

    /**
     * Any JSON document of at most {@code limit} bytes.
     *
     * @param tooLarge the problem for a body over the limit, given a sentence saying by how much
     */
    JsonValue document(InputStream body, String contentEncoding, long contentLength, long limit,
            Function<String, ProblemException> tooLarge) {
        return JsonBody.parse(read(body, contentEncoding, contentLength, limit, tooLarge), limits());
    }

    private JsonBody.Limits limits() {
        return new JsonBody.Limits(maxDepth, maxStringLength);
    }

    private static String read(InputStream body, String contentEncoding, long contentLength, long limit,
            Function<String, ProblemException> tooLarge) {
        if (contentLength > limit) {
            if (contentLength <= DISCARD_LIMIT) {
                discard(body);
            }
            throw tooLarge.apply("the body is " + contentLength + " bytes; at most " + limit + " are accepted");
        }
        try {
            return readLimited(decoded(body, contentEncoding), limit, tooLarge);
        } catch (ProblemException e) {
            if (e.status() == 413) {
                discard(body);
            }
            throw e;
        }
    }

    private static InputStream decoded(InputStream body, String contentEncoding) {
        if (contentEncoding == null || contentEncoding.isBlank() || "identity".equalsIgnoreCase(contentEncoding)) {
            return body;
        }
        if ("gzip".equalsIgnoreCase(contentEncoding.trim())) {
            try {
                return new GZIPInputStream(body);
            } catch (IOException e) {
                throw ProblemException.invalid("", "the body is not valid gzip");
            }
        }
        throw new ProblemException(415, Problem.HTTP, "Unsupported Media Type",
                "Content-Encoding " + contentEncoding + " is not supported; send identity or gzip", null);
    }

    /** Reads at most {@code limit} bytes (after decompression); one byte more is 413. */
    private static String readLimited(InputStream in, long limit, Function<String, ProblemException> tooLarge) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            byte[] buffer = new byte[16384];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) != -1) {
                total += n;
                if (total > limit) {
                    throw tooLarge.apply("the body exceeds " + limit + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ProblemException.invalid("", "the body could not be read (is it truncated, or not valid gzip?)");
        }
    }

    private static void discard(InputStream body) {
        try {
            byte[] buffer = new byte[65536];
            long total = 0;
            int n;
            while (total < DISCARD_LIMIT && (n = body.read(buffer)) != -1) {
                total += n;
            }
        } catch (IOException e) {
            // the client went away; nothing to answer
        }
    }
}
