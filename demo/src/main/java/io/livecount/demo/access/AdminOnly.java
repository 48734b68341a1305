package io.livecount.demo.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method (or every method of a resource class) for the logged-in admin only. The kind
 * says who calls it and so how a caller without a login is answered.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AdminOnly {

    Kind value() default Kind.PAGE;

    enum Kind {
        /** A page for a browser: the session cookie only; without it, 303 to {@code /login}. */
        PAGE,
        /**
         * The JSON API for scripts: the session cookie or HTTP Basic; without either, 401 (and no
         * {@code WWW-Authenticate: Basic} challenge, so browsers never cache Basic credentials).
         */
        API
    }
}
