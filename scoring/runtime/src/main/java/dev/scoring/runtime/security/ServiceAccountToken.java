package dev.scoring.runtime.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * The pod's own service-account token, as the {@code Authorization} header of a request to the API server. The
 * file is read on each use because the kubelet rotates it.
 */
final class ServiceAccountToken {

    private static final Logger LOG = Logger.getLogger(ServiceAccountToken.class);

    private final Path file;

    ServiceAccountToken(Path file) {
        this.file = file;
    }

    /** Empty when the file cannot be read: the request goes ahead without it, the API server refuses it, and
     * readiness says so. */
    Optional<String> authorization() {
        try {
            return Optional.of("Bearer " + Files.readString(file).trim());
        } catch (IOException e) {
            LOG.warnf("Cannot read the service-account token %s to fetch the cluster's keys: %s", file, e);
            return Optional.empty();
        }
    }
}
