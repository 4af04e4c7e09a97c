package org.scriptorium.account;

import com.nulabinc.zxcvbn.StandardDictionaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.scriptorium.common.Rejected;

/**
 * Which passwords an account may have: 8 to 128 characters, not blank, not one character repeated, and not on the
 * list of common passwords. The list is zxcvbn's ranked list of the 30,000 passwords found most often in leaked
 * password sets ({@code com.nulab-inc:zxcvbn}, maintained upstream), plus a few that lead published analyses of
 * Chinese leaks and are missing from it; it is compared without regard to case or surrounding spaces.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 128;

    /** A rule a password broke; its name is the {@code rule} of a {@code WEAK_PASSWORD} problem. */
    enum Rule {
        TOO_SHORT("密码至少需要 " + MIN_LENGTH + " 个字符。", "The password must be at least " + MIN_LENGTH + " characters long."),
        TOO_LONG("密码不能超过 " + MAX_LENGTH + " 个字符。", "The password must be at most " + MAX_LENGTH + " characters long."),
        BLANK("密码不能只有空格。", "The password must not be only spaces."),
        ONE_CHARACTER("密码不能由同一个字符重复组成。", "The password must not be one character repeated."),
        COMMON("该密码过于常见，很容易被猜中，请换一个。", "This password is too common and easily guessed; choose another.");

        final String chinese;
        final String english;

        Rule(String chinese, String english) {
            this.chinese = chinese;
            this.english = english;
        }
    }

    /** Frequent in Chinese leaks (CSDN, Tianya 2011 and later analyses) and absent from zxcvbn's list. */
    private static final Set<String> CHINESE_COMMON = Set.of(
            "woaini1314", "woaini520", "woaini521", "1314woaini", "iloveyou1314", "aini1314", "a5201314",
            "5201314a", "13145200", "52013140", "woaini123", "woainima", "wodemima", "mima1234", "mima123456",
            "zhang123456", "wang123456", "li123456", "qq5201314");

    private static volatile PasswordPolicy standard;

    private final Set<String> common;

    /** The one policy, its list loaded on first use (about 30,000 words). */
    static PasswordPolicy standard() {
        PasswordPolicy policy = standard;
        if (policy == null) {
            synchronized (PasswordPolicy.class) {
                if (standard == null) {
                    standard = new PasswordPolicy();
                }
                policy = standard;
            }
        }
        return policy;
    }

    /** Loads the list of common passwords; throws if the library's list cannot be read. */
    PasswordPolicy() {
        try {
            Set<String> words = new HashSet<>(StandardDictionaries.PASSWORDS_LOADER.load().getRankedDictionary().keySet());
            words.addAll(CHINESE_COMMON);
            this.common = Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException("zxcvbn's password list cannot be read", e);
        }
    }

    /** The first rule the password breaks, if any. */
    Optional<Rule> broken(String password) {
        if (password == null) {
            return Optional.of(Rule.TOO_SHORT);
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of(Rule.TOO_SHORT);
        }
        if (length > MAX_LENGTH) {
            return Optional.of(Rule.TOO_LONG);
        }
        if (password.isBlank()) {
            return Optional.of(Rule.BLANK);
        }
        if (password.codePoints().distinct().count() == 1) {
            return Optional.of(Rule.ONE_CHARACTER);
        }
        if (common.contains(password.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of(Rule.COMMON);
        }
        return Optional.empty();
    }

    /**
     * @throws Rejected 422 {@code WEAK_PASSWORD}, with the broken rule's name as {@code rule}, when the password
     *                  breaks a rule
     */
    void require(String password) {
        broken(password).ifPresent(rule -> {
            throw Rejected.invalid("WEAK_PASSWORD", rule.chinese, rule.english).with("rule", rule.name());
        });
    }
}
