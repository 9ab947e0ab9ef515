package io.polyclinic.ingest.storage;

import io.polyclinic.platform.id.Ids;
import io.polyclinic.platform.problem.InvalidRequestException;
import io.polyclinic.platform.security.AuthenticatedUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Uploads of spreadsheets into the bucket, under keys {@code uploads/<user id>/<upload id>/<file name>}: a user imports
 * only objects under their own prefix (an ADMIN any object).
 */
@Service
public class UploadService {

    private static final int MAX_NAME = 120;

    private final ObjectStore store;
    private final Clock clock;
    private final Duration presignedUrlTtl;

    UploadService(ObjectStore store, Clock clock, UploadSettings settings) {
        this.store = store;
        this.clock = clock;
        this.presignedUrlTtl = settings.presignedUrlTtl();
    }

    /** Settings of uploads: how long a presigned URL lives. */
    public record UploadSettings(Duration presignedUrlTtl) {}

    /**
     * A presigned upload: the client PUTs the file's bytes to {@code url} before {@code expiresAt}, then starts the
     * import with {@code key}.
     */
    public record PresignedUpload(String key, String url, String method, Instant expiresAt) {}

    /** A fresh key for a user's file and a presigned PUT URL for it. */
    public PresignedUpload presign(AuthenticatedUser user, String fileName) {
        var key = newKey(user, fileName);
        var url = store.presignPut(key, presignedUrlTtl);
        return new PresignedUpload(key, url.toString(), "PUT", clock.instant().plus(presignedUrlTtl));
    }

    /** A fresh key for a user's file. */
    private static String newKey(AuthenticatedUser user, String fileName) {
        return "uploads/" + user.id() + "/" + Ids.newId() + "/" + safeName(fileName);
    }

    /**
     * Checks that {@code key} is one of the user's uploads (an ADMIN may name any) and returns the object's size.
     *
     * @throws InvalidRequestException when the key is malformed, someone else's, or names no object (400)
     */
    public long requireOwnObject(AuthenticatedUser user, String key) {
        if (key == null || key.length() > 1024 || key.contains("..") || !key.startsWith("uploads/")) {
            throw new InvalidRequestException("key", "Not an upload key.");
        }
        if (!user.isAdmin() && !key.startsWith("uploads/" + user.id() + "/")) {
            throw new InvalidRequestException("key", "Not one of your uploads.");
        }
        return store.size(key).orElseThrow(() -> new InvalidRequestException("key", "Nothing was uploaded there."));
    }

    /** The file name part of an upload key. */
    public static String fileName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    /** The owner encoded in an upload key, or null. */
    public static UUID owner(String key) {
        var parts = key.split("/", 4);
        try {
            return parts.length == 4 ? UUID.fromString(parts[1]) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The file name reduced to letters, digits, {@code . _ -} (others become {@code _}), at most 120 characters. */
    static String safeName(String fileName) {
        var name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        var safe = new StringBuilder();
        name.codePoints()
                .limit(MAX_NAME)
                .forEach(cp -> safe.appendCodePoint(
                        Character.isLetterOrDigit(cp) || cp == '.' || cp == '-' || cp == '_' ? cp : '_'));
        var result = safe.toString().replaceAll("^\\.+", "_");
        return result.isEmpty() ? "upload" : result;
    }
}
