package dev.scoring.trainer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tribuo.Model;
import org.tribuo.protos.core.ModelProto;

import com.google.protobuf.InvalidProtocolBufferException;

/**
 * Makes model files reproducible. Tribuo stamps the provenance of a model (and of every model inside
 * it: ensemble members, the model a feature transformation wraps) with the wall-clock time of
 * training, so two identical trainings write different bytes, and Tribuo offers no way to set it.
 * <p>
 * This rewrites, in the serialized model, every ISO-8601 timestamp that falls within the training
 * run to a fixed time: {@code SOURCE_DATE_EPOCH} (seconds; the reproducible-builds convention) when
 * set, else the epoch. The replacement is written at the original's exact length (same fraction
 * digits, same offset form), so no protobuf length prefix changes; the result is parsed back and
 * must load as a model. Everything else in the provenance (trainer, hyper-parameters, seeds, dataset
 * description, Tribuo and Java versions) is kept.
 */
final class ReproducibleModels {

    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.(\\d{1,9}))?)?(Z|[+-]\\d{2}:\\d{2})");

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
        Instant runEnd = Instant.now();
        // ISO-8859-1 maps every byte to one char and back, so offsets in the string are byte offsets.
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        Matcher m = TIMESTAMP.matcher(text);
        int replaced = 0;
        while (m.find()) {
            Instant stamp;
            try {
                stamp = OffsetDateTime.parse(m.group()).toInstant();
            } catch (DateTimeParseException e) {
                continue;
            }
            if (stamp.isBefore(runStart.minusSeconds(1)) || stamp.isAfter(runEnd.plusSeconds(1))) {
                continue; // not a training stamp (e.g. the data source's fixed creation time)
            }
            byte[] replacement = sameShape(m, pinned).getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(replacement, 0, bytes, m.start(), replacement.length);
            replaced++;
        }
        if (replaced == 0) {
            throw new IllegalStateException("no training timestamp found in the serialized " + model.getClass());
        }
        try {
            Model.deserialize(ModelProto.parseFrom(bytes));
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new IllegalStateException("the model no longer loads after pinning its timestamps", e);
        }
        return bytes;
    }

    /** {@code pinned} written with the same number of characters as the matched timestamp. */
    private static String sameShape(Matcher m, OffsetDateTime pinned) {
        String original = m.group();
        String fraction = m.group(1);
        String offset = m.group(2);
        StringBuilder s = new StringBuilder(pinned.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")));
        if (original.length() > 16 + offset.length()) {
            s.append(pinned.format(DateTimeFormatter.ofPattern(":ss")));
            if (fraction != null) {
                String nanos = String.format("%09d", pinned.getNano());
                s.append('.').append(nanos, 0, fraction.length());
            }
        }
        s.append("Z".equals(offset) ? "Z" : "+00:00");
        if (s.length() != original.length()) {
            throw new IllegalStateException("cannot rewrite " + original + " at the same length");
        }
        return s.toString();
    }
}
