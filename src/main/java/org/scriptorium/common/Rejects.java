package org.scriptorium.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The {@link Rejected} codes a JSON API handler may answer with one status, as its OpenAPI description lists them.
 *
 * <p>Only what the handler and the services it calls reject: the answers every handler may give (a malformed
 * request, no or a bad sign-in, a role or CSRF refusal, an upload over the limit, a server error) are added to
 * every operation by the API description itself ({@code web.ApiDocs}), from the security rules and the
 * handler's signature.
 *
 * <pre>{@code
 * @Rejects(status = 422, codes = "CODE_INVALID")
 * @Rejects(status = 409, codes = "CODE_ALREADY_REDEEMED")
 * @PostMapping("/me/redeem")
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Rejects.List.class)
public @interface Rejects {

    /** The HTTP status of these rejections (400–599). */
    int status();

    /** Their stable machine codes, as {@link Rejected#code()} gives them. */
    String[] codes();

    /** The container of repeated {@link Rejects}; written by the compiler, not by hand. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        Rejects[] value();
    }
}
