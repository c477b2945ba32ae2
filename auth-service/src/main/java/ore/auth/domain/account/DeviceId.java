package ore.auth.domain.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;
import ore.auth.domain.AuthErrors;

/**
 * The id a game client generates on first launch and keeps in its secure storage; it is the only
 * credential of a guest account, so only its SHA-256 is stored.
 */
public record DeviceId(String value) {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._:-]{10,128}");

    public DeviceId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw AuthErrors.invalidDeviceId("deviceId must be 10 to 128 characters of A-Z a-z 0-9 . _ : -");
        }
    }

    /** SHA-256 of the id, as 64 lower-case hex digits. */
    public String hash() {
        try {
            return java.util.HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "DeviceId[***]";
    }
}
