package dev.scoring.trainer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import org.tribuo.Model;
import org.tribuo.protos.core.ModelProto;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;

/**
 * Makes model files reproducible. Tribuo stamps the provenance of a model (and of every model inside
 * it: ensemble members, the model a feature transformation wraps) with the wall-clock time of
 * training, so two identical trainings write different bytes, and Tribuo offers no way to set it.
 * <p>
 * This rewrites, in the serialized model, every string field holding an ISO-8601 timestamp that falls
 * within the training run to one fixed value: {@code SOURCE_DATE_EPOCH} (seconds; the
 * reproducible-builds convention) when set, else the epoch. The protobuf wire format is walked
 * without schemas (the provenance sits inside {@code Any}-packed, model-specific messages): each
 * length-delimited field is either such a timestamp, or parsed as a nested message and rewritten if
 * something inside it changed, or kept byte for byte. The result must load as a model again.
 * Everything else in the provenance (trainer, hyper-parameters, seeds, dataset description, Tribuo
 * and Java versions) is kept.
 */
final class ReproducibleModels {

    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:\\d{2})");
    private static final int MAX_DEPTH = 100;

    private ReproducibleModels() {
    }

    static OffsetDateTime pinnedTime() {
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        long seconds = epoch == null || epoch.isBlank() ? 0 : Long.parseLong(epoch.trim());
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
    }

    /**
     * @param model the trained model
     * @param runStart when training started; timestamps from then until now are training stamps
     * @return the serialized model with its training stamps pinned
     */
    static byte[] serializePinned(Model<?> model, Instant runStart, OffsetDateTime pinned) {
        byte[] bytes = model.serialize().toByteArray();
        Rewriter rewriter = new Rewriter(runStart.minusSeconds(1), Instant.now().plusSeconds(1), pinned.toString());
        byte[] rewritten;
        try {
            rewritten = rewriter.message(bytes, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("the serialized model is not a protobuf message", e);
        }
        if (rewritten == null || rewriter.replaced == 0) {
            throw new IllegalStateException("no training timestamp found in the serialized " + model.getClass());
        }
        try {
            Model.deserialize(ModelProto.parseFrom(rewritten));
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new IllegalStateException("the model no longer loads after pinning its timestamps", e);
        }
        return rewritten;
    }

    private static final class Rewriter {
        private final Instant from;
        private final Instant to;
        private final byte[] replacement;
        private int replaced;

        Rewriter(Instant from, Instant to, String replacement) {
            this.from = from;
            this.to = to;
            this.replacement = replacement.getBytes(StandardCharsets.US_ASCII);
        }

        /** @return the rewritten message, or {@code null} when nothing in it changed */
        byte[] message(byte[] bytes, int depth) throws IOException {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(bytes.length);
            CodedOutputStream out = CodedOutputStream.newInstance(buffer);
            boolean changed = false;
            while (!in.isAtEnd()) {
                int tag = in.readTag();
                if (WireFormat.getTagFieldNumber(tag) == 0) {
                    throw new InvalidProtocolBufferException("field number 0");
                }
                out.writeUInt32NoTag(tag);
                switch (WireFormat.getTagWireType(tag)) {
                    case WireFormat.WIRETYPE_VARINT -> out.writeUInt64NoTag(in.readRawVarint64());
                    case WireFormat.WIRETYPE_FIXED64 -> out.writeFixed64NoTag(in.readRawLittleEndian64());
                    case WireFormat.WIRETYPE_FIXED32 -> out.writeFixed32NoTag(in.readRawLittleEndian32());
                    case WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                        byte[] value = in.readByteArray();
                        byte[] updated = lengthDelimited(value, depth);
                        if (updated != null) {
                            changed = true;
                            value = updated;
                        }
                        out.writeUInt32NoTag(value.length);
                        out.writeRawBytes(value);
                    }
                    default -> throw new InvalidProtocolBufferException("groups are not used by Tribuo's protos");
                }
            }
            out.flush();
            return changed ? buffer.toByteArray() : null;
        }

        private byte[] lengthDelimited(byte[] value, int depth) {
            if (isTrainingStamp(value)) {
                replaced++;
                return replacement;
            }
            if (depth >= MAX_DEPTH || value.length == 0) {
                return null;
            }
            try {
                return message(value, depth + 1);
            } catch (IOException | RuntimeException e) {
                return null; // a string or bytes field, not a message
            }
        }

        private boolean isTrainingStamp(byte[] value) {
            if (value.length < 17 || value.length > 35) {
                return false;
            }
            String text = new String(value, StandardCharsets.ISO_8859_1);
            if (!TIMESTAMP.matcher(text).matches()) {
                return false;
            }
            try {
                Instant stamp = OffsetDateTime.parse(text).toInstant();
                return !stamp.isBefore(from) && !stamp.isAfter(to);
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }
}
