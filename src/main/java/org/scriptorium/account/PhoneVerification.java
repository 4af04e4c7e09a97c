package org.scriptorium.account;

import java.util.Optional;

/**
 * The port for signing in with a phone number, left for when an SMS gateway is chosen: none is configured, so no
 * bean implements it and no page offers it. An adapter (Aliyun SMS, Tencent Cloud SMS …) would send a one-time code
 * to a number and check what the user typed; accounts would then carry a verified number beside their address.
 */
public interface PhoneVerification {

    /**
     * Sends a one-time code to the number (mainland numbers as {@code +86…}).
     *
     * @return an id for the code's check, to pass to {@link #check}
     */
    String sendCode(String phoneNumber);

    /** The verified number when {@code code} is the one sent under {@code checkId} and still valid, else empty. */
    Optional<String> check(String checkId, String code);
}
