package ore.auth.domain.account;

import java.util.regex.Pattern;
import ore.auth.domain.AuthErrors;
import ore.core.crypto.Sha256;

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
        return Sha256.hex(value);
    }

    @Override
    public String toString() {
        return "DeviceId[***]";
    }
}
