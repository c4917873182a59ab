package org.natterjack.upgrade.channel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.natterjack.upgrade.api.Activation;
import org.natterjack.upgrade.api.InstallOptions;
import org.natterjack.upgrade.api.UpgradeBusy;
import org.natterjack.upgrade.api.UpgradeRefused;
import org.natterjack.upgrade.api.UpgradeRefused.Check;
import org.natterjack.upgrade.api.UpgradeStatus;
import org.natterjack.upgrade.bundle.DebianVersion;
import org.natterjack.upgrade.bundle.SignedContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The update channel, checked by a Quartz job: fetches {@code index.json} and its detached signature
 * {@code index.json.sig}, verifies it against RAUC's keyring (codeSigning), and when it offers a newer version
 * either shows it ("X available") or, with auto-install, downloads the bundle into {@code download.part}, resuming
 * with an HTTP Range from the byte a broken download reached, checks its size and SHA-256, and hands it to the
 * agent, which verifies it as an upload before any drain.
 */
public final class UpdateChannel {

    private static final Logger LOG = LoggerFactory.getLogger(UpdateChannel.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Takes a downloaded bundle: the agent's install of a file on disk. */
    public interface Installer {
        void install(Path bundle, InstallOptions options) throws UpgradeBusy, UpgradeRefused, IOException;
    }

    private final URI index;
    private final SignedContent signatures;
    private final Path part;
    private final boolean autoInstall;
    private final Clock clock;
    private final HttpClient http;
    private volatile UpgradeStatus.Channel status;

    public UpdateChannel(URI index, SignedContent signatures, Path part, boolean autoInstall, Clock clock,
                         HttpClient http) {
        this.index = index;
        this.signatures = signatures;
        this.part = part;
        this.autoInstall = autoInstall;
        this.clock = clock;
        this.http = http;
        this.status = new UpgradeStatus.Channel(index.toString(), Optional.empty(), Optional.empty(), "",
                autoInstall);
    }

    public UpgradeStatus.Channel status() {
        return status;
    }

    /** One check; never throws: the outcome is in {@link #status()} and the log. */
    public void check(String running, Installer installer) {
        Optional<String> available = Optional.empty();
        String error = "";
        try {
            ChannelIndex offered = fetchIndex();
            if (DebianVersion.parse(offered.version()).compareTo(DebianVersion.parse(running)) > 0) {
                available = Optional.of(offered.version());
                if (autoInstall) {
                    download(offered);
                    installer.install(part, new InstallOptions(false, new Activation.Now(), Optional.empty()));
                    LOG.info("Update channel: {} downloaded and verified, installing", offered.version());
                }
            }
        } catch (UpgradeRefused | UpgradeBusy | IOException | IllegalArgumentException e) {
            error = e.getMessage();
            LOG.warn("Update channel {}: {}", index, error);
        } catch (InterruptedException e) {
            error = "interrupted";
            Thread.currentThread().interrupt();
        }
        status = new UpgradeStatus.Channel(index.toString(), Optional.of(clock.instant()), available, error,
                autoInstall);
    }

    ChannelIndex fetchIndex() throws IOException, InterruptedException, UpgradeRefused {
        byte[] json = get(index);
        byte[] signature = get(URI.create(index + ".sig"));
        try {
            signatures.detached(json, signature);
        } catch (UpgradeRefused e) {
            throw new UpgradeRefused(Check.CHANNEL, "the channel's index is not signed by the release key: "
                    + e.getMessage());
        }
        return ChannelIndex.parse(json, index);
    }

    /**
     * Downloads the bundle into {@code download.part}, resuming from its current length, then checks size and
     * SHA-256 (a mismatch removes the file, so the next try starts over).
     */
    void download(ChannelIndex offered) throws IOException, InterruptedException, UpgradeRefused {
        Files.createDirectories(part.toAbsolutePath().getParent());
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (have > offered.size()) {
            Files.delete(part);
            have = 0;
        }
        if (have < offered.size()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(offered.url()).timeout(TIMEOUT);
            if (have > 0) {
                request.header("Range", "bytes=" + have + "-");
            }
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            boolean resumed = response.statusCode() == 206;
            if (!resumed && response.statusCode() != 200) {
                response.body().close();
                throw new IOException("the bundle download got HTTP " + response.statusCode());
            }
            try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(part,
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    resumed ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                in.transferTo(out);
            } catch (IOException e) {
                throw new IOException("the download of " + offered.version() + " broke off at " + Files.size(part)
                        + " of " + offered.size() + " bytes (" + e.getMessage() + "); the next check resumes it", e);
            }
        }
        if (Files.size(part) != offered.size() || !sha256(part).equals(offered.sha256())) {
            Files.delete(part);
            throw new UpgradeRefused(Check.CHANNEL, "the downloaded bundle does not match the index's size and"
                    + " sha256");
        }
    }

    private byte[] get(URI uri) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    private static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
