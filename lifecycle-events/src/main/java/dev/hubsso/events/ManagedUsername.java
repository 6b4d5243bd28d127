package dev.hubsso.events;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Hub username rules, and the derivation of a managed account's username from the IdP's
 * {@code userName}. Every service applies these rules through this one class, so the SCIM
 * response can show the username that provisioning will create.
 *
 * <p>A hub username has 2 to 42 letters, digits and {@code -}, no {@code --}, no leading or
 * trailing {@code -}, and is not all digits. A managed username is the IdP's userName (the
 * local part of an email address) normalized to those rules, then {@code -<shortCode>}: the
 * suffix keeps managed usernames apart from personal accounts and from other organizations.
 */
public final class ManagedUsername {

    /** Longest hub username. */
    public static final int MAX_LENGTH = 42;
    /** Shortest hub username. */
    public static final int MIN_LENGTH = 2;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9]+(-[A-Za-z0-9]+)*");
    private static final Pattern ALL_DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern SHORT_CODE = Pattern.compile("[a-z0-9]{2,10}");
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^A-Za-z0-9]+");

    private ManagedUsername() {
    }

    /** True if {@code username} follows the hub's username rules. */
    public static boolean isValid(String username) {
        return username != null
                && username.length() >= MIN_LENGTH
                && username.length() <= MAX_LENGTH
                && USERNAME.matcher(username).matches()
                && !ALL_DIGITS.matcher(username).matches();
    }

    /** True if {@code shortCode} may be an organization's suffix: 2–10 lowercase letters or digits, one letter at least. */
    public static boolean isValidShortCode(String shortCode) {
        return shortCode != null && SHORT_CODE.matcher(shortCode).matches()
                && !ALL_DIGITS.matcher(shortCode).matches();
    }

    /**
     * Derives the managed username for an IdP userName.
     *
     * @throws IllegalArgumentException if the userName has no letter or digit to keep, or the short code is invalid
     */
    public static String derive(String idpUserName, String shortCode) {
        if (!isValidShortCode(shortCode)) {
            throw new IllegalArgumentException("invalid organization short code: " + shortCode);
        }
        if (idpUserName == null) {
            throw new IllegalArgumentException("userName is required");
        }
        String local = idpUserName.strip();
        int at = local.indexOf('@');
        if (at >= 0) {
            local = local.substring(0, at);
        }
        String base = trimDashes(NOT_ALLOWED.matcher(local).replaceAll("-"));
        String suffix = "-" + shortCode;
        int room = MAX_LENGTH - suffix.length();
        if (base.length() > room) {
            base = trimDashes(base.substring(0, room));
        }
        if (base.isEmpty()) {
            throw new IllegalArgumentException("userName '" + idpUserName + "' has no letter or digit to form a hub username");
        }
        String username = base + suffix;
        if (!isValid(username)) {
            throw new IllegalArgumentException("userName '" + idpUserName + "' does not form a valid hub username");
        }
        return username;
    }

    /** Case-insensitive uniqueness key of a username. */
    public static String canonical(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    private static String trimDashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(start, end);
    }
}
