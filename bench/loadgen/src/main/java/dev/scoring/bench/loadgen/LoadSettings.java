package dev.scoring.bench.loadgen;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Command-line settings of one open-loop run; every one is echoed into the result. */
record LoadSettings(URI url, Path body, Map<String, String> headers, double rate, double durationSeconds,
        double warmupSeconds, int connections, Path out) {

    static final String USAGE = """
            usage: loadgen --url http://127.0.0.1:PORT/path --body FILE --rate REQ_PER_S --duration S
                           [--warmup S] [--connections N] [--header 'Name: value']... [--out FILE]
            Sends POST requests at a fixed rate (evenly spaced), whatever the answers do, and records each
            latency from the request's intended send time with HdrHistogram. Requests of the warm-up are
            sent but not recorded. Writes a JSON summary to --out (or standard output).""";

    static LoadSettings parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (!name.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got '" + name + "'\n" + USAGE);
            }
            String value = args[++i];
            if (name.equals("--header")) {
                int colon = value.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("--header needs 'Name: value', got '" + value + "'");
                }
                headers.put(value.substring(0, colon).trim(), value.substring(colon + 1).trim());
            } else {
                values.put(name.substring(2), value);
            }
        }
        URI url = URI.create(required(values, "url"));
        if (!"http".equals(url.getScheme()) || url.getPort() < 0) {
            throw new IllegalArgumentException("--url must be http://host:port/path, got " + url);
        }
        Path body = Path.of(required(values, "body"));
        if (!Files.isReadable(body)) {
            throw new IllegalArgumentException("--body " + body + " is not a readable file");
        }
        double rate = positive(values, "rate", null);
        double duration = positive(values, "duration", null);
        double warmup = Double.parseDouble(values.getOrDefault("warmup", "0"));
        if (warmup < 0 || warmup >= duration) {
            throw new IllegalArgumentException("--warmup must be >= 0 and shorter than --duration");
        }
        int connections = (int) positive(values, "connections", "64");
        Path out = values.containsKey("out") ? Path.of(values.get("out")) : null;
        values.keySet().removeAll(java.util.List.of("url", "body", "rate", "duration", "warmup", "connections", "out"));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) " + values.keySet() + "\n" + USAGE);
        }
        return new LoadSettings(url, body, Map.copyOf(headers), rate, duration, warmup, connections, out);
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required\n" + USAGE);
        }
        return value;
    }

    private static double positive(Map<String, String> values, String name, String fallback) {
        String text = fallback == null ? required(values, name) : values.getOrDefault(name, fallback);
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + text + "'");
        }
        if (!(value > 0)) {
            throw new IllegalArgumentException("--" + name + " must be above 0, got " + text);
        }
        return value;
    }
}
