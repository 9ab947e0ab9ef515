package io.polyclinic.audit.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the chain anchor in a file outside the database (decision 0030): a small JSON object
 * {@code {"format":1,"seq","hash","keyedFromSeq","writtenAt","keyId","mac"}} whose {@code mac} is an HMAC-SHA256 under
 * the chain key named by {@code keyId}, so nobody without the key can forge or move it. Each write goes to a
 * temporary file in the same directory, is flushed to disk, renamed over the old file (atomic) and the directory is
 * flushed: after a crash the file holds either the old or the new anchor, never a torn one.
 *
 * <p>Only this service instance may write the file (single writer); the anchor only moves forward. When the file
 * does not exist yet (first start, or first start after the upgrade to keyed links) it is created from the
 * database's chain head: the chain is keyed from the next position on (or from the first keyed record already
 * there, if the file was lost, which is logged as a warning). A file that does not parse or whose MAC does not verify
 * with a configured key stops the service from starting.
 */
public class ChainAnchorStore {

    private static final Logger log = LoggerFactory.getLogger(ChainAnchorStore.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HexFormat HEX = HexFormat.of();
    private static final int FORMAT = 1;
    /** An anchor is a few hundred bytes; anything much larger is not one. */
    private static final long MAX_FILE_BYTES = 4096;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;
    private final ChainKeys keys;
    private final Clock clock;
    private ChainAnchor current;

    /**
     * Loads the anchor file, or creates it from the database's chain head when it does not exist.
     *
     * @param file where the anchor lives; its directory is created when missing
     * @throws IllegalStateException when the file is not a valid anchor or its MAC does not verify
     * @throws UncheckedIOException when the file cannot be read or written
     */
    public ChainAnchorStore(Path file, ChainKeys keys, Clock clock, AuditRecordRepository repository) {
        this.file = file.toAbsolutePath();
        this.keys = keys;
        this.clock = clock;
        var loaded = read();
        if (loaded != null) {
            current = loaded;
            log.info("Audit chain anchored at seq {} ({})", loaded.seq(), this.file);
            return;
        }
        var head = repository.head();
        var firstKeyed = repository.firstKeyedSeq();
        if (firstKeyed.isPresent()) {
            log.warn(
                    "The audit chain anchor {} is missing although the log holds keyed records: anchoring again on"
                            + " the database's head (seq {}); restore the file from a backup to keep the earlier"
                            + " anchor's protection",
                    this.file,
                    head.lastSeq());
        } else {
            log.info(
                    "Creating the audit chain anchor {} at seq {}: links are keyed from seq {} on",
                    this.file,
                    head.lastSeq(),
                    head.lastSeq() + 1);
        }
        current = write(head.lastSeq(), head.lastHash(), firstKeyed.orElse(head.lastSeq() + 1));
    }

    /** The latest anchor written or read. */
    public synchronized ChainAnchor current() {
        return current;
    }

    /**
     * Anchors the chain at a later position; does nothing when the anchor is already there or further.
     *
     * @param seq the position, the last of a committed batch
     * @param hash its link
     * @throws UncheckedIOException when the file cannot be written (the previous anchor stays)
     */
    public synchronized void advance(long seq, byte[] hash) {
        if (seq <= current.seq()) {
            return;
        }
        current = write(seq, hash, current.keyedFromSeq());
    }

    private ChainAnchor write(long seq, byte[] hash, long keyedFromSeq) {
        var anchor = new ChainAnchor(
                seq, hash.clone(), keyedFromSeq, Instant.now(clock).truncatedTo(ChronoUnit.MILLIS), keys.currentId());
        var json = JSON.createObjectNode()
                .put("format", FORMAT)
                .put("seq", anchor.seq())
                .put("hash", HEX.formatHex(anchor.hash()))
                .put("keyedFromSeq", anchor.keyedFromSeq())
                .put("writtenAt", anchor.writtenAt().toString())
                .put("keyId", anchor.keyId())
                .put("mac", HEX.formatHex(mac(anchor)));
        var bytes = (JSON.writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8);
        var directory = file.getParent();
        var temporary = directory.resolve(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(directory);
            Files.deleteIfExists(temporary);
            var attributes = posix(directory)
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                    : new FileAttribute<?>[0];
            try (var channel = FileChannel.open(
                    temporary, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
                var buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("The file system of " + file + " cannot rename atomically", e);
            }
            syncDirectory(directory);
            return anchor;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the audit chain anchor " + file, e);
        }
    }

    private ChainAnchor read() {
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalStateException("The audit chain anchor " + file + " is not an anchor (too large)");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the audit chain anchor " + file, e);
        }
        ChainAnchor anchor;
        byte[] storedMac;
        try {
            var json = JSON.readTree(text);
            if (json.path("format").asInt(0) != FORMAT) {
                throw new IllegalStateException("The audit chain anchor " + file + " has an unknown format");
            }
            anchor = new ChainAnchor(
                    json.required("seq").asLong(),
                    HEX.parseHex(string(json, "hash")),
                    json.required("keyedFromSeq").asLong(),
                    Instant.parse(string(json, "writtenAt")),
                    string(json, "keyId"));
            storedMac = HEX.parseHex(string(json, "mac"));
        } catch (JacksonException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new IllegalStateException("The audit chain anchor " + file + " is not a valid anchor");
        }
        if (!keys.knows(anchor.keyId())) {
            throw new IllegalStateException("The audit chain anchor " + file + " is sealed with key " + anchor.keyId()
                    + ", which is neither polyclinic.audit.chain.key nor one of previous-keys");
        }
        if (anchor.hash().length != 32 || !MessageDigest.isEqual(storedMac, mac(anchor))) {
            throw new IllegalStateException(
                    "The audit chain anchor " + file + " does not verify: it was altered outside the service");
        }
        return anchor;
    }

    private static String string(JsonNode json, String field) {
        var node = json.required(field);
        if (!node.isString()) {
            throw new IllegalArgumentException(field + " is not a string");
        }
        return node.asString();
    }

    /** The HMAC over the anchor's fields; every field is digits, hex or an ISO instant, so {@code |} separates. */
    private byte[] mac(ChainAnchor anchor) {
        var text = "polyclinic-audit-anchor-v" + FORMAT + "|" + anchor.seq() + "|" + HEX.formatHex(anchor.hash()) + "|"
                + anchor.keyedFromSeq() + "|" + anchor.writtenAt() + "|" + anchor.keyId();
        return keys.mac(anchor.keyId()).doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean posix(Path directory) {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Makes the rename durable; a file system that cannot open a directory (Windows) persists it on its own. */
    private static void syncDirectory(Path directory) {
        try (var channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.debug("Cannot flush directory {}: {}", directory, e.getMessage());
        }
    }
}
